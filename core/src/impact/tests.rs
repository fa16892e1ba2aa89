//! Published vectors and invariants of the impact engine.

use super::*;
use crate::vocab::{Quantity, Unit};
use proptest::prelude::*;

const TOL: f64 = 1e-6;

fn builtin() -> &'static Factors {
    match Factors::builtin() {
        Ok(f) => f,
        Err(e) => panic!("shipped factor data must load: {e}"),
    }
}

fn input(material: &str, amount: f64, unit: Unit, base: Pathway, alt: Pathway) -> ExchangeInput {
    ExchangeInput {
        material: material.to_owned(),
        quantity: Quantity { amount, unit },
        baseline: base,
        alternative: alt,
        distance_km: 0.0,
        vehicle: Vehicle::FullTrailer,
        prices: None,
        logistics_eur: None,
    }
}

fn known(e: &Estimate) -> f64 {
    match e.value() {
        Some(v) => v,
        None => panic!("expected a known estimate, got {e:?}"),
    }
}

fn run(i: &ExchangeInput) -> ExchangeImpact {
    match exchange(i, builtin()) {
        Ok(r) => r,
        Err(e) => panic!("valid input refused: {e}"),
    }
}

#[test]
fn shipped_dataset_loads_and_covers_every_finder_category() {
    let f = builtin();
    let cats: Vec<&str> = f.data().categories.iter().map(String::as_str).collect();
    assert_eq!(cats, CATEGORIES);
}

#[test]
fn short_ton_conversion_follows_from_the_definition() {
    // 1 MTCO2E/short ton = 1000 kg / 907.18474 kg = 1.102311 kg CO2e/kg.
    let per_kg = FactorUnit::MtCo2ePerShortTon.to_canonical() / 1000.0;
    assert!((per_kg - 1.102_311).abs() < TOL, "{per_kg}");
    assert_eq!(KG_PER_SHORT_TON, 2000.0 * 0.453_592_37);
}

/// A shipped factor's value in kg CO2e/t (or its canonical unit).
fn shipped(id: &str) -> f64 {
    match builtin().get(id) {
        Some(f) => f.value * f.unit.to_canonical(),
        None => panic!("no shipped factor `{id}`"),
    }
}

fn published(id: &str, value: f64) -> FactorOverride {
    FactorOverride {
        id: id.into(),
        value,
        unit: FactorUnit::MtCo2ePerShortTon,
        low: None,
        high: None,
        source: Some("published WARM vector".into()),
        year: None,
        note: None,
    }
}

// Source: the WARM end-to-end vector in the impact notes (desktop computers, 2-dp values).
#[test]
fn warm_desktop_vector_gives_16_644901_kg() {
    let factors = match builtin().with_overrides(&[
        published("warm15.desktop_computers.landfill", 0.02),
        published("warm15.desktop_computers.recycling", -1.49),
    ]) {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    };
    let i = input(
        "desktop_computers",
        10.0,
        Unit::Kg,
        Pathway::Landfill,
        Pathway::Recycling,
    );
    let r = match exchange(&i, &factors) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    };
    let kg = known(&r.co2e_avoided_kg);
    assert!((kg - 16.644_901).abs() < TOL, "{kg}");
    assert!(
        !r.conversions.is_empty(),
        "the short-ton conversion is reported"
    );
    // The shipped v15 values at 4 dp give the same to three significant figures.
    let kg = known(&run(&i).co2e_avoided_kg);
    assert!((kg - 16.6).abs() < 0.05, "{kg}");
}

