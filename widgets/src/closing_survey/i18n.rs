//! User-interface strings of the closing survey in Finnish, Swedish and English.

use kiertokit::Lang;
use kiertokit::Unit;
use kiertokit::matching::Recurrence;
use kiertokit::workspace::{DropReason, SurveyOutcome};

pub struct Strings {
    pub heading: &'static str,
    pub intro: &'static str,
    pub question: &'static str,
    pub partner_label: &'static str,
    pub amount_label: &'static str,
    pub amount_hint: &'static str,
    pub unit_label: &'static str,
    pub recurrence_label: &'static str,
    pub reason_no: &'static str,
    pub reason_partly: &'static str,
    pub comment_label: &'static str,
    pub contact_label: &'static str,
    pub confirm: &'static str,
    pub err_outcome: &'static str,
    pub err_amount: &'static str,
    pub err_negative: &'static str,
    pub err_summary: &'static str,
    pub done_heading: &'static str,
    pub done_text: &'static str,
    pub download: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub mail: &'static str,
    pub answer_label: &'static str,
    pub edit: &'static str,
    pub no_listing: &'static str,
    /// `{listing}` is the listing's id.
    pub mail_subject: &'static str,
    pub listing_label: &'static str,
}

const FI: Strings = Strings {
    heading: "Kerro, miten kävi",
    intro: "Vastaus auttaa alueen symbioosikoordinaattoria seuraamaan toteutuneita materiaalivaihtoja. Vastaaminen on vapaaehtoista.",
    question: "Johtiko ilmoitus materiaalin vaihtoon?",
    partner_label: "Kenen kanssa? (yritys tai ilmoitus)",
    amount_label: "Kuinka paljon?",
    amount_hint: "Esimerkiksi 12,5. Kentän voi jättää tyhjäksi.",
    unit_label: "Yksikkö",
    recurrence_label: "Kuinka usein?",
    reason_no: "Miksi vaihto ei toteutunut?",
    reason_partly: "Mikä rajoitti vaihtoa?",
    comment_label: "Lisätietoja (vapaaehtoinen)",
    contact_label: "Alueen symbioosikoordinaattori saa ottaa minuun yhteyttä vastauksesta.",
    confirm: "Vahvista vastaus",
    err_outcome: "Valitse, johtiko ilmoitus vaihtoon.",
    err_amount: "Anna määrä numerona, esimerkiksi 12,5.",
    err_negative: "Määrä ei voi olla negatiivinen.",
    err_summary: "Tarkista vastaus: merkityissä kohdissa on korjattavaa.",
    done_heading: "Kiitos vastauksesta!",
    done_text: "Vastaus on valmis, ja tämä sivu voi käsitellä sen. Vastauksen voi myös ladata, kopioida tai lähettää sähköpostilla koordinaattorille. Työkalu ei itse lähetä tietoja minnekään.",
    download: "Lataa vastaus",
    copy: "Kopioi vastaus",
    copied: "Vastaus kopioitiin leikepöydälle.",
    copy_failed: "Kopiointi ei onnistunut. Valitse vastaus alla olevasta kentästä ja kopioi se itse.",
    mail: "Lähetä sähköpostilla koordinaattorille",
    answer_label: "Vastaus (JSON)",
    edit: "Muokkaa vastausta",
    no_listing: "Kyselyä ei voi näyttää: sivu ei kerro ilmoituksen tunnistetta (data-kt-listing).",
    mail_subject: "Sulkeutuneen ilmoituksen kysely: {listing}",
    listing_label: "Ilmoitus",
};

const SV: Strings = Strings {
    heading: "Berätta hur det gick",
    intro: "Svaret hjälper regionens symbioskoordinator att följa upp förverkligade materialutbyten. Det är frivilligt att svara.",
    question: "Ledde annonsen till ett utbyte av material?",
    partner_label: "Med vem? (företag eller annons)",
    amount_label: "Hur mycket?",
    amount_hint: "Till exempel 12,5. Fältet kan lämnas tomt.",
    unit_label: "Enhet",
    recurrence_label: "Hur ofta?",
    reason_no: "Varför blev det inget utbyte?",
    reason_partly: "Vad begränsade utbytet?",
    comment_label: "Mer information (frivilligt)",
    contact_label: "Regionens symbioskoordinator får kontakta mig om svaret.",
    confirm: "Bekräfta svaret",
    err_outcome: "Välj om annonsen ledde till ett utbyte.",
    err_amount: "Ange mängden som ett tal, till exempel 12,5.",
    err_negative: "Mängden kan inte vara negativ.",
    err_summary: "Kontrollera svaret: de markerade fälten behöver rättas.",
    done_heading: "Tack för svaret!",
    done_text: "Svaret är klart och den här sidan kan behandla det. Svaret kan också laddas ned, kopieras eller skickas med e-post till koordinatorn. Verktyget skickar inte själv några uppgifter någonstans.",
    download: "Ladda ned svaret",
    copy: "Kopiera svaret",
    copied: "Svaret kopierades till urklipp.",
    copy_failed: "Kopieringen misslyckades. Markera svaret i fältet nedan och kopiera det själv.",
    mail: "Skicka med e-post till koordinatorn",
    answer_label: "Svaret (JSON)",
    edit: "Ändra svaret",
    no_listing: "Enkäten kan inte visas: sidan anger inte annonsens id (data-kt-listing).",
    mail_subject: "Enkät om stängd annons: {listing}",
    listing_label: "Annons",
};

