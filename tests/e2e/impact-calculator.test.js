// The impact calculator as partners embed it: filled in by keyboard in Finnish and English, its
// numbers checked against the CLI (`kiertokit impact exchange`) for the same input, unknown shown
// as unknown with its reason in the page's language, invalid input as an inline error, strict CSP with partner overrides, zero axe
// violations in the form and result states.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, open, until, assertAccessible, screenshot } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");

let context;
before(async () => {
  context = await launch();
  // Records every kt:* event; composed events reach the document with the host as target.
  await context.addInitScript(() => {
    window.__kt = [];
    for (const name of ["ready", "calculate", "error"]) {
      document.addEventListener(`kt:${name}`, (e) => window.__kt.push({ name, id: e.target.id, detail: e.detail }), true);
    }
  });
});
after(async () => { await context.close(); });

/** Runs the CLI on a fixture; the test compares the widget to this, not to hand-copied numbers. */
function cli(fixture) {
  const out = execFileSync("cargo", ["run", "-q", "-p", "kiertokit-cli", "--", "impact", "exchange", "--input", fixture],
    { cwd: repo, encoding: "utf8", timeout: 900_000 });
  return JSON.parse(out);
}

/** The widget's documented rounding (format.rs) through the browser-independent Intl of Node. */
function num(v, lang) {
  const a = Math.abs(v);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);
}
const nbsp = "\u00a0";
function co2e(kg, lang) {
  return Math.abs(kg) >= 1000 ? `${num(kg / 1000, lang)}${nbsp}t CO2e` : `${num(kg, lang)}${nbsp}kg CO2e`;
}
const euros = (v, lang) => (lang === "en" ? `€${num(v, lang)}` : `${num(v, lang)}${nbsp}€`);

const figures = (page, scope) => page.locator(`${scope} .kt-ic-figure-value`).allTextContents();
const status = (page, scope) => page.locator(`${scope} [role=status]`).textContent();
const events = (page, name) => page.evaluate((n) => window.__kt.filter((e) => e.name === n), name);

/** Moves a focused <select> with the arrow keys until it shows `value` (keyboard only). */
async function arrowTo(page, select, value) {
  for (let i = 0; i < 40; i++) {
    if ((await select.inputValue()) === value) return;
    await page.keyboard.press("ArrowDown");
  }
  assert.fail(`could not reach option ${value} by keyboard`);
}

