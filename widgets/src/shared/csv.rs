//! Spreadsheet exports: the separator a reader's spreadsheet expects and formula-safe rows.

use kiertokit::Lang;

/// `;` where the decimal mark is a comma (fi, sv), `,` in English.
pub fn sep(lang: Lang) -> char {
    match lang {
        Lang::Fi | Lang::Sv => ';',
        Lang::En => ',',
    }
}

/// One row through the core's CSV writer: partner text never runs as a spreadsheet formula.
pub fn line(fields: &[String], sep: char) -> String {
    let mut line = String::new();
    kiertokit::csv::write_row(&mut line, fields, sep);
    line
}
