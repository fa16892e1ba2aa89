// The scoring widgets as partners embed them: the applicant's application check and the staff's
// review board, keyboard use, downloads, strict CSP (meta policy on both pages) and axe.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { BASE, launch, open, until, assertAccessible, screenshot } from "./helpers.js";

let context;
before(async () => { context = await launch({ acceptDownloads: true }); });
after(async () => { await context.close(); });

/** Like helpers.open, but with the page's clock fixed first (the widget reads Date at mount). */
async function openAt(path, time) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.problems = problems;
  await page.clock.setFixedTime(new Date(time));
  await page.goto(new URL(path, BASE).href);
  return page;
}

const check = "#check";
const summary = (page) => page.locator(`${check} .kt-ac-summary`).innerText();

async function downloadText(page, trigger) {
  const [download] = await Promise.all([page.waitForEvent("download"), trigger()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
}

test("an applicant fills the check by keyboard: ineligible reason, then eligible with weak points and time left", async () => {
  // Two days before the 2021 coaching call closes (12.11.2021 16:15 Helsinki time).
  const page = await openAt("application-check.html", "2021-11-10T10:00:00+02:00");
  await until(() => page.locator(`${check} #kt-ac-org`).count(), (n) => n === 1, "the form");
  assert.equal(await page.locator(`${check} label[for=kt-ac-programme]`).textContent(), "Haku");

  await page.locator(`${check} #kt-ac-org`).focus();
  await page.keyboard.type("Lahden kaupunki");
  await page.keyboard.press("Tab"); // into the organisation type radios
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown"); // → Yritys
  assert.equal(await page.locator(`${check} input[name=kt-ac-org-type]:checked`).getAttribute("value"), "company");
  await until(() => summary(page), (t) => t.includes("Hakijan ja jokaisen kanssahakijan on oltava kuntaorganisaatio"), "org-type reason");
  await until(() => page.locator(`${check} .kt-ac-summary [role=status]`).first().textContent(),
    (t) => t.startsWith("Puutteita hakuehdoissa: 3."), "announced problems");
  await screenshot(page, "application-check-ineligible");

  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowUp"); // → Kuntaorganisaatio
  await page.keyboard.press("Tab"); // the call's sentence behind the rule (a closed disclosure)
  await page.keyboard.press("Tab"); // alone / jointly (alone is checked)
  await page.keyboard.press("Tab"); // add an implementation partner (optional, passed by)
  await page.keyboard.press("Tab"); // the call's sentence
  await page.keyboard.press("Tab"); // results by (the call: by the end of April 2022)
  await page.keyboard.type("31.5.2022");
  await until(() => summary(page), (t) => t.includes("eivät ole käytettävissä huhtikuun 2022 loppuun mennessä"), "results-by reason");
  for (let i = 0; i < 9; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("30.4.2022");
  await page.keyboard.press("Tab"); // the call's sentence
  await page.keyboard.press("Tab"); // contact person
  await page.keyboard.type("Maija Meikäläinen");
  await page.keyboard.press("Tab"); // development need
  await page.keyboard.type("Kiertotalouden tiekartan toimeenpano ruoka- ja rakennusalalla.");
  await page.keyboard.press("Tab"); // impact rating
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowDown"); // → 4
  await page.keyboard.press("Tab"); // cross-administrative rating
  for (let i = 0; i < 2; i++) await page.keyboard.press("ArrowDown"); // → 2

  const text = await until(() => summary(page), (t) => t.includes("Hakemus täyttää hakuehdot."), "eligible");
  assert.doesNotMatch(text, /Hakijan ja jokaisen kanssahakijan/);
  assert.match(text, /Hallinnonalat ylittävä toteutus: 2 \/ 5 – Kaksi toimialaa tekee yhteistyötä/);
  assert.match(text, /Tavoitetaso: Useampi toimiala on sitoutunut/);
  assert.match(text, /Oma kokonaisarvio: 3,0 \/ 5/);
  assert.match(text, /Aikaa on jäljellä 2 päivää ja 6 tuntia\. Haku päättyy 12\. marraskuuta 2021 klo 16\.15\./);
  await until(() => page.locator(`${check} .kt-ac-summary [role=status]`).first().textContent(),
    (t) => t === "Hakuehdot täyttyvät. Heikkoja kohtia: 1.", "announced result");
  // Not colour alone: the verdict is text with a mark.
  assert.match(await page.locator(`${check} .kt-ac-eligibility`).innerText(), /✓/);

  const md = await downloadText(page, () => page.locator(`${check} .kt-ac-summary button`, { hasText: "Markdown" }).press("Enter"));
  assert.equal(md.name, "reilu-kiertotalous-2021-summary.md");
  assert.match(md.text, /^# Hakemuksen esitarkistus/);
  assert.match(md.text, /- Hakija: Lahden kaupunki/);
  assert.match(md.text, /Hakemus täyttää hakuehdot\./);
  assert.match(md.text, /- Vaikuttavuus: 4 \/ 5/);
  const json = await downloadText(page, () => page.locator(`${check} .kt-ac-summary button`, { hasText: "JSON" }).click());
  const doc = JSON.parse(json.text);
  assert.equal(doc.format, "kiertokit.application-check/1");
  assert.equal(doc.result.eligible, true);
  assert.deepEqual(doc.ratings, { "cross-administrative": 2, impact: 4 });
  assert.equal(doc.application.organisation, "Lahden kaupunki");

  await screenshot(page, "application-check-eligible");
  assert.deepEqual(page.problems, [], "no CSP violations or errors");
  await assertAccessible(page, "application-check.html (filled)");
});

test("after the deadline the check says the call has closed; the academy asks for its team", async () => {
  // The clock is per browser context: fix it after both deadlines.
  const page = await openAt("application-check.html", "2024-01-15T10:00:00+02:00");
  const text = await until(() => summary(page), (t) => t.includes("Haku on päättynyt"), "closed deadline");
  assert.match(text, /Haku on päättynyt 12\. marraskuuta 2021 klo 16\.15\. Hakemuksia ei voi enää jättää\./);
  await page.locator(`${check} #kt-ac-programme`).selectOption({ label: "Kiertotaloushankintojen johtamisen teema-akatemia 2023" });
  await until(() => page.locator(`${check} #kt-ac-m2-name`).count(), (n) => n === 1, "three team rows");
  await until(() => summary(page), (t) => t.includes("tiimissä on oltava vähintään kolme henkilöä"), "team reason");
  // What the call does not state is shown as the organiser's own setting.
  assert.match(await page.locator(`${check} .kt-staff`).first().textContent(), /haun järjestäjän oma asetus/);
  // A rule the call states shows the call's sentence, said to be checked (page and day) or not yet.
  assert.ok(await page.locator(`${check} .kt-ac-quote`).count() >= 5, "the academy's quoted rules");
  const checkedLink = page.locator(`${check} .kt-quote-checked a`).first();
  assert.match(await checkedLink.textContent(), /^Tarkistettu haun sivulta \d{1,2}\.\d{1,2}\.\d{4}$/);
  assert.match(await checkedLink.getAttribute("href"), /^https:\/\/www\.hankintakeino\.fi\//);
  assert.equal(await page.locator(`${check} .kt-quote-unverified`).first().textContent(),
    "Lainausta ei ole vielä tarkistettu julkaistusta hausta.");
  await page.locator(`${check} .kt-ac-quote summary`).first().click();
  assert.equal(await page.locator(`${check} .kt-ac-quote blockquote`).first().getAttribute("lang"), "fi");
  assert.match(await summary(page), /Haku on päättynyt 31\. toukokuuta 2023 klo 23\.59/);
  await screenshot(page, "application-check-academy");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "application-check.html (academy, initial)");
});

test("a partner restricts the check to one call, in Swedish, through the JS API", async () => {
  const page = await openAt("application-check.html", "2023-05-30T12:00:00Z");
  await until(() => page.locator(`${check} #kt-ac-org`).count(), (n) => n === 1, "the demo form");
  const detail = await page.evaluate(async () => {
    const el = document.createElement("div");
    el.id = "sv";
    el.setAttribute("data-kt-programme", "hankinta-akatemia-2023");
    document.querySelector("main").append(el);
    const ready = new Promise((resolve) => el.addEventListener("kt:ready", (e) => resolve(e.detail)));
    await window.Kiertokit.mount(el, { widget: "application-check", lang: "sv" });
    return ready;
  });
  assert.deepEqual(detail, { widget: "application-check", programmes: ["hankinta-akatemia-2023"] });
  const text = await page.locator("#sv .kt-ac-summary").innerText();
  assert.match(text, /Ansökan uppfyller ännu inte villkoren:/);
  assert.match(text, /Det återstår 1 dag och 8 timmar\. Ansökningstiden går ut den 31 maj 2023 kl\. 23\.59\./);
  assert.equal(await page.locator("#sv #kt-ac-programme").count(), 0, "one call: no picker");
  assert.deepEqual(page.problems, []);
});

test("a partner programme missing Swedish texts shows them in the language they have, tagged with it", async () => {
  const page = await openAt("application-check.html", "2021-05-01T12:00:00Z");
  await until(() => page.locator(`${check} #kt-ac-org`).count(), (n) => n === 1, "the demo form");
  // A partner's call whose first question and first criterion were never translated into Swedish.
  const p = JSON.parse(readFileSync(new URL("../../core/data/programmes/reilu-kiertotalous-2021.json", import.meta.url), "utf8"));
  delete p.rules[0].question.sv;
  delete p.criteria[0].name.sv;
  delete p.criteria[0].name.en;
  await page.evaluate(async (data) => {
    const el = document.createElement("div");
    el.id = "partial";
    document.querySelector("main").append(el);
    await window.Kiertokit.mount(el, { widget: "application-check", lang: "sv", data });
  }, p);
  await until(() => page.locator("#partial #kt-ac-org").count(), (n) => n === 1, "the partner's form");
  const legend = (i) => page.locator("#partial form.kt-ac-form fieldset > legend").nth(i);
  assert.equal(await legend(0).getAttribute("lang"), "en");
  assert.equal(await legend(0).textContent(), p.rules[0].question.en);
  assert.equal(await legend(1).getAttribute("lang"), null, "the second question is in Swedish");
  const criterion = page.locator("#partial form.kt-ac-form fieldset legend [lang=fi]");
  assert.equal(await criterion.textContent(), "Vaikuttavuus");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "application check, partner programme partly without Swedish");
});

test("a joint application: a company may implement but not co-apply, and a new partner row takes focus", async () => {
  const page = await openAt("application-check.html", "2021-11-01T10:00:00+02:00");
  await until(() => page.locator(`${check} #kt-ac-org`).count(), (n) => n === 1, "the form");
  await page.locator(`${check} input[name=kt-ac-org-type][value=regional-actor]`).check();
  await page.locator(`${check} input[name=kt-ac-joint][value=joint]`).check();
  await until(() => page.locator(`${check} #kt-ac-p0-name`).count(), (n) => n === 1, "first partner row");
  await page.locator(`${check} #kt-ac-p0-name`).fill("Lappeenrannan kaupunki");
  await page.locator(`${check} #kt-ac-p0-type`).selectOption("municipal-organisation");
  await page.locator(`${check} button`, { hasText: "Lisää kumppani" }).press("Enter");
  await until(() => page.evaluate(() => document.querySelector("#check").shadowRoot.activeElement?.id), (id) => id === "kt-ac-p1-name", "focus on the new partner");
  await page.keyboard.type("Kiertokapula Oy");
  await page.locator(`${check} #kt-ac-p1-type`).selectOption("company");
  await page.locator(`${check} #kt-ac-p1-role`).selectOption("implementation");
  await until(() => summary(page), (t) => t.includes("Hakemus ei vielä täytä hakuehtoja"), "other reasons listed");
  assert.doesNotMatch(await summary(page), /kanssahakijan/, "a company implementing is what the call allows");
  await page.locator(`${check} #kt-ac-p1-role`).selectOption("coApplicant");
  await until(() => summary(page), (t) => t.includes("Hakijan ja jokaisen kanssahakijan on oltava"), "a company cannot co-apply");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "application-check.html (joint)");
});

test("alone with implementation partners: a company may take part beside one municipal applicant", async () => {
  const page = await openAt("application-check.html", "2021-11-01T10:00:00+02:00");
  await until(() => page.locator(`${check} #kt-ac-org`).count(), (n) => n === 1, "the form");
  await page.locator(`${check} input[name=kt-ac-org-type][value=municipal-organisation]`).check();
  assert.equal(await page.locator(`${check} input[name=kt-ac-joint][value=alone]`).isChecked(), true);
  await page.locator(`${check} button`, { hasText: "Lisää toteutuskumppani" }).press("Enter");
  await until(() => page.evaluate(() => document.querySelector("#check").shadowRoot.activeElement?.id), (id) => id === "kt-ac-s0-name", "focus on the new implementation partner");
  await page.keyboard.type("Kiertokapula Oy");
  await page.locator(`${check} #kt-ac-s0-type`).selectOption("company");
  assert.equal(await page.locator(`${check} #kt-ac-s0-name`).inputValue(), "Kiertokapula Oy");
  const text = await until(() => summary(page), (t) => t.length > 0, "summary");
  assert.doesNotMatch(text, /kanssahakija|Hakijan ja jokaisen/, "a company implementing beside one applicant is what the call allows");
  // The partner is kept with its role when the applicant switches to a joint application.
  await page.locator(`${check} input[name=kt-ac-joint][value=joint]`).check();
  await until(() => page.locator(`${check} #kt-ac-p0-name`).inputValue(), (v) => v === "Kiertokapula Oy", "partner carried over");
  assert.equal(await page.locator(`${check} #kt-ac-p0-role`).inputValue(), "implementation");
  await page.locator(`${check} input[name=kt-ac-joint][value=alone]`).check();
  await until(() => page.locator(`${check} #kt-ac-s0-name`).inputValue(), (v) => v === "Kiertokapula Oy", "back alone");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "application-check.html (alone with an implementation partner)");
});

test("partners in Swedish: an implementation partner beside one applicant, carried into a joint application", async () => {
  const page = await openAt("application-check.html", "2021-11-01T10:00:00+02:00");
  await until(() => page.locator(`${check} #kt-ac-org`).count(), (n) => n === 1, "the demo form");
  await page.evaluate(async () => {
    const el = document.createElement("div");
    el.id = "svp";
    el.setAttribute("data-kt-programme", "reilu-kiertotalous-2021");
    document.querySelector("main").append(el);
    await window.Kiertokit.mount(el, { widget: "application-check", lang: "sv" });
  });
  const sv = "#svp";
  const focusedId = () => page.evaluate(() => document.querySelector("#svp").shadowRoot.activeElement?.id);
  await until(() => page.locator(`${sv} #kt-ac-org`).count(), (n) => n === 1, "the Swedish form");
  await page.locator(`${sv} input[name=kt-ac-org-type][value=municipal-organisation]`).check();
  await page.locator(`${sv} button`, { hasText: "Lägg till en genomförandepartner" }).press("Enter");
  await until(focusedId, (id) => id === "kt-ac-s0-name", "focus on the new implementation partner");
  await page.keyboard.type("Återbruk Ab");
  await page.locator(`${sv} #kt-ac-s0-type`).selectOption("company");
  const text = await until(() => page.locator(`${sv} .kt-ac-summary`).innerText(), (t) => t.length > 0, "summary");
  assert.doesNotMatch(text, /medsökande/, "a company implementing beside one applicant is what the call allows");
  // Joint: the partner is carried over with its role; as a co-applicant the company fails the rule.
  await page.locator(`${sv} input[name=kt-ac-joint][value=joint]`).check();
  await until(() => page.locator(`${sv} #kt-ac-p0-name`).inputValue(), (v) => v === "Återbruk Ab", "partner carried over");
  assert.equal(await page.locator(`${sv} #kt-ac-p0-role`).inputValue(), "implementation");
  await page.locator(`${sv} button`, { hasText: "Lägg till partner" }).press("Enter");
  await until(focusedId, (id) => id === "kt-ac-p1-name", "focus on the new partner row");
  await page.locator(`${sv} #kt-ac-p0-role`).selectOption("coApplicant");
  await until(() => page.locator(`${sv} .kt-ac-summary`).innerText(), (t) => t.includes("Sökanden och varje medsökande ska vara"), "a company cannot co-apply");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "application-check.html (Swedish partners)");
});

