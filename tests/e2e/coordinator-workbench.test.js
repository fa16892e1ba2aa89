// The coordinator's workbench, by keyboard in Finnish and Swedish: open the example workspace →
// add the top candidate → mark it realised and record its exchange → the figures change → a
// reload loses nothing → the exports carry the same figures and no company data. Also: a second
// tab sees the first tab's work, a damaged save is kept and reported, a workshop CSV imports.
// Zero axe violations in every state; the Swedish page is served with the strict partner CSP.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, open, until, assertAccessible, screenshot } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const sample = JSON.parse(readFileSync(join(here, "..", "..", "demo", "coordinator-sample.json"), "utf8"));
const KEY = "kiertokit:coordinator-workbench:default";
const W = "#workbench";

let context;
before(async () => {
  context = await launch({ acceptDownloads: true });
  await context.addInitScript(() => {
    window.__kt = [];
    for (const name of ["ready", "error"]) {
      document.addEventListener(`kt:${name}`, (e) => window.__kt.push({ name, id: e.target.id, detail: e.detail }), true);
    }
  });
});
after(async () => { await context.close(); });

const readies = (page) =>
  page.evaluate(() => window.__kt.filter((e) => e.name === "ready").length);

/** Opens `path` with an empty browser storage (or `saved` under the workbench's key). */
async function fresh(path, saved) {
  const page = await open(context, path);
  await until(() => readies(page), (n) => n === 1, "workbench ready");
  await page.evaluate(([k, v]) => {
    localStorage.clear();
    if (v !== undefined) localStorage.setItem(k, v);
  }, [KEY, saved]);
  await page.reload();
  await until(() => readies(page), (n) => n === 1, "workbench ready after reload");
  return page;
}

const focused = (page) =>
  page.evaluate((h) => {
    const el = document.querySelector(h).shadowRoot.activeElement;
    return el ? `${el.id}|${el.className}|${el.textContent.trim()}` : null;
  }, W);

async function press(page, selector, key = "Enter") {
  await page.locator(`${W} ${selector}`).first().focus();
  await page.keyboard.press(key);
}

const notice = (page) => page.locator(`${W} .kt-cw-notice`).textContent();
const values = (page) => page.locator(`${W} .kt-cw-figures .kt-cw-value`).allTextContents();

/** No page error or CSP report so far, then axe; axe-core applies inline styles itself, which
 *  the strict-CSP page reports, so those reports are cleared after it. */
async function checked(page, label) {
  assert.deepEqual(page.problems, [], `no page errors or CSP violations before ${label}`);
  await assertAccessible(page, label);
  page.problems.length = 0;
}

async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent("download"), press(page, selector)]);
  return readFileSync(await download.path(), "utf8");
}

const TEXTS = {
  fi: {
    page: "coordinator.html",
    added: /^Lisätty synergiaksi: syn-21\. Tila: tunnistettu\.$/,
    realised: "Synergia syn-21: tila on nyt toteutunut.",
    exchange: /^Vaihto kirjattiin: ex-\d+\.$/,
    status: "Toteutunut",
    amount: "12,5",
    captions: ["Vuosittain", "Maakunnittain", "Materiaaliluokittain", "Tilaisuuksittain"],
    region: "Pirkanmaa",
    charts: ["Kiertoon ohjattu materiaali vuosittain (t)", "Kiertoon ohjattu materiaali maakunnittain (t)",
      "Kiertoon ohjattu materiaali materiaaliluokittain (t)", "Kiertoon ohjattu materiaali tilaisuuksittain (t)"],
    csvHead: "\u{feff}Tunniste;Tarjous;Tarjoava yritys;Tarve;",
  },
  sv: {
    page: "coordinator-sv-csp.html",
    added: /^Tillagd som synergi: syn-21\. Status: identifierad\.$/,
    realised: "Synergi syn-21: statusen är nu förverkligad.",
    exchange: /^Utbytet registrerades: ex-\d+\.$/,
    status: "Förverkligad",
    amount: "12,5",
    captions: ["Per år", "Per landskap", "Per materialkategori", "Per evenemang"],
    region: "Birkaland",
    charts: ["Material i kretslopp per år (t)", "Material i kretslopp per landskap (t)",
      "Material i kretslopp per materialkategori (t)", "Material i kretslopp per evenemang (t)"],
    csvHead: "\u{feff}Beteckning;Erbjudande;Företag som erbjuder;Behov;",
  },
};

