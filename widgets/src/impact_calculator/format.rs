//! Units of the impact calculator: CO2e in kg or tonnes, euros placed as each language writes them.

use crate::shared::format::readable;
use kiertokit::Lang;

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
    crate::shared::format::with_unit(&readable(v, lang), unit, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_lead_in_english_and_trail_in_finnish() {
        assert_eq!(with_unit(1.2, "€", Lang::En), "€1.2");
        assert_eq!(with_unit(-5.0, "€", Lang::En), "-€5");
        assert_eq!(with_unit(1.2, "€", Lang::Fi), "1,2\u{a0}€");
    }
}
