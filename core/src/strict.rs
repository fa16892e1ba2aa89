//! Strict reading of partner JSON: every key the reader does not know becomes a warning that
//! names it and the closest known key, so a misspelt hard constraint never vanishes silently.

use crate::Code;
use crate::vocab::Diagnostic;
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};

/// One step of the path to an ignored key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// An object key.
    Key(String),
    /// An array position (0-based).
    Index(usize),
}

/// A key the reader ignored, with the path that leads to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// From the top of the document down to the ignored key itself.
    pub path: Vec<Step>,
}

impl Unknown {
    /// The ignored key itself.
    pub fn key(&self) -> &str {
        match self.path.last() {
            Some(Step::Key(k)) => k,
            _ => "",
        }
    }

    /// 1-based position in the first array on the path (the row), 0 when there is none.
    pub fn row(&self) -> usize {
        self.path
            .iter()
            .find_map(|s| match s {
                Step::Index(i) => Some(i + 1),
                Step::Key(_) => None,
            })
            .unwrap_or(0)
    }

    /// The keys after the row (`quantity.amout`), or the whole path when there is no row.
    pub fn field(&self) -> String {
        let after_row = self
            .path
            .iter()
            .position(|s| matches!(s, Step::Index(_)))
            .map_or(0, |i| i + 1);
        let mut out = String::new();
        for step in self.path.get(after_row..).unwrap_or(&[]) {
            if !out.is_empty() {
                out.push('.');
            }
            match step {
                Step::Key(k) => out.push_str(k),
                Step::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
    }

    /// The whole path, dotted (`criteria.2.weigth`).
    pub fn dotted(&self) -> String {
        Unknown {
            path: [Step::Index(0)]
                .into_iter()
                .chain(self.path.iter().cloned())
                .collect(),
        }
        .field()
    }

    /// A warning naming the key and, when one is close, the known key it was probably meant
    /// to be.
    pub fn diagnostic(&self, known: &[&str]) -> Diagnostic {
        unknown_key(self.row(), &self.field(), self.key(), known)
    }
}

/// The warning for an unknown key `key` found at `field` of `row`.
pub fn unknown_key(row: usize, field: &str, key: &str, known: &[&str]) -> Diagnostic {
    match closest(key, known) {
        Some(best) => Diagnostic::warning(
            row,
            field,
            Code::UnknownKey,
            format!("unknown field `{key}` was ignored; did you mean `{best}`?"),
        )
        .with_value(key)
        .with_suggestion(best),
        None => Diagnostic::warning(
            row,
            field,
            Code::UnknownKey,
            format!("unknown field `{key}` was ignored"),
        )
        .with_value(key),
    }
}

/// The warning for a CSV column that no field claims, found on the header `line`.
pub fn unknown_column(line: usize, header: &str, known: &[&str]) -> Diagnostic {
    match closest(header, known) {
        Some(best) => Diagnostic::warning(
            line,
            header,
            Code::UnknownKey,
            format!("unknown column `{header}` was ignored; did you mean `{best}`?"),
        )
        .with_value(header)
        .with_suggestion(best),
        None => Diagnostic::warning(
            line,
            header,
            Code::UnknownKey,
            format!("unknown column `{header}` was ignored"),
        )
        .with_value(header),
    }
}

/// Deserialises `text` as `T`, collecting every key that `T` does not read.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<(T, Vec<Unknown>), serde_json::Error> {
    let (value, unknown) = from_str_all(text);
    value.map(|v| (v, unknown))
}

/// [`from_str`] that keeps the unknown keys found before an error too.
pub fn from_str_all<T: DeserializeOwned>(
    text: &str,
) -> (Result<T, serde_json::Error>, Vec<Unknown>) {
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_ignored::deserialize(&mut de, |path| unknown.push(steps(&path)))
        .and_then(|v| de.end().map(|()| v));
    (value, unknown)
}

/// Reads a `T` from any serde deserializer (the widgets pass a JS value's), collecting every
/// key that `T` does not read.
pub fn deserialize_all<'de, T: serde::Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> (Result<T, D::Error>, Vec<Unknown>) {
    let mut unknown = Vec::new();
    let value = serde_ignored::deserialize(deserializer, |path| unknown.push(steps(&path)));
    (value, unknown)
}

/// Like [`from_str`] for an already parsed JSON value (readers that look at rows one by one).
pub fn from_value<T: DeserializeOwned>(
    value: &serde_json::Value,
) -> Result<(T, Vec<Unknown>), serde_json::Error> {
    let mut unknown = Vec::new();
    let value = serde_ignored::deserialize(value, |path| unknown.push(steps(&path)))?;
    Ok((value, unknown))
}

fn steps(path: &serde_ignored::Path) -> Unknown {
    let mut out = Vec::new();
    push_steps(path, &mut out);
    Unknown { path: out }
}