for (const [lang, t] of Object.entries(TEXTS)) {
  test(`the loop by keyboard in ${lang}: example → candidate → realised → figures → reload → export`, async () => {
    const page = await fresh(t.page);
    await checked(page, `${lang}: start`);
    await press(page, ".kt-cw-example");
    await until(() => focused(page), (f) => f && f.includes("kt-cw-ws-heading"), "focus on the opened workspace");
    assert.match(await focused(page), new RegExp(sample.name.replace(/[()]/g, "\\$&")));
    await checked(page, `${lang}: opened`);
    const captions = await page.locator(`${W} .kt-cw-groups caption`).allTextContents();
    assert.deepEqual(captions, t.captions);
    // Each breakdown has its chart, named for screen readers, right before its table.
    assert.deepEqual(await page.locator(`${W} svg[role=img] title`).allTextContents(), t.charts);
    const chartRegions = await page.locator(`${W} svg[role=img]`).nth(1).locator("text").allTextContents();
    assert.equal(chartRegions[0], t.region);
    assert.match(chartRegions[1], /\u00a0t$/, "the bar's value has its unit");
    // Printing shows the report only: no controls, the tables whole.
    await page.emulateMedia({ media: "print" });
    for (const hidden of [".kt-cw-add", "#kt-cw-merge", ".kt-cw-dl-report", "#kt-cw-from", ".kt-cw-intro"]) {
      assert.equal(await page.locator(`${W} ${hidden}`).first().isVisible(), false, `${hidden} hidden in print`);
    }
    for (const shown of [".kt-cw-report .kt-cw-figures", ".kt-cw-groups", ".kt-cw-chart", ".kt-cw-ws-heading"]) {
      assert.equal(await page.locator(`${W} ${shown}`).first().isVisible(), true, `${shown} printed`);
    }
    assert.equal(await page.locator(`${W} .kt-cw-scroll`).first().evaluate((e) => getComputedStyle(e).overflowX), "visible");
    await page.emulateMedia({ media: "screen" });
    const regions = await page.locator(`${W} .kt-cw-groups`).nth(1).locator("tbody th").allTextContents();
    assert.deepEqual(regions, [t.region]);
    const before = await values(page);
    const realisedBefore = Number(before[2]);
    assert.equal(realisedBefore, sample.synergies.filter((s) => s.history.at(-1).status === "realised").length);

    // The top candidate becomes synergy syn-21; focus moves to its editor.
    const topTitle = await page.locator(`${W} .kt-cw-cards .kt-cw-card-title`).first().textContent();
    assert.match(topTitle, /^1\. .+ → .+$/);
    await press(page, ".kt-cw-add");
    await until(() => notice(page), (n) => t.added.test(n), "added announced");
    await until(() => focused(page), (f) => f && f.startsWith("kt-cw-editor-h|") && f.includes("syn-21:"), "focus on the editor");
    await checked(page, `${lang}: synergy added`);

    // identified → realised, dated today.
    await page.locator(`${W} #kt-cw-st-status`).focus();
    await page.locator(`${W} #kt-cw-st-status`).selectOption("realised");
    await press(page, ".kt-cw-form button[type=submit]");
    await until(() => notice(page), (n) => n === t.realised, "status change announced");
    await until(() => focused(page), (f) => f && f.startsWith("kt-cw-editor-h|"), "focus back on the editor");
    const row = page.locator(`${W} .kt-cw-synergies tbody tr`, { has: page.locator("th", { hasText: /^syn-21$/ }) });
    assert.equal(await row.locator(".kt-cw-status").textContent(), t.status);
    const after = await values(page);
    assert.equal(Number(after[2]), realisedBefore + 1, "one more realised synergy in the figures");
    await checked(page, `${lang}: realised`);

    // The exchange: a quantity typed by keyboard; the tonnes figure grows.
    await page.locator(`${W} #kt-cw-x-amount`).focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type(t.amount);
    await page.keyboard.press("Enter");
    await until(() => notice(page), (n) => t.exchange.test(n), "exchange announced");
    await until(() => values(page), (v) => v[4] !== after[4], "the tonnes figure changed");
    await checked(page, `${lang}: exchange recorded`);
    await screenshot(page, `coordinator-workbench-${lang}`);
    const figures = await values(page);

    // A reload keeps everything.
    await page.reload();
    await until(() => readies(page), (n) => n === 1, "ready after reload");
    await until(() => values(page), (v) => v.length > 0, "figures after reload");
    assert.deepEqual(await values(page), figures);
    const reloaded = page.locator(`${W} .kt-cw-synergies tbody tr`, { has: page.locator("th", { hasText: /^syn-21$/ }) });
    assert.equal(await reloaded.locator(".kt-cw-status").textContent(), t.status);
    const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
    assert.equal(saved.synergies.length, sample.synergies.length + 1);
    assert.equal(saved.exchanges.length, sample.exchanges.length + 1);
    assert.equal(saved.exchanges.at(-1).quantity.amount, 12.5);
    await checked(page, `${lang}: reloaded`);

    // Exports: the public summary has the figures and no company data; the CSV every synergy.
    const summary = JSON.parse(await downloaded(page, ".kt-cw-dl-summary"));
    assert.equal(summary.format, "kiertokit-situational-picture");
    assert.equal(summary.total.synergies.realised, realisedBefore + 1);
    const text = JSON.stringify(summary);
    for (const company of sample.companies) {
      assert.ok(!text.includes(company.name), `${company.name} in the public summary`);
      if (company.contact?.email) assert.ok(!text.includes(company.contact.email));
    }
    const csv = await downloaded(page, ".kt-cw-dl-synergies");
    assert.ok(csv.startsWith(t.csvHead), csv.slice(0, 80));
    assert.equal(csv.trim().split("\r\n").length, sample.synergies.length + 2);
    await checked(page, `${lang}: exported`);
    await page.close();
  });
}

