#!/usr/bin/env python3
"""Writes tests/fixtures/workspace/workshop.json: a fictitious coordinator workspace with two
workshops (Tampere in Finnish, Vaasa in Swedish), 40 companies, 120 listings, synergies with
dated histories over 2025-2026, realised exchanges, closing-survey answers and notes.

Every company, person and business id is invented (names say so; business ids start with 99,
a range not issued). Synergy scores and explanations come from the matching engine itself:

    cargo build -p kiertokit-cli
    python3 tools/workshop-fixture.py target/debug/kiertokit

Run once; the output is committed and reviewed, then the golden reports are regenerated with
UPDATE_GOLDEN=1 cargo test -p kiertokit-tests --test workspace.
"""
import json
import subprocess
import sys

OUT = "tests/fixtures/workspace/workshop.json"


def business_id(n):
    """A Y-tunnus with a valid check digit in the unissued 99xxxxx range."""
    for k in range(n, n + 50):
        digits = "99" + f"{k:05d}"
        s = sum(int(d) * w for d, w in zip(digits, [7, 9, 10, 5, 8, 4, 2])) % 11
        if s == 1:
            continue
        return f"{digits}-{0 if s == 0 else 11 - s}"
    raise ValueError(n)


# (id, name, municipality, contact, lang, listings)
# listing: (kind, title, description, category, ewc, amount, unit, recurrence, max_km)
FI = [
    ("c01", "Hervannan Betonielementti Oy", "Tampere", "Mikko Esimerkki", [
        ("offer", "Betonimurske", "Elementtitehtaan hylkyelementeistä murskattu betoni, 0–32 mm.", "construction", "170101", 2400, "t", "per-year", 80),
        ("offer", "Puiset muottilaudat", "Käytetyt muottilaudat, nauloja poistettu osittain.", "wood", "170201", 60, "t", "per-year", 60),
        ("seek", "Kierrätyskiviaines täyttöön", "Haetaan kiviainesta tehdasalueen kenttärakenteisiin.", "soil", "170504", 1500, "t", "one-off", 50)]),
    ("c02", "Pirkan Puusepät Oy", "Ylöjärvi", "Anna Esimerkki", [
        ("offer", "Sahanpuru ja kutterinlastu", "Kuivaa kuusen ja männyn purua, siilossa.", "wood", "030105", 900, "t", "per-year", 100),
        ("offer", "Puuhake", "Sekalaista puuhaketta sahauksen tähteistä.", "wood", "030105", 400, "t", "per-year", 100),
        ("seek", "Kuormalavat", "Tarvitaan ehjiä EUR-lavoja lähetyksiin.", "wood", "150103", 3000, "pcs", "per-year", 80)]),
    ("c03", "Nokian Muovijalostamo Oy", "Nokia", "Pekka Esimerkki", [
        ("seek", "Puhdas PE-kalvo", "Haetaan lajiteltua LDPE-kiristekalvoa regranulointiin.", "plastics", "150102", 300, "t", "per-year", 200),
        ("seek", "PP-muovirouhe", "Polypropeenirouhe ruiskuvaluun, väri ei ratkaise.", "plastics", "191204", 150, "t", "per-year", 200),
        ("offer", "Muovigranulaatin pakkaussäkit", "Käytettyjä suursäkkejä, puhtaita.", "plastics", "150102", 8, "t", "per-year", 100)]),
    ("c04", "Kangasalan Kotieläintila Ky", "Kangasala", "Liisa Esimerkki", [
        ("seek", "Rehuksi kelpaava leipä", "Leipomoiden ylijäämäleipä sikojen rehuksi.", "food", "020601", 120, "t", "per-year", 60),
        ("seek", "Panimomäski", "Märkä mäski nautojen rehuun, noudetaan viikoittain.", "food", "020704", 400, "t", "per-year", 60),
        ("offer", "Kuivikelanta", "Hevosen ja naudan kuivikelantaa peltolannoitteeksi.", "food", None, 600, "t", "per-year", 40)]),
    ("c05", "Tampereen Leipomo Oy", "Tampere", "Jussi Esimerkki", [
        ("offer", "Ylijäämäleipä", "Myymättä jäänyt leipä, kerätään päivittäin.", "food", "020601", 90, "t", "per-year", 50),
        ("offer", "Pahvilaatikot", "Raaka-ainetoimitusten aaltopahvilaatikot.", "paper", "150101", 40, "t", "per-year", 50),
        ("seek", "Leivinpaperin kierrätys", "Haetaan kumppania käytetyn leivinpaperin hyödyntämiseen.", "paper", None, 6, "t", "per-year", 50)]),
    ("c06", "Pyynikin Panimo Oy", "Tampere", "Sari Esimerkki", [
        ("offer", "Panimomäski", "Märkää ohramäskiä, noin 8 t viikossa.", "food", "020704", 420, "t", "per-year", 60),
        ("offer", "Lasipullojen rikkolasi", "Pullotuslinjan rikkoutuneet pullot.", "glass", "150107", 25, "t", "per-year", 150),
        ("seek", "Puulavat", "Käytetyt lavat tynnyrien varastointiin.", "wood", "150103", 500, "pcs", "per-year", 40)]),
    ("c07", "Lempäälän Metallityö Oy", "Lempäälä", "Timo Esimerkki", [
        ("offer", "Teräsromu", "Leikkuujätettä ja sorvinlastua, lajiteltuna.", "metals", "120101", 350, "t", "per-year", 150),
        ("offer", "Kuormalavat", "Ehjiä ja korjattavia puulavoja.", "wood", "150103", 2500, "pcs", "per-year", 80),
        ("seek", "Teräslevyn leikkuupalat", "Pieniä teräslevyjä kiinnikkeiden aihioiksi.", "metals", "120101", 30, "t", "per-year", 100)]),
    ("c08", "Valkeakosken Kartonki Oy", "Valkeakoski", "Outi Esimerkki", [
        ("seek", "Keräyskartonki", "Haetaan aaltopahvia ja kartonkia kuitulähteeksi.", "paper", "150101", 2000, "t", "per-year", 150),
        ("offer", "Kuituliete", "Jätevedenpuhdistamon kuitupitoinen liete.", "paper", "030307", 1200, "t", "per-year", 80),
        ("offer", "Kuori ja puujäte", "Kuorimon kuori ja puutähteet.", "wood", "030105", 3000, "t", "per-year", 100)]),
    ("c09", "Pirkkalan Kiinteistöpalvelu Oy", "Pirkkala", "Heikki Esimerkki", [
        ("offer", "Toimistokalusteet", "Käytettyjä työpöytiä ja tuoleja, hyvässä kunnossa.", "other", None, 180, "pcs", "one-off", 60),
        ("offer", "Elektroniikkaromu", "Poistettuja näyttöjä ja tietokoneita.", "electronics", "160214", 4, "t", "per-year", 150),
        ("seek", "Haketta lämpökeskukseen", "Polttohaketta pienlämpökeskukseen.", "wood", "030105", 700, "t", "per-year", 80)]),
    ("c10", "Sastamalan Sorakuljetus Oy", "Sastamala", "Jari Esimerkki", [
        ("offer", "Ylijäämämaa", "Puhdasta kaivumaata rakennustyömailta.", "soil", "170504", 5000, "t", "per-year", 60),
        ("seek", "Betonimurske", "Murske tienrakennukseen, 0–45 mm.", "construction", "170101", 3000, "t", "per-year", 100),
        ("seek", "Tuhka maarakentamiseen", "Lentotuhkaa tierakenteisiin MARA-asetuksen mukaan.", "ash", "100103", 800, "t", "per-year", 100)]),
    ("c11", "Oriveden Energia Oy", "Orivesi", "Päivi Esimerkki", [
        ("offer", "Lentotuhka", "Puun ja turpeen polton lentotuhka.", "ash", "100103", 1100, "t", "per-year", 120),
        ("offer", "Pohjatuhka", "Arinakattilan pohjatuhka.", "ash", "100101", 400, "t", "per-year", 120),
        ("seek", "Puuhake", "Metsähaketta ja sahanpurua polttoon.", "wood", "030105", 5000, "t", "per-year", 100)]),
    ("c12", "Tesoman Tekstiilipaja Oy", "Tampere", "Riikka Esimerkki", [
        ("seek", "Poistotekstiili", "Puuvillapitoista poistotekstiiliä kuiduttamoon.", "textiles", "200110", 200, "t", "per-year", 250),
        ("offer", "Leikkuujäte", "Kangasta leikkuusta, polyesteri ja puuvilla.", "textiles", "040222", 35, "t", "per-year", 150),
        ("offer", "Kangasrullien hylsyt", "Kartonkihylsyjä, halkaisija 7–15 cm.", "paper", "150101", 5, "t", "per-year", 50)]),
    ("c13", "Hatanpään Sairaalapesula Oy", "Tampere", "Katja Esimerkki", [
        ("offer", "Poistetut liinavaatteet", "Kuluneita lakanoita ja pyyhkeitä, puuvillaa.", "textiles", "200110", 60, "t", "per-year", 250),
        ("offer", "Pesuainekanisterit", "Tyhjiä HDPE-kanistereita, huuhdeltuja.", "plastics", "150102", 12, "t", "per-year", 150),
        ("seek", "Kuormalavat", "Lavoja pyykkikärryjen kuljetukseen.", "wood", "150103", 400, "pcs", "per-year", 40)]),
    ("c14", "Kalevan Rakennus Oy", "Tampere", "Antti Esimerkki", [
        ("offer", "Purkupuu", "Purkutyömaan puhdasta runkopuuta.", "wood", "170201", 120, "t", "one-off", 60),
        ("offer", "Tiilimurske", "Purettujen väliseinien tiilet murskattuna.", "construction", "170102", 300, "t", "one-off", 60),
        ("seek", "Kierrätysteräs", "Palkkeja ja putkia uudelleenkäyttöön.", "metals", "170405", 40, "t", "one-off", 100)]),
    ("c15", "Ylöjärven Kierrätys Oy", "Ylöjärvi", "Minna Esimerkki", [
        ("seek", "Sekalainen metalliromu", "Otetaan vastaan kaikki metallit.", "metals", "170405", 1000, "t", "per-year", 150),
        ("seek", "Lasimurske", "Pakkauslasia ja tasolasia jatkojalostukseen.", "glass", "150107", 300, "t", "per-year", 200),
        ("offer", "Lajiteltu PE-kalvo", "Paalattua LDPE-kalvoa kaupan jakelusta.", "plastics", "150102", 220, "t", "per-year", 200)]),
    ("c16", "Nokian Kumitehdas Oy", "Nokia", "Ville Esimerkki", [
        ("offer", "Kumirouhe", "Valmistuksen kumijäte rouhittuna.", "plastics", "191204", 180, "t", "per-year", 200),
        ("offer", "Teräsvanteet", "Teräsvannerullat ja vanteet.", "metals", "120101", 20, "t", "per-year", 150),
        ("seek", "PP-rouhe", "Polypropeenia kumiseosten täyteaineeksi.", "plastics", "191204", 60, "t", "per-year", 200)]),
    ("c17", "Kangasalan Kasvihuone Oy", "Kangasala", "Elina Esimerkki", [
        ("seek", "Kompostoitava biomassa", "Kasvualustaksi kompostoitavaa biomassaa.", "food", "200108", 300, "t", "per-year", 50),
        ("offer", "Kasvijäte", "Tomaatin varret ja lehdet kasvukauden lopusta.", "food", "020103", 250, "t", "per-year", 50),
        ("offer", "Muovikalvot", "Kasvihuoneiden käytetyt katekalvot.", "plastics", "020104", 15, "t", "per-year", 200)]),
    ("c18", "Lempäälän Logistiikka Oy", "Lempäälä", "Tuomas Esimerkki", [
        ("offer", "Kiristekalvo", "Varaston puhdasta venytyskalvoa, paalattuna.", "plastics", "150102", 90, "t", "per-year", 200),
        ("offer", "Aaltopahvi", "Pakkauspahvia, paalattuna.", "paper", "150101", 260, "t", "per-year", 150),
        ("seek", "Kuormalavat", "Ehjiä EUR-lavoja.", "wood", "150103", 6000, "pcs", "per-year", 80)]),
    ("c19", "Pirkanmaan Lasiovi Oy", "Pirkkala", "Hanna Esimerkki", [
        ("offer", "Tasolasin leikkuujäte", "Ikkunalasin leikkuupalat, puhdasta.", "glass", "170202", 70, "t", "per-year", 200),
        ("offer", "Alumiiniprofiilit", "Karmiprofiilien hukkapalat.", "metals", "170402", 9, "t", "per-year", 150),
        ("seek", "Puulaatikot", "Lasien kuljetuslaatikoiksi sopivaa puutavaraa.", "wood", "170201", 30, "t", "per-year", 80)]),
    ("c20", "Vuoreksen Ravintolat Oy", "Tampere", "Laura Esimerkki", [
        ("offer", "Biojäte", "Keittiöiden biojäte, lajiteltu.", "food", "200108", 55, "t", "per-year", 40),
        ("offer", "Paistorasva", "Käytetty paistorasva.", "food", "200125", 6, "t", "per-year", 100),
        ("seek", "Lähiruoan ylijäämä", "Ylijäämäkasviksia lounasruokaan.", "food", None, 20, "t", "per-year", 60)]),
    ("c21", "Nekalan Autopurkaamo Oy", "Tampere", "Sami Esimerkki", [
        ("offer", "Romuautojen teräs", "Puristettua autoromua.", "metals", "160117", 500, "t", "per-year", 200),
        ("offer", "Renkaat", "Käytettyjä henkilöautonrenkaita.", "plastics", "160103", 80, "t", "per-year", 200),
        ("seek", "Käytetyt varaosat", "Varaosia myyntiin.", "metals", None, 10, "t", "per-year", 150)]),
    ("c22", "Kangasalan Tiili Oy", "Kangasala", "Jouni Esimerkki", [
        ("seek", "Lentotuhka", "Tuhkaa tiilimassan seosaineeksi.", "ash", "100103", 500, "t", "per-year", 120),
        ("seek", "Lasimurske", "Hienoa lasimursketta lasitteisiin.", "glass", "191205", 40, "t", "per-year", 150),
        ("offer", "Tiilimurske", "Hylkytiiliä murskattuna.", "construction", "101208", 700, "t", "per-year", 100)]),
]

