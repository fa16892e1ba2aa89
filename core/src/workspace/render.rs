//! The coordinator's report ("työpajojen raportointimalli" and the monitored impact) as
//! Markdown, HTML (with a print stylesheet, for PDF) or JSON, in Finnish, Swedish or English.

use super::aggregate::{Aggregate, Figure, Figures, UNKNOWN};
use super::model::{EventKind, SynergyStatus, Workspace};
use crate::impact::Factors;
use crate::matching::ListingKind;
use crate::vocab::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The format of a written report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    /// Markdown text.
    Markdown,
    /// HTML.
    Html,
    /// JSON.
    Json,
}

/// The labels of the report in one language.
struct Labels {
    title: &'static str,
    period: &'static str,
    figures: &'static str,
    figure: &'static str,
    value: &'static str,
    range: &'static str,
    exchanges: &'static str,
    unknown_exchanges: &'static str,
    tonnes: &'static str,
    co2e: &'static str,
    euros: &'static str,
    virgin: &'static str,
    synergies: &'static str,
    identified: &'static str,
    in_progress: &'static str,
    realised: &'static str,
    dropped: &'static str,
    drop_reasons: &'static str,
    by_year: &'static str,
    by_region: &'static str,
    by_category: &'static str,
    by_event: &'static str,
    group: &'static str,
    events: &'static str,
    workshop: &'static str,
    visit: &'static str,
    date: &'static str,
    municipality: &'static str,
    offered: &'static str,
    wanted: &'static str,
    companies: &'static str,
    synergy_list: &'static str,
    offer: &'static str,
    seek: &'static str,
    status: &'static str,
    exchange_list: &'static str,
    start: &'static str,
    end: &'static str,
    ongoing: &'static str,
    quantity: &'static str,
    material: &'static str,
    sources: &'static str,
    unknown: &'static str,
    unknown_note: &'static str,
    none: &'static str,
}

const FI: Labels = Labels {
    title: "Symbioosiraportti",
    period: "Ajanjakso",
    figures: "Tunnusluvut",
    figure: "Tunnusluku",
    value: "Arvo",
    range: "Vaihteluväli",
    exchanges: "Vaihtoja",
    unknown_exchanges: "Vaihtoja, joiden arvo ei ole tiedossa",
    tonnes: "Kiertoon ohjattu materiaali (t)",
    co2e: "Vältetyt päästöt (kg CO2e)",
    euros: "Säästö (€)",
    virgin: "Säästetty neitseellinen raaka-aine (t)",
    synergies: "Synergiat",
    identified: "Tunnistettu",
    in_progress: "Käynnissä jakson lopussa",
    realised: "Toteutunut",
    dropped: "Rauennut",
    drop_reasons: "Raukeamisen syyt",
    by_year: "Vuosittain",
    by_region: "Maakunnittain",
    by_category: "Materiaaliluokittain",
    by_event: "Tilaisuuksittain",
    group: "Ryhmä",
    events: "Työpajat ja yrityskäynnit",
    workshop: "Työpaja",
    visit: "Yrityskäynti",
    date: "Päivämäärä",
    municipality: "Kunta",
    offered: "Tarjotaan",
    wanted: "Haetaan",
    companies: "Yrityksiä",
    synergy_list: "Synergiat ja niiden tila",
    offer: "Tarjous",
    seek: "Tarve",
    status: "Tila",
    exchange_list: "Toteutuneet vaihdot",
    start: "Alku",
    end: "Loppu",
    ongoing: "jatkuu",
    quantity: "Määrä",
    material: "Materiaali",
    sources: "Kertoimien lähteet",
    unknown: "ei tiedossa",
    unknown_note: "Arvo ei sisällä vaihtoja, joiden kerroin puuttuu; niiden määrä on kerrottu erikseen.",
    none: "Ei tietoja.",
};