test("the draft survives a reload when enabled, and clearing removes it", async () => {
  const mount = (page) => page.evaluate(async () => {
    const el = document.createElement("div");
    el.id = "draft";
    document.querySelector("main").append(el);
    await window.Kiertokit.mount(el, { widget: "application-check", draft: "local", programme: "reilu-kiertotalous-2021" });
  });
  let page = await openAt("application-check.html", "2021-11-01T10:00:00+02:00");
  await page.evaluate(() => localStorage.setItem("kiertokit:application-check:v1", "{not json"));
  await mount(page);
  await until(() => page.locator("#draft #kt-ac-org").count(), (n) => n === 1, "form despite a corrupt draft");
  await page.locator("#draft #kt-ac-org").fill("Porin kaupunki");
  await page.locator("#draft input[name=kt-ac-c-impact][value='5']").check();
  await page.reload();
  await mount(page);
  await until(() => page.locator("#draft #kt-ac-org").inputValue(), (v) => v === "Porin kaupunki", "restored name");
  assert.equal(await page.locator("#draft input[name=kt-ac-c-impact][value='5']").isChecked(), true);
  await page.locator("#draft button", { hasText: "Tyhjennä vastaukset" }).click();
  await until(() => page.locator("#draft #kt-ac-org").inputValue(), (v) => v === "", "cleared");
  await until(() => page.evaluate(() => JSON.parse(localStorage.getItem("kiertokit:application-check:v1") || "null")?.application?.organisation ?? ""), (v) => v === "", "storage cleared");
  assert.deepEqual(page.problems, []);
});

