//! A small CSV reader for partner files: `,` or `;` separators, UTF-8 BOM, quoted fields.
//!
//! Kept in the core (instead of the `csv` crate) because it is tiny, never panics and keeps the
//! wasm module small.

/// A parsed table: normalised header names and the records with their 1-based line numbers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Record>,
}

/// One data record and the line it started on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

impl Table {
    /// Index of the first header equal (case-insensitively, trimmed) to any of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| names.iter().any(|n| h == &n.to_lowercase()))
    }
}

impl Record {
    /// The trimmed field at `col`, or `""` when the column or the field is missing.
    pub fn get(&self, col: Option<usize>) -> &str {
        col.and_then(|c| self.fields.get(c))
            .map(|s| s.trim())
            .unwrap_or("")
    }
}

/// Picks `;` or `,`, whichever occurs more often outside quotes on the first line.
pub fn detect_delimiter(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    let (mut semis, mut commas, mut quoted) = (0, 0, false);
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semis += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if semis >= commas && semis > 0 {
        ';'
    } else {
        ','
    }
}

/// Parses `text` into a table; blank lines are skipped, headers are lower-cased and trimmed.
pub fn parse(text: &str) -> Table {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = detect_delimiter(text);
    let mut records = split_records(text, delimiter).into_iter();
    let headers = records
        .next()
        .map(|r| r.fields.iter().map(|h| h.trim().to_lowercase()).collect())
        .unwrap_or_default();
    Table {
        headers,
        rows: records.collect(),
    }
}

fn split_records(text: &str, delimiter: char) -> Vec<Record> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            '\n' if quoted => {
                line += 1;
                field.push('\n');
            }
            '\r' if !quoted => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                push_record(&mut records, start_line, std::mem::take(&mut fields));
                line += 1;
                start_line = line;
            }
            c if c == delimiter && !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        push_record(&mut records, start_line, fields);
    }
    records
}

fn push_record(records: &mut Vec<Record>, line: usize, fields: Vec<String>) {
    if fields.iter().any(|f| !f.trim().is_empty()) {
        records.push(Record { line, fields });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_bom_and_decimal_commas_survive() {
        let t = parse("\u{feff}Nimi;Määrä\r\n\"Puu; lajiteltu\";1,5\r\n\r\nLasi;2\n");
        assert_eq!(t.headers, vec!["nimi", "määrä"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].fields, vec!["Puu; lajiteltu", "1,5"]);
        assert_eq!(t.rows[1].line, 4);
        assert_eq!(t.rows[1].get(t.column(&["Määrä"])), "2");
    }

    #[test]
    fn quotes_escape_and_span_lines() {
        let t = parse("a,b\n\"say \"\"hi\"\"\",\"two\nlines\"\nx,y");
        assert_eq!(t.rows[0].fields, vec!["say \"hi\"", "two\nlines"]);
        assert_eq!(t.rows[1].line, 4);
    }

    #[test]
    fn missing_fields_read_as_empty() {
        let t = parse("a,b,c\n1");
        assert_eq!(t.rows[0].get(t.column(&["c"])), "");
        assert_eq!(t.rows[0].get(None), "");
    }

    #[test]
    fn unterminated_quote_does_not_panic() {
        let t = parse("a\n\"open");
        assert_eq!(t.rows.len(), 1);
        assert!(parse("").headers.is_empty());
    }
}
