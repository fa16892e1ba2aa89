//! Minimal `--key value` / `--flag` parsing shared by every subcommand. Every mistake here is
//! a usage error (exit 2); an unreadable file is unusable input (exit 1).

use crate::Failure;
use std::collections::BTreeMap;

/// Parsed options of one subcommand.
#[derive(Debug, Default)]
pub struct Args {
    values: BTreeMap<String, String>,
    flags: Vec<String>,
}

fn usage(message: String) -> Failure {
    Failure::Usage(message)
}

impl Args {
    /// Parses `args`: `flags` names the options that take no value, `options` those that take
    /// one; anything else is an error naming the closest known option.
    pub fn parse(args: &[String], flags: &[&str], options: &[&str]) -> Result<Args, Failure> {
        let mut parsed = Args::default();
        let mut it = args.iter();
        let known: Vec<&str> = flags.iter().chain(options).copied().collect();
        while let Some(arg) = it.next() {
            let Some(name) = arg.strip_prefix("--") else {
                return Err(usage(format!("unexpected argument `{arg}`")));
            };
            let (name, inline) = match name.split_once('=') {
                Some((k, v)) => (k, Some(v)),
                None => (name, None),
            };
            if !known.contains(&name) {
                let hint = kiertokit::strict::closest(name, &known)
                    .map(|k| format!("; did you mean `--{k}`?"))
                    .unwrap_or_default();
                return Err(usage(format!("unknown option `--{name}`{hint}")));
            }
            if flags.contains(&name) {
                if inline.is_some() {
                    return Err(usage(format!("`--{name}` takes no value")));
                }
                parsed.flags.push(name.to_owned());
            } else {
                let value = match inline {
                    Some(v) => v.to_owned(),
                    None => it
                        .next()
                        .ok_or_else(|| usage(format!("`--{name}` needs a value")))?
                        .clone(),
                };
                parsed.values.insert(name.to_owned(), value);
            }
        }
        Ok(parsed)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    pub fn require(&self, name: &str) -> Result<&str, Failure> {
        self.get(name)
            .ok_or_else(|| usage(format!("missing `--{name}`")))
    }

    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    /// A whole-number option, with `default` when absent.
    pub fn number(&self, name: &str, default: usize) -> Result<usize, Failure> {
        self.get(name).map_or(Ok(default), |v| {
            v.parse()
                .map_err(|_| usage(format!("`--{name}` must be a whole number, not `{v}`")))
        })
    }

    /// `--today`, checked: a `YYYY-MM-DD` date that exists.
    pub fn today(&self) -> Result<Option<String>, Failure> {
        match self.get("today") {
            None => Ok(None),
            Some(d) if kiertokit::date::day_number(d).is_some() => Ok(Some(d.to_owned())),
            Some(d) => Err(usage(format!(
                "`--today` must be a date written YYYY-MM-DD, not `{d}`"
            ))),
        }
    }
}

/// Reads a whole input file, with the path in the error.
pub fn read_file(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::Input(format!("cannot read {path}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn values_flags_and_equals_forms_parse() {
        let a = Args::parse(
            &strings(&["--query", "puu", "--include-closed", "--top=5"]),
            &["include-closed"],
            &["query", "top", "other"],
        )
        .expect("valid");
        assert_eq!(a.get("query"), Some("puu"));
        assert!(a.flag("include-closed"));
        assert_eq!(a.number("top", 10), Ok(5));
        assert_eq!(a.number("other", 10), Ok(10));
    }

    #[test]
    fn mistakes_are_usage_errors_with_a_hint() {
        assert!(Args::parse(&strings(&["--query"]), &[], &["query"]).is_err());
        assert!(Args::parse(&strings(&["puu"]), &[], &[]).is_err());
        let Err(Failure::Usage(m)) =
            Args::parse(&strings(&["--lisitngs", "x"]), &[], &["listings"])
        else {
            panic!("unknown option must fail");
        };
        assert!(m.contains("did you mean `--listings`"), "{m}");
        for bad in ["2026-13-01", "tomorrow", "2026-02-29", "2026-01-01T00:00"] {
            let a = Args::parse(&strings(&["--today", bad]), &[], &["today"]).expect("parses");
            assert!(matches!(a.today(), Err(Failure::Usage(_))), "{bad}");
        }
    }
}