SV = [
    ("c23", "Vasa Metallverkstad Ab", "Vaasa", "Johan Exempel", [
        ("offer", "Stålskrot", "Klipp och spån från tillverkningen, sorterat.", "metals", "120101", 420, "t", "per-year", 150),
        ("offer", "Lastpallar", "Hela och lagningsbara träpallar.", "wood", "150103", 3000, "pcs", "per-year", 80),
        ("seek", "Stålplåt i småbitar", "Plåtbitar till fästen.", "metals", "120101", 25, "t", "per-year", 100)]),
    ("c24", "Korsholms Grönsaker Ab", "Mustasaari", "Maria Exempel", [
        ("offer", "Växtavfall", "Stjälkar och blad från växthusodlingen.", "food", "020103", 300, "t", "per-year", 60),
        ("offer", "Plastfilm från växthus", "Använd täckfilm, PE.", "plastics", "020104", 18, "t", "per-year", 200),
        ("seek", "Kompost till odlingssubstrat", "Komposterbar biomassa.", "food", "200108", 250, "t", "per-year", 120)]),
    ("c25", "Jakobstads Träförädling Ab", "Pietarsaari", "Erik Exempel", [
        ("offer", "Sågspån", "Torrt sågspån från hyvleriet.", "wood", "030105", 1200, "t", "per-year", 150),
        ("offer", "Bark", "Bark från barkningen.", "wood", "030105", 2500, "t", "per-year", 120),
        ("seek", "Lastpallar", "Hela EUR-pallar till utleveranser.", "wood", "150103", 4000, "pcs", "per-year", 100)]),
    ("c26", "Närpes Fisk Ab", "Närpiö", "Anna Exempel", [
        ("offer", "Fiskrens", "Rens från filéringen, kylt.", "food", "020203", 140, "t", "per-year", 120),
        ("offer", "Frigolitlådor", "Använda EPS-lådor, rengjorda.", "plastics", "150102", 10, "t", "per-year", 150),
        ("seek", "Wellpapplådor", "Begagnade lådor till packning.", "paper", "150101", 15, "t", "per-year", 100)]),
    ("c27", "Österbottens Biogas Ab", "Mustasaari", "Henrik Exempel", [
        ("seek", "Matavfall till biogas", "Tar emot bioavfall och livsmedelsavfall.", "food", "200108", 3000, "t", "per-year", 150),
        ("seek", "Fiskavfall", "Fiskrens till rötning.", "food", "020203", 400, "t", "per-year", 150),
        ("offer", "Rötrest", "Rötrest som gödselmedel.", "food", "190606", 2500, "t", "per-year", 80)]),
    ("c28", "Vasa Bryggeri Ab", "Vaasa", "Sofia Exempel", [
        ("offer", "Drav", "Våt drav, ca 5 t i veckan.", "food", "020704", 260, "t", "per-year", 100),
        ("offer", "Krossglas", "Trasiga flaskor från tappningen.", "glass", "150107", 18, "t", "per-year", 200),
        ("seek", "Träpallar", "Pallar för fatlagring.", "wood", "150103", 300, "pcs", "per-year", 50)]),
    ("c29", "Kristinestads Lantbruk Ab", "Kristiinankaupunki", "Mats Exempel", [
        ("seek", "Drav till foder", "Drav till nötkreatur.", "food", "020704", 300, "t", "per-year", 120),
        ("seek", "Bröd till foder", "Överskottsbröd till svinfoder.", "food", "020601", 80, "t", "per-year", 120),
        ("offer", "Halm", "Vete- och kornhalm i balar.", "food", None, 200, "t", "per-year", 80)]),
    ("c30", "Vasa Energi Ab", "Vaasa", "Lena Exempel", [
        ("offer", "Flygaska", "Flygaska från förbränning av torv och trä.", "ash", "100103", 1500, "t", "per-year", 150),
        ("offer", "Bottenaska", "Bottenaska från panna.", "ash", "100101", 600, "t", "per-year", 150),
        ("seek", "Träflis", "Flis och sågspån till bränsle.", "wood", "030105", 6000, "t", "per-year", 150)]),
    ("c31", "Malax Betong Ab", "Maalahti", "Peter Exempel", [
        ("offer", "Betongkross", "Krossad betong från kasserade element.", "construction", "170101", 1800, "t", "per-year", 100),
        ("seek", "Flygaska till betong", "Flygaska som tillsatsmaterial.", "ash", "100103", 400, "t", "per-year", 150),
        ("seek", "Armeringsjärn", "Begagnat armeringsstål.", "metals", "170405", 50, "t", "one-off", 100)]),
    ("c32", "Nykarleby Plast Ab", "Uusikaarlepyy", "Emma Exempel", [
        ("seek", "Ren PE-film", "Sorterad PE-film till regranulering.", "plastics", "150102", 250, "t", "per-year", 250),
        ("seek", "PP-kross", "PP-kross till formsprutning.", "plastics", "191204", 100, "t", "per-year", 250),
        ("offer", "Produktionsspill av plast", "Kantremsor av PP.", "plastics", "120105", 40, "t", "per-year", 200)]),
    ("c33", "Vörå Bygg Ab", "Vöyri", "Anders Exempel", [
        ("offer", "Rivningsvirke", "Rent virke från rivning.", "wood", "170201", 90, "t", "one-off", 80),
        ("offer", "Tegelkross", "Krossat tegel från rivning.", "construction", "170102", 200, "t", "one-off", 80),
        ("seek", "Överskottsjord", "Jord till terrassering.", "soil", "170504", 2000, "t", "one-off", 60)]),
    ("c34", "Vasa Hamnlogistik Ab", "Vaasa", "Kristian Exempel", [
        ("offer", "Sträckfilm", "Ren sträckfilm från lagret, balad.", "plastics", "150102", 70, "t", "per-year", 250),
        ("offer", "Wellpapp", "Balad wellpapp.", "paper", "150101", 180, "t", "per-year", 200),
        ("seek", "Lastpallar", "EUR-pallar till lagret.", "wood", "150103", 5000, "pcs", "per-year", 100)]),
    ("c35", "Korsholms Textilåtervinning Ab", "Mustasaari", "Ida Exempel", [
        ("seek", "Kasserade textilier", "Bomullsrika textilier till fiberåtervinning.", "textiles", "200110", 300, "t", "per-year", 300),
        ("seek", "Arbetskläder", "Kasserade arbetskläder.", "textiles", "200110", 40, "t", "per-year", 300),
        ("offer", "Fiberrester", "Korta fibrer från rivningen.", "textiles", "040222", 30, "t", "per-year", 200)]),
    ("c36", "Jakobstads Kartong Ab", "Pietarsaari", "Oskar Exempel", [
        ("seek", "Returkartong", "Wellpapp och kartong som fiberråvara.", "paper", "150101", 3000, "t", "per-year", 250),
        ("offer", "Fiberslam", "Fiberslam från reningsverket.", "paper", "030307", 1500, "t", "per-year", 100),
        ("offer", "Bark och träavfall", "Bark från barkningen.", "wood", "030105", 2000, "t", "per-year", 120)]),
    ("c37", "Vasa Sjukhustvätt Ab", "Vaasa", "Elin Exempel", [
        ("offer", "Kasserade lakan", "Slitna lakan och handdukar av bomull.", "textiles", "200110", 45, "t", "per-year", 300),
        ("offer", "Tvättmedelsdunkar", "Tomma HDPE-dunkar, sköljda.", "plastics", "150102", 9, "t", "per-year", 200),
        ("seek", "Träpallar", "Pallar till transport av tvättvagnar.", "wood", "150103", 300, "pcs", "per-year", 50)]),
    ("c38", "Närpes Växthus Ab", "Närpiö", "Jonas Exempel", [
        ("offer", "Tomatblast", "Blast från odlingssäsongens slut.", "food", "020103", 400, "t", "per-year", 100),
        ("offer", "Stenull", "Använda odlingsmattor av stenull.", "construction", "170604", 120, "t", "per-year", 150),
        ("seek", "Koldioxid och värme", "Spillvärme från industrin.", "other", None, 1, "pcs", "per-year", 30)]),
    ("c39", "Karleby Skrot Ab", "Kokkola", "Viktor Exempel", [
        ("seek", "Blandat metallskrot", "Tar emot alla metaller.", "metals", "170405", 2000, "t", "per-year", 250),
        ("seek", "Kabelskrot", "Kopparkabel.", "metals", "170411", 50, "t", "per-year", 250),
        ("offer", "Sorterat stålskrot", "Stålskrot till stålverk.", "metals", "191202", 1500, "t", "per-year", 300)]),
    ("c40", "Laihian Leipomo Oy", "Laihia", "Niina Esimerkki", [
        ("offer", "Ylijäämäleipä", "Myymättä jäänyt leipä.", "food", "020601", 70, "t", "per-year", 120),
        ("offer", "Jauhosäkit", "Paperisia jauhosäkkejä.", "paper", "150101", 6, "t", "per-year", 100),
        ("seek", "Kuormalavat", "Ehjiä lavoja.", "wood", "150103", 800, "pcs", "per-year", 60)]),
]