const SV: Labels = Labels {
    title: "Symbiosrapport",
    period: "Period",
    figures: "Nyckeltal",
    figure: "Nyckeltal",
    value: "Värde",
    range: "Intervall",
    exchanges: "Utbyten",
    unknown_exchanges: "Utbyten vars värde inte är känt",
    tonnes: "Material i kretslopp (t)",
    co2e: "Undvikna utsläpp (kg CO2e)",
    euros: "Besparing (€)",
    virgin: "Sparad jungfrulig råvara (t)",
    synergies: "Synergier",
    identified: "Identifierad",
    in_progress: "Pågående vid periodens slut",
    realised: "Förverkligad",
    dropped: "Avbruten",
    drop_reasons: "Orsaker till avbrott",
    by_year: "Per år",
    by_region: "Per landskap",
    by_category: "Per materialkategori",
    by_event: "Per evenemang",
    group: "Grupp",
    events: "Workshoppar och företagsbesök",
    workshop: "Workshop",
    visit: "Företagsbesök",
    date: "Datum",
    municipality: "Kommun",
    offered: "Erbjuds",
    wanted: "Efterfrågas",
    companies: "Företag",
    synergy_list: "Synergier och deras status",
    offer: "Erbjudande",
    seek: "Behov",
    status: "Status",
    exchange_list: "Förverkligade utbyten",
    start: "Början",
    end: "Slut",
    ongoing: "pågår",
    quantity: "Mängd",
    material: "Material",
    sources: "Källor för faktorerna",
    unknown: "okänt",
    unknown_note: "Värdet omfattar inte utbyten som saknar en faktor; antalet sådana anges separat.",
    none: "Inga uppgifter.",
};

const EN: Labels = Labels {
    title: "Symbiosis report",
    period: "Period",
    figures: "Key figures",
    figure: "Figure",
    value: "Value",
    range: "Range",
    exchanges: "Exchanges",
    unknown_exchanges: "Exchanges with an unknown value",
    tonnes: "Material kept in use (t)",
    co2e: "CO2e avoided (kg)",
    euros: "Euros saved (€)",
    virgin: "Virgin material saved (t)",
    synergies: "Synergies",
    identified: "Identified",
    in_progress: "In progress at the end of the period",
    realised: "Realised",
    dropped: "Dropped",
    drop_reasons: "Reasons for dropping",
    by_year: "By year",
    by_region: "By region",
    by_category: "By material category",
    by_event: "By event",
    group: "Group",
    events: "Workshops and company visits",
    workshop: "Workshop",
    visit: "Company visit",
    date: "Date",
    municipality: "Municipality",
    offered: "Offered",
    wanted: "Wanted",
    companies: "Companies",
    synergy_list: "Synergies and their status",
    offer: "Offer",
    seek: "Need",
    status: "Status",
    exchange_list: "Realised exchanges",
    start: "Start",
    end: "End",
    ongoing: "ongoing",
    quantity: "Quantity",
    material: "Material",
    sources: "Factor sources",
    unknown: "unknown",
    unknown_note: "A value leaves out exchanges that lack a factor; their number is given beside it.",
    none: "No data.",
};

fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// A synergy status as the report and the widgets name it in `lang`.
pub fn status_label(s: SynergyStatus, lang: Lang) -> &'static str {
    let l = labels(lang);
    match (s, lang) {
        (SynergyStatus::Identified, _) => l.identified,
        (SynergyStatus::Contacted, Lang::Fi) => "Yhteys otettu",
        (SynergyStatus::Contacted, Lang::Sv) => "Kontaktad",
        (SynergyStatus::Contacted, Lang::En) => "Contacted",
        (SynergyStatus::Negotiating, Lang::Fi) => "Neuvotteluvaiheessa",
        (SynergyStatus::Negotiating, Lang::Sv) => "Förhandlas",
        (SynergyStatus::Negotiating, Lang::En) => "Negotiating",
        (SynergyStatus::Realised, _) => l.realised,
        (SynergyStatus::Dropped, _) => l.dropped,
    }
}

/// A drop reason code (or `unspecified`) in `lang`; an unknown code as written.
pub fn reason_label(code: &str, lang: Lang) -> String {
    let t = match code {
        "price" => ["Hinta", "Pris", "Price"],
        "quality" => ["Laatu", "Kvalitet", "Quality"],
        "logistics" => ["Logistiikka", "Logistik", "Logistics"],
        "permits" => ["Luvat", "Tillstånd", "Permits"],
        "timing" => ["Ajoitus", "Tidpunkt", "Timing"],
        "no_response" => ["Ei vastausta", "Inget svar", "No response"],
        "other" => ["Muu syy", "Annan orsak", "Other"],
        "unspecified" => ["Syytä ei kerrottu", "Orsak inte angiven", "Not given"],
        other => return other.to_owned(),
    };
    t[lang as usize].to_owned()
}