test("the application check reflows at 320 px without horizontal scrolling", async () => {
  const page = await openAt("application-check.html", "2021-11-01T10:00:00+02:00");
  await page.setViewportSize({ width: 320, height: 800 });
  await until(() => page.locator(`${check} #kt-ac-org`).count(), (n) => n === 1, "the form");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  await screenshot(page, "application-check-320");
});

const board = "#board";
const rankedIds = (page) => page.locator(`${board} .kt-rb-ranking tbody tr`).evaluateAll((rows) => rows.map((r) => r.dataset.application));
const selectedIds = (page) => page.locator(`${board} .kt-rb-ranking tbody tr.kt-rb-selected`).evaluateAll((rows) => rows.map((r) => r.dataset.application));
const boardStatus = (page) => page.locator(`${board} .kt-status[role=status]`).textContent();

async function openBoard(path = "review-board.html") {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.problems = problems;
  // Listeners go in before the page's scripts, so the first kt:ready / kt:error is never missed.
  await page.addInitScript(() => {
    window.ktEvents = [];
    for (const name of ["kt:ready", "kt:error", "kt:change"]) {
      document.addEventListener(name, (e) => window.ktEvents.push({ name, detail: e.detail }));
    }
  });
  await page.goto(new URL(path, BASE).href);
  await until(() => rankedIds(page), (ids) => ids.length >= 10, "ranking rows");
  return page;
}