test("a second tab sees the first tab's work, and closing keeps the workspace restorable", async () => {
  const first = await fresh("coordinator.html");
  await press(first, ".kt-cw-example");
  await until(() => focused(first), (f) => f && f.includes("kt-cw-ws-heading"), "opened");
  const second = await open(context, "coordinator.html");
  await until(() => readies(second), (n) => n === 1, "second tab ready");
  await until(() => second.locator(`${W} .kt-cw-ws-heading`).count(), (n) => n === 1, "second tab has the workspace");
  await press(second, ".kt-cw-add");
  await until(() => notice(second), (n) => n.includes("syn-21"), "added in the second tab");
  // The first tab takes the second tab's save, so its next change does not write over it.
  await until(() => first.locator(`${W} .kt-cw-synergies tbody th`, { hasText: /^syn-21$/ }).count(), (n) => n === 1, "the first tab shows syn-21");
  assert.match(await notice(first), /toisessa välilehdessä/);
  await press(first, ".kt-cw-add");
  await until(() => notice(first), (n) => n.includes("syn-22"), "added in the first tab");
  const saved = JSON.parse(await first.evaluate((k) => localStorage.getItem(k), KEY));
  assert.deepEqual(saved.synergies.slice(-2).map((s) => s.id), ["syn-21", "syn-22"]);
  await second.close();
  // Closing is not losing: the start screen offers the previous workspace back.
  await press(first, ".kt-cw-ws .kt-secondary");
  await until(() => first.locator(`${W} .kt-cw-example`).count(), (n) => n === 1, "start screen");
  await checked(first, "closed");
  await press(first, ".kt-cw-start .kt-cw-actions .kt-secondary:not(.kt-cw-example)");
  await until(() => notice(first), (n) => n === "Edellinen työtila palautettiin.", "restored");
  assert.equal(await first.locator(`${W} .kt-cw-synergies tbody th`, { hasText: /^syn-22$/ }).count(), 1);
  await first.close();
});

