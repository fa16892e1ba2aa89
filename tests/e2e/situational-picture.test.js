// The situational picture on a network's public page (strict CSP): the public summary from
// data-kt-src shown with the same numbers as the file, ranges and exchange counts, a chart with
// its table, Swedish region names on the Swedish instance, a readable load error with a retry
// that works by keyboard, no company data, zero axe violations.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, open, until, assertAccessible, screenshot } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const summary = JSON.parse(readFileSync(join(here, "..", "..", "demo", "situational-picture.json"), "utf8"));

let context;
before(async () => {
  context = await launch();
  await context.addInitScript(() => {
    window.__kt = [];
    for (const name of ["ready", "error"]) {
      document.addEventListener(`kt:${name}`, (e) => window.__kt.push({ name, id: e.target.id, detail: e.detail }), true);
    }
  });
});
after(async () => { await context.close(); });

const events = (page, name, id) =>
  page.evaluate(([n, i]) => window.__kt.filter((e) => e.name === n && e.id === i).map((e) => e.detail), [name, id]);

/** The widget's rounding (format.rs) through Node's Intl: digits by magnitude. */
function num(v, lang) {
  const a = Math.abs(v);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v).replace(/\u202f/g, "\u00a0");
}
const nbsp = "\u00a0";

test("the public summary is shown with the file's numbers, in Finnish and Swedish", async () => {
  const page = await open(context, "situational-picture-csp.html");
  const response = await page.request.get(new URL("situational-picture-csp.html", page.url()).href);
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
  for (const id of ["picture-fi", "picture-sv"]) {
    await until(() => events(page, "ready", id), (e) => e.length === 1, `${id} ready`);
  }
  const fi = page.locator("#picture-fi");
  const values = await fi.locator(".kt-sp-value").allTextContents();
  const t = summary.total;
  assert.deepEqual(values, [
    String(t.synergies.realised),
    `${num(t.tonnes.value, "fi")}${nbsp}t`,
    `${num(t.co2e_avoided_kg.value / 1000, "fi")}${nbsp}t CO2e`,
    `${num(t.euros_saved.value, "fi")}${nbsp}€`,
  ]);
  const behind = await fi.locator(".kt-sp-behind").allTextContents();
  assert.equal(behind[1], `Vaihtoja: ${t.co2e_avoided_kg.exchanges}, joista arvo puuttuu ${t.co2e_avoided_kg.unknown}`);
  // The chart has a name, and its table gives every year in text.
  assert.equal(await fi.locator("svg[role=img] title").textContent(), "Kiertoon ohjattu materiaali vuosittain (t)");
  const years = await fi.locator("table").first().locator("tbody th").allTextContents();
  assert.deepEqual(years, Object.keys(summary.by_year));
  const regions = await fi.locator("table").nth(1).locator("tbody th").allTextContents();
  assert.deepEqual(regions, Object.keys(summary.by_region));
  const sv = page.locator("#picture-sv");
  const svRegions = await sv.locator("table").nth(1).locator("tbody th").allTextContents();
  assert.deepEqual(svRegions, ["Birkaland", "Österbotten"]);
  assert.equal(await sv.locator(".kt-sp-figure dt").first().textContent(), "Förverkligade synergier");
  const text = await page.evaluate(() => document.querySelector("#picture-fi").shadowRoot.textContent);
  for (const secret of ["Hervannan Betonielementti", "9900", "example.org", "Sivuvirtatyöpaja"]) {
    assert.ok(!text.includes(secret), `${secret} on the public page`);
  }
  await screenshot(page, "situational-picture");
  // The deliberately missing file is a readable error with a retry button, by keyboard.
  const missing = page.locator("#picture-missing");
  await until(() => events(page, "error", "picture-missing"), (e) => e.length === 1, "load error");
  assert.match(await missing.locator("[role=alert]").textContent(), /Tilannekuvan lataaminen epäonnistui: HTTP 404/);
  await missing.locator("button").focus();
  await page.keyboard.press("Enter");
  await until(() => events(page, "error", "picture-missing"), (e) => e.length === 2, "retried");
  const problems = page.problems.filter((p) => !p.includes("404"));
  assert.deepEqual(problems, [], "no CSP violations or errors apart from the deliberate 404");
  await assertAccessible(page, "situational-picture-csp.html");
});

test("partner-supplied national indicators show with source, year and target; a series without a source is left out and said", async () => {
  // Test series only (the widget ships no indicator figures); served in place of the demo file.
  const withIndicators = structuredClone(summary);
  withIndicators.indicators = [
    { id: "cmu", name: { fi: "Kiertoaste (testisarja)", sv: "Cirkularitetsgrad (testserie)", en: "Circular material use rate (test series)" },
      unit: "%", source: "Testilähde 2026", url: "https://example.invalid/cmu", licence: "CC BY 4.0",
      values: [{ year: 2022, value: 2.5 }, { year: 2021, value: 2.25 }],
      target: { year: 2035, value: 5, source: "Testitavoite" } },
    { id: "rp", name: { fi: "Resurssituottavuus (testisarja)" }, unit: "€/kg", source: "", values: [{ year: 2022, value: 1.5 }] },
  ];
  const route = (r) => r.fulfill({ contentType: "application/json", body: JSON.stringify(withIndicators) });
  await context.route("**/situational-picture.json", route);
  try {
    const page = await open(context, "situational-picture-csp.html");
    for (const id of ["picture-fi", "picture-sv"]) {
      await until(() => events(page, "ready", id), (e) => e.length === 1, `${id} ready`);
    }
    const fi = page.locator("#picture-fi");
    assert.deepEqual(await fi.locator(".kt-sp-indicator-name").allTextContents(), ["Kiertoaste (testisarja)"]);
    const ind = fi.locator(".kt-sp-indicator");
    assert.deepEqual(await ind.locator("tbody th").allTextContents(), ["2021", "2022"]);
    assert.deepEqual(await ind.locator("tbody td").allTextContents(), [`2,25${nbsp}%`, `2,5${nbsp}%`]);
    assert.match(await ind.textContent(), /Tavoite vuodelle 2035: 5\u00a0% \(Lähde: Testitavoite\)/);
    assert.match(await ind.locator(".kt-sp-indicator-source").textContent(), /^Lähde: Testilähde 2026, lisenssi CC BY 4\.0 https:\/\/example\.invalid\/cmu$/);
    const left = await fi.locator(".kt-sp-problems").textContent();
    assert.match(left, /Kaikkia kansallisia indikaattoreita ei voitu näyttää/);
    assert.match(left, /source/);
    const sv = page.locator("#picture-sv");
    assert.deepEqual(await sv.locator(".kt-sp-indicator-name").allTextContents(), ["Cirkularitetsgrad (testserie)"]);
    assert.match(await sv.locator(".kt-sp-indicator").textContent(), /Mål för 2035: 5\u00a0%/);
    const problems = page.problems.filter((p) => !p.includes("404"));
    assert.deepEqual(problems, [], "no CSP violations or errors apart from the deliberate 404");
    await assertAccessible(page, "situational-picture with indicators");
    await page.close();
  } finally {
    await context.unroute("**/situational-picture.json", route);
  }
});