test("the review board loads the demo files and shows eligibility, ranking, agreement and notes", async () => {
  const page = await openBoard();
  assert.match(await page.locator(`${board} .kt-rb-loaded`).textContent(), /^Hakemuksia: 18, arvioita: \d+\.$/);
  assert.equal(await page.locator(`${board} .kt-rb-ranking caption`).textContent(), "Paremmuusjärjestys");
  assert.equal(await page.locator(`${board} .kt-rb-ranking thead th[scope=col]`).count(), 7);
  assert.ok(await page.locator(`${board} .kt-rb-ranking tbody th[scope=row]`).count() >= 10);
  await until(() => boardStatus(page), (t) => /^Valittuja: 10, paikkoja: 10\./.test(t), "announced selection");
  assert.equal((await selectedIds(page)).length, 10);
  // The company is not eligible and is explained outside the ranking.
  const excluded = await page.locator(`${board} .kt-rb-excluded`).innerText();
  assert.match(excluded, /Kiertokapula Oy/);
  assert.match(excluded, /kuntaorganisaatio, kuntayhtymä tai alueellinen toimija/);
  // The call lets a company take part in the implementation: Etelä-Karjalan liitto is ranked.
  assert.ok((await rankedIds(page)).includes("rk17"));
  assert.ok(!(await rankedIds(page)).includes("rk13"));
  assert.match(await page.locator(`${board} .kt-rb-alpha`).textContent(), /^Krippendorffin alfa \(välimatka-asteikko\), kaikki kriteerit: \d,\d{3}/);
  // The bad review row (unknown application rk99) is listed in a collapsible notice.
  const notice = page.locator(`${board} details.kt-rb-diagnostics`);
  assert.match(await notice.locator("summary").textContent(), /^Huomautuksia aineistosta: [1-9]/);
  await notice.locator("summary").click();
  assert.match(await notice.innerText(), /rk99/);
  await screenshot(page, "review-board");
  assert.deepEqual(page.problems, [], "no CSP violations or errors");
  await assertAccessible(page, "review-board.html");
});