test("a damaged save is kept and reported, and a save with a bad row keeps the row", async () => {
  const page = await fresh("coordinator.html", "{\"version\": 1, \"name\": \"Rikki");
  await until(() => page.locator(`${W} [role=alert]`).first().textContent(), (t) => t.includes("ei voitu lukea"), "damaged save reported");
  assert.equal(await page.evaluate((k) => localStorage.getItem(`${k}:damaged`), KEY), "{\"version\": 1, \"name\": \"Rikki");
  await checked(page, "damaged save");
  const bad = structuredClone(sample);
  bad.synergies.push({ id: "syn-99", offer: 12 });
  await page.evaluate(([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }, [KEY, JSON.stringify(bad)]);
  await page.reload();
  await until(() => page.locator(`${W} .kt-cw-problems`).count(), (n) => n === 1, "problems listed");
  assert.equal(await page.locator(`${W} .kt-cw-synergies tbody tr`).count(), sample.synergies.length, "the readable synergies are in use");
  // The next change saves the unreadable row back, untouched.
  await press(page, ".kt-cw-add");
  await until(() => notice(page), (n) => n.includes("syn-21"), "added");
  const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  assert.deepEqual(saved.unreadable, [{ collection: "synergies", value: { id: "syn-99", offer: 12 } }]);
  await checked(page, "bad row kept");
  await page.close();
});

test("a workshop CSV imports with its event and companies, and the templates download", async () => {
  const page = await fresh("coordinator.html");
  await press(page, ".kt-cw-start .kt-button");
  await until(() => focused(page), (f) => f && f.includes("kt-cw-ws-heading"), "new workspace");
  const template = await downloaded(page, ".kt-cw-section .kt-cw-actions button");
  assert.ok(template.startsWith("\u{feff}tunnus;tyyppi;otsikko;"), template.slice(0, 40));
  await page.locator(`${W} #kt-cw-ev-name`).fill("Sivuvirtatyöpaja (kuvitteellinen)");
  await page.locator(`${W} #kt-cw-ev-place`).fill("Tampere");
  const dir = mkdtempSync(join(tmpdir(), "kt-cw-"));
  const file = join(dir, "tyopaja.csv");
  writeFileSync(file, template.replace("Betonimurske;", "=1+1;") + "E-3;tarjous;Ilman määrää;;puu;;t;Tampere;;;;;Esimerkki Oy (kuvitteellinen);fi\r\n");
  await page.locator(`${W} #kt-cw-listings`).setInputFiles(file);
  await until(() => notice(page), (n) => n === "Tuotuja ilmoituksia: 2. Uusia yrityksiä: 2.", "import announced");
  const problems = await page.locator(`${W} .kt-cw-problems li`).allTextContents();
  assert.equal(problems.length, 1, JSON.stringify(problems));
  assert.match(problems[0], /^Rivi 4, kenttä ”määrä”/);
  const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  assert.equal(saved.events[0].name, "Sivuvirtatyöpaja (kuvitteellinen)");
  assert.deepEqual(saved.listings.map((l) => l.event), ["e-01", "e-01"]);
  assert.equal(saved.listings[0].listing.title, "=1+1", "kept as text, shown as text");
  await checked(page, "imported");
  await page.close();
});

test("the priority weights re-rank the candidates, and a closing-survey answer moves its synergy", async () => {
  const page = await fresh("coordinator.html");
  await press(page, ".kt-cw-example");
  await until(() => focused(page), (f) => f && f.includes("kt-cw-ws-heading"), "opened");
  const titles = () => page.locator(`${W} .kt-cw-cards .kt-cw-card-title`).allTextContents();
  const wsm = await titles(page);
  await press(page, ".kt-cw-weights summary");
  const co2e = page.locator(`${W} #kt-cw-w-co2e`);
  await co2e.fill("paljon");
  await co2e.press("Tab");
  await until(() => page.locator(`${W} #kt-cw-weights-error`).count(), (n) => n === 1, "weights error");
  assert.equal(await co2e.getAttribute("aria-invalid"), "true");
  assert.deepEqual(await titles(page), [], "no ranking from unusable weights");
  await checked(page, "weights error");
  await co2e.fill("0");
  await page.locator(`${W} #kt-cw-w-tonnes`).fill("0");
  await page.locator(`${W} #kt-cw-w-distance`).fill("0");
  await page.locator(`${W} #kt-cw-w-distance`).press("Tab");
  // Match score alone: the candidates come in the order of their match.
  const byMatch = await until(() => titles(page), (t) => t.length > 0 && t.join() !== wsm.join(), "re-ranked");
  const scores = await page.locator(`${W} .kt-cw-cards .kt-cw-facts div:nth-child(2) dd`).allTextContents();
  const numbers = scores.map((x) => Number(x.replace(/\s|%/g, "").replace(",", ".")));
  assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a), `${byMatch}: ${scores}`);
  await page.locator(`${W} #kt-cw-method`).selectOption("topsis");
  await until(() => titles(page), (t) => t.length > 0, "TOPSIS ranking");
  await checked(page, "weights");

  const syn = sample.synergies.find((x) => x.id === "syn-17");
  const answer = { id: "kysely-e2e-1", listing: syn.offer, synergy: "syn-17", outcome: "no", reason: "logistics", date: "2026-01-15", lang: "fi" };
  const dir = mkdtempSync(join(tmpdir(), "kt-cw-"));
  const file = join(dir, "vastaus.json");
  writeFileSync(file, JSON.stringify(answer));
  await page.locator(`${W} #kt-cw-survey`).setInputFiles(file);
  await until(() => notice(page), (n) => n === "Vastaus tallennettiin. Synergia syn-17: tila on nyt rauennut.", "answer applied");
  const row = page.locator(`${W} .kt-cw-synergies tbody tr`, { has: page.locator("th", { hasText: /^syn-17$/ }) });
  assert.equal(await row.locator(".kt-cw-status").textContent(), "Rauennut");
  const followed = await page.locator(`${W} .kt-cw-followups p`).allTextContents();
  assert.ok(!followed.some((p) => p.includes("syn-17")), "syn-17 has an outcome: no longer followed up");
  writeFileSync(file, "{\"id\": \"x\"}");
  await page.locator(`${W} #kt-cw-survey`).setInputFiles(file);
  await until(() => notice(page), (n) => n === "Vastausta ei voitu tuoda", "a bad answer is refused");
  const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  assert.equal(saved.surveys.at(-1).id, "kysely-e2e-1");
  await checked(page, "survey answer");
  await page.close();
});

