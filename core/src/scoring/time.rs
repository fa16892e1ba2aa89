//! Europe/Helsinki civil time in pure code: the EU summer-time rule, RFC 3339 parsing.

use super::ScoringError;
use crate::date::civil_from_days;
pub use crate::date::helsinki_offset;
use crate::date::parse_stamp;

const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// Converts Helsinki wall-clock seconds to UTC; ambiguous autumn times take the earlier (summer)
/// instant, times skipped in spring are an error.
pub fn helsinki_to_utc(local: i64) -> Option<i64> {
    [3 * HOUR, 2 * HOUR]
        .into_iter()
        .map(|off| local - off)
        .find(|&utc| helsinki_offset(utc) == local - utc)
}

/// Parses a Helsinki wall-clock time such as `2021-11-12T16:15` into a UTC timestamp.
pub fn parse_helsinki(s: &str) -> Result<i64, ScoringError> {
    let bad = || {
        ScoringError::Time(format!(
            "`{s}` is not a local date and time (YYYY-MM-DDTHH:MM)"
        ))
    };
    let stamp = parse_stamp(s)
        .filter(|t| t.has_time && t.offset.is_none())
        .ok_or_else(bad)?;
    helsinki_to_utc(stamp.wall_seconds()).ok_or_else(|| {
        ScoringError::Time(format!(
            "`{s}` does not exist in Helsinki (clocks skip it in spring)"
        ))
    })
}

/// Parses `now`: whole seconds since 1970 UTC, or an RFC 3339 timestamp with `Z` or an offset.
pub fn parse_instant(s: &str) -> Result<i64, ScoringError> {
    let t = s.trim();
    if let Ok(secs) = t.parse::<i64>() {
        return Ok(secs);
    }
    parse_stamp(t)
        .filter(|t| t.has_time)
        .and_then(|t| t.utc())
        .ok_or_else(|| ScoringError::Time(format!("`{s}` is not an RFC 3339 timestamp")))
}

/// Formats a UTC timestamp as RFC 3339 with `Z`.
pub fn format_utc(utc: i64) -> String {
    let (y, m, d) = civil_from_days(utc.div_euclid(DAY));
    let s = utc.rem_euclid(DAY);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / HOUR,
        s % HOUR / 60,
        s % 60
    )
}

/// Formats a UTC timestamp as Helsinki local time with its offset, e.g. `2021-11-12T16:15:00+02:00`.
pub fn format_helsinki(utc: i64) -> String {
    let off = helsinki_offset(utc);
    let local = utc + off;
    let (y, m, d) = civil_from_days(local.div_euclid(DAY));
    let s = local.rem_euclid(DAY);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}+{:02}:00",
        s / HOUR,
        s % HOUR / 60,
        s % 60,
        off / HOUR
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summer_time_switches_on_the_last_sundays_at_one_utc() {
        // 2023: summer time from 26 March 01:00 UTC to 29 October 01:00 UTC.
        let start = parse_instant("2023-03-26T01:00:00Z").expect("valid");
        assert_eq!(helsinki_offset(start - 1), 2 * HOUR);
        assert_eq!(helsinki_offset(start), 3 * HOUR);
        let end = parse_instant("2023-10-29T01:00:00Z").expect("valid");
        assert_eq!(helsinki_offset(end - 1), 3 * HOUR);
        assert_eq!(helsinki_offset(end), 2 * HOUR);
    }

    #[test]
    fn built_in_deadlines_convert_with_the_right_offset() {
        // 12 November 2021 is winter time (+2), 31 May 2023 summer time (+3).
        let a = parse_helsinki("2021-11-12T16:15").expect("valid");
        assert_eq!(format_utc(a), "2021-11-12T14:15:00Z");
        let b = parse_helsinki("2023-05-31T23:59").expect("valid");
        assert_eq!(format_utc(b), "2023-05-31T20:59:00Z");
        assert_eq!(format_helsinki(b), "2023-05-31T23:59:00+03:00");
    }

    #[test]
    fn skipped_spring_hour_is_an_error_and_repeated_autumn_hour_takes_the_first() {
        assert!(parse_helsinki("2023-03-26T03:30").is_err());
        let t = parse_helsinki("2023-10-29T03:30").expect("valid");
        assert_eq!(format_utc(t), "2023-10-29T00:30:00Z");
    }

    #[test]
    fn instants_accept_offsets_and_numbers_and_reject_junk() {
        assert_eq!(parse_instant("1636726500").expect("valid"), 1_636_726_500);
        assert_eq!(
            parse_instant("2021-11-12T16:15:00+02:00").expect("valid"),
            parse_instant("2021-11-12T14:15:00.250Z").expect("valid")
        );
        for junk in [
            "",
            "2021-13-01T00:00Z",
            "2021-02-30T00:00Z",
            "tomorrow",
            "2021-11-12T16:15",
        ] {
            assert!(parse_instant(junk).is_err(), "{junk}");
        }
    }
}