/// A number with one decimal and grouped thousands: `1 234,5` (no-break space, decimal comma,
/// true minus sign) in Finnish and Swedish, `1,234.5` in English.
fn num(x: f64, lang: Lang) -> String {
    let s = format!("{:.1}", x.abs());
    let negative = x < 0.0 && s != "0.0";
    let (int, frac) = s.split_once('.').unwrap_or((&s, "0"));
    let (group, point, minus) = match lang {
        Lang::En => (",", ".", "-"),
        _ => ("\u{a0}", ",", "\u{2212}"),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push_str(group);
        }
        grouped.push(c);
    }
    format!(
        "{}{grouped}{point}{frac}",
        if negative { minus } else { "" }
    )
}

fn date(d: &str, lang: Lang) -> String {
    match (lang, crate::date::day_number(d)) {
        (Lang::En, _) | (_, None) => d.to_owned(),
        (_, Some(day)) => {
            let (y, m, dd) = crate::date::civil_from_days(day);
            format!("{dd}.{m}.{y}")
        }
    }
}

/// A table: header and rows of cells (plain text; HTML escapes them).
struct Table {
    head: Vec<String>,
    rows: Vec<Vec<String>>,
}

enum Block {
    Heading(u8, String),
    Para(String),
    Table(Table),
}

fn figure_rows(f: &Figures, lang: Lang) -> Vec<Vec<String>> {
    let l = labels(lang);
    let row = |name: &str, fig: &Figure| {
        vec![
            name.to_owned(),
            num(fig.total.known, lang),
            format!(
                "{} – {}",
                num(fig.total.low, lang),
                num(fig.total.high, lang)
            ),
            fig.exchanges.to_string(),
            fig.total.unknown.len().to_string(),
        ]
    };
    vec![
        row(l.tonnes, &f.tonnes),
        row(l.co2e, &f.co2e_avoided_kg),
        row(l.euros, &f.euros_saved),
        row(l.virgin, &f.virgin_saved_t),
    ]
}

fn group_table(m: &BTreeMap<String, Figures>, lang: Lang, name: impl Fn(&str) -> String) -> Table {
    let l = labels(lang);
    Table {
        head: [
            l.group,
            l.identified,
            l.in_progress,
            l.realised,
            l.dropped,
            l.exchanges,
            l.tonnes,
            l.co2e,
            l.euros,
        ]
        .map(String::from)
        .to_vec(),
        rows: m
            .iter()
            .map(|(k, f)| {
                let value = |fig: &Figure| {
                    let mut s = num(fig.total.known, lang);
                    if !fig.total.unknown.is_empty() {
                        s.push_str(&format!(" (+{} {})", fig.total.unknown.len(), l.unknown));
                    }
                    s
                };
                vec![
                    if k == UNKNOWN {
                        l.unknown.to_owned()
                    } else {
                        name(k)
                    },
                    f.synergies.identified.to_string(),
                    f.synergies.in_progress.to_string(),
                    f.synergies.realised.to_string(),
                    f.synergies.dropped.to_string(),
                    f.exchanges.to_string(),
                    value(&f.tonnes),
                    value(&f.co2e_avoided_kg),
                    value(&f.euros_saved),
                ]
            })
            .collect(),
    }
}