test("changing the maximum and a weight changes the selection at once; CSV exports download", async () => {
  const page = await openBoard();
  const before = await rankedIds(page);
  await page.locator(`${board} #kt-rb-max`).fill("3");
  await until(() => selectedIds(page), (ids) => ids.length === 3, "three selected");
  assert.ok((await selectedIds(page)).every((id) => before.includes(id)));
  await until(() => boardStatus(page), (t) => t.startsWith("Valittuja: 3, paikkoja: 3."), "announced three");

  const topBefore = (await rankedIds(page)).join(",");
  await page.locator(`${board} #kt-rb-w-impact`).fill("0");
  const after = await until(() => rankedIds(page), (ids) => ids.join(",") !== topBefore, "order changed by the weight");
  assert.equal(after.length, before.length);
  assert.equal((await selectedIds(page)).length, 3, "the maximum still holds");
  const events = await page.evaluate(() => window.ktEvents);
  assert.ok(events.some((e) => e.name === "kt:ready" && e.detail.widget === "review-board"));
  assert.ok(events.some((e) => e.name === "kt:error" && e.detail.kind === "invalid-rows"));
  assert.ok(events.some((e) => e.name === "kt:change" && e.detail.selected.length === 3));

  const [shortlist] = await Promise.all([page.waitForEvent("download"),
    page.locator(`${board} button`, { hasText: "Lataa valintalista (CSV)" }).click()]);
  assert.equal(shortlist.suggestedFilename(), "reilu-kiertotalous-2021-kiintiot-shortlist.csv");
  const lines = readFileSync(await shortlist.path(), "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  assert.equal(lines[0], "Sija;id;Hakija;Pisteet;Päätös");
  assert.equal(lines.length, 4, "header + three selected");
  assert.deepEqual(lines.slice(1).map((l) => l.split(";")[1]), await selectedIds(page));
  const [expl] = await Promise.all([page.waitForEvent("download"),
    page.locator(`${board} button`, { hasText: "Lataa perustelut (CSV)" }).click()]);
  const rows = readFileSync(await expl.path(), "utf8").trim().split(/\r?\n/);
  assert.equal(rows.length, 19, "header + every application");
  assert.match(rows.find((r) => r.startsWith("rk13;")), /;ei;org-type;/);
  await screenshot(page, "review-board-adjusted");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "review-board.html (adjusted)");
});

