//! Numbers and dates in the UI language.
// TODO(#14): shared — the same rounding and grouping as impact_calculator/format.rs.

use kiertokit::Lang;

/// `v` with fraction digits by magnitude, the language's grouping, decimal sign and minus.
pub fn number(v: f64, lang: Lang) -> String {
    if !v.is_finite() {
        return "–".to_owned();
    }
    let a = v.abs();
    let d = if a >= 100.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 {
        2
    } else {
        3
    };
    let scale = [1.0, 10.0, 100.0, 1000.0][d];
    let fixed = format!("{:.*}", d, (a * scale).round() / scale);
    let (int, frac) = match fixed.split_once('.') {
        Some((i, f)) => (i.to_owned(), f.trim_end_matches('0').to_owned()),
        None => (fixed.clone(), String::new()),
    };
    let (group, decimal, minus) = match lang {
        Lang::Fi | Lang::Sv => ('\u{a0}', ',', '\u{2212}'),
        Lang::En => (',', '.', '-'),
    };
    let mut out = String::new();
    let zero = int.chars().all(|c| c == '0') && frac.is_empty();
    if v < 0.0 && !zero {
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
        out.push_str(&frac);
    }
    out
}

/// `YYYY-MM-DD` as d.m.yyyy in Finnish and Swedish; as is in English and when not a date.
pub fn date(d: &str, lang: Lang) -> String {
    match (lang, kiertokit::date::day_number(d)) {
        (Lang::En, _) | (_, None) => d.to_owned(),
        (_, Some(day)) => {
            let (y, m, dd) = kiertokit::date::civil_from_days(day);
            format!("{dd}.{m}.{y}")
        }
    }
}