fn blocks(ws: &Workspace, agg: &Aggregate, factors: &Factors, lang: Lang) -> Vec<Block> {
    let l = labels(lang);
    let mut out = Vec::new();
    let title = if ws.name.is_empty() {
        l.title.to_owned()
    } else {
        format!("{}: {}", l.title, ws.name)
    };
    out.push(Block::Heading(1, title));
    out.push(Block::Para(format!(
        "{}: {} – {}",
        l.period,
        date(&agg.from, lang),
        date(&agg.to, lang)
    )));
    out.push(Block::Heading(2, l.figures.to_owned()));
    out.push(Block::Table(Table {
        head: [l.figure, l.value, l.range, l.exchanges, l.unknown_exchanges]
            .map(String::from)
            .to_vec(),
        rows: figure_rows(&agg.total, lang),
    }));
    out.push(Block::Para(l.unknown_note.to_owned()));
    out.push(Block::Heading(2, l.synergies.to_owned()));
    let s = &agg.total.synergies;
    out.push(Block::Table(Table {
        head: vec![l.status.to_owned(), l.synergies.to_owned()],
        rows: vec![
            vec![l.identified.to_owned(), s.identified.to_string()],
            vec![l.in_progress.to_owned(), s.in_progress.to_string()],
            vec![l.realised.to_owned(), s.realised.to_string()],
            vec![l.dropped.to_owned(), s.dropped.to_string()],
        ],
    }));
    if !s.drop_reasons.is_empty() {
        out.push(Block::Heading(3, l.drop_reasons.to_owned()));
        out.push(Block::Table(Table {
            head: vec![l.drop_reasons.to_owned(), l.synergies.to_owned()],
            rows: s
                .drop_reasons
                .iter()
                .map(|(k, v)| vec![reason_label(k, lang), v.to_string()])
                .collect(),
        }));
    }
    let event_name = |id: &str| {
        ws.events
            .iter()
            .find(|e| e.id == id)
            .map_or_else(|| id.to_owned(), |e| e.name.clone())
    };
    for (heading, map, by_event) in [
        (l.by_year, &agg.by_year, false),
        (l.by_region, &agg.by_region, false),
        (l.by_category, &agg.by_category, false),
        (l.by_event, &agg.by_event, true),
    ] {
        out.push(Block::Heading(2, heading.to_owned()));
        if map.is_empty() {
            out.push(Block::Para(l.none.to_owned()));
            continue;
        }
        let category = |k: &str| {
            crate::matching::category_name(k, lang).map_or_else(|| k.to_owned(), str::to_owned)
        };
        out.push(Block::Table(group_table(map, lang, |k| {
            if by_event {
                event_name(k)
            } else if heading == l.by_category {
                category(k)
            } else {
                k.to_owned()
            }
        })));
    }
    out.push(Block::Heading(2, l.events.to_owned()));
    if ws.events.is_empty() {
        out.push(Block::Para(l.none.to_owned()));
    }
    for e in &ws.events {
        let kind = match e.kind {
            EventKind::Workshop => l.workshop,
            EventKind::CompanyVisit => l.visit,
        };
        out.push(Block::Heading(3, format!("{kind}: {}", e.name)));
        let listings: Vec<_> = ws
            .listings
            .iter()
            .filter(|x| x.event.as_deref() == Some(e.id.as_str()))
            .collect();
        let count = |k: ListingKind| listings.iter().filter(|x| x.listing.kind == k).count();
        let mut companies: Vec<&str> = listings
            .iter()
            .filter_map(|x| x.company.as_deref())
            .collect();
        companies.sort_unstable();
        companies.dedup();
        let mut statuses: BTreeMap<SynergyStatus, usize> = BTreeMap::new();
        for s in ws.synergies.iter().filter(|s| {
            listings
                .iter()
                .any(|x| x.listing.id == s.offer || x.listing.id == s.seek)
        }) {
            *statuses.entry(s.status()).or_default() += 1;
        }
        let mut rows = vec![
            vec![l.date.to_owned(), date(&e.date, lang)],
            vec![l.municipality.to_owned(), e.municipality.clone()],
            vec![l.companies.to_owned(), companies.len().to_string()],
            vec![l.offered.to_owned(), count(ListingKind::Offer).to_string()],
            vec![l.wanted.to_owned(), count(ListingKind::Seek).to_string()],
        ];
        for st in SynergyStatus::ALL {
            rows.push(vec![
                format!("{}: {}", l.synergies, status_label(st, lang).to_lowercase()),
                statuses.get(&st).copied().unwrap_or(0).to_string(),
            ]);
        }
        out.push(Block::Table(Table {
            head: vec![l.figure.to_owned(), l.value.to_owned()],
            rows,
        }));
    }
    let title_of = |id: &str| {
        ws.listings
            .iter()
            .find(|x| x.listing.id == id)
            .map_or_else(|| id.to_owned(), |x| format!("{} ({id})", x.listing.title))
    };
    out.push(Block::Heading(2, l.synergy_list.to_owned()));
    out.push(Block::Table(Table {
        head: ["Id", l.offer, l.seek, l.status, l.date]
            .map(String::from)
            .to_vec(),
        rows: ws
            .synergies
            .iter()
            .map(|s| {
                vec![
                    s.id.clone(),
                    title_of(&s.offer),
                    title_of(&s.seek),
                    status_label(s.status(), lang).to_owned(),
                    s.history
                        .last()
                        .map_or_else(String::new, |c| date(&c.date, lang)),
                ]
            })
            .collect(),
    }));
    out.push(Block::Heading(2, l.exchange_list.to_owned()));
    out.push(Block::Table(Table {
        head: ["Id", l.synergies, l.start, l.end, l.quantity, l.material]
            .map(String::from)
            .to_vec(),
        rows: ws
            .exchanges
            .iter()
            .map(|x| {
                let end = match (&x.end, x.recurrence) {
                    (_, crate::matching::Recurrence::OneOff) => String::new(),
                    (Some(e), _) => date(e, lang),
                    (None, _) => l.ongoing.to_owned(),
                };
                let per = match x.recurrence {
                    crate::matching::Recurrence::OneOff => "",
                    crate::matching::Recurrence::PerYear => " / a",
                    crate::matching::Recurrence::PerMonth => " / kk",
                    crate::matching::Recurrence::PerWeek => " / vk",
                };
                let per = match (lang, per) {
                    (Lang::Sv, " / kk") => " / mån",
                    (Lang::Sv, " / vk") => " / v",
                    (Lang::En, " / kk") => " / month",
                    (Lang::En, " / vk") => " / week",
                    _ => per,
                };
                vec![
                    x.id.clone(),
                    x.synergy.clone(),
                    date(&x.start, lang),
                    end,
                    format!(
                        "{} {}{per}",
                        num(x.quantity.amount, lang),
                        x.quantity.unit.symbol()
                    ),
                    x.material.clone(),
                ]
            })
            .collect(),
    }));
    out.push(Block::Heading(2, l.sources.to_owned()));
    if agg.factors_used.is_empty() {
        out.push(Block::Para(l.none.to_owned()));
    }
    for id in &agg.factors_used {
        if let Some(f) = factors.get(id) {
            out.push(Block::Para(format!(
                "{id}: {} {} ({}), {}",
                f.source, f.version, f.year, f.licence
            )));
        }
    }
    out
}