def stage1():
    ws = {
        "version": 1,
        "name": "Pirkanmaan ja Pohjanmaan symbioosiverkosto (kuvitteellinen)",
        "events": [
            {"id": "e-tre-2025", "kind": "workshop", "name": "Sivuvirtatyöpaja Tampere 2025",
             "date": "2025-03-12", "municipality": "Tampere"},
            {"id": "e-vsa-2025", "kind": "workshop", "name": "Sidoströmsworkshop Vasa 2025",
             "date": "2025-09-24", "municipality": "Vaasa"},
        ],
        "companies": [],
        "listings": [],
    }
    for group, event, lang in ((FI, "e-tre-2025", "fi"), (SV, "e-vsa-2025", "sv")):
        for n, (cid, name, muni, person, listings) in enumerate(group):
            fict = " (fiktivt)" if name.endswith("Ab") else " (kuvitteellinen)"
            clang = "fi" if name.endswith("Oy") or name.endswith("Ky") else "sv"
            ws["companies"].append({
                "id": cid, "name": name + fict, "business_id": business_id(int(cid[1:]) * 37),
                "municipality": muni,
                "contact": {"name": person + fict.replace(" (", " (").strip(),
                            "email": f"{person.split()[0].lower()}@{cid}.example.org", "lang": clang},
            })
            for k, (kind, title, desc, cat, ewc, amount, unit, rec, km) in enumerate(listings):
                lid = f"{cid}-{k + 1}"
                l = {"id": lid, "kind": kind, "title": title, "description": desc, "category": cat,
                     "quantity": {"amount": amount, "unit": unit}, "municipality": muni,
                     "max_distance_km": km, "organisation": name + fict, "lang": clang}
                if ewc:
                    l["ewc"] = ewc
                if rec != "one-off":
                    l["recurrence"] = rec
                l["available_from"] = "2025-03-12" if event == "e-tre-2025" else "2025-09-24"
                ws["listings"].append({"listing": l, "event": event, "company": cid})
    return ws