// EPA's material descriptions: WEEE → WARM mixed electronics, other aluminium → aluminium ingot.
#[test]
fn proxies_follow_epa_material_descriptions() {
    for (key, recycling, process) in [
        (
            "160214",
            "warm15.mixed_electronics.recycling",
            "MSW recycling of Mixed Electronics",
        ),
        (
            "20 01 36",
            "warm15.mixed_electronics.recycling",
            "MSW recycling of Mixed Electronics",
        ),
        (
            "electronics",
            "warm15.mixed_electronics.recycling",
            "MSW recycling of Mixed Electronics",
        ),
        (
            "170402",
            "warm15.aluminium.recycling",
            "MSW recycling of Aluminum Ingot",
        ),
        (
            "170405",
            "warm15.structural_steel.recycling",
            "MSW recycling of Structural Steel",
        ),
        (
            "150104",
            "warm15.mixed_metals.recycling",
            "MSW recycling of Mixed Metals",
        ),
        (
            "150102",
            "warm15.mixed_plastics.recycling",
            "MSW recycling of Mixed Plastics",
        ),
    ] {
        let r = run(&input(
            key,
            1.0,
            Unit::Tonne,
            Pathway::Landfill,
            Pathway::Recycling,
        ));
        // The central value's factor; a category's other materials only widen the range.
        assert!(
            r.factors_used.iter().any(|id| id == recycling),
            "{key}: {:?}",
            r.factors_used
        );
        let f = Factors::builtin_with_provenance()
            .ok()
            .and_then(|all| all.get(recycling))
            .map(|f| f.warm_process.clone());
        assert_eq!(f, Some(Some(process.to_owned())), "{key}");
        let landfill = recycling.replace(".recycling", ".landfill");
        let expected = shipped(&landfill) - shipped(recycling);
        let Estimate::Known { value, .. } = r.co2e_avoided_kg else {
            panic!("{key}: {:?}", r.co2e_avoided_kg)
        };
        assert!(
            (value - expected).abs() < 1e-9,
            "{key}: {value} vs {expected}"
        );
    }
}

#[test]
fn every_shipped_factor_states_version_table_licence_and_basis() {
    let audited = match Factors::builtin_with_provenance() {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    };
    // The same numbers as the compact dataset the widgets carry, with the audit fields added.
    assert_eq!(audited.factors().len(), builtin().factors().len());
    for (a, b) in audited.factors().iter().zip(builtin().factors()) {
        assert_eq!(
            (&a.id, a.value, a.low, a.high),
            (&b.id, b.value, b.low, b.high)
        );
    }
    for f in audited.factors() {
        for (what, text) in [
            ("version", Some(&f.version)),
            ("licence", Some(&f.licence)),
            ("table", f.table.as_ref()),
            ("basis", f.basis.as_ref()),
        ] {
            assert!(
                text.is_some_and(|t| !t.trim().is_empty()),
                "{} has no {what}",
                f.id
            );
        }
        // WARM numbers come from v15 and say so; each names the process it is derived from.
        let warm = f.source.contains("WARM");
        assert_eq!(warm, f.id.starts_with("warm15."), "{}", f.id);
        assert_eq!(warm, f.warm_process.is_some(), "{}", f.id);
        if warm {
            assert!(f.version.starts_with("WARM v15"), "{}", f.id);
            assert!(f.licence.contains("MIT"), "{}: WARMer notice", f.id);
        }
        assert!(
            !f.source.contains("LIPASTO"),
            "{}: no LIPASTO row is shipped",
            f.id
        );
    }
}

#[test]
fn transport_is_subtracted_per_tonne_km() {
    let mut i = input(
        "concrete",
        100.0,
        Unit::Tonne,
        Pathway::Landfill,
        Pathway::Recycling,
    );
    let without = known(&run(&i).co2e_avoided_kg);
    i.distance_km = 50.0;
    let r = run(&i);
    // 100 t × 50 km × 0.050 kg/t·km = 250 kg.
    assert!((known(&r.breakdown.transport_kg) - 250.0).abs() < TOL);
    assert!((without - known(&r.co2e_avoided_kg) - 250.0).abs() < TOL);
    assert!(
        r.factors_used
            .contains(&"kiertokit.transport.full_trailer".to_owned())
    );
    // WARM's factors already include the usual haul: the output says what distance means.
    assert!(r.notes.iter().any(|n| n == TRANSPORT_NOTE), "{:?}", r.notes);
    i.distance_km = 0.0;
    assert!(!run(&i).notes.iter().any(|n| n == TRANSPORT_NOTE));
}

#[test]
fn category_with_several_materials_reports_a_range() {
    let r = run(&input(
        "metals",
        1.0,
        Unit::Tonne,
        Pathway::Landfill,
        Pathway::Recycling,
    ));
    let Estimate::Known { value, low, high } = r.co2e_avoided_kg else {
        panic!("metals should be known");
    };
    // Mixed metals comes first (central value); the others widen the range.
    let central =
        shipped("warm15.mixed_metals.landfill") - shipped("warm15.mixed_metals.recycling");
    assert!((value - central).abs() < 1e-9, "{value} {central}");
    assert!(low < value && value < high, "{low} {value} {high}");
    let treatment = r
        .factors_used
        .iter()
        .filter(|id| id.starts_with("warm15."))
        .count();
    assert_eq!(treatment, 10, "{:?}", r.factors_used);
}

