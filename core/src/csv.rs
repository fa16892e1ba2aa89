//! The one CSV module: a reader for partner files and a formula-safe writer for every export.
//!
//! Reader: `,`, `;` or tab separators, UTF-8 BOM, quoted fields spanning lines, linear time in
//! the input whatever the column count; an unterminated quote is reported at its row and
//! reading resumes on the next line. Writer: RFC 4180 quoting, and cells that a spreadsheet
//! would run as a formula are neutralised (OWASP's CSV-injection guidance).
//!
//! Kept in the core (instead of the `csv` crate) because it is small, never panics and keeps
//! the wasm module small.

use crate::Code;
use crate::vocab::Diagnostic;

/// A parsed table: normalised header names, the records with their 1-based line numbers, and
/// what could not be read (unterminated quotes).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// Header cells, trimmed and lower-cased, so that columns are found whatever the case.
    pub headers: Vec<String>,
    /// The data records, without the header row.
    pub rows: Vec<Record>,
    /// Problems met while reading (unterminated quotes), with the line they are on.
    pub diagnostics: Vec<Diagnostic>,
    /// Line of the header row (0 when there is none).
    pub header_line: usize,
}

/// One data record and the line it started on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based line of the file where the record starts.
    pub line: usize,
    /// The record's cells, unquoted, in column order.
    pub fields: Vec<String>,
}

impl Table {
    /// Index of the first header equal to any of `names` (lower-case).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| names.iter().any(|n| h == n))
    }

    /// Non-empty headers that none of `known` (lower-case names) claims, with their positions.
    pub fn unknown_headers<'a>(&'a self, known: &[&str]) -> Vec<(usize, &'a str)> {
        self.headers
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.is_empty() && !known.contains(&h.as_str()))
            .map(|(i, h)| (i, h.as_str()))
            .collect()
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

/// Picks `;`, tab or `,`, whichever occurs most often outside quotes on the first line
/// (ties: `;`, then tab, then `,`).
pub fn detect_delimiter(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    let (mut semis, mut tabs, mut commas, mut quoted) = (0, 0, 0, false);
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semis += 1,
            '\t' if !quoted => tabs += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if semis > 0 && semis >= tabs && semis >= commas {
        ';'
    } else if tabs > 0 && tabs >= commas {
        '\t'
    } else {
        ','
    }
}

/// Parses `text` into a table; blank lines are skipped, headers are lower-cased and trimmed,
/// and empty trailing columns (a spreadsheet-export artefact) are dropped.
pub fn parse(text: &str) -> Table {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = detect_delimiter(text);
    let mut diagnostics = Vec::new();
    let mut records = split_records(text, delimiter, &mut diagnostics).into_iter();
    let (headers, header_line) = records
        .next()
        .map(|r| {
            let headers = r.fields.iter().map(|h| h.trim().to_lowercase()).collect();
            (headers, r.line)
        })
        .unwrap_or_default();
    Table {
        headers,
        rows: records.collect(),
        diagnostics,
        header_line,
    }
}

/// Splits records. Each character is read at most twice: a quote left open at the end of the
/// input sends the reader back once, to the line after the quote opened.
fn split_records(text: &str, delimiter: char, diags: &mut Vec<Diagnostic>) -> Vec<Record> {
    let mut records = Vec::new();
    let mut start = 0;
    let mut first_line = 1;
    loop {
        match split_from(text, start, first_line, delimiter, &mut records) {
            None => return records,
            Some(open) => {
                diags.push(Diagnostic::error(
                    open.record_line,
                    "",
                    Code::UnterminatedQuote,
                    format!(
                        "unterminated quote opened on line {}; the row was skipped and reading \
                         resumed on the next line",
                        open.quote_line
                    ),
                ));
                // After a quote that never closed, every later quote comes in pairs, so the
                // second pass cannot leave one open again; the guard only keeps that a fact.
                match text.get(open.resume..) {
                    Some(rest) if open.resume > start && !rest.is_empty() => {
                        start = open.resume;
                        first_line = open.quote_line + 1;
                    }
                    _ => return records,
                }
            }
        }
    }
}

/// Where a quote was left open: the record's line, the quote's line and the byte offset of
/// the line after it.
struct OpenQuote {
    record_line: usize,
    quote_line: usize,
    resume: usize,
}

fn split_from(
    text: &str,
    start: usize,
    first_line: usize,
    delimiter: char,
    records: &mut Vec<Record>,
) -> Option<OpenQuote> {
    let mut fields = Vec::new();
    let mut field = String::new();
    // Whether the field holds anything but spaces: a quote opens a field only at its start.
    let mut started = false;
    let mut quoted = false;
    let mut line = first_line;
    let mut record_line = first_line;
    let mut quote_line = first_line;
    let mut quote_at = 0;
    let body = text.get(start..).unwrap_or("");
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' if quoted && chars.peek().map(|p| p.1) == Some('"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if !started => {
                field.clear();
                quoted = true;
                started = true;
                quote_line = line;
                quote_at = i;
            }
            '\n' if quoted => {
                line += 1;
                field.push('\n');
            }
            '\r' if !quoted => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                push_record(records, record_line, std::mem::take(&mut fields));
                started = false;
                line += 1;
                record_line = line;
            }
            c if c == delimiter && !quoted => {
                fields.push(std::mem::take(&mut field));
                started = false;
            }
            c => {
                started |= !c.is_whitespace();
                field.push(c);
            }
        }
    }
    if quoted {
        let resume = body
            .get(quote_at..)
            .and_then(|rest| rest.find('\n'))
            .map_or(text.len(), |n| start + quote_at + n + 1);
        return Some(OpenQuote {
            record_line,
            quote_line,
            resume,
        });
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        push_record(records, record_line, fields);
    }
    None
}

