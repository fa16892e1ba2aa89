//! Europe/Helsinki civil time in pure code: the EU summer-time rule, RFC 3339 parsing.

use super::ScoringError;
pub use crate::date::helsinki_offset;
pub(crate) use crate::date::{civil_from_days, days_from_civil, days_in_month};

const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// A wall-clock time without zone, as seconds since 1970-01-01T00:00 of that wall clock.
fn local_seconds(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> i64 {
    days_from_civil(y, mo, d) * DAY + i64::from(h) * HOUR + i64::from(mi) * 60 + i64::from(s)
}

/// Converts Helsinki wall-clock seconds to UTC; ambiguous autumn times take the earlier (summer)
/// instant, times skipped in spring are an error.
pub fn helsinki_to_utc(local: i64) -> Option<i64> {
    [3 * HOUR, 2 * HOUR]
        .into_iter()
        .map(|off| local - off)
        .find(|&utc| helsinki_offset(utc) == local - utc)
}

fn digits(s: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = s.get(range)?;
    if part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

/// Year, month, day, hour, minute, second.
type Fields = (i64, u32, u32, u32, u32, u32);

/// Date and time fields parsed from `YYYY-MM-DD[T ]HH:MM[:SS[.fff]]`, plus the rest of the text.
fn parse_fields(s: &str) -> Option<(Fields, &str)> {
    let s = s.trim();
    let (y, mo, d) = (digits(s, 0..4)?, digits(s, 5..7)?, digits(s, 8..10)?);
    if s.get(4..5)? != "-" || s.get(7..8)? != "-" || !matches!(s.get(10..11)?, "T" | "t" | " ") {
        return None;
    }
    let (h, mi) = (digits(s, 11..13)?, digits(s, 14..16)?);
    if s.get(13..14)? != ":" {
        return None;
    }
    let mut rest = s.get(16..)?;
    let mut sec = 0;
    if let Some(r) = rest.strip_prefix(':') {
        sec = digits(r, 0..2)?;
        rest = r.get(2..)?;
        if let Some(frac) = rest.strip_prefix('.') {
            let n = frac.bytes().take_while(u8::is_ascii_digit).count();
            rest = frac.get(n..)?;
        }
    }
    let valid = (1..=12).contains(&mo)
        && d >= 1
        && d <= days_in_month(i64::from(y), mo)
        && h < 24
        && mi < 60
        && sec < 60;
    valid.then_some(((i64::from(y), mo, d, h, mi, sec), rest))
}

/// Parses a Helsinki wall-clock time such as `2021-11-12T16:15` into a UTC timestamp.
pub fn parse_helsinki(s: &str) -> Result<i64, ScoringError> {
    let bad = || {
        ScoringError::Time(format!(
            "`{s}` is not a local date and time (YYYY-MM-DDTHH:MM)"
        ))
    };
    let ((y, mo, d, h, mi, sec), rest) = parse_fields(s).ok_or_else(bad)?;
    if !rest.is_empty() {
        return Err(bad());
    }
    helsinki_to_utc(local_seconds(y, mo, d, h, mi, sec)).ok_or_else(|| {
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
    let bad = || ScoringError::Time(format!("`{s}` is not an RFC 3339 timestamp"));
    let ((y, mo, d, h, mi, sec), rest) = parse_fields(t).ok_or_else(bad)?;
    let offset = match rest {
        "Z" | "z" => 0,
        r if r.len() == 6
            && (r.starts_with('+') || r.starts_with('-'))
            && r.get(3..4) == Some(":") =>
        {
            let mag = i64::from(digits(r, 1..3).ok_or_else(bad)?) * HOUR
                + i64::from(digits(r, 4..6).ok_or_else(bad)?) * 60;
            if r.starts_with('-') { -mag } else { mag }
        }
        _ => return Err(bad()),
    };
    Ok(local_seconds(y, mo, d, h, mi, sec) - offset)
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