#[test]
fn missing_factor_is_unknown_not_zero() {
    for key in ["textiles", "chemicals", "other", "070213"] {
        let r = run(&input(
            key,
            5.0,
            Unit::Tonne,
            Pathway::Landfill,
            Pathway::Recycling,
        ));
        assert!(
            r.co2e_avoided_kg.is_unknown(),
            "{key}: {:?}",
            r.co2e_avoided_kg
        );
    }
    let r = run(&input(
        "chemicals",
        5.0,
        Unit::Tonne,
        Pathway::Landfill,
        Pathway::Recycling,
    ));
    let Estimate::Unknown { reason, missing } = &r.co2e_avoided_kg else {
        panic!("chemicals have no treatment factors");
    };
    assert!(reason.contains("landfill"), "{reason}");
    assert!(missing.contains(&Missing::TreatmentFactor {
        category: "chemicals".into(),
        pathway: Pathway::Landfill,
    }));
}

#[test]
fn paper_as_a_category_spans_mixed_paper_and_corrugated() {
    let r = run(&input(
        "paper",
        5.0,
        Unit::Tonne,
        Pathway::Landfill,
        Pathway::Recycling,
    ));
    let Estimate::Known { value, low, high } = r.co2e_avoided_kg else {
        panic!(
            "paper landfill and recycling are shipped: {:?}",
            r.co2e_avoided_kg
        );
    };
    // MTCO2E per short ton. Value: mixed paper, the category's first material (landfill 0.0747,
    // recycling -3.5455); the range spans both materials (corrugated: 0.1816, -3.1354).
    let per_t = |x: f64| 5.0 * x * 1000.0 / 0.907_184_74;
    assert!((value - per_t(0.0747 + 3.5455)).abs() < 1e-6, "{value}");
    assert!((low - per_t(0.0747 + 3.1354)).abs() < 1e-6, "{low}");
    assert!((high - per_t(0.1816 + 3.5455)).abs() < 1e-6, "{high}");
    for id in ["warm15.mixed_paper.landfill", "warm15.corrugated.landfill"] {
        assert!(r.factors_used.iter().any(|f| f == id), "{id}");
    }
}

#[test]
fn wood_uses_the_warm15_dimensional_lumber_factors() {
    // WARM v15 dimensional lumber, MTCO2E per short ton: landfill -0.9234, recycling -2.6614.
    let per_tonne_kg = (-0.9234 - -2.6614) * 1000.0 / 0.907_184_74;
    let r = run(&input(
        "17 02 01",
        5.0,
        Unit::Tonne,
        Pathway::Landfill,
        Pathway::Recycling,
    ));
    assert!((known(&r.co2e_avoided_kg) - 5.0 * per_tonne_kg).abs() < 1e-6);
    assert!((known(&r.virgin_saved_t) - 5.0).abs() < 1e-9);
    assert!(
        r.factors_used
            .iter()
            .any(|id| id == "warm15.wood.recycling")
    );
}