fn push_record(records: &mut Vec<Record>, line: usize, mut fields: Vec<String>) {
    while fields.last().is_some_and(|f| f.trim().is_empty()) {
        fields.pop();
    }
    if !fields.is_empty() {
        records.push(Record { line, fields });
    }
}

/// One cell for a spreadsheet: a leading `=`, `+`, `-`, `@`, tab or carriage return (also
/// after leading spaces) gets a `'` in front so that no spreadsheet runs it as a formula,
/// except plain negative numbers; then RFC 4180 quoting when the cell needs it.
pub fn cell(field: &str, sep: char) -> String {
    let first = field.trim_start_matches(' ').chars().next();
    let risky = matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r'))
        && !is_plain_negative_number(field);
    let safe = if risky {
        format!("'{field}")
    } else {
        field.to_owned()
    };
    if safe.contains([sep, '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// `-12`, `-0.5`, `-1,25`: digits with at most one decimal mark, nothing else.
fn is_plain_negative_number(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('-') else {
        return false;
    };
    let mut marks = 0;
    let mut digits = 0;
    for c in rest.chars() {
        match c {
            '0'..='9' => digits += 1,
            '.' | ',' => marks += 1,
            _ => return false,
        }
    }
    digits > 0 && marks <= 1 && !rest.starts_with(['.', ','])
}

/// Appends one row of formula-safe cells and a CRLF line end.
pub fn write_row<S: AsRef<str>>(out: &mut String, fields: &[S], sep: char) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(sep);
        }
        out.push_str(&cell(f.as_ref(), sep));
    }
    out.push_str("\r\n");
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
        assert_eq!(t.rows[1].get(t.column(&["määrä"])), "2");
        assert!(t.diagnostics.is_empty());
    }

    #[test]
    fn tabs_are_detected() {
        let t = parse("a\tb\n1,5\t\"x\ty\"\n");
        assert_eq!(t.headers, vec!["a", "b"]);
        assert_eq!(t.rows[0].fields, vec!["1,5", "x\ty"]);
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
    fn empty_trailing_columns_are_dropped() {
        let t = parse(&format!("a,b{}\n1,2{}\n", ",".repeat(50), ",".repeat(50)));
        assert_eq!(t.headers, vec!["a", "b"]);
        assert_eq!(t.rows[0].fields, vec!["1", "2"]);
        assert!(t.unknown_headers(&["a", "b"]).is_empty());
    }

    #[test]
    fn an_unterminated_quote_is_reported_at_its_row_and_reading_resumes() {
        let t = parse("a,b\n1,2\n3,\"open\n5,6\n7,8\n");
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 4, 5]);
        assert_eq!(t.rows[1].fields, vec!["5", "6"]);
        assert_eq!(t.diagnostics.len(), 1);
        assert_eq!(t.diagnostics[0].row, 3);
        assert!(t.diagnostics[0].message.contains("unterminated quote"));
        let end = parse("a\n\"open");
        assert!(end.rows.is_empty() && end.diagnostics.len() == 1);
        assert!(parse("").headers.is_empty());
    }

    #[test]
    fn a_quote_inside_a_field_is_text() {
        let t = parse("a,b\nsize 5\",x\n");
        assert_eq!(t.rows[0].fields, vec!["size 5\"", "x"]);
    }

    #[test]
    fn formula_cells_are_neutralised_and_numbers_kept() {
        for risky in [
            "=HYPERLINK(\"x\")",
            "+1+1",
            "@SUM(A1)",
            "-2+3",
            "\tx",
            "\rx",
            "  =1",
        ] {
            assert!(
                cell(risky, ',').trim_start_matches('"').starts_with('\''),
                "{risky:?}"
            );
        }
        for plain in ["-12", "-0,5", "-3.25", "Lahti", "12"] {
            assert_eq!(cell(plain, ';'), plain);
        }
        assert_eq!(cell("a;b", ';'), "\"a;b\"");
        assert_eq!(cell("say \"hi\"", ','), "\"say \"\"hi\"\"\"");
        let mut row = String::new();
        write_row(&mut row, &["=1", "x"], ',');
        assert_eq!(row, "'=1,x\r\n");
    }

    #[test]
    fn what_the_writer_writes_the_reader_reads_back() {
        let cells = ["a;b", "two\nlines", "q\"uote", "", "plain", "-5"];
        let mut text = String::from("h1;h2;h3;h4;h5;h6\r\n");
        write_row(&mut text, &cells, ';');
        let t = parse(&text);
        assert_eq!(t.rows[0].fields, cells);
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_parses_without_panicking(text in "[a;,\t\"\n\r x]{0,200}") {
            let t = parse(&text);
            for r in &t.rows {
                prop_assert!(r.line >= 1);
            }
        }

        #[test]
        fn written_rows_read_back(cells in proptest::collection::vec("[a-z ;,\"\n]{0,8}", 2..6)) {
            let mut text = String::new();
            write_row(&mut text, &vec!["h"; cells.len()], ';');
            write_row(&mut text, &cells, ';');
            let t = parse(&text);
            let mut want: Vec<String> = cells.clone();
            while want.last().is_some_and(|f| f.trim().is_empty()) {
                want.pop();
            }
            if want.is_empty() {
                prop_assert!(t.rows.is_empty());
            } else {
                prop_assert_eq!(&t.rows[0].fields, &want);
            }
        }
    }
}
