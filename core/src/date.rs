//! The one calendar: proleptic Gregorian day numbers counted from 1970-01-01, and the strict
//! `YYYY-MM-DD` form that listings, options and the JSON Schemas use.

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Days in month `m` (1–12) of year `y`.
pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Day number of an RFC 3339 full-date, exactly `YYYY-MM-DD` (JSON Schema `format: date`):
/// no sign, no time, no spaces; `None` otherwise, also for impossible days like 02-30.
pub fn day_number(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    let num = |r: std::ops::Range<usize>| date.get(r)?.parse::<u32>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let y = i64::from(y);
    let valid = (1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d) && y >= 1;
    valid.then(|| days_from_civil(y, m, d))
}

const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// Day of the week of a day number, 0 = Sunday (1970-01-01 was a Thursday).
pub fn weekday(day: i64) -> i64 {
    (day + 4).rem_euclid(7)
}

/// Day number of the last Sunday of month `m` in year `y`.
fn last_sunday(y: i64, m: u32) -> i64 {
    let last = days_from_civil(y, m, days_in_month(y, m));
    last - weekday(last)
}

/// UTC offset of Finnish time (seconds) at the UTC instant `utc` (seconds since 1970): +3 h in
/// EU summer time (01:00 UTC on the last Sunday of March to that of October), else +2 h.
pub fn helsinki_offset(utc: i64) -> i64 {
    let (y, _, _) = civil_from_days(utc.div_euclid(DAY));
    let start = last_sunday(y, 3) * DAY + HOUR;
    let end = last_sunday(y, 10) * DAY + HOUR;
    if (start..end).contains(&utc) {
        3 * HOUR
    } else {
        2 * HOUR
    }
}

/// A date and time as written in an ISO 8601 / RFC 3339 timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Day number of the written date.
    pub day: i64,
    /// Whether a time of day was written (a bare date is its midnight).
    pub has_time: bool,
    /// Seconds since the written day's midnight; 86 400 for `24:00`. A leap second `:60` is
    /// second 59 with a fraction: it stays on its day.
    pub seconds: i64,
    /// A non-zero fraction of a second follows the seconds (or it was a leap second).
    pub fraction: bool,
    /// Zone offset east of UTC in seconds; `None` when no zone is written.
    pub offset: Option<i64>,
}

impl Stamp {
    /// Seconds since the written day's 1970-01-01 midnight, on the written wall clock.
    pub fn wall_seconds(&self) -> i64 {
        self.day * DAY + self.seconds
    }

    /// The UTC instant (whole seconds since 1970), when a zone was written.
    pub fn utc(&self) -> Option<i64> {
        self.offset.map(|off| self.wall_seconds() - off)
    }
}

fn two_digits(s: &str) -> Option<i64> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The one timestamp reader: `YYYY-MM-DD[(T|t| )HH:MM[:SS[.fff]]][Z|±HH:MM|±HHMM]`, with
/// `24:00` as the end of the day and second 60 for a leap second; `None` for anything else.
pub fn parse_stamp(s: &str) -> Option<Stamp> {
    let s = s.trim();
    let day = day_number(s.get(..10)?)?;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(Stamp {
            day,
            has_time: false,
            seconds: 0,
            fraction: false,
            offset: None,
        });
    }
    let time = ["T", "t", " "].iter().find_map(|p| rest.strip_prefix(p))?;
    let (clock, zone) = match time.find(['Z', 'z', '+', '-']) {
        Some(i) => time.split_at(i),
        None => (time, ""),
    };
    let mut parts = clock.splitn(3, ':');
    let h = two_digits(parts.next()?)?;
    let mi = two_digits(parts.next()?)?;
    let (sec, fraction) = match parts.next() {
        Some(p) => {
            let (whole, frac) = p.split_once('.').unwrap_or((p, ""));
            if !frac.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            (two_digits(whole)?, frac.bytes().any(|b| b != b'0'))
        }
        None => (0, false),
    };
    if h > 24 || mi > 59 || sec > 60 || (h == 24 && (mi, sec, fraction) != (0, 0, false)) {
        return None;
    }
    let offset = match zone {
        "" => None,
        "Z" | "z" => Some(0),
        z => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let hm = z.get(1..)?.replacen(':', "", 1);
            let (oh, om) = (two_digits(hm.get(..2)?)?, two_digits(hm.get(2..)?)?);
            if hm.len() != 4 || oh > 14 || om > 59 {
                return None;
            }
            Some(sign * (oh * HOUR + om * 60))
        }
    };
    Some(Stamp {
        day,
        has_time: true,
        seconds: h * HOUR + mi * 60 + sec.min(59),
        fraction: fraction || sec == 60,
        offset,
    })
}

/// `YYYY-MM-DD` of a day number.
pub fn format_day(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trips_and_knows_the_epoch() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        for z in [-800_000, -1, 0, 59, 18_000, 19_500, 2_000_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn stamps_read_zones_end_of_day_and_leap_seconds() {
        let t = parse_stamp("2026-06-03T21:00:00.5+03:00").expect("valid");
        assert_eq!(
            (t.has_time, t.fraction, t.offset),
            (true, true, Some(3 * HOUR))
        );
        assert_eq!(t.utc(), Some(t.wall_seconds() - 3 * HOUR));
        assert_eq!(
            parse_stamp("2026-06-03T21:00-0130").and_then(|t| t.offset),
            Some(-5400)
        );
        let midnight = parse_stamp("2026-06-03T24:00").expect("valid");
        assert_eq!(
            midnight.wall_seconds(),
            parse_stamp("2026-06-04T00:00")
                .expect("valid")
                .wall_seconds()
        );
        let leap = parse_stamp("2016-12-31T23:59:60Z").expect("valid");
        assert_eq!((leap.seconds, leap.fraction), (DAY - 1, true));
        assert_eq!(parse_stamp("2026-02-28").map(|t| t.has_time), Some(false));
        for bad in [
            "2026-06-03T24:00:01",
            "2026-06-03T12:60",
            "2026-06-03T12:00+15:00",
            "2026-06-03X",
            "2026-06-03T12:00Zx",
            "",
        ] {
            assert_eq!(parse_stamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_the_schema_form_is_a_date() {
        assert_eq!(day_number("1970-01-02"), Some(1));
        assert_eq!(
            day_number("2024-02-29").map(format_day).as_deref(),
            Some("2024-02-29")
        );
        for bad in [
            "2023-02-28T12:00",
            "+2023-02-01",
            "2026-13-01",
            "2023-02-29",
            "2023-2-01",
            " 2023-02-01",
            "tomorrow",
            "0000-01-01",
            "",
            "２０２３-02-01",
        ] {
            assert_eq!(day_number(bad), None, "{bad}");
        }
    }
}