#[test]
fn unknown_reasons_carry_stable_codes_beside_the_english_text() {
    let r = run(&input(
        "other",
        5.0,
        Unit::Tonne,
        Pathway::Landfill,
        Pathway::Recycling,
    ));
    let Estimate::Unknown { reason, missing } = &r.co2e_avoided_kg else {
        panic!("other has no factors");
    };
    // The English text is the codes' Display, joined as before.
    let joined: Vec<String> = missing.iter().map(ToString::to_string).collect();
    assert_eq!(reason, &joined.join("; "));
    assert_eq!(
        missing.first().map(ToString::to_string).as_deref(),
        Some("no landfill treatment factor for `other`")
    );
    let json = serde_json::to_value(&r.co2e_avoided_kg).expect("serialises");
    assert_eq!(json["status"], "unknown");
    assert_eq!(json["missing"][0]["code"], "treatment_factor");
    assert_eq!(json["missing"][0]["category"], "other");
    assert_eq!(json["missing"][0]["pathway"], "landfill");
    assert_eq!(json["missing"][1]["pathway"], "recycling");
    let r = run(&input(
        "160214",
        10.0,
        Unit::Kg,
        Pathway::Landfill,
        Pathway::Recycling,
    ));
    assert_eq!(
        r.breakdown.substitution_kg,
        Estimate::not_applicable(Inapplicable::CreditedInRecyclingFactor)
    );
    let json = serde_json::to_value(&r.breakdown.material_eur).expect("serialises");
    assert_eq!(json["code"], "no_prices");
    assert_eq!(json["reason"], "no prices given");
    // Older JSON without `missing` still reads.
    let old: Estimate =
        serde_json::from_str(r#"{"status":"unknown","reason":"no factor"}"#).expect("reads");
    assert_eq!(old, Estimate::unknown("no factor"));
}

#[test]
fn soil_uses_virgin_and_secondary_factors() {
    let r = run(&input(
        "170504",
        1000.0,
        Unit::Tonne,
        Pathway::Landfill,
        Pathway::Recycling,
    ));
    // Landfill 0.0203 MTCO2E/short ton + 1000·(1·4 − 1) kg.
    let expected = 1000.0 * 0.0203 * 1_102.311_310_924 + 1000.0 * (4.0 - 1.0);
    assert!((known(&r.co2e_avoided_kg) - expected).abs() < 1e-3);
    assert!((known(&r.virgin_saved_t) - 1000.0).abs() < TOL);
    // Soil is outside the waste tax: only the gate-fee difference 60 − 20 €/t remains.
    assert!((known(&r.euros_saved) - 40_000.0).abs() < TOL);
}

#[test]
fn euros_count_landfill_tax_prices_and_logistics() {
    let mut i = input(
        "glass",
        10.0,
        Unit::Tonne,
        Pathway::Landfill,
        Pathway::Recycling,
    );
    i.prices = Some(Prices {
        virgin_eur_per_t: 100.0,
        secondary_eur_per_t: 40.0,
    });
    i.logistics_eur = Some(150.0);
    let r = run(&i);
    // 10·(60+80) − 10·20 + 10·(1·100 − 40) − 150 = 1650.
    assert!((known(&r.euros_saved) - 1650.0).abs() < TOL);
}

#[test]
fn volumes_and_pieces_are_refused_not_converted() {
    let i = input(
        "soil",
        10.0,
        Unit::CubicMetre,
        Pathway::Landfill,
        Pathway::Recycling,
    );
    assert!(matches!(
        exchange(&i, builtin()),
        Err(ImpactError::UnitMismatch { .. })
    ));
}

#[test]
fn override_with_a_unit_of_another_dimension_is_an_error() {
    let bad = FactorOverride {
        id: "kiertokit.transport.full_trailer".into(),
        value: 50.0,
        unit: FactorUnit::KgCo2ePerTonne,
        low: None,
        high: None,
        source: None,
        year: None,
        note: None,
    };
    assert!(matches!(
        builtin().with_overrides(&[bad]),
        Err(ImpactError::UnitMismatch { .. })
    ));
}

#[test]
fn override_replaces_the_value_and_is_recorded() {
    let o = FactorOverride {
        id: "kiertokit.gate_fee.landfill".into(),
        value: 100.0,
        unit: FactorUnit::EurPerTonne,
        low: None,
        high: None,
        source: Some("Pirkanmaan Jätehuolto price list 2025".into()),
        year: Some(2025),
        note: None,
    };
    let f = match builtin().with_overrides(&[o]) {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    };
    let r = match exchange(
        &input(
            "glass",
            1.0,
            Unit::Tonne,
            Pathway::Landfill,
            Pathway::Recycling,
        ),
        &f,
    ) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    };
    assert!((known(&r.euros_saved) - (100.0 + 80.0 - 20.0)).abs() < TOL);
}

#[test]
fn invalid_partner_factors_are_all_reported() {
    let mut data = builtin().data().clone();
    data.factors[0].unit = FactorUnit::EurPerTonne;
    data.factors[1].source = String::new();
    let Err(ImpactError::InvalidFactors(d)) = Factors::new(data) else {
        panic!("expected diagnostics");
    };
    assert_eq!(d.len(), 2, "{d:?}");
}