fn escape_md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const PRINT_CSS: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;\
padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;margin:.5rem 0 1rem}\
th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;vertical-align:top}\
@media print{body{max-width:none;margin:0}h2{break-after:avoid}tr{break-inside:avoid}}";

/// The report of `agg` (figures computed by [`super::aggregate`]) for `ws` in `format`.
pub fn render(
    ws: &Workspace,
    agg: &Aggregate,
    factors: &Factors,
    format: ReportFormat,
    lang: Lang,
) -> String {
    if format == ReportFormat::Json {
        let value = serde_json::json!({
            "format": "kiertokit-workspace-report",
            "version": 1,
            "name": ws.name,
            "report": agg,
        });
        return serde_json::to_string_pretty(&value).unwrap_or_default();
    }
    let mut s = String::new();
    if format == ReportFormat::Html {
        let _ = write!(
            s,
            "<!doctype html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"><title>{}</title>\
             <style>{PRINT_CSS}</style></head>\n<body>\n",
            lang.tag(),
            escape_html(labels(lang).title)
        );
    }
    for b in blocks(ws, agg, factors, lang) {
        match (format, b) {
            (ReportFormat::Html, Block::Heading(n, t)) => {
                let _ = writeln!(s, "<h{n}>{}</h{n}>", escape_html(&t));
            }
            (ReportFormat::Html, Block::Para(t)) => {
                let _ = writeln!(s, "<p>{}</p>", escape_html(&t));
            }
            (ReportFormat::Html, Block::Table(t)) => {
                s.push_str("<table>\n<thead><tr>");
                for h in &t.head {
                    let _ = write!(s, "<th scope=\"col\">{}</th>", escape_html(h));
                }
                s.push_str("</tr></thead>\n<tbody>\n");
                for r in &t.rows {
                    s.push_str("<tr>");
                    for (i, c) in r.iter().enumerate() {
                        let tag = if i == 0 { "th scope=\"row\"" } else { "td" };
                        let close = if i == 0 { "th" } else { "td" };
                        let _ = write!(s, "<{tag}>{}</{close}>", escape_html(c));
                    }
                    s.push_str("</tr>\n");
                }
                s.push_str("</tbody>\n</table>\n");
            }
            (_, Block::Heading(n, t)) => {
                let _ = writeln!(s, "{} {}\n", "#".repeat(usize::from(n)), escape_md(&t));
            }
            (_, Block::Para(t)) => {
                let _ = writeln!(s, "{}\n", escape_md(&t));
            }
            (_, Block::Table(t)) => {
                let _ = writeln!(
                    s,
                    "| {} |",
                    t.head
                        .iter()
                        .map(|h| escape_md(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                );
                let _ = writeln!(s, "|{}", "---|".repeat(t.head.len()));
                for r in &t.rows {
                    let _ = writeln!(
                        s,
                        "| {} |",
                        r.iter()
                            .map(|c| escape_md(c))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                }
                s.push('\n');
            }
        }
    }
    if format == ReportFormat::Html {
        s.push_str("</body>\n</html>\n");
    }
    s
}