test("a second workspace file merges by ids, its conflicts resolved by keyboard, nothing lost silently (fi)", async () => {
  const page = await fresh("coordinator.html");
  await press(page, ".kt-cw-example");
  await until(() => focused(page), (f) => f && f.includes("kt-cw-ws-heading"), "opened");
  const other = structuredClone(sample);
  other.name = `${sample.name} – toinen`;
  other.exchanges[0].distance_km = 40;
  other.exchanges[0].updated = "2026-11-30";
  other.notes.push({ id: "note-90", date: "2026-11-30", about: "syn-01", text: "Soitettu (toinen koordinaattori)" });
  const dir = mkdtempSync(join(tmpdir(), "kt-cw-merge-"));
  const file = join(dir, "toinen.json");
  writeFileSync(file, JSON.stringify(other));
  const before = await page.evaluate((k) => localStorage.getItem(k), KEY);

  // Cancelling changes nothing.
  await page.locator(`${W} #kt-cw-merge`).setInputFiles(file);
  await until(() => focused(page), (f) => f && f.startsWith("kt-cw-merge-h|"), "focus on the conflicts");
  assert.equal(await notice(page), "Ratkaistavia ristiriitoja: 2");
  const legends = await page.locator(`${W} .kt-cw-conflict legend`).allTextContents();
  assert.deepEqual(legends, ["Työtilan nimi name", "Vaihto ex-01"]);
  // The later change is preselected: the other file's name sorts last, its exchange is newer.
  assert.deepEqual(await page.locator(`${W} .kt-cw-take-theirs`).evaluateAll((r) => r.map((x) => x.checked)), [true, true]);
  await checked(page, "fi: merge conflicts");
  await press(page, ".kt-cw-merge-cancel");
  await until(() => notice(page), (n) => n === "Yhdistäminen peruttiin, eikä työtilaa muutettu.", "cancelled");
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), before);

  // Keep this workspace's name (Space on its radio), take the other file's exchange, confirm.
  await page.locator(`${W} #kt-cw-merge`).setInputFiles(file);
  await until(() => focused(page), (f) => f && f.startsWith("kt-cw-merge-h|"), "conflicts again");
  await press(page, "#kt-cw-merge-0-mine", "Space");
  await press(page, ".kt-cw-merge-apply");
  await until(() => notice(page), (n) => n.startsWith("Yhdistetty tiedosto: toinen.json. Ratkaistuja ristiriitoja: 2."), "merged");
  const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  assert.equal(saved.name, sample.name);
  assert.equal(saved.exchanges[0].distance_km, 40);
  assert.deepEqual(saved.notes.map((n) => n.id), ["note-01", "note-03", "note-90"]);
  assert.equal(saved.synergies.length, sample.synergies.length);
  await checked(page, "fi: merged");
  // The workspace from before the merge stays restorable.
  assert.equal(JSON.parse(await page.evaluate((k) => localStorage.getItem(`${k}:previous`), KEY)).notes.length, 2);

  // A file that is not a workspace is reported and changes nothing.
  const bad = join(dir, "rikki.json");
  writeFileSync(bad, "{\"version\": 1, \"name\": ");
  const merged = await page.evaluate((k) => localStorage.getItem(k), KEY);
  await page.locator(`${W} #kt-cw-merge`).setInputFiles(bad);
  await until(() => notice(page), (n) => n === "Tiedostoa ei voitu yhdistää, koska se ei ole luettava työtila", "bad file reported");
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), merged);
  await checked(page, "fi: merge refused");
  await page.close();
});