#[test]
fn engine_errors_carry_codes_and_the_offending_value() {
    let codes = |e: ImpactError| {
        e.diagnostics()
            .into_iter()
            .map(|d| (d.code, d.field, d.value))
            .collect::<Vec<_>>()
    };
    let m3 = input(
        "soil",
        10.0,
        Unit::CubicMetre,
        Pathway::Landfill,
        Pathway::Recycling,
    );
    let Err(e) = exchange(&m3, builtin()) else {
        panic!("a volume must be refused");
    };
    assert_eq!(
        codes(e),
        [(
            Code::UnitMismatch,
            "quantity".to_owned(),
            Some("m³".to_owned())
        )]
    );
    let Err(e) = builtin().pathways("unobtainium") else {
        panic!("an unknown material must be refused");
    };
    assert_eq!(
        codes(e),
        [(
            Code::UnknownMaterial,
            "material".to_owned(),
            Some("unobtainium".to_owned())
        )]
    );
    let mut far = input(
        "glass",
        1e300,
        Unit::Tonne,
        Pathway::Landfill,
        Pathway::Recycling,
    );
    far.distance_km = 1e300;
    let Err(e) = exchange(&far, builtin()) else {
        panic!("an overflowing transport must be refused");
    };
    assert_eq!(
        codes(e),
        [(Code::NotComputable, "distance_km".to_owned(), None)]
    );
    let negative = input(
        "glass",
        -1.0,
        Unit::Tonne,
        Pathway::Landfill,
        Pathway::Recycling,
    );
    let Err(e) = exchange(&negative, builtin()) else {
        panic!("a negative quantity must be refused");
    };
    assert_eq!(codes(e), [(Code::OutOfRange, "quantity".to_owned(), None)]);
    let unknown = FactorOverride {
        id: "no.such.factor".into(),
        value: 1.0,
        unit: FactorUnit::EurPerTonne,
        low: None,
        high: None,
        source: None,
        year: None,
        note: None,
    };
    let Err(e) = builtin().with_overrides(&[unknown]) else {
        panic!("an override of no factor must be refused");
    };
    assert_eq!(
        codes(e),
        [(
            Code::UnknownFactor,
            "id".to_owned(),
            Some("no.such.factor".to_owned())
        )]
    );
    let mut data = builtin().data().clone();
    data.factors[1].source = String::new();
    let Err(e) = Factors::new(data) else {
        panic!("a factor without a source must be refused");
    };
    let d = e.diagnostics();
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].message.contains("source"), "{d:?}");
}

#[test]
fn dropdown_lists_pathways_with_factors() {
    let food = builtin().pathways("food").unwrap_or_default();
    assert_eq!(
        food,
        [
            Pathway::Landfill,
            Pathway::Incineration,
            Pathway::Composting,
            Pathway::AnaerobicDigestion
        ]
    );
    assert!(
        builtin()
            .pathways("textiles")
            .unwrap_or_default()
            .is_empty()
    );
    assert!(matches!(
        builtin().pathways("unobtainium"),
        Err(ImpactError::UnknownMaterial(_))
    ));
}

#[test]
fn aggregate_breaks_down_by_category_and_region_and_keeps_unknowns() {
    let rows = vec![
        RealisedExchange {
            id: "a".into(),
            region: "Pirkanmaa".into(),
            exchange: input(
                "160214",
                10.0,
                Unit::Kg,
                Pathway::Landfill,
                Pathway::Recycling,
            ),
        },
        RealisedExchange {
            id: "b".into(),
            region: "Pirkanmaa".into(),
            exchange: input(
                "textiles",
                2.0,
                Unit::Tonne,
                Pathway::Landfill,
                Pathway::Recycling,
            ),
        },
        RealisedExchange {
            id: "c".into(),
            region: "Uusimaa".into(),
            exchange: input(
                "soil",
                5.0,
                Unit::CubicMetre,
                Pathway::Landfill,
                Pathway::Recycling,
            ),
        },
    ];
    let a = aggregate(&rows, builtin());
    assert_eq!(a.total.synergies, 2);
    assert!((a.total.tonnes_diverted - 2.01).abs() < TOL);
    // 10 kg of WEEE (EWC 16 02 14 → mixed electronics), landfill → recycling.
    let weee = 0.01
        * (shipped("warm15.mixed_electronics.landfill")
            - shipped("warm15.mixed_electronics.recycling"));
    assert!((a.total.co2e_avoided_kg.known - weee).abs() < TOL);
    assert_eq!(a.total.co2e_avoided_kg.unknown, ["b"]);
    assert_eq!(a.by_region["Pirkanmaa"].synergies, 2);
    assert_eq!(a.by_category["textiles"].co2e_avoided_kg.unknown, ["b"]);
    assert_eq!(a.diagnostics.len(), 1);
}