test("staff load their own reviews file; bad rows are reported and good ones used", async () => {
  const page = await openBoard();
  const csv = "arvioija;hakemus;kriteeri;pisteet\nA;rk02;impact;5\nA;rk02;cross-administrative;5\nA;rk03;impact;kolme\nA;rk03;cross-administrative;1\n";
  const errorsBefore = await page.evaluate(() => window.ktEvents.filter((e) => e.name === "kt:error").length);
  await page.locator(`${board} #kt-rb-reviews`).setInputFiles({ name: "omat-arviot.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await until(() => rankedIds(page), (ids) => ids.length === 2 && ids[0] === "rk02", "ranking from the chosen file");
  assert.match(await page.locator(`${board} .kt-rb-loaded`).textContent(), /^Hakemuksia: 18, arvioita: 3\.$/);
  const notice = page.locator(`${board} details.kt-rb-diagnostics`);
  await notice.locator("summary").click();
  assert.match(await notice.innerText(), /Rivi 4/);
  const errors = await page.evaluate(() => window.ktEvents.filter((e) => e.name === "kt:error"));
  assert.equal(errors.length, errorsBefore + 1, "one kt:error for the chosen file");
  assert.deepEqual(errors.at(-1).detail.source, "reviews");
  assert.deepEqual(page.problems, []);
});

const reviewersJson = JSON.stringify({ reviewers: [
  { id: "Aalto", organisation: "Lahden kaupunki" },
  { id: "Berg", email: "berg@hsy.fi" },
  { id: "Niemi", organisation: "Lappeenrannan Energia Oy", email: "niemi@gmail.com" },
  { id: "Virtanen", maxLoad: 2 },
] });

test("staff load reviewers: conflicts are found and left out, two reviewers per application, sheets download", async () => {
  const page = await openBoard();
  await page.locator(`${board} #kt-rb-reviewers`).setInputFiles({ name: "arvioijat.json", mimeType: "application/json", buffer: Buffer.from(reviewersJson) });
  const conflicts = page.locator(`${board} .kt-rb-conflicts`);
  await until(() => conflicts.count(), (n) => n === 1, "conflicts table");
  const text = await conflicts.innerText();
  assert.match(text, /Aalto\s+rk01\s+sama organisaatio/);
  assert.match(text, /Berg\s+rk09\s+sama sähköpostin verkkotunnus \(hsy\.fi\)/);
  assert.match(text, /Niemi\s+rk17\s+hakemuksen kumppani \(Lappeenrannan Energia Oy\)/);
  assert.doesNotMatch(text, /gmail/, "a shared webmail domain is no conflict");
  const declarations = JSON.stringify([{ reviewer: "Berg", application: "rk05", relation: "perhe", reason: "" }]);
  await page.locator(`${board} #kt-rb-declarations`).setInputFiles({ name: "ilmoitukset.json", mimeType: "application/json", buffer: Buffer.from(declarations) });
  await until(() => conflicts.innerText(), (t) => /Berg\s+rk05\s+ilmoitettu esteellisyys: perhe/.test(t), "declared conflict");

  // A blocked review counts nowhere, and the explanation says so.
  const rk01 = await page.locator(`${board} .kt-rb-ranking tr[data-application=rk01]`).innerText();
  assert.match(rk01, /Esteellisyyden vuoksi näiden arvioijien arviot jätettiin pois pisteistä ja yhtäpitävyyden laskennasta: Aalto\./);

  // Fourteen eligible applications × 2 = 28 reviews; Virtanen takes at most 2.
  const loads = () => page.locator(`${board} .kt-rb-assignment tbody tr`).evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.reviewer, Number(r.querySelector("td").textContent)])));
  const l = await until(loads, (x) => Object.keys(x).length === 4, "assignment rows");
  assert.equal(Object.values(l).reduce((a, b) => a + b, 0), 28);
  assert.equal(l.Virtanen, 2);
  assert.equal(await page.locator(`${board} .kt-rb-coverage`).innerText(), "Jokainen hakemus sai 2 esteetöntä arvioijaa.");
  const aalto = await page.locator(`${board} .kt-rb-assignment tr[data-reviewer=Aalto]`).innerText();
  assert.doesNotMatch(aalto, /rk01/, "never an application one has a conflict with");

  const [sheet] = await Promise.all([page.waitForEvent("download"),
    page.locator(`${board} button`, { hasText: "Lataa arviointilomake (CSV): Virtanen" }).click()]);
  assert.equal(sheet.suggestedFilename(), "reilu-kiertotalous-2021-kiintiot-Virtanen.csv");
  const lines = readFileSync(await sheet.path(), "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  assert.equal(lines[0], "reviewer;application;applicant;criterion;score");
  assert.equal(lines.length, 1 + 2 * 2, "header + two applications × two criteria");

  // Four reviewers per application cannot be met around the conflicts and Virtanen's limit.
  await page.locator(`${board} #kt-rb-k`).fill("4");
  const coverage = await until(() => page.locator(`${board} .kt-rb-coverage`).innerText(), (t) => t.startsWith("Kattamatta jäi"), "shortfalls");
  assert.match(coverage, /rk01: arvioijia [23]\/4, esteettömiä arvioijia 3 – liian vähän esteettömiä arvioijia\./);
  assert.match(coverage, /arvioijien enimmäismäärät ovat täynnä/);
  await screenshot(page, "review-board-reviewers");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "review-board.html (reviewers)");
});

test("the reviewer panel in Swedish: conflicts and assignment through the JS API", async () => {
  const page = await openBoard();
  await page.evaluate(async () => {
    const el = document.createElement("div");
    el.id = "sv-board";
    el.setAttribute("data-kt-programme-src", "sample-programme.json");
    el.setAttribute("data-kt-applications-src", "sample-applications.json");
    el.setAttribute("data-kt-reviews-src", "sample-reviews.csv");
    document.querySelector("main").append(el);
    const ready = new Promise((resolve) => el.addEventListener("kt:ready", (e) => resolve(e.detail)));
    await window.Kiertokit.mount(el, { widget: "review-board", lang: "sv" });
    return ready;
  });
  const sv = "#sv-board";
  assert.equal(await page.locator(`${sv} #kt-rb-reviewers-heading`).textContent(), "Bedömare, jäv och arbetsfördelning");
  await page.locator(`${sv} #kt-rb-reviewers`).setInputFiles({ name: "bedomare.json", mimeType: "application/json", buffer: Buffer.from(reviewersJson) });
  const text = await until(() => page.locator(`${sv} .kt-rb-conflicts`).innerText(), (t) => t.includes("Aalto"), "conflicts");
  assert.match(text, /Aalto\s+rk01\s+samma organisation/);
  assert.match(text, /Berg\s+rk09\s+samma e-postdomän \(hsy\.fi\)/);
  assert.equal(await page.locator(`${sv} .kt-rb-coverage`).innerText(), "Varje ansökan fick 2 bedömare utan jäv.");
  const rk01 = await page.locator(`${sv} .kt-rb-ranking tr[data-application=rk01]`).innerText();
  assert.match(rk01, /På grund av jäv lämnades dessa bedömares bedömningar utanför poängen och beräkningen av samstämmigheten: Aalto\./);
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "review-board.html (sv reviewers)");
});