test("a merge in Swedish on the strict-CSP page: conflicts said in Swedish, resolved by keyboard", async () => {
  const page = await fresh("coordinator-sv-csp.html");
  await press(page, ".kt-cw-example");
  await until(() => focused(page), (f) => f && f.includes("kt-cw-ws-heading"), "opened");
  const other = structuredClone(sample);
  other.name = `${sample.name} – annan`;
  other.exchanges[0].distance_km = 40;
  other.exchanges[0].updated = "2026-11-30";
  const dir = mkdtempSync(join(tmpdir(), "kt-cw-merge-sv-"));
  const file = join(dir, "annan.json");
  writeFileSync(file, JSON.stringify(other));
  await page.locator(`${W} #kt-cw-merge`).setInputFiles(file);
  await until(() => focused(page), (f) => f && f.startsWith("kt-cw-merge-h|"), "focus on the conflicts");
  assert.equal(await notice(page), "Konflikter att avgöra: 2");
  assert.deepEqual(await page.locator(`${W} .kt-cw-conflict legend`).allTextContents(), ["Arbetsytans namn name", "Utbyte ex-01"]);
  await checked(page, "sv: merge conflicts");
  await press(page, "#kt-cw-merge-0-mine", "Space");
  await press(page, ".kt-cw-merge-apply");
  await until(() => notice(page), (n) => n.startsWith("Sammanslagen fil: annan.json. Avgjorda konflikter: 2."), "merged");
  const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  assert.equal(saved.name, sample.name);
  assert.equal(saved.exchanges[0].distance_km, 40);
  await checked(page, "sv: merged");
  await page.close();
});