#[test]
fn omitted_recycling_efficiencies_are_reported_where_they_matter() {
    let omitted = MciInput {
        recycled_input: 0.5,
        recycled_output: 0.5,
        recycling_efficiency_output: None,
        recycling_efficiency_input: None,
        ..linear()
    };
    let r = mci_of(omitted);
    // EMF's default of 1 (loss-free recycling) is applied, and the result says so.
    assert!((r.mci - 0.55).abs() < TOL);
    assert_eq!(
        r.defaults_used,
        ["recycling_efficiency_output", "recycling_efficiency_input"]
    );
    let only_output = mci_of(MciInput {
        recycled_input: 0.0,
        ..omitted
    });
    assert_eq!(only_output.defaults_used, ["recycling_efficiency_output"]);
    // No recycled flow: the efficiencies do not enter the formula, so nothing is reported.
    let none = mci_of(MciInput {
        recycling_efficiency_output: None,
        recycling_efficiency_input: None,
        ..linear()
    });
    assert!(none.defaults_used.is_empty());
    assert!(mci_of(linear()).defaults_used.is_empty());
}

#[test]
fn waste_tax_follows_the_act_hazardous_waste_is_exempt_and_unknown_scope_says_verify() {
    let lot = |key: &str| {
        run(&input(
            key,
            10.0,
            Unit::Tonne,
            Pathway::Landfill,
            Pathway::Recycling,
        ))
    };
    let eur = |r: &ExchangeImpact| known(&r.breakdown.treatment_eur);
    // Non-hazardous entry outside the categories: 80 €/t central, 0–80 range, flagged.
    let other = lot("070213");
    assert!(
        other
            .factors_used
            .contains(&"fi.waste_tax.landfill.other".to_owned())
    );
    assert!((eur(&other) - 10.0 * (60.0 + 80.0 - 20.0)).abs() < TOL);
    assert!(
        other
            .notes
            .iter()
            .any(|n| n.starts_with("verify `fi.waste_tax.landfill.other`"))
    );
    // Hazardous entry (16 02 13*): the Act does not apply, no tax and a note saying why.
    for key in ["160213", "16 02 13*"] {
        let haz = lot(key);
        assert!((eur(&haz) - 10.0 * (60.0 - 20.0)).abs() < TOL, "{key}");
        assert!(
            !haz.factors_used
                .iter()
                .any(|id| id.starts_with("fi.waste_tax")),
            "{key}"
        );
        assert!(
            haz.notes.iter().any(|n| n.contains("1126/2010")),
            "{key}: {:?}",
            haz.notes
        );
    }
    // WEEE: 20 01 36 pays the tax, its hazardous sibling 20 01 35* does not.
    let taxed = lot("200136");
    assert!((eur(&taxed) - 10.0 * (60.0 + 80.0 - 20.0)).abs() < TOL);
    let exempt = lot("200135");
    assert!((eur(&exempt) - 10.0 * (60.0 - 20.0)).abs() < TOL);
    // Chemicals without a code: most are hazardous, so 0 central with a range up to 80.
    let Estimate::Known { value, low, high } = lot("chemicals").breakdown.treatment_eur else {
        panic!("gate fees are known");
    };
    assert!((value - 10.0 * (60.0 - 20.0)).abs() < TOL);
    assert!(high - low >= 10.0 * 80.0 - TOL, "{low} {high}");
    assert!(
        lot("chemicals")
            .notes
            .iter()
            .any(|n| n.starts_with("verify `fi.waste_tax.landfill.chemicals`"))
    );
}

fn mci_of(i: MciInput) -> Mci {
    match mci(&i) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    }
}

fn linear() -> MciInput {
    MciInput {
        mass: 1.0,
        recycled_input: 0.0,
        reused_input: 0.0,
        sustained_input: 0.0,
        recycled_output: 0.0,
        reused_output: 0.0,
        composted_output: 0.0,
        energy_recovery_output: 0.0,
        recycling_efficiency_output: Some(1.0),
        recycling_efficiency_input: Some(1.0),
        utility: Utility::default(),
    }
}

