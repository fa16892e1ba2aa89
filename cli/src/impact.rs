//! `kiertokit impact exchange|mci|cti|aggregate|cmu --input FILE`: JSON in, JSON out.

use crate::args::{Args, read_file};
use crate::{Failure, Outcome, Report, json};
use kiertokit::impact::{
    self, CtiInput, ExchangeInput, Factor, FactorOverride, Factors, MciInput, ProductMciInput,
    RealisedExchange, TargetsInput,
};
use kiertokit::strict;
use serde::Deserialize;
use serde::de::DeserializeOwned;

const USAGE: &str = "usage: kiertokit impact exchange|mci|cti|aggregate|cmu --input FILE";

#[derive(Deserialize)]
struct ExchangeFile {
    exchange: ExchangeInput,
    #[serde(default)]
    overrides: Vec<FactorOverride>,
    #[serde(default)]
    extra_factors: Vec<Factor>,
}

#[derive(Deserialize)]
struct AggregateFile {
    exchanges: Vec<RealisedExchange>,
    #[serde(default)]
    overrides: Vec<FactorOverride>,
    #[serde(default)]
    extra_factors: Vec<Factor>,
}

#[derive(Deserialize)]
struct CompanyFile {
    products: Vec<ProductMciInput>,
}

/// Every key an impact input may hold, for "did you mean" suggestions.
fn known() -> Vec<&'static str> {
    strict::known(&[
        strict::fields_of::<ExchangeFile>(),
        strict::fields_of::<AggregateFile>(),
        strict::fields_of::<CompanyFile>(),
        strict::fields_of::<ExchangeInput>(),
        strict::fields_of::<impact::Prices>(),
        strict::fields_of::<kiertokit::Quantity>(),
        strict::fields_of::<FactorOverride>(),
        strict::fields_of::<Factor>(),
        strict::fields_of::<RealisedExchange>(),
        strict::fields_of::<ProductMciInput>(),
        strict::fields_of::<MciInput>(),
        strict::fields_of::<impact::Utility>(),
        strict::fields_of::<CtiInput>(),
        strict::fields_of::<impact::Inflow>(),
        strict::fields_of::<impact::Outflow>(),
        strict::fields_of::<TargetsInput>(),
        strict::fields_of::<impact::MaterialAccounts>(),
    ])
}

pub fn run(args: &[String], report: &mut Report) -> Outcome {
    let Some((sub, rest)) = args.split_first() else {
        return Err(Failure::Usage(USAGE.to_owned()));
    };
    let args = Args::parse(rest, &[], &["input"])?;
    let path = args.require("input")?;
    let text = read_file(path)?;
    let read = |what: &str| Reader {
        path,
        text: &text,
        what: what.to_owned(),
    };
    let invalid = |e: impact::ImpactError| Failure::Input(e.to_string());
    match sub.as_str() {
        "exchange" => {
            let file: ExchangeFile = read("exchange").parse(report)?;
            let factors = factors(&file.overrides, &file.extra_factors).map_err(invalid)?;
            json(impact::exchange(&file.exchange, &factors).map_err(invalid)?)
        }
        "aggregate" => {
            let file: AggregateFile = read("aggregate").parse(report)?;
            let factors = factors(&file.overrides, &file.extra_factors).map_err(invalid)?;
            json(impact::aggregate(&file.exchanges, &factors))
        }
        "mci" => {
            let (value, _) = read("mci").read::<serde_json::Value>()?;
            // A `products` list means company level; otherwise one product.
            if value.get("products").is_some() {
                let file: CompanyFile = read("mci").parse(report)?;
                json(impact::company_mci(&file.products).map_err(invalid)?)
            } else {
                let input: MciInput = read("mci").parse(report)?;
                json(impact::mci(&input).map_err(invalid)?)
            }
        }
        "cti" => {
            let input: CtiInput = read("cti").parse(report)?;
            json(impact::cti(&input).map_err(invalid)?)
        }
        "cmu" => {
            let input: TargetsInput = read("cmu").parse(report)?;
            json(impact::targets_2035(&input).map_err(invalid)?)
        }
        other => Err(Failure::Usage(format!(
            "unknown impact command `{other}`\n{USAGE}"
        ))),
    }
}

struct Reader<'a> {
    path: &'a str,
    text: &'a str,
    what: String,
}

impl Reader<'_> {
    /// Reads the input as `T`, reporting keys `T` does not know (also when it then fails: a
    /// misspelt key is usually why a required one is missing).
    fn parse<T: DeserializeOwned>(&self, report: &mut Report) -> Result<T, Failure> {
        let text = self.text.strip_prefix('\u{feff}').unwrap_or(self.text);
        let (value, unknown) = strict::from_str_all::<T>(text);
        let known = known();
        let diags: Vec<_> = unknown
            .iter()
            .map(|u| strict::unknown_key(0, &u.dotted(), u.key(), &known))
            .collect();
        report.diagnostics(self.path, &diags);
        value.map_err(|e| Failure::Input(format!("{} input is not valid: {e}", self.what)))
    }

    fn read<T: DeserializeOwned>(&self) -> Result<(T, Vec<strict::Unknown>), Failure> {
        let text = self.text.strip_prefix('\u{feff}').unwrap_or(self.text);
        strict::from_str(text)
            .map_err(|e| Failure::Input(format!("{} input is not valid: {e}", self.what)))
    }
}

/// The shipped factors with the file's overrides and extra factors applied.
fn factors(overrides: &[FactorOverride], extra: &[Factor]) -> Result<Factors, impact::ImpactError> {
    let mut factors = Factors::builtin()?.clone();
    if !extra.is_empty() {
        factors = factors.with_additional(extra)?;
    }
    if !overrides.is_empty() {
        factors = factors.with_overrides(overrides)?;
    }
    Ok(factors)
}
