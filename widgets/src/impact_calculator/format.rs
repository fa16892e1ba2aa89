//! Number formatting that matches `Intl.NumberFormat(lang, {maximumFractionDigits})`, so the
//! text is the same in the browser and in native tests.

use kiertokit::Lang;

/// Fraction digits by magnitude: enough to read small exchanges, no false precision on big ones.
pub fn digits(v: f64) -> usize {
    let a = v.abs();
    if a >= 100.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 {
        2
    } else {
        3
    }
}

/// `v` rounded to [`digits`] with the language's grouping, decimal separator and minus sign.
pub fn number(v: f64, lang: Lang) -> String {
    if !v.is_finite() {
        return "–".to_owned();
    }
    let d = digits(v);
    // Half away from zero, as Intl does; `format!` alone rounds exact halves to even.
    let scale = [1.0, 10.0, 100.0, 1000.0][d];
    let fixed = format!("{:.*}", d, (v.abs() * scale).round() / scale);
    let (int, frac) = match fixed.split_once('.') {
        Some((i, f)) => (i.to_owned(), f.trim_end_matches('0').to_owned()),
        None => (fixed.clone(), String::new()),
    };
    let (group, decimal, minus) = match lang {
        Lang::Fi | Lang::Sv => ('\u{a0}', ',', '\u{2212}'),
        Lang::En => (',', '.', '-'),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let zero = int.chars().all(|c| c == '0') && frac.is_empty();
    let mut out = String::new();
    if v < 0.0 && !zero {
        out.push(minus);
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(&frac);
    }
    out
}

/// Kilograms of CO2e, switched to tonnes from 1,000 kg: (scale, unit).
pub fn co2e_scale(kg: f64) -> (f64, &'static str) {
    if kg.abs() >= 1000.0 {
        (0.001, "t CO2e")
    } else {
        (1.0, "kg CO2e")
    }
}

/// A number with its unit; euros follow each language's convention.
pub fn with_unit(v: f64, unit: &str, lang: Lang) -> String {
    let n = number(v, lang);
    match (unit, lang) {
        ("€", Lang::En) => match n.strip_prefix('-') {
            Some(rest) => format!("-€{rest}"),
            None => format!("€{n}"),
        },
        _ => format!("{n}\u{a0}{unit}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_each_language() {
        assert_eq!(number(16.644901, Lang::Fi), "16,6");
        assert_eq!(number(16.644901, Lang::En), "16.6");
        assert_eq!(number(-1234.5, Lang::Sv), "\u{2212}1\u{a0}235");
        assert_eq!(number(1234567.0, Lang::En), "1,234,567");
        assert_eq!(number(0.01, Lang::Fi), "0,01");
        assert_eq!(number(-0.0001, Lang::Fi), "0");
        assert_eq!(number(2.5, Lang::En), "2.5");
        assert_eq!(number(0.0625, Lang::En), "0.063");
        assert_eq!(number(f64::NAN, Lang::En), "–");
    }

    #[test]
    fn euros_lead_in_english_and_trail_in_finnish() {
        assert_eq!(with_unit(1.2, "€", Lang::En), "€1.2");
        assert_eq!(with_unit(-5.0, "€", Lang::En), "-€5");
        assert_eq!(with_unit(1.2, "€", Lang::Fi), "1,2\u{a0}€");
    }
}