// Source: Ellen MacArthur Foundation, Circularity Indicators methodology (2019), vectors from the notes.
#[test]
fn mci_reproduces_the_published_vectors() {
    assert!((mci_of(linear()).mci - 0.1).abs() < TOL);
    let reused = MciInput {
        reused_input: 1.0,
        reused_output: 1.0,
        ..linear()
    };
    assert!((mci_of(reused).mci - 1.0).abs() < TOL);
    let half = MciInput {
        recycled_input: 0.5,
        recycled_output: 0.5,
        ..linear()
    };
    assert!((mci_of(half).mci - 0.55).abs() < TOL);
    let lossy = MciInput {
        recycling_efficiency_input: Some(0.8),
        recycling_efficiency_output: Some(0.8),
        ..half
    };
    let r = mci_of(lossy);
    assert!((r.lfi - 0.552_795).abs() < TOL, "{}", r.lfi);
    assert!((r.mci - 0.502_484).abs() < TOL, "{}", r.mci);
    let longer = MciInput {
        utility: Utility {
            lifetime: 2.0,
            ..Utility::default()
        },
        ..lossy
    };
    assert!((mci_of(longer).mci - 0.751_242).abs() < TOL);
    let shorter = MciInput {
        utility: Utility {
            intensity: 0.5,
            ..Utility::default()
        },
        ..linear()
    };
    assert_eq!(mci_of(shorter).mci, 0.0);
}

#[test]
fn company_mci_is_mass_weighted() {
    let products = vec![
        ProductMciInput {
            id: "a".into(),
            weight: Some(3.0),
            product: linear(),
        },
        ProductMciInput {
            id: "b".into(),
            weight: Some(1.0),
            product: MciInput {
                reused_input: 1.0,
                reused_output: 1.0,
                ..linear()
            },
        },
    ];
    let c = match company_mci(&products) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    assert!((c.mci - (3.0 * 0.1 + 1.0) / 4.0).abs() < TOL);
}

#[test]
fn mci_rejects_fractions_over_one() {
    let bad = MciInput {
        recycled_input: 0.7,
        reused_input: 0.7,
        ..linear()
    };
    assert!(matches!(mci(&bad), Err(ImpactError::InvalidInput { .. })));
}

