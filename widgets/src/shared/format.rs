//! The one number format of every widget, the same as `Intl.NumberFormat` gives: fi and sv
//! group with a no-break space and use a decimal comma and U+2212 minus; en uses `,` `.` `-`.

use kiertokit::Lang;

/// `value` rounded half away from zero to at most `max` fraction digits, trailing zeros dropped
/// down to `min` digits, grouped by thousands from 1 000. Not finite → "–".
pub fn number_in(value: f64, min: usize, max: usize, lang: Lang) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let max = max.min(6);
    let scale = 10f64.powi(max as i32);
    // Half away from zero, as Intl does; `format!` alone rounds exact halves to even.
    let fixed = format!("{:.*}", max, (value.abs() * scale).round() / scale);
    let (int, frac) = fixed.split_once('.').unwrap_or((fixed.as_str(), ""));
    let keep = frac.trim_end_matches('0').len().max(min.min(max));
    let frac = &frac[..keep];
    let (group, decimal, minus) = match lang {
        Lang::Fi | Lang::Sv => ('\u{a0}', ',', '\u{2212}'),
        Lang::En => (',', '.', '-'),
    };
    let mut out = String::with_capacity(int.len() + frac.len() + 4);
    let zero = int.bytes().all(|b| b == b'0') && frac.bytes().all(|b| b == b'0');
    if value < 0.0 && !zero {
        out.push(minus);
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(frac);
    }
    out
}

/// Exactly `decimals` fraction digits (counts, percentages, scores in tables).
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    number_in(value, decimals, decimals, lang)
}

/// Fraction digits by magnitude: enough to read small amounts, no false precision on big ones.
pub fn readable(value: f64, lang: Lang) -> String {
    let a = value.abs();
    let max = if a >= 100.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 {
        2
    } else {
        3
    };
    number_in(value, 0, max, lang)
}

/// A number with its unit after a no-break space; euros lead in English (`€1.2`).
pub fn with_unit(text: &str, unit: &str, lang: Lang) -> String {
    match (unit, lang) {
        ("€", Lang::En) => match text.strip_prefix('-') {
            Some(rest) => format!("-€{rest}"),
            None => format!("€{text}"),
        },
        _ => format!("{text}\u{a0}{unit}"),
    }
}

/// A `YYYY-MM-DD` day as readers write it: `1.3.2026` in Finnish, ISO in Swedish and English
/// (the language review's choice over "den 1 mars 2026", compact in ranges); not a valid day →
/// as written.
pub fn day(iso: &str, lang: Lang) -> String {
    match (lang, kiertokit::date::day_number(iso)) {
        (Lang::Fi, Some(n)) => {
            let (y, m, d) = kiertokit::date::civil_from_days(n);
            format!("{d}.{m}.{y}")
        }
        _ => iso.to_owned(),
    }
}

/// Whole euros: `70 000 €` in fi/sv, `€70,000` in en.
pub fn euros(value: f64, lang: Lang) -> String {
    with_unit(&number(value, 0, lang), "€", lang)
}

/// A percentage with at most one decimal: `50,5 %` in fi/sv, `50.5%` in en.
pub fn percent(value: f64, lang: Lang) -> String {
    let n = number_in(value, 0, 1, lang);
    match lang {
        Lang::En => format!("{n}%"),
        Lang::Fi | Lang::Sv => format!("{n}\u{a0}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_groups_and_separates_as_intl_does() {
        assert_eq!(number(12345.6, 1, Lang::Fi), "12\u{a0}345,6");
        assert_eq!(number(12345.6, 1, Lang::Sv), "12\u{a0}345,6");
        assert_eq!(number(12345.6, 1, Lang::En), "12,345.6");
        assert_eq!(number(1234.0, 0, Lang::Fi), "1\u{a0}234");
        assert_eq!(number(999.0, 0, Lang::En), "999");
        assert_eq!(number(-1234.5, 0, Lang::Sv), "\u{2212}1\u{a0}235");
        assert_eq!(number(-2.0, 0, Lang::En), "-2");
        assert_eq!(number(2.5, 2, Lang::Fi), "2,50");
        assert_eq!(number(f64::NAN, 1, Lang::Fi), "–");
    }

    #[test]
    fn halves_round_away_from_zero_and_negative_zero_has_no_sign() {
        assert_eq!(number(0.125, 2, Lang::En), "0.13");
        assert_eq!(number(-0.0001, 1, Lang::Fi), "0,0");
        assert_eq!(number_in(-0.0001, 0, 1, Lang::Fi), "0");
    }

    #[test]
    fn readable_numbers_keep_significant_digits_by_magnitude() {
        assert_eq!(readable(16.644901, Lang::Fi), "16,6");
        assert_eq!(readable(16.644901, Lang::En), "16.6");
        assert_eq!(readable(1234567.0, Lang::En), "1,234,567");
        assert_eq!(readable(0.0625, Lang::En), "0.063");
        assert_eq!(readable(2.5, Lang::En), "2.5");
        assert_eq!(readable(0.01, Lang::Fi), "0,01");
    }

    #[test]
    fn days_are_finnish_style_in_finnish_and_iso_otherwise() {
        assert_eq!(day("2026-03-01", Lang::Fi), "1.3.2026");
        assert_eq!(day("2026-03-01", Lang::Sv), "2026-03-01");
        assert_eq!(day("2026-03-01", Lang::En), "2026-03-01");
        assert_eq!(day("2026-02-30", Lang::Fi), "2026-02-30");
    }

    #[test]
    fn amounts_and_rates_follow_the_language() {
        assert_eq!(euros(70000.0, Lang::Fi), "70\u{a0}000\u{a0}€");
        assert_eq!(euros(1234567.0, Lang::En), "€1,234,567");
        assert_eq!(percent(50.5, Lang::Sv), "50,5\u{a0}%");
        assert_eq!(percent(70.0, Lang::En), "70%");
    }

    #[test]
    fn euros_lead_in_english_and_trail_in_finnish() {
        assert_eq!(with_unit(&readable(1.2, Lang::En), "€", Lang::En), "€1.2");
        assert_eq!(with_unit(&readable(-5.0, Lang::En), "€", Lang::En), "-€5");
        assert_eq!(
            with_unit(&readable(1.2, Lang::Fi), "€", Lang::Fi),
            "1,2\u{a0}€"
        );
    }
}