const EN: Strings = Strings {
    heading: "Tell us how it went",
    intro: "Your answer helps the regional symbiosis coordinator follow up the material exchanges that took place. Answering is voluntary.",
    question: "Did this listing lead to an exchange of material?",
    partner_label: "With whom? (company or listing)",
    amount_label: "How much?",
    amount_hint: "For example 12.5. You may leave it empty.",
    unit_label: "Unit",
    recurrence_label: "How often?",
    reason_no: "Why did the exchange not happen?",
    reason_partly: "What limited the exchange?",
    comment_label: "More information (optional)",
    contact_label: "The regional symbiosis coordinator may contact me about this answer.",
    confirm: "Confirm the answer",
    err_outcome: "Choose whether the listing led to an exchange.",
    err_amount: "Enter the amount as a number, for example 12.5.",
    err_negative: "The amount cannot be negative.",
    err_summary: "Check the answer: the marked fields need a correction.",
    done_heading: "Thank you for your answer!",
    done_text: "Your answer is ready and this page can take it. You can also download it, copy it or e-mail it to the coordinator. The tool itself sends nothing anywhere.",
    download: "Download the answer",
    copy: "Copy the answer",
    copied: "The answer was copied to the clipboard.",
    copy_failed: "Copying failed. Select the answer in the field below and copy it yourself.",
    mail: "E-mail it to the coordinator",
    answer_label: "The answer (JSON)",
    edit: "Edit the answer",
    no_listing: "The survey cannot be shown: the page does not give the listing's id (data-kt-listing).",
    mail_subject: "Closing survey: listing {listing}",
    listing_label: "Listing",
};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

pub fn outcome(o: SurveyOutcome, lang: Lang) -> &'static str {
    let t = match o {
        SurveyOutcome::Yes => ["Kyllä", "Ja", "Yes"],
        SurveyOutcome::Partly => ["Osittain", "Delvis", "Partly"],
        SurveyOutcome::No => ["Ei", "Nej", "No"],
    };
    pick(t, lang)
}

pub fn reason(r: DropReason, lang: Lang) -> &'static str {
    let t = match r {
        DropReason::Price => ["Hinta", "Pris", "Price"],
        DropReason::Quality => ["Laatu", "Kvalitet", "Quality"],
        DropReason::Logistics => ["Logistiikka", "Logistik", "Logistics"],
        DropReason::Permits => ["Luvat", "Tillstånd", "Permits"],
        DropReason::Timing => ["Ajoitus", "Tidpunkt", "Timing"],
        DropReason::NoResponse => ["Ei vastausta", "Inget svar", "No response"],
        DropReason::Other => ["Muu syy", "Annan orsak", "Other"],
    };
    pick(t, lang)
}

pub fn recurrence(r: Recurrence, lang: Lang) -> &'static str {
    let t = match r {
        Recurrence::OneOff => ["Kerran", "En gång", "Once"],
        Recurrence::PerYear => ["Vuosittain", "Per år", "Every year"],
        Recurrence::PerMonth => ["Kuukausittain", "Per månad", "Every month"],
        Recurrence::PerWeek => ["Viikoittain", "Per vecka", "Every week"],
    };
    pick(t, lang)
}

/// Unit names as each language writes them (kpl / st / pcs, not the Finnish one for all).
pub fn unit(u: Unit, lang: Lang) -> &'static str {
    crate::i18n::unit(u.symbol(), lang)
}

fn pick(t: [&'static str; 3], lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => t[0],
        Lang::Sv => t[1],
        Lang::En => t[2],
    }
}