// Source: WBCSD Circular Transition Indicators v4 worked example as given in the notes.
#[test]
fn cti_equal_masses_average_to_0_465() {
    let c = cti(&CtiInput {
        inflows: vec![Inflow {
            id: String::new(),
            mass: 100.0,
            circular_share: 0.45,
        }],
        outflows: vec![Outflow {
            id: String::new(),
            mass: 100.0,
            recovery_potential: 1.0,
            actual_recovery: 0.48,
        }],
    });
    let c = match c {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    assert!((c.material_circularity - 0.465).abs() < TOL);
}

#[test]
fn cmu_and_targets_follow_eurostat_definitions() {
    let cmu = circular_material_use(2.4, 97.6).unwrap_or(f64::NAN);
    assert!((cmu - 0.024).abs() < TOL);
    let acc = |year, gdp, dmc, u| MaterialAccounts {
        year,
        gdp_eur: gdp,
        dmc_t: dmc,
        u_t: u,
        vintage: "test".into(),
    };
    let t = targets_2035(&TargetsInput {
        baseline_2015: acc(2015, 100.0, 50.0, 1.0),
        current: acc(2024, 150.0, 50.0, 1.5),
    });
    let t = match t {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    assert!((t.productivity_target - 4.0).abs() < TOL);
    assert!((t.productivity_progress - 0.5).abs() < TOL);
    assert!(t.dmc_within_2015);
}

fn pathway() -> impl Strategy<Value = Pathway> {
    prop::sample::select(Pathway::ALL.to_vec())
}

fn material() -> impl Strategy<Value = String> {
    let mut keys: Vec<String> = CATEGORIES.iter().map(|c| (*c).to_owned()).collect();
    keys.extend(builtin().data().materials.iter().map(|m| m.id.clone()));
    keys.extend(builtin().data().ewc.keys().cloned());
    prop::sample::select(keys)
}

proptest! {
    #[test]
    fn more_transport_never_raises_avoided_co2e(
        m in material(), base in pathway(), alt in pathway(),
        t in 0.0..10_000.0f64, d1 in 0.0..2_000.0f64, extra in 0.0..2_000.0f64,
        truck in any::<bool>(),
    ) {
        let mut i = input(&m, t, Unit::Tonne, base, alt);
        i.vehicle = if truck { Vehicle::DistributionTruck } else { Vehicle::FullTrailer };
        i.distance_km = d1;
        let near = run(&i);
        i.distance_km = d1 + extra;
        let far = run(&i);
        if let (Estimate::Known { value: a, low: al, high: ah }, Estimate::Known { value: b, low: bl, high: bh })
            = (&near.co2e_avoided_kg, &far.co2e_avoided_kg) {
            prop_assert!(b <= a && bl <= al && bh <= ah);
        } else {
            prop_assert_eq!(near.co2e_avoided_kg.is_unknown(), far.co2e_avoided_kg.is_unknown());
        }
    }

    #[test]
    fn zero_quantity_gives_zero(m in material(), base in pathway(), alt in pathway(), d in 0.0..2_000.0f64) {
        let mut i = input(&m, 0.0, Unit::Tonne, base, alt);
        i.distance_km = d;
        let r = run(&i);
        for e in [&r.co2e_avoided_kg, &r.virgin_saved_t, &r.euros_saved] {
            if let Estimate::Known { value, low, high } = e {
                prop_assert!(*value == 0.0 && *low == 0.0 && *high == 0.0, "{:?}", e);
            }
        }
    }

    #[test]
    fn missing_factor_yields_unknown_not_zero(
        m in material(), base in pathway(), alt in pathway(), t in 0.001..1_000.0f64,
    ) {
        let r = run(&input(&m, t, Unit::Tonne, base, alt));
        let has = |p: Pathway| builtin().pathways(&m).unwrap_or_default().contains(&p);
        if !has(base) || !has(alt) {
            prop_assert!(r.co2e_avoided_kg.is_unknown(), "{:?}", r.co2e_avoided_kg);
        }
    }

    #[test]
    fn mci_stays_between_zero_and_one(
        fr in 0.0..0.5f64, fu in 0.0..0.5f64, cr in 0.0..0.5f64, cu in 0.0..0.5f64,
        ec in 0.05..1.0f64, ef in 0.05..1.0f64, l in 0.1..10.0f64,
    ) {
        let r = mci_of(MciInput {
            recycled_input: fr, reused_input: fu, recycled_output: cr, reused_output: cu,
            recycling_efficiency_output: Some(ec), recycling_efficiency_input: Some(ef),
            utility: Utility { lifetime: l, ..Utility::default() },
            ..linear()
        });
        prop_assert!((0.0..=1.0).contains(&r.mci));
    }
}

#[test]
fn the_build_tables_hold_exactly_the_shipped_factor_file() {
    let file = Factors::from_json(include_str!("../../data/factors.json")).expect("file reads");
    assert_eq!(builtin().data(), file.data());
    assert_eq!(builtin().factors().len(), 66);
}

#[test]
fn factor_units_read_and_write_as_their_symbols_and_aliases() {
    for u in FactorUnit::ALL {
        assert_eq!(FactorUnit::parse(u.symbol()), Some(u));
        let json = serde_json::to_string(&u).expect("writes");
        assert_eq!(json, format!("\"{}\"", u.symbol()));
        assert_eq!(serde_json::from_str::<FactorUnit>(&json).expect("reads"), u);
    }
    assert_eq!(FactorUnit::parse("€/t"), Some(FactorUnit::EurPerTonne));
    assert_eq!(
        FactorUnit::parse("kg CO2e/tkm"),
        Some(FactorUnit::KgCo2ePerTonneKm)
    );
    assert_eq!(FactorUnit::parse("kg co2e/t"), None, "exact spelling only");
    let err = serde_json::from_str::<FactorUnit>("\"kg/t\"").expect_err("unknown unit");
    assert!(err.to_string().contains("unknown unit `kg/t`"), "{err}");
}

#[test]
fn factor_override_fields_are_the_serde_fields() {
    assert_eq!(
        crate::strict::fields_of::<FactorOverride>(),
        FactorOverride::FIELDS.as_slice()
    );
}
