//! `kiertokit impact exchange|mci|cti|aggregate|cmu --input FILE`: JSON in, JSON out.

use crate::Outcome;
use crate::args::{Args, read_file};
use kiertokit::impact::{
    self, CtiInput, ExchangeInput, Factor, FactorOverride, Factors, MciInput, ProductMciInput,
    RealisedExchange, TargetsInput,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::io::Write;

const USAGE: &str = "usage: kiertokit impact exchange|mci|cti|aggregate|cmu --input FILE";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExchangeFile {
    exchange: ExchangeInput,
    #[serde(default)]
    overrides: Vec<FactorOverride>,
    #[serde(default)]
    extra_factors: Vec<Factor>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AggregateFile {
    exchanges: Vec<RealisedExchange>,
    #[serde(default)]
    overrides: Vec<FactorOverride>,
    #[serde(default)]
    extra_factors: Vec<Factor>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CompanyFile {
    products: Vec<ProductMciInput>,
}

pub fn run(args: &[String], _stderr: &mut dyn Write) -> Outcome {
    let Some((sub, rest)) = args.split_first() else {
        return Err(USAGE.to_owned());
    };
    let args = Args::parse(rest, &[])?;
    let text = read_file(args.require("input")?)?;
    match sub.as_str() {
        "exchange" => {
            let file: ExchangeFile = parse(&text, "exchange")?;
            let factors = factors(&file.overrides, &file.extra_factors)?;
            to_json(impact::exchange(&file.exchange, &factors).map_err(|e| e.to_string())?)
        }
        "aggregate" => {
            let file: AggregateFile = parse(&text, "aggregate")?;
            let factors = factors(&file.overrides, &file.extra_factors)?;
            to_json(impact::aggregate(&file.exchanges, &factors))
        }
        "mci" => {
            let value: serde_json::Value = parse(&text, "mci")?;
            // A `products` list means company level; otherwise one product.
            if value.get("products").is_some() {
                let file: CompanyFile = parse(&text, "mci")?;
                to_json(impact::company_mci(&file.products).map_err(|e| e.to_string())?)
            } else {
                let input: MciInput = parse(&text, "mci")?;
                to_json(impact::mci(&input).map_err(|e| e.to_string())?)
            }
        }
        "cti" => {
            let input: CtiInput = parse(&text, "cti")?;
            to_json(impact::cti(&input).map_err(|e| e.to_string())?)
        }
        "cmu" => {
            let input: TargetsInput = parse(&text, "cmu")?;
            to_json(impact::targets_2035(&input).map_err(|e| e.to_string())?)
        }
        other => Err(format!("unknown impact command `{other}`\n{USAGE}")),
    }
}

fn parse<T: DeserializeOwned>(text: &str, what: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| format!("{what} input is not valid: {e}"))
}

fn to_json<T: serde::Serialize>(value: T) -> Outcome {
    serde_json::to_value(value).map_err(|e| format!("cannot write the result as JSON: {e}"))
}

/// The shipped factors with the file's overrides and extra factors applied.
fn factors(overrides: &[FactorOverride], extra: &[Factor]) -> Result<Factors, String> {
    let mut factors = Factors::builtin().map_err(|e| e.to_string())?.clone();
    if !extra.is_empty() {
        factors = factors.with_additional(extra).map_err(|e| e.to_string())?;
    }
    if !overrides.is_empty() {
        factors = factors
            .with_overrides(overrides)
            .map_err(|e| e.to_string())?;
    }
    Ok(factors)
}