fn push_steps(path: &serde_ignored::Path, out: &mut Vec<Step>) {
    use serde_ignored::Path;
    match path {
        Path::Root => {}
        Path::Seq { parent, index } => {
            push_steps(parent, out);
            out.push(Step::Index(*index));
        }
        Path::Map { parent, key } => {
            push_steps(parent, out);
            out.push(Step::Key(key.clone()));
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => push_steps(parent, out),
    }
}

/// The known name closest to `name` when it is close enough to be a likely typo or a
/// shortened form: edit distance at most a third of the longer name, or a prefix of it.
pub fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    let lower = fold_case(name);
    let mut best: Option<(usize, &'a str)> = None;
    for &k in known {
        // Only the name itself is no suggestion; `TITLE` → `title` is one.
        if k == name {
            continue;
        }
        let d = distance(&lower, k);
        let longest = lower.chars().count().max(k.chars().count());
        let prefix = lower.len() >= 3 && (k.starts_with(&lower) || lower.starts_with(k));
        let close = d * 3 <= longest || prefix;
        if close && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

/// Lower case of the letters that names, codes and keywords are written in: ASCII, Latin-1
/// (å, ä, ö, é, ü …), š and ž, where it equals Unicode's rule (tested); other letters stay as
/// written, so no module carries Unicode's case table (about 16 KB of wasm) to match names.
pub fn fold_case(s: &str) -> String {
    s.chars().map(fold_char_case).collect()
}

/// [`fold_case`] of one character.
pub fn fold_char_case(c: char) -> char {
    match c {
        'A'..='Z' | '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{de}' => {
            char::from_u32(c as u32 + 0x20).unwrap_or(c)
        }
        'Š' => 'š',
        'Ž' => 'ž',
        c => c,
    }
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent swaps), in characters;
/// names are short, so the quadratic table stays tiny (inputs capped at 64 characters).
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

/// The field names a struct's `Deserialize` reads (its serde names), found by asking the
/// derived implementation; empty for types that are not plain structs.
pub fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// The union of several types' field names, for suggestions across a nested document.
pub fn known(lists: &[&'static [&'static str]]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = lists.iter().flat_map(|l| l.iter().copied()).collect();
    crate::sort::sort(&mut out);
    out.dedup();
    out
}

/// A deserializer that records the field list of the struct asked for and stops.
struct Probe<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for Probe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("probe"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Inner {
        #[allow(dead_code)]
        amount: f64,
    }

    #[derive(Debug, Deserialize)]
    struct Row {
        #[allow(dead_code)]
        max_distance_km: Option<f64>,
        #[allow(dead_code)]
        quantity: Inner,
    }

    #[derive(Debug, Deserialize)]
    struct File {
        #[allow(dead_code)]
        rows: Vec<Row>,
    }

    #[test]
    fn unknown_keys_are_found_with_their_row_and_a_suggestion() {
        let text = r#"{"rows": [{"quantity": {"amount": 1}},
            {"max_distance": 10, "quantity": {"amount": 2, "amout": 2}}], "extra": true}"#;
        let (_, unknown) = from_str::<File>(text).expect("parses");
        let known = known(&[
            fields_of::<File>(),
            fields_of::<Row>(),
            fields_of::<Inner>(),
        ]);
        let diags: Vec<Diagnostic> = unknown.iter().map(|u| u.diagnostic(&known)).collect();
        assert_eq!(diags.len(), 3, "{diags:?}");
        assert_eq!((diags[0].row, diags[0].field.as_str()), (2, "max_distance"));
        assert_eq!(diags[0].suggestion.as_deref(), Some("max_distance_km"));
        assert!(diags[0].message.contains("did you mean `max_distance_km`"));
        assert_eq!(
            (diags[1].row, diags[1].field.as_str()),
            (2, "quantity.amout")
        );
        assert_eq!(diags[1].suggestion.as_deref(), Some("amount"));
        assert_eq!((diags[2].row, diags[2].field.as_str()), (0, "extra"));
        assert_eq!(diags[2].suggestion, None);
    }

    #[test]
    fn fields_are_read_from_the_derived_deserializer() {
        assert_eq!(fields_of::<Row>(), &["max_distance_km", "quantity"]);
        assert!(fields_of::<u32>().is_empty());
    }

    #[test]
    fn fold_case_is_unicode_lower_case_for_ascii_and_latin_1() {
        for c in ('\0'..='\u{ff}').chain(['Š', 'š', 'Ž', 'ž']) {
            assert_eq!(
                fold_case(&c.to_string()),
                c.to_lowercase().to_string(),
                "{c:?}"
            );
        }
        assert_eq!(fold_case("ÄÅÖ Kyllä É"), "äåö kyllä é");
        // Outside Latin-1 a letter stays as written.
        assert_eq!(fold_case("Ω"), "Ω");
    }

    #[test]
    fn closeness_needs_a_likely_typo() {
        let known = ["hazardous_permit", "hazardous", "title"];
        assert_eq!(closest("hazardous_permt", &known), Some("hazardous_permit"));
        assert_eq!(closest("hazardus", &known), Some("hazardous"));
        // Spreadsheet headers in capitals still meet their key; å/ä/ö fold too.
        assert_eq!(closest("HAZARDUS", &known), Some("hazardous"));
        assert_eq!(closest("MÄÄRÄ", &["määrä", "kunta"]), Some("määrä"));
        assert_eq!(closest("määrä", &["määrä", "kunta"]), None);
        assert_eq!(closest("colour", &known), None);
        assert_eq!(
            closest("title", &known),
            None,
            "a known key suggests nothing"
        );
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        assert!(from_str::<Inner>(r#"{"amount": 1} x"#).is_err());
    }
}