async function replaceText(page, text) {
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

test("fi: filled in by keyboard, desktop computers 10 kg landfill → recycling match the CLI and the shipped WARM v15 factors", async () => {
  const page = await open(context, "impact-calculator.html");
  const scope = "#calc-fi";
  await until(() => figures(page, scope), (f) => f.length === 3, "initial result");
  assert.equal(await page.locator(`${scope} h2`).textContent(), "Vaikutuslaskuri: mitä materiaalin kierrättäminen säästää?");
  const ready = await until(() => events(page, "ready"), (e) => e.some((x) => x.id === "calc-fi"), "kt:ready");
  assert.equal(ready.find((x) => x.id === "calc-fi").detail.widget, "impact-calculator");

  const material = page.locator(`${scope} #kt-impact-material`);
  await material.focus();
  await arrowTo(page, material, "desktop_computers");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.shadowRoot?.activeElement?.id), "kt-impact-quantity");
  await replaceText(page, "10");
  await page.keyboard.press("Tab");
  await arrowTo(page, page.locator(`${scope} #kt-impact-unit`), "kg");
  await page.keyboard.press("Tab"); // today's treatment: landfill (default)
  assert.equal(await page.locator(`${scope} #kt-impact-baseline`).inputValue(), "landfill");
  assert.deepEqual(await page.locator(`${scope} #kt-impact-baseline option`).allTextContents(), ["Kaatopaikka", "Kierrätys tai hyötykäyttö materiaalina"],
    "only pathways with factors, in Finnish");
  await page.keyboard.press("Tab"); // alternative: recycling (default)
  assert.equal(await page.locator(`${scope} #kt-impact-alternative`).inputValue(), "recycling");
  await page.keyboard.press("Tab");
  await replaceText(page, "0");

  const expected = cli("tests/fixtures/impact/exchange-desktop.input.json");
  // WARM v15: 0.01 t × (0.0203 + 1.4868) MTCO2E/short ton = 16.612934 kg CO2e (docs/impact.md).
  assert.ok(Math.abs(expected.co2e_avoided_kg.value - 16.612934) < 1e-6);
  assert.equal(expected.virgin_saved_t.status, "unknown");
  const want = [co2e(expected.co2e_avoided_kg.value, "fi"), "ei tiedossa", euros(expected.euros_saved.value, "fi")];
  assert.deepEqual(want, ["16,6\u00a0kg CO2e", "ei tiedossa", "1,2\u00a0€"]);
  await until(() => figures(page, scope), (f) => JSON.stringify(f) === JSON.stringify(want), "CLI numbers in the widget");

  // Unknown is text with its reason in Finnish (the CLI's code, not its English text), never 0.
  assert.deepEqual(expected.virgin_saved_t.missing, [{ code: "substitution_ratio", category: "electronics" }]);
  const details = await page.locator(`${scope} .kt-ic-figure-detail`).allTextContents();
  assert.ok(details.includes("Puuttuvat tiedot (Sähkö- ja elektroniikkalaitteet): neitseellisen materiaalin korvaussuhde."),
    `reason shown in Finnish: ${details}`);
  assert.ok(!details.includes(expected.virgin_saved_t.reason), "not the English reason");
  assert.ok(details.includes(`vaihteluväli ${num(expected.euros_saved.low, "fi")} – ${euros(expected.euros_saved.high, "fi")}`), `range shown: ${details}`);

  // Headline announced once typing pauses, and kt:calculate carries inputs and numbers.
  await until(() => status(page, scope), (s) => s === "Vältetyt päästöt: 16,6\u00a0kg CO2e. Säästetty neitseellinen materiaali: ei tiedossa. Säästö euroina: 1,2\u00a0€.", "announcement");
  const calc = (await until(() => events(page, "calculate"), (e) => e.some((x) => x.id === "calc-fi" && x.detail.input.material === "desktop_computers"
    && x.detail.input.distance_km === 0 && x.detail.input.quantity.unit === "kg"), "kt:calculate")).filter((x) => x.id === "calc-fi").pop();
  assert.ok(Math.abs(calc.detail.co2e_avoided_kg.value - expected.co2e_avoided_kg.value) < 1e-9);
  assert.equal(calc.detail.virgin_saved_t.status, "unknown");
  assert.deepEqual(calc.detail.factors_used, expected.factors_used);

  // Chart: an accessible image with title and description, and the same numbers in a table.
  const svg = page.locator(`${scope} svg.kt-ic-chart`);
  assert.equal(await svg.getAttribute("role"), "img");
  assert.equal(await page.locator(`${scope} svg.kt-ic-chart title`).textContent(), "Päästöt käsittelytavoittain");
  assert.match(await page.locator(`${scope} svg.kt-ic-chart desc`).textContent(), /^Nykyinen käsittely .*kg CO2e, vaihtoehtoinen käsittely −.*kg CO2e, kuljetus 0\u00a0kg CO2e\.$/);
  assert.equal(await svg.locator("rect").count(), 3, "baseline, alternative and transport (0 km: a hairline) are known");
  const net = await page.locator(`${scope} table tbody tr:last-child td`).first().textContent();
  assert.equal(net, "16,6\u00a0kg CO2e");

  // Sources: every factor id used, with its source and licence, behind a <details>.
  const summary = page.locator(`${scope} details.kt-ic-sources summary`);
  assert.equal(await summary.textContent(), `Lähteet ja kertoimet (${expected.factors_used.length})`);
  await summary.focus();
  await page.keyboard.press("Enter");
  const sources = await page.locator(`${scope} details.kt-ic-sources li`).allTextContents();
  assert.equal(sources.length, expected.factors_used.length);
  assert.ok(sources[0].startsWith("warm15.desktop_computers.landfill: "), sources[0]);
  assert.match(sources.join("\n"), /lisenssi/);
  await screenshot(page, "impact-calculator-fi");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "impact-calculator.html (fi result, sources open)");
});