test("the review board in Swedish shows an untranslated criterion in its own language, tagged", async () => {
  const page = await openBoard();
  const p = JSON.parse(readFileSync(new URL("../../demo/sample-programme.json", import.meta.url), "utf8"));
  delete p.criteria[0].name.sv;
  delete p.criteria[0].name.en;
  await page.route("**/partner-programme.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(p) }));
  await page.evaluate(async () => {
    const el = document.createElement("div");
    el.id = "partial-board";
    el.setAttribute("data-kt-programme-src", "partner-programme.json");
    el.setAttribute("data-kt-applications-src", "sample-applications.json");
    el.setAttribute("data-kt-reviews-src", "sample-reviews.csv");
    document.querySelector("main").append(el);
    const ready = new Promise((resolve) => el.addEventListener("kt:ready", (e) => resolve(e.detail)));
    await window.Kiertokit.mount(el, { widget: "review-board", lang: "sv" });
    return ready;
  });
  const sv = "#partial-board";
  const head = page.locator(`${sv} .kt-rb-ranking thead th[lang=fi]`);
  await until(() => head.count(), (n) => n === 1, "the ranking");
  assert.equal(await head.textContent(), "Vaikuttavuus");
  const heads = await page.locator(`${sv} .kt-rb-ranking thead th`).allTextContents();
  assert.ok(heads.includes("Genomförande över förvaltningsgränserna"), heads.join(" | "));
  assert.equal(await page.locator(`${sv} label[lang=fi]`).first().textContent(), "Vaikuttavuus");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "review-board.html (sv, criterion without Swedish)");
});

const stabilityRows = (page, root) => page.locator(`${root} .kt-rb-stability tbody tr`).evaluateAll((rows) =>
  rows.map((r) => ({ id: r.dataset.application, standing: r.dataset.standing, text: r.innerText })));

test("rank stability: robust and borderline selections said plainly, following the settings, by keyboard", async () => {
  const page = await openBoard();
  const rows = await until(() => stabilityRows(page, board), (r) => r.length >= 10, "stability rows");
  const selected = await selectedIds(page);
  // Every ranked application is judged, and the selected ones are exactly those called selected.
  assert.deepEqual(rows.map((r) => r.id), await rankedIds(page));
  assert.deepEqual(rows.filter((r) => r.standing === "robust" || r.standing === "borderline-selected").map((r) => r.id).sort(), [...selected].sort());
  const count = (k) => rows.filter((r) => r.standing === k).length;
  assert.equal(await page.locator(`${board} .kt-rb-stability-summary`).innerText(),
    `Vakaita valintoja: ${count("robust")}. Valittuja rajatapauksia: ${count("borderline-selected")}. Valitsematta jääneitä rajatapauksia: ${count("borderline-out")}.`);
  for (const r of rows) {
    const text = r.text.replace(/\s+/g, " ");
    if (r.standing === "robust") assert.match(text, /Vakaa valinta Vakaa valinta: pysyy valittuna kaikissa \d+ kokeilussa\./);
    if (r.standing === "borderline-selected") assert.match(text, /Rajatapaus: valittu, mutta putoaa pois, kun (kriteerin ”[^”]+” painoarvoa muutetaan [−+]20 %|arvioijan \S+ arviot jätetään pois|menetelmänä on TOPSIS)/);
    if (r.standing === "borderline-out") assert.match(text, /Rajatapaus: ei valittu, mutta nousee valituksi, kun /);
  }
  assert.ok(count("borderline-selected") + count("borderline-out") > 0, "the demo has borderline cases to show");
  // The table is a named, focusable region a keyboard user can scroll.
  const region = page.locator(`${board} .kt-table-wrap:has(.kt-rb-stability)`);
  await region.focus();
  assert.equal(await region.evaluate((el) => el.getRootNode().activeElement === el), true);
  assert.equal(await page.locator(`${board} #kt-rb-stability-caption`).innerText(), "Valinnan vakaus hakemuksittain");
  // Fewer places: the stability follows the board's settings at once.
  await page.locator(`${board} #kt-rb-max`).fill("3");
  const three = await until(() => stabilityRows(page, board),
    (r) => r.filter((x) => x.standing === "robust" || x.standing === "borderline-selected").length === 3, "stability for three places");
  assert.ok(three.length >= 10);
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "review-board.html (stability)");
});

