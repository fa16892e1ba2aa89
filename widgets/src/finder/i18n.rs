//! User-interface strings of the finder in Finnish, Swedish and English.

use kiertokit::Lang;

pub struct Strings {
    pub heading: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub loading: &'static str,
    pub none: &'static str,
    pub one: &'static str,
    /// `{n}` is replaced by the number of results.
    pub many: &'static str,
    pub offer: &'static str,
    pub seek: &'static str,
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub skipped_rows: &'static str,
}

const FI: Strings = Strings {
    heading: "Materiaalitori: etsi materiaaleja ja sivuvirtoja",
    search_label: "Hae materiaalia, sivuvirtaa tai paikkakuntaa",
    search_hint: "Esimerkiksi puujäte, betonimurske tai Tampere",
    loading: "Ladataan ilmoituksia…",
    none: "Ei hakutuloksia",
    one: "1 ilmoitus",
    many: "{n} ilmoitusta",
    offer: "Tarjotaan",
    seek: "Haetaan",
    load_failed: "Ilmoitusten lataaminen epäonnistui",
    retry: "Yritä uudelleen",
    skipped_rows: "Osa ilmoituksista ohitettiin virheellisinä",
};

const SV: Strings = Strings {
    heading: "Materialtorg: sök material och sidoströmmar",
    search_label: "Sök material, sidoström eller ort",
    search_hint: "Till exempel träavfall, betongkross eller Vasa",
    loading: "Annonserna laddas…",
    none: "Inga sökträffar",
    one: "1 annons",
    many: "{n} annonser",
    offer: "Erbjuds",
    seek: "Sökes",
    load_failed: "Det gick inte att ladda annonserna",
    retry: "Försök igen",
    skipped_rows: "En del annonser hoppades över eftersom de var felaktiga",
};

const EN: Strings = Strings {
    heading: "Material exchange: find materials and side streams",
    search_label: "Search for a material, side stream or place",
    search_hint: "For example wood waste, crushed concrete or Tampere",
    loading: "Loading listings…",
    none: "No results",
    one: "1 listing",
    many: "{n} listings",
    offer: "Offered",
    seek: "Wanted",
    load_failed: "The listings could not be loaded",
    retry: "Try again",
    skipped_rows: "Some listings were skipped because they were invalid",
};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

impl Strings {
    pub fn count(&self, n: usize) -> String {
        match n {
            0 => self.none.to_owned(),
            1 => self.one.to_owned(),
            n => self.many.replace("{n}", &n.to_string()),
        }
    }
}