test("en: concrete 12.5 t, 35 km by distribution truck matches the CLI, with the decimal point", async () => {
  const page = await open(context, "impact-calculator.html");
  const scope = "#calc-en";
  await until(() => figures(page, scope), (f) => f.length === 3, "initial result");
  assert.equal(await page.locator(`${scope} label[for=kt-impact-material]`).textContent(), "Material");
  const material = page.locator(`${scope} #kt-impact-material`);
  await material.focus();
  await arrowTo(page, material, "concrete");
  await page.keyboard.press("Tab");
  await replaceText(page, "12.5");
  await page.keyboard.press("Tab");
  await arrowTo(page, page.locator(`${scope} #kt-impact-unit`), "t");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await replaceText(page, "35");
  await page.keyboard.press("Tab");
  await arrowTo(page, page.locator(`${scope} #kt-impact-vehicle`), "distribution_truck");

  const expected = cli("tests/e2e/fixtures/impact-concrete.input.json");
  const want = [co2e(expected.co2e_avoided_kg.value, "en"), `${num(expected.virgin_saved_t.value, "en")}${nbsp}t`, euros(expected.euros_saved.value, "en")];
  await until(() => figures(page, scope), (f) => JSON.stringify(f) === JSON.stringify(want), `CLI numbers ${want}`);
  await until(() => status(page, scope), (s) => s.startsWith(`Emissions avoided: ${want[0]}.`), "announcement");
  const transport = await page.locator(`${scope} table tbody tr:nth-child(3) td`).first().textContent();
  assert.equal(transport, co2e(expected.breakdown.transport_kg.value, "en"));
  assert.equal(await page.locator(`${scope} #kt-impact-vehicle option:checked`).textContent(), "Distribution truck");
  await screenshot(page, "impact-calculator-en");
  assert.deepEqual(page.problems, []);
});

test("fi: a decimal comma is accepted; invalid input is an inline error, never a number or a crash", async () => {
  const page = await open(context, "impact-calculator.html");
  const scope = "#calc-fi";
  await until(() => figures(page, scope), (f) => f.length === 3, "initial result");
  const quantity = page.locator(`${scope} #kt-impact-quantity`);
  await quantity.focus();
  await replaceText(page, "2,5");
  await until(() => events(page, "calculate"), (e) => e.some((x) => x.id === "calc-fi" && x.detail.input.quantity.amount === 2.5), "2,5 parsed as 2.5");
  await replaceText(page, "kaksi");
  await until(() => quantity.getAttribute("aria-invalid"), (v) => v === "true", "aria-invalid");
  const error = page.locator(`${scope} #kt-impact-quantity-error`);
  assert.equal(await error.textContent(), "Anna luku, esimerkiksi 12,5.");
  assert.match(await quantity.getAttribute("aria-describedby"), /kt-impact-quantity-error/);
  assert.equal(await figures(page, scope).then((f) => f.length), 0, "no numbers for invalid input");
  await until(() => status(page, scope), (s) => s === "Tarkista lomakkeen tiedot.", "invalid announced");
  await replaceText(page, "-3");
  await until(() => error.textContent(), (t) => t === "Luku ei voi olla negatiivinen.", "negative refused");
  // Same treatment on both sides is flagged on the alternative.
  const alternative = page.locator(`${scope} #kt-impact-alternative`);
  await alternative.focus();
  await page.keyboard.press("ArrowUp");
  assert.equal(await alternative.inputValue(), "landfill");
  await until(() => alternative.getAttribute("aria-invalid"), (v) => v === "true", "same pathway flagged");
  assert.equal(await page.locator(`${scope} #kt-impact-alternative-error`).textContent(), "Valitse eri käsittelytapa kuin nykyinen.");
  await screenshot(page, "impact-calculator-invalid");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "impact-calculator.html (invalid input)");
  // Back to valid input: the numbers return.
  await quantity.focus();
  await replaceText(page, "1");
  await alternative.focus();
  await page.keyboard.press("ArrowDown");
  await until(() => figures(page, scope), (f) => f.length === 3, "result again");
});

test("fi: an engine error (figures too large to compute) is said in Finnish from its code, with the code in kt:error", async () => {
  const page = await open(context, "impact-calculator.html");
  const scope = "#calc-fi";
  await until(() => figures(page, scope), (f) => f.length === 3, "initial result");
  const huge = `1${"0".repeat(200)}`;
  await page.locator(`${scope} #kt-impact-quantity`).focus();
  await replaceText(page, huge);
  await page.locator(`${scope} #kt-impact-distance`).focus();
  await replaceText(page, huge);
  const error = page.locator(`${scope} .kt-error`);
  await until(() => error.count(), (n) => n === 1, "the engine's error");
  assert.equal(await error.textContent(),
    "Laskenta epäonnistui: Tulos olisi liian suuri tai pieni laskettavaksi, joten sitä ei laskettu");
  assert.equal(await page.locator(`${scope} .kt-error [lang=en]`).count(), 0, "no English beside it");
  // kt:error comes once typing pauses, with the announcement.
  const failed = await until(
    async () => (await events(page, "error")).filter((e) => e.id === "calc-fi" && e.detail.kind === "calculation"),
    (list) => list.length > 0, "kt:error for the calculation");
  assert.deepEqual(failed.at(-1).detail.diagnostics.map((d) => d.code), ["not-computable"]);
  assert.match(failed.at(-1).detail.message, /too large/);
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "impact-calculator.html (engine error)");
});