test("rank stability in Swedish", async () => {
  const page = await openBoard();
  await page.evaluate(async () => {
    const el = document.createElement("div");
    el.id = "sv-stability";
    el.setAttribute("data-kt-programme-src", "sample-programme.json");
    el.setAttribute("data-kt-applications-src", "sample-applications.json");
    el.setAttribute("data-kt-reviews-src", "sample-reviews.csv");
    document.querySelector("main").append(el);
    const ready = new Promise((resolve) => el.addEventListener("kt:ready", (e) => resolve(e.detail)));
    await window.Kiertokit.mount(el, { widget: "review-board", lang: "sv" });
    return ready;
  });
  const sv = "#sv-stability";
  assert.equal(await page.locator(`${sv} #kt-rb-stability-heading`).textContent(), "Hur stabilt urvalet är");
  const rows = await until(() => stabilityRows(page, sv), (r) => r.length >= 10, "stability rows");
  assert.match(await page.locator(`${sv} .kt-rb-stability-summary`).innerText(), /^Stabila val: \d+\. Valda gränsfall: \d+\. Gränsfall som inte valdes: \d+\.$/);
  for (const r of rows) {
    const text = r.text.replace(/\s+/g, " ");
    if (r.standing === "robust") assert.match(text, /Stabilt val: förblir vald i alla \d+ försök\./);
    if (r.standing === "borderline-selected") assert.match(text, /Gränsfall: vald, men faller bort när /);
    if (r.standing === "borderline-out") assert.match(text, /Gränsfall: inte vald, men blir vald när /);
    assert.doesNotMatch(text, /Rajatapaus|Vakaa/, "no Finnish in the Swedish board");
  }
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "review-board.html (sv stability)");
});

test("blind review: names stay out of the view, the sheets and the exports until staff unblind", async () => {
  const page = await openBoard("review-board-blind.html");
  const names = ["Lahden kaupunki", "Päijät-Hämeen liitto", "Etelä-Karjalan liitto", "Lappeenrannan Energia Oy", "Kiertokapula Oy"];
  const shown = async () => page.locator(`${board} .kt-rb-ranking, ${board} .kt-rb-excluded, ${board} .kt-rb-stability`)
    .evaluateAll((tables) => tables.map((t) => t.innerText).join("\n"));
  let text = await shown();
  for (const n of names) assert.ok(!text.includes(n), `${n} hidden in the tables`);
  assert.match(await page.locator(`${board} .kt-rb-ranking tr[data-application=rk01] th`).innerText(), /^Piilotettu/);
  await page.locator(`${board} #kt-rb-reviewers`).setInputFiles({ name: "arvioijat.json", mimeType: "application/json", buffer: Buffer.from(reviewersJson) });
  await until(() => page.locator(`${board} .kt-rb-assignment tbody tr`).count(), (n) => n === 4, "assignment rows");
  // Conflicts are still found from the full application: blinding is for what reviewers see.
  assert.match(await page.locator(`${board} .kt-rb-conflicts`).innerText(), /Aalto\s+rk01\s+sama organisaatio/);
  const sheetOf = async (who) => (await downloadText(page, () =>
    page.locator(`${board} button`, { hasText: `Lataa arviointilomake (CSV): ${who}` }).click())).text.replace(/^\uFEFF/, "");
  let sheet = await sheetOf("Aalto");
  let rows = sheet.trim().split(/\r?\n/).slice(1).map((l) => l.split(";"));
  assert.ok(rows.length > 0);
  assert.ok(rows.every((r) => r[2] === "Piilotettu"), sheet);
  const shortlist = await downloadText(page, () => page.locator(`${board} button`, { hasText: "Lataa valintalista (CSV)" }).click());
  for (const n of names) assert.ok(!shortlist.text.includes(n) && !sheet.includes(n), `${n} out of the files`);

  // Staff unblind by keyboard: the names come back everywhere.
  const unblind = page.locator(`${board} input[type=checkbox][aria-describedby=kt-rb-unblind-hint]`);
  await unblind.focus();
  await page.keyboard.press("Space");
  await until(() => page.locator(`${board} .kt-rb-ranking tr[data-application=rk01] th`).innerText(), (t) => t.startsWith("Lahden kaupunki"), "name shown");
  text = await shown();
  assert.ok(text.includes("Etelä-Karjalan liitto"));
  assert.match(await page.locator(`${board} .kt-rb-stability tr[data-application=rk02] th`).innerText(), /^Tampereen kaupunki/);
  sheet = await sheetOf("Aalto");
  rows = sheet.trim().split(/\r?\n/).slice(1).map((l) => l.split(";"));
  const apps = JSON.parse(readFileSync(new URL("../../demo/sample-applications.json", import.meta.url), "utf8"));
  const orgOf = Object.fromEntries((apps.applications ?? apps).map((a) => [a.id, a.organisation]));
  assert.ok(rows.every((r) => r[2] === orgOf[r[1]]), sheet);
  const after = await downloadText(page, () => page.locator(`${board} button`, { hasText: "Lataa valintalista (CSV)" }).click());
  assert.ok(names.some((n) => after.text.includes(n)), "the shortlist names the selected applicants");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "review-board-blind.html (unblinded)");
});