def run(cli, *args):
    out = subprocess.run([cli, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


# Follow-up plan: (offer, seek, history, exchange or None). History steps: (status, date, reason).
PLAN = [
    # Tampere workshop, identified 2025-03-12..20
    ("c06-1", "c04-2", [("contacted", "2025-03-25"), ("negotiating", "2025-04-10"), ("realised", "2025-05-05")],
     dict(start="2025-05-05", material="food", amount=35, unit="t", rec="per-month", base="landfill", alt="anaerobic_digestion", km=25)),
    ("c05-1", "c04-1", [("contacted", "2025-03-20"), ("realised", "2025-04-15")],
     dict(start="2025-04-15", end="2026-03-31", material="food", amount=7.5, unit="t", rec="per-month", base="incineration", alt="composting", km=18)),
    ("c01-1", "c10-2", [("contacted", "2025-03-28"), ("negotiating", "2025-05-02"), ("realised", "2025-06-16")],
     dict(start="2025-06-16", material="170101", amount=2400, unit="t", rec="per-year", base="landfill", alt="recycling", km=55)),
    ("c11-1", "c22-1", [("contacted", "2025-04-01"), ("negotiating", "2025-05-20"), ("realised", "2025-08-01")],
     dict(start="2025-08-01", material="ash", amount=40, unit="t", rec="per-month", base="landfill", alt="recycling", km=45)),
    ("c18-2", "c08-1", [("contacted", "2025-03-26"), ("realised", "2025-04-28")],
     dict(start="2025-04-28", material="150101", amount=260, unit="t", rec="per-year", base="incineration", alt="recycling", km=35)),
    ("c15-3", "c03-1", [("contacted", "2025-03-21"), ("negotiating", "2025-04-22"), ("realised", "2025-09-01")],
     dict(start="2025-09-01", material="150102", amount=18, unit="t", rec="per-month", base="incineration", alt="recycling", km=22)),
    ("c14-1", "c19-3", [("contacted", "2025-04-02"), ("realised", "2025-05-12")],
     dict(start="2025-05-12", material="wood", amount=30, unit="t", rec="one-off", base="incineration", alt="recycling", km=14)),
    ("c13-1", "c12-1", [("contacted", "2025-04-03"), ("negotiating", "2025-05-15"), ("realised", "2025-10-01")],
     dict(start="2025-10-01", material="200110", amount=5, unit="t", rec="per-month", base="incineration", alt="recycling", km=6)),
    ("c07-2", "c18-3", [("contacted", "2025-03-24"), ("realised", "2025-04-07")],
     dict(start="2025-04-07", material="wood", amount=120, unit="m3", rec="per-year", base="incineration", alt="recycling", km=3)),
    ("c07-1", "c15-1", [("contacted", "2025-03-19"), ("dropped", "2025-04-30", "price")], None),
    ("c21-2", "c16-3", [("contacted", "2025-04-10"), ("dropped", "2025-06-05", "quality")], None),
    ("c02-1", "c11-3", [("contacted", "2025-03-27"), ("negotiating", "2025-04-24"), ("dropped", "2025-07-01", "logistics")], None),
    ("c10-1", "c01-3", [("contacted", "2025-05-06"), ("dropped", "2025-08-15", "permits")], None),
    ("c20-1", "c17-1", [("contacted", "2025-04-14"), ("dropped", "2025-09-30", "no_response")], None),
    ("c08-3", "c09-3", [("contacted", "2025-04-16"), ("negotiating", "2025-06-10")], None),
    ("c19-1", "c15-2", [("contacted", "2025-04-22")], None),
    ("c16-2", "c07-3", [], None),
    ("c17-3", "c03-1", [("contacted", "2025-05-05")], None),
    ("c06-2", "c22-2", [], None),
    ("c16-1", "c03-2", [("contacted", "2025-04-29"), ("negotiating", "2025-06-03"), ("dropped", "2026-01-20", "timing")], None),
    # Vasa workshop, identified 2025-09-24..10-02
    ("c28-1", "c29-1", [("contacted", "2025-10-06"), ("negotiating", "2025-10-27"), ("realised", "2025-11-17")],
     dict(start="2025-11-17", material="food", amount=20, unit="t", rec="per-month", base="landfill", alt="anaerobic_digestion", km=95)),
    ("c26-1", "c27-2", [("contacted", "2025-10-01"), ("realised", "2025-11-03")],
     dict(start="2025-11-03", material="food", amount=11, unit="t", rec="per-month", base="incineration", alt="anaerobic_digestion", km=85)),
    ("c31-1", "c33-3", [("contacted", "2025-10-08"), ("realised", "2026-04-14")],
     dict(start="2026-04-14", material="170101", amount=900, unit="t", rec="one-off", base="landfill", alt="recycling", km=40)),
    ("c30-1", "c31-2", [("contacted", "2025-10-02"), ("negotiating", "2025-11-12"), ("realised", "2026-02-02")],
     dict(start="2026-02-02", material="ash", amount=30, unit="t", rec="per-month", base="landfill", alt="recycling", km=20)),
    ("c34-2", "c36-1", [("contacted", "2025-10-09"), ("realised", "2025-12-01")],
     dict(start="2025-12-01", material="150101", amount=15, unit="t", rec="per-month", base="incineration", alt="recycling", km=100)),
    ("c37-1", "c35-1", [("contacted", "2025-10-13"), ("negotiating", "2025-11-20"), ("realised", "2026-01-12")],
     dict(start="2026-01-12", material="textiles", amount=3.5, unit="t", rec="per-month", base="incineration", alt="recycling", km=12)),
    ("c23-1", "c39-1", [("contacted", "2025-10-07"), ("dropped", "2025-12-10", "price")], None),
    ("c34-1", "c32-1", [("contacted", "2025-10-14"), ("negotiating", "2025-11-25"), ("dropped", "2026-03-03", "quality")], None),
    ("c25-2", "c30-3", [("contacted", "2025-10-20"), ("dropped", "2026-02-16", "logistics")], None),
    ("c38-1", "c24-3", [("contacted", "2025-10-16")], None),
    ("c23-2", "c34-3", [("contacted", "2025-10-06"), ("negotiating", "2025-11-05")], None),
    ("c40-1", "c29-2", [("contacted", "2025-10-21"), ("negotiating", "2025-12-04")], None),
    ("c24-2", "c32-1", [], None),
    ("c36-3", "c30-3", [("contacted", "2025-11-03")], None),
    ("c24-1", "c27-1", [], None),
]


def stage2(cli, ws):
    with open(OUT, "w") as f:
        json.dump(ws, f, ensure_ascii=False, indent=2)
    found = run(cli, "workspace", "candidates", "--workspace", OUT, "--top", "2000",
                "--min-score", "0", "--today", "2025-03-12")["candidates"]
    pairs = {(c["offer"], c["seek"]): c for c in found}
    ws["synergies"], ws["exchanges"] = [], []
    missing = [(o, s) for o, s, _, _ in PLAN if (o, s) not in pairs]
    if missing:
        sys.exit(f"the matching engine does not pair {missing}")
    for i, (offer, seek, steps, x) in enumerate(PLAN):
        c = pairs.get((offer, seek))
        if c is None:
            sys.exit(f"the matching engine does not pair {offer} and {seek}")
        first = "2025-03-12" if offer < "c23" else "2025-09-24"
        if i % 4 == 3:
            first = first[:-1] + str(int(first[-1]) + 4)
        history = [{"status": "identified", "date": first, "note": "työpaja" if offer < "c23" else "workshop"}]
        for s in steps:
            step = {"status": s[0], "date": s[1]}
            if len(s) > 2:
                step["reason"] = s[2]
            history.append(step)
        sid = f"syn-{i + 1:02d}"
        ws["synergies"].append({"id": sid, "offer": offer, "seek": seek, "score": c["score"],
                                "explanation": c["explanation"], "history": history})
        if x:
            ex = {"id": f"ex-{len(ws['exchanges']) + 1:02d}", "synergy": sid, "start": x["start"],
                  "material": x["material"], "quantity": {"amount": x["amount"], "unit": x["unit"]},
                  "recurrence": x["rec"], "baseline": x["base"], "alternative": x["alt"],
                  "distance_km": x["km"], "vehicle": "full_trailer", "updated": x["start"]}
            if "end" in x:
                ex["end"] = x["end"]
            ws["exchanges"].append(ex)
    ws["surveys"] = [
        {"id": "kysely-001", "listing": "c20-1", "synergy": "syn-14", "outcome": "no", "reason": "no_response",
         "contact_permission": True, "date": "2025-09-30", "comment": "Kumppani ei vastannut yhteydenottoihin.", "lang": "fi"},
        {"id": "enkat-001", "listing": "c26-1", "outcome": "yes", "partner": "Österbottens Biogas Ab (fiktivt)",
         "quantity": {"amount": 11, "unit": "t"}, "recurrence": "per-month", "contact_permission": True,
         "date": "2025-11-03", "lang": "sv"},
    ]
    ws["notes"] = [
        {"id": "note-01", "date": "2025-03-12", "about": "e-tre-2025",
         "text": "22 yritystä, 66 ilmoitusta; fasilitointi kahdessa pöydässä."},
        {"id": "note-02", "date": "2025-09-24", "about": "e-vsa-2025",
         "text": "18 företag, 54 annonser; två bord."},
        {"id": "note-03", "date": "2025-06-16", "about": "syn-03",
         "text": "Murskeen laatu todettu CE-merkinnän mukaiseksi ennen toimitusta."},
    ]
    with open(OUT, "w") as f:
        json.dump(ws, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    stage2(sys.argv[1], stage1())