test("fi: a material without factors shows why in Finnish, no English, and its impact is not shown as 0", async () => {
  const page = await open(context, "impact-calculator.html");
  const scope = "#calc-fi";
  await until(() => figures(page, scope), (f) => f.length === 3, "initial result");
  // Same input as the CLI fixture: textiles 12 t, incineration → recycling, 20 km by distribution truck.
  const material = page.locator(`${scope} #kt-impact-material`);
  await material.focus();
  await arrowTo(page, material, "textiles");
  await until(() => page.locator(`${scope} .kt-impact-form .kt-notice`).textContent().catch(() => ""),
    (t) => t === "Tälle materiaalille ei vielä ole päästökertoimia kaikille käsittelytavoille. Tulokset kertovat, mitä tietoja puuttuu. Säästö euroina arvioidaan silti.",
    "missing-factors notice");
  assert.deepEqual(await page.locator(`${scope} #kt-impact-baseline option`).allTextContents(),
    ["Kaatopaikka", "Energiahyötykäyttö (poltto)", "Kierrätys tai hyötykäyttö materiaalina"], "generic treatments offered");
  await page.keyboard.press("Tab");
  await replaceText(page, "12");
  await page.keyboard.press("Tab");
  await arrowTo(page, page.locator(`${scope} #kt-impact-unit`), "t");
  await page.keyboard.press("Tab");
  await arrowTo(page, page.locator(`${scope} #kt-impact-baseline`), "incineration");
  await page.keyboard.press("Tab");
  assert.equal(await page.locator(`${scope} #kt-impact-alternative`).inputValue(), "recycling");
  await page.keyboard.press("Tab");
  await replaceText(page, "20");
  await page.keyboard.press("Tab");
  await arrowTo(page, page.locator(`${scope} #kt-impact-vehicle`), "distribution_truck");

  const expected = cli("tests/fixtures/impact/exchange-textiles-unknown.input.json");
  assert.equal(expected.co2e_avoided_kg.status, "unknown");
  assert.deepEqual(expected.co2e_avoided_kg.missing.map((m) => `${m.code}/${m.pathway ?? ""}`),
    ["treatment_factor/incineration", "treatment_factor/recycling", "substitution_ratio/", "secondary_processing_factor/"]);
  const want = ["ei tiedossa", "ei tiedossa", euros(expected.euros_saved.value, "fi")];
  await until(() => figures(page, scope), (f) => JSON.stringify(f) === JSON.stringify(want), `unknown, unknown, ${want[2]}`);

  const details = await page.locator(`${scope} .kt-ic-figure-detail`).allTextContents();
  assert.equal(details[0], "Puuttuvat tiedot (Tekstiilit): energiahyötykäytön päästökerroin, kierrätyksen päästökerroin, "
    + "neitseellisen materiaalin korvaussuhde ja kierrätysmateriaalin käsittelyn päästökerroin.");
  assert.equal(details[1], "Puuttuvat tiedot (Tekstiilit): neitseellisen materiaalin korvaussuhde.");
  const rows = await page.locator(`${scope} table tbody tr td:last-child`).allTextContents();
  assert.equal(rows[0], "Puuttuvat tiedot (Tekstiilit): energiahyötykäytön päästökerroin.", `table: ${rows}`);
  // No English anywhere in the figures or the table: no engine text, nothing marked lang=en.
  const shown = (await page.locator(`${scope} .kt-ic-figures`).innerText()) + "\n" + (await page.locator(`${scope} table`).innerText());
  for (const reason of [expected.co2e_avoided_kg.reason, expected.virgin_saved_t.reason]) {
    for (const part of reason.split("; ")) assert.ok(!shown.includes(part), `English reason shown: ${part}`);
  }
  assert.doesNotMatch(shown, /\b(no|factor|treatment|unknown|missing|landfill|recycling|incineration)\b/i);
  assert.equal(await page.locator(`${scope} .kt-ic-figures [lang=en], ${scope} table [lang=en]`).count(), 0);
  assert.equal(await page.locator(`${scope} svg.kt-ic-chart rect`).count(), 1, "only transport is drawn; unknown bars are not 0");
  await until(() => status(page, scope), (t) => t.startsWith("Vältetyt päästöt: ei tiedossa."), "announcement");
  await screenshot(page, "impact-calculator-unknown-fi");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "impact-calculator.html (fi, missing factors)");
});