test("a mistaken status step is undone by keyboard and kept as a note; notes are added in the editor (fi)", async () => {
  const page = await fresh("coordinator.html");
  await press(page, ".kt-cw-example");
  await until(() => focused(page), (f) => f && f.includes("kt-cw-ws-heading"), "opened");
  await press(page, ".kt-cw-add");
  await until(() => focused(page), (f) => f && f.startsWith("kt-cw-editor-h|") && f.includes("syn-21:"), "editor");
  assert.equal(await page.locator(`${W} .kt-cw-undo`).count(), 0, "the first step cannot be undone");
  await page.locator(`${W} #kt-cw-st-status`).selectOption("dropped");
  await page.locator(`${W} #kt-cw-st-reason`).selectOption("price");
  await press(page, ".kt-cw-form button[type=submit]");
  await until(() => notice(page), (n) => n.startsWith("Synergia syn-21: tila on nyt"), "dropped");
  await until(() => page.locator(`${W} .kt-cw-undo`).count(), (n) => n === 1, "undo offered");
  await checked(page, "fi: undo offered");
  await press(page, ".kt-cw-undo");
  await until(() => notice(page), (n) => /^Tilamuutos peruttiin \(synergia syn-21\): .+ \(hinta\)\. Se on tallessa muistiinpanona\.$/.test(n), "undone");
  await until(() => focused(page), (f) => f && f.startsWith("kt-cw-editor-h|"), "focus back on the editor");
  const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  const syn = saved.synergies.find((s) => s.id === "syn-21");
  assert.deepEqual(syn.history.map((c) => c.status), ["identified"]);
  const note = saved.notes.at(-1);
  assert.equal(note.about, "syn-21");
  assert.match(note.text, /^Peruttu tilamuutos: .+ \(hinta\)$/);
  await checked(page, "fi: undone");
  // The notes about the synergy are listed in the editor, and a new one is added by keyboard.
  const notes = page.locator(`${W} .kt-cw-notes li`);
  await until(() => notes.allTextContents(), (t) => t.length === 1 && /Peruttu tilamuutos: .+ \(hinta\)$/.test(t[0]), "the undone step as a note");
  await press(page, ".kt-cw-add-note");
  await until(() => page.locator(`${W} #kt-cw-note-err`).textContent(), (t) => t === "Kirjoita muistiinpano ennen tallentamista.", "empty note refused");
  await until(() => focused(page), (f) => f && f.startsWith("kt-cw-note-text|"), "focus on the note field");
  await page.keyboard.type("Soitettu 12.3., palataan hintaan huhtikuussa.");
  await press(page, ".kt-cw-add-note");
  await until(() => notice(page), (n) => n === "Muistiinpano lisättiin (synergia syn-21).", "note added");
  await until(() => notes.count(), (n) => n === 2, "two notes listed");
  assert.match(await notes.nth(1).textContent(), /Soitettu 12\.3\., palataan hintaan huhtikuussa\.$/);
  const withNote = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  assert.deepEqual(withNote.notes.filter((n) => n.about === "syn-21").map((n) => n.text.slice(0, 8)), ["Peruttu ", "Soitettu"]);
  await checked(page, "fi: note added");
  await page.close();
});

test("data-kt-follow-up-days sets the follow-up threshold; a value out of bounds is refused with kt:error", async () => {
  const page = await fresh("coordinator.html");
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend",
      '<kt-coordinator-workbench id="wb-90" data-kt-key="t90" data-kt-follow-up-days="90"></kt-coordinator-workbench>' +
      '<kt-coordinator-workbench id="wb-bad" data-kt-key="tbad" data-kt-follow-up-days="3"></kt-coordinator-workbench>');
  });
  await until(() => page.evaluate(() => window.__kt.filter((e) => e.name === "ready").length), (n) => n === 3, "both ready");
  const errors = await page.evaluate(() => window.__kt.filter((e) => e.name === "error").map((e) => [e.id, e.detail.kind, e.detail.message]));
  assert.deepEqual(errors.map((e) => e.slice(0, 2)), [["wb-bad", "config"]]);
  assert.match(errors[0][2], /data-kt-follow-up-days `3`.*60 is used/);
  for (const [id, days] of [["wb-90", 90], ["wb-bad", 60]]) {
    await page.locator(`#${id} .kt-cw-start .kt-button`).first().focus();
    await page.keyboard.press("Enter");
    await until(() => page.locator(`#${id} .kt-cw-ws-heading`).count(), (n) => n === 1, `${id} opened`);
    assert.match(await page.locator(`#${id} section[aria-labelledby=kt-cw-fu-h] p`).first().textContent(), new RegExp(`\\(päiviä: ${days}\\)`));
  }
  await page.close();
});
