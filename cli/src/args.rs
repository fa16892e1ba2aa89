//! Minimal `--key value` / `--flag` parsing shared by every subcommand.

use std::collections::BTreeMap;

/// Parsed options of one subcommand.
#[derive(Debug, Default)]
pub struct Args {
    values: BTreeMap<String, String>,
    flags: Vec<String>,
}

impl Args {
    /// Parses `args`; `flags` names the options that take no value.
    pub fn parse(args: &[String], flags: &[&str]) -> Result<Args, String> {
        let mut parsed = Args::default();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let Some(name) = arg.strip_prefix("--") else {
                return Err(format!("unexpected argument `{arg}`"));
            };
            if let Some((k, v)) = name.split_once('=') {
                parsed.values.insert(k.to_owned(), v.to_owned());
            } else if flags.contains(&name) {
                parsed.flags.push(name.to_owned());
            } else {
                let value = it.next().ok_or(format!("`--{name}` needs a value"))?;
                parsed.values.insert(name.to_owned(), value.clone());
            }
        }
        Ok(parsed)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    pub fn require(&self, name: &str) -> Result<&str, String> {
        self.get(name).ok_or(format!("missing `--{name}`"))
    }

    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    /// A numeric option, with `default` when absent.
    pub fn number(&self, name: &str, default: usize) -> Result<usize, String> {
        self.get(name).map_or(Ok(default), |v| {
            v.parse()
                .map_err(|_| format!("`--{name}` must be a whole number, not `{v}`"))
        })
    }
}

/// Reads a whole input file, with the path in the error.
pub fn read_file(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
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
        )
        .expect("valid");
        assert_eq!(a.get("query"), Some("puu"));
        assert!(a.flag("include-closed"));
        assert_eq!(a.number("top", 10), Ok(5));
        assert_eq!(a.number("other", 10), Ok(10));
    }

    #[test]
    fn missing_value_and_stray_argument_are_errors() {
        assert!(Args::parse(&strings(&["--query"]), &[]).is_err());
        assert!(Args::parse(&strings(&["puu"]), &[]).is_err());
    }
}