test("strict CSP page (sv): partner override via data-kt-factors is used and cited, no violations, zero axe", async () => {
  const page = await open(context, "impact-calculator-csp.html");
  const response = await page.request.get(new URL("impact-calculator-csp.html", page.url()).href);
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
  const scope = "#calc";
  await until(() => figures(page, scope), (f) => f.length === 3, "result");
  assert.equal(await page.locator(`${scope} .kt-root`).getAttribute("lang"), "sv");
  assert.equal(await page.locator(`${scope} label[for=kt-impact-quantity]`).textContent(), "Mängd");
  await page.locator(`${scope} details.kt-ic-sources summary`).click();
  const sources = await page.locator(`${scope} details.kt-ic-sources li`).allTextContents();
  const fee = sources.find((s) => s.startsWith("kiertokit.gate_fee.landfill: "));
  assert.ok(fee && fee.includes("Example receiving site price list 2025"), `override cited: ${sources.join(" | ")}`);
  assert.match(sources.join("\n"), /licens/);
  const errors = await events(page, "error");
  assert.deepEqual(errors, [], "valid overrides raise no kt:error");
  await screenshot(page, "impact-calculator-csp");
  assert.deepEqual(page.problems, [], "no CSP violations or errors");
  // Checked after page.problems: axe applies inline styles, which this policy reports.
  await assertAccessible(page, "impact-calculator-csp.html");
});

test("JS API: bad overrides fall back to the shipped factors with a notice and kt:error; 320 px reflow", async () => {
  const page = await open(context, "impact-calculator.html");
  await until(() => figures(page, "#calc-fi"), (f) => f.length === 3, "page ready");
  const detail = await page.evaluate(async () => {
    const el = document.createElement("div");
    el.id = "api";
    document.querySelector("main").append(el);
    const error = new Promise((resolve) => el.addEventListener("kt:error", (e) => resolve(e.detail)));
    await window.Kiertokit.mount(el, { widget: "impact-calculator", lang: "en", factors: [{ id: "no.such.factor", value: 1, unit: "EUR/t" }] });
    return error;
  });
  assert.equal(detail.kind, "factors");
  assert.match(detail.message, /no\.such\.factor/);
  assert.equal(await page.locator("#api .kt-notice").first().textContent(), "The partner's own factors could not be used, so the calculator uses the default factors.");
  await until(() => figures(page, "#api"), (f) => f.length === 3, "calculates with defaults");
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 320 px (overflow ${overflow}px)`);
  await screenshot(page, "impact-calculator-320");
  // The attribute's JSON text (a string through the API) is read by the same rules: a misspelt
  // key, a wrong type and text that is not JSON each refuse the overrides with a reason.
  for (const [factors, reason] of [
    ['[{"id":"warm15.wood.recycling","valeu":1,"unit":"t/t"}]', /valeu.*`value`/],
    [[{ id: "warm15.wood.recycling", value: "1", unit: "kg CO2e/t" }], /data-kt-factors|factors: .*(f64|number|float)/],
    ['[{"id": oops}]', /not valid JSON/],
    [[{ id: "warm15.wood.recycling", value: 1, unit: "kg/t" }], /unknown unit `kg\/t`/],
  ]) {
    const message = await page.evaluate(async (factors) => {
      const el = document.createElement("div");
      document.querySelector("main").append(el);
      const error = new Promise((resolve) => el.addEventListener("kt:error", (e) => resolve(e.detail)));
      await window.Kiertokit.mount(el, { widget: "impact-calculator", lang: "en", factors });
      const detail = await error;
      el.remove();
      return `${detail.kind} ${detail.message}`;
    }, factors);
    assert.match(message, /^factors /);
    assert.match(message, reason, JSON.stringify(factors));
  }
  assert.deepEqual(page.problems, []);
});
