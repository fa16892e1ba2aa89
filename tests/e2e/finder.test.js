// The complete material-exchange finder: engine search, filters with facet counts, paging,
// an opened listing with explained matches and impact, the draft form, the map and region
// chart, bad data, three instances, strict CSP, keyboard only, and axe in every state.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, open, until, assertAccessible, screenshot, titles, SHOTS, BASE } from "./helpers.js";

const DOCS_SHOTS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "docs", "screenshots");

let context;
before(async () => { context = await launch(); });
after(async () => { await context.close(); });

const status = (page, scope) => page.locator(`${scope} [role=status].kt-status`).textContent();
const active = (page) => page.evaluate(() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  return el ? { tag: el.localName, cls: el.className || "", text: (el.textContent || "").trim(), id: el.id } : null;
});

const LABELS_FILE = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "core", "data", "ewc-labels.json");

/**
 * Opens the Finnish demo page with every request for ewc-labels.json held until `release`
 * is called (or failed, with `fail`); returns the page and the number of such requests so far.
 */
async function pageWithHeldLabels(mode) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.problems = problems;
  const held = { count: 0 };
  let release;
  const gate = new Promise((r) => { release = r; });
  // Routing also keeps the browser cache from answering for the file.
  await page.route("**/ewc-labels.json", async (route) => {
    held.count += 1;
    await gate;
    if (mode === "fail") await route.abort();
    else if (mode === "tampered") {
      // Same shape, one label changed: only the build's integrity hash can tell.
      const response = await route.fetch();
      const body = (await response.text()).replace(/"170201",\s*"[^"]*"/, '"170201","Väärennetty nimike"');
      await route.fulfill({ response, body });
    } else await route.continue();
  });
  await page.goto(new URL("index.html", BASE).href);
  return { page, held, release };
}

/** The waste-code value of the opened listing in #finder, and the language it is read in. */
const ewcValue = (page) => page.locator("#finder .kt-detail .kt-facts dt", { hasText: "Jätenimike" })
  .locator("xpath=..").locator("dd")
  .evaluate((dd) => ({ text: dd.textContent, lang: dd.closest("[lang]").getAttribute("lang") }));

async function openSortedWood(page) {
  await until(() => titles(page, "#finder"), (t) => t.length > 0, "listings");
  await page.locator("#finder input[type=search]").fill("Puujäte, lajiteltu");
  const row = page.locator("#finder .kt-result", { hasText: "Puujäte, lajiteltu" }).first();
  await until(() => row.count(), (n) => n === 1, "the sorted wood listing");
  await row.locator(".kt-open").click();
  await until(() => page.locator("#finder .kt-detail-title").count(), (n) => n === 1, "detail open");
}

test("a listing's waste code shows its Finnish label once ewc-labels.json arrives, fetched only when a listing opens", async () => {
  const row = JSON.parse(readFileSync(LABELS_FILE, "utf8")).find((r) => r[0] === "170201");
  const { page, held, release } = await pageWithHeldLabels("ok");
  await until(() => titles(page, "#finder"), (t) => t.length === 20, "first results");
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(held.count, 0, "no label download before a listing is opened");
  await openSortedWood(page);
  await until(() => held.count, (n) => n === 1, "labels requested when the listing opens");
  assert.deepEqual(await ewcValue(page), { text: "17 02 01", lang: "fi" }, "the code alone while the labels load");
  release();
  const shown = await until(() => ewcValue(page), (v) => v.text !== "17 02 01", "label shown");
  assert.deepEqual(shown, { text: `17 02 01 – ${row[1]}`, lang: "fi" });
  // A second listing reuses the labels: no second download.
  await page.locator("#finder .kt-back").click();
  await page.locator("#finder input[type=search]").fill("Betonimurske");
  await page.locator("#finder .kt-result .kt-open").first().click();
  await until(() => ewcValue(page), (v) => / – /.test(v.text), "second listing labelled");
  assert.equal(held.count, 1);
  await assertAccessible(page, "finder listing with its waste-code label");
  assert.deepEqual(page.problems, []);
  await page.close();
});

for (const mode of ["fail", "tampered"]) {
  test(`a ${mode === "fail" ? "failed" : "changed (integrity-failing)"} label download leaves the waste code alone, with no error shown`, async () => {
    const { page, held, release } = await pageWithHeldLabels(mode);
    await openSortedWood(page);
    await until(() => held.count, (n) => n === 1, "labels requested");
    release();
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(await ewcValue(page), { text: "17 02 01", lang: "fi" });
    assert.equal(await page.locator("#finder [role=alert]").count(), 0);
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}

/** Opens results one by one until one has matches; returns its title. */
async function openListingWithMatches(page, scope) {
  const count = await page.locator(`${scope} .kt-open`).count();
  for (let i = 0; i < count; i++) {
    await page.locator(`${scope} .kt-open`).nth(i).click();
    await until(() => page.locator(`${scope} .kt-detail-title`).count(), (n) => n === 1, "detail open");
    await new Promise((r) => setTimeout(r, 100));
    if (await page.locator(`${scope} .kt-detail .kt-match`).count() > 0) {
      return page.locator(`${scope} .kt-detail-title`).textContent();
    }
    await page.locator(`${scope} .kt-back`).click();
    await until(() => page.locator(`${scope} .kt-open`).count(), (n) => n === count, "list back");
  }
  assert.fail("no listing with matches");
}

test("search-as-you-type uses the engine, filters show facet counts, and show more moves focus", async () => {
  const page = await open(context, "index.html");
  const first = await until(() => titles(page, "#finder"), (t) => t.length === 20, "first page of 20");
  const total = parseInt(await until(() => status(page, "#finder"), (s) => /^\d+ ilmoitusta$/.test(s), "count"), 10);
  assert.ok(total > 20, "sample data has more than a page");
  // Facet counts beside each value.
  const kinds = await page.locator("#finder .kt-filters .kt-choice").allTextContents();
  assert.match(kinds[1], /^Tarjotaan \(\d+\)$/);
  const options = await page.locator("#kt-finder-cat option, #finder #kt-finder-cat option").allTextContents();
  assert.ok(options.some((o) => /^Puu \(\d+\)$/.test(o)), `category counts: ${options}`);
  // Show more: a page of 20 more, focus on the first new result.
  await page.locator("#finder .kt-more").click();
  await until(() => titles(page, "#finder"), (t) => t.length === Math.min(40, total), "second page");
  const focused = await until(() => active(page), (f) => f.tag === "button", "focus on the first new result");
  assert.match(focused.cls, /kt-open/);
  const twentyFirst = await page.locator("#finder .kt-result").nth(20).locator(".kt-open").textContent();
  assert.equal(focused.text, twentyFirst.trim());
  // Finnish inflection through the engine: "jätteitä" finds listings about jäte.
  await page.locator("#finder input[type=search]").fill("puujätteitä");
  await until(() => status(page, "#finder"), (s) => /^\d+ ilmoitus/.test(s) && parseInt(s, 10) < total, "engine hits");
  assert.ok((await titles(page, "#finder")).length > 0);
  assert.ok(first.length === 20);
  // Kind filter.
  await page.locator("#finder input[type=search]").fill("");
  await page.locator("#finder input[name=kt-finder-kind][value=seek]").check();
  await until(() => page.locator("#finder .kt-result .kt-badge").allTextContents(), (b) => b.length > 0 && b.every((x) => x === "Haetaan"), "only wanted");
  // Municipality with a radius shows distances.
  await page.locator("#finder input[name=kt-finder-kind][value='']").check();
  await page.locator("#kt-finder-muni, #finder #kt-finder-muni").fill("Tampere");
  await page.locator("#finder #kt-finder-muni").press("Enter");
  await page.locator("#finder #kt-finder-radius").selectOption("200");
  const metas = await until(() => page.locator("#finder .kt-result .kt-meta").allTextContents(), (m) => m.length > 0 && m.every((x) => /Etäisyys \d+\s+km/.test(x)), "distances");
  assert.ok(metas.length > 0);
  assert.deepEqual(page.problems, []);
});

test("the region chart and the map filter the list", async () => {
  const page = await open(context, "index.html");
  await until(() => titles(page, "#finder"), (t) => t.length === 20, "listings");
  const bars = page.locator("#finder .kt-bar");
  await until(() => bars.count(), (n) => n > 1, "region bars");
  const label = await bars.first().locator(".kt-bar-label").textContent();
  const count = parseInt(await bars.first().locator(".kt-bar-count").textContent(), 10);
  await bars.first().click();
  await until(() => status(page, "#finder"), (s) => s === (count === 1 ? "1 ilmoitus" : `${count} ilmoitusta`), "region count");
  assert.equal(await page.locator("#finder .kt-bar").first().getAttribute("aria-pressed"), "true");
  assert.equal(await page.locator("#finder #kt-finder-region").inputValue(), label);
  // A map point sets the municipality.
  await page.locator("#finder .kt-bar[aria-pressed=true]").click();
  await until(() => page.locator("#finder .kt-map-point").count(), (n) => n > 1, "map points");
  await page.locator("#finder .kt-map-point").first().dispatchEvent("click");
  const muni = await until(() => page.locator("#finder #kt-finder-muni").inputValue(), (v) => v.length > 0, "municipality from map");
  const places = await until(() => page.locator("#finder .kt-result .kt-meta").allTextContents(), (m) => m.length > 0 && m.every((x) => x.includes(muni)), "filtered to the point");
  assert.ok(places.length > 0);
  assert.deepEqual(page.problems, []);
});

test("opening a listing shows matches explained per factor with impact and sources; events fire", async () => {
  const page = await open(context, "three-instances.html");
  await until(() => titles(page, "#finder-fi"), (t) => t.length > 0, "listings");
  await page.evaluate(() => {
    window.events = [];
    for (const name of ["kt:select", "kt:match", "kt:search"]) {
      document.getElementById("finder-fi").addEventListener(name, (e) => window.events.push([name, e.detail]));
    }
  });
  await page.locator("#finder-fi input[type=search]").fill("lava");
  await until(() => page.evaluate(() => window.events.filter((e) => e[0] === "kt:search").length), (n) => n > 0, "kt:search");
  await page.locator("#finder-fi input[type=search]").fill("");
  const title = await openListingWithMatches(page, "#finder-fi");
  assert.ok(title.length > 0);
  const focused = await until(() => active(page), (f) => /kt-detail-title/.test(f?.cls), "focus on the opened listing's heading");
  assert.match(focused.cls, /kt-detail-title/, "focus on the opened listing's heading");
  const factorRows = await page.locator("#finder-fi .kt-detail .kt-match").first().locator("tbody tr th").allTextContents();
  assert.deepEqual(factorRows.slice(0, 5), ["Materiaali", "Etäisyys", "Määrä", "Ajankohta", "Toistuvuus"]);
  const cells = await page.locator("#finder-fi .kt-detail .kt-match").first().locator("tbody tr td").allTextContents();
  assert.ok(cells.some((c) => /täyttyy|ei täyty/.test(c)));
  assert.ok(cells.some((c) => /\d+\s%/.test(c)));
  const co2 = await page.locator("#finder-fi .kt-detail .kt-impact-co2").first().textContent();
  assert.match(co2, /kg CO2e|ei tiedossa/);
  const impact = await page.locator("#finder-fi .kt-detail .kt-impact dd").first().locator("xpath=../..").locator("dd").allTextContents();
  assert.equal(impact.length, 4, "CO2e, tonnes kept in use, virgin material saved, euros");
  assert.ok(impact.every((v) => /\d|ei tiedossa|ei sovellu/.test(v) && !/^0 /.test(v)), `impact: ${impact}`);
  assert.doesNotMatch(co2, /^0 kg/);
  await page.locator("#finder-fi .kt-detail .kt-sources summary").first().click();
  assert.ok((await page.locator("#finder-fi .kt-detail .kt-sources li").count()) > 0);
  // The partner's listing-page template, URL-encoded.
  const href = await page.locator("#finder-fi .kt-detail .kt-link").first().getAttribute("href");
  assert.match(href, /^https:\/\/example\.org\/ilmoitukset\/[^/]+$/);
  const events = await page.evaluate(() => window.events);
  const select = events.find((e) => e[0] === "kt:select");
  assert.ok(select && typeof select[1].id === "string");
  const match = events.filter((e) => e[0] === "kt:match").pop();
  assert.equal(match[1].source, "listing");
  assert.ok(match[1].matches.length > 0);
  await assertAccessible(page, "three-instances.html with a listing open");
  // Escape closes and focus returns to the opening button.
  await page.keyboard.press("Escape");
  await until(() => page.locator("#finder-fi .kt-detail").count(), (n) => n === 0, "detail closed");
  await until(() => active(page), (a) => a && /kt-open/.test(a.cls), "focus back on the open button");
});

test("the draft form shows matches at once, persists in localStorage, survives corrupt data and clears", async () => {
  const page = await open(context, "index.html");
  await until(() => titles(page, "#finder"), (t) => t.length > 0, "listings");
  await page.locator("#finder input[name=kt-draft-kind][value=seek]").check();
  await page.locator("#finder #kt-draft-cat").selectOption("wood");
  await page.locator("#finder #kt-draft-text").fill("Puujätettä haketukseen");
  await page.locator("#finder #kt-draft-amount").fill("20");
  await page.locator("#finder #kt-draft-muni").fill("Tampere");
  await until(() => page.locator("#finder .kt-draft-matches .kt-match").count(), (n) => n > 0, "draft matches");
  const key = "kiertokit:finder:v1:draft:finder";
  const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key));
  assert.equal(stored.v, 1);
  assert.equal(stored.draft.category, "wood");
  await page.reload();
  await until(() => page.locator("#finder #kt-draft-text").inputValue(), (v) => v === "Puujätettä haketukseen", "draft restored");
  await until(() => page.locator("#finder .kt-draft-matches .kt-match").count(), (n) => n > 0, "draft matches after reload");
  // Corrupt storage: a notice, no crash.
  await page.evaluate((k) => localStorage.setItem(k, "{not json"), key);
  await page.reload();
  await until(() => page.locator("#finder .kt-draft .kt-notice").count(), (n) => n === 1, "corrupt notice");
  await until(() => titles(page, "#finder"), (t) => t.length > 0, "finder still works");
  await page.locator("#finder .kt-draft-form .kt-button").click();
  await until(() => page.locator("#finder .kt-draft .kt-notice").count(), (n) => n === 0, "notice cleared");
  await page.locator("#finder #kt-draft-cat").selectOption("wood");
  await until(() => page.evaluate((k) => localStorage.getItem(k), key), (v) => v && v.startsWith("{\"v\":1"), "saved again");
  await page.locator("#finder .kt-draft-form .kt-button").click();
  await until(() => page.evaluate((k) => localStorage.getItem(k), key), (v) => v === null, "cleared");
  assert.deepEqual(page.problems, []);
});

test("a keyboard-only walkthrough: Tab to search, open a listing with Enter, close with Escape, show more", async () => {
  const page = await open(context, "index.html");
  await until(() => titles(page, "#finder"), (t) => t.length === 20, "listings");
  const tabTo = async (check, what, key = "Tab") => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press(key);
      const a = await active(page);
      if (a && check(a)) return a;
    }
    assert.fail(`Tab never reached ${what}`);
  };
  await tabTo((a) => a.id === "kt-finder-q", "the search box");
  await page.keyboard.type("lava");
  await until(() => status(page, "#finder"), (s) => /^\d+ ilmoitus/.test(s) && !s.startsWith("33"), "typed search");
  await tabTo((a) => /kt-open/.test(a.cls), "the first result's button");
  await page.keyboard.press("Enter");
  await until(() => active(page), (a) => a && /kt-detail-title/.test(a.cls), "focus on the listing heading");
  await page.keyboard.press("Escape");
  await until(() => active(page), (a) => a && /kt-open/.test(a.cls), "focus back in the list");
  // Back to all listings with the keyboard, then show more.
  await tabTo((x) => x.id === "kt-finder-q", "the search box", "Shift+Tab");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await until(() => titles(page, "#finder"), (t) => t.length === 20, "all listings again");
  await tabTo((x) => /kt-more/.test(x.cls), "show more");
  await page.keyboard.press("Enter");
  await until(() => active(page), (x) => x && /kt-open/.test(x.cls), "focus on the first new result");
  assert.ok((await titles(page, "#finder")).length > 20);
  assert.deepEqual(page.problems, []);
});

test("HTML and script in a listing are shown as text; invalid rows are reported in a notice and kt:error", async () => {
  const page = await open(context, "finder-states.html");
  const t = await until(() => titles(page, "#rows"), (x) => x.length === 2, "two valid listings");
  assert.ok(t.includes("<img src=x onerror=alert(1)><b>Bold</b> pallets"));
  assert.equal(await page.locator("#rows .kt-result img, #rows .kt-result b, #rows .kt-result script").count(), 0);
  assert.match(await page.locator("#rows .kt-desc").first().textContent(), /<script>window\.pwned = true<\/script>/);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  const summary = await page.locator("#rows details.kt-skipped summary").textContent();
  assert.match(summary, /\(2\)$/);
  assert.equal(await page.locator("#rows details.kt-skipped").getAttribute("open"), null, "collapsed");
  await page.locator("#rows details.kt-skipped summary").click();
  assert.ok((await page.locator("#rows details.kt-skipped li").count()) >= 2);
  // A misspelt key: the row is kept, and a separate note names the key it was meant to be.
  assert.match(await page.locator("#rows details.kt-data-notes summary").textContent(), /\(1\)$/);
  await page.locator("#rows details.kt-data-notes summary").click();
  assert.match(await page.locator("#rows details.kt-data-notes li").textContent(), /max_distance.*max_distance_km/);
  // kt:error with the rows, through the JS API.
  const detail = await page.evaluate(async () => {
    const el = document.createElement("div");
    document.querySelector("main").append(el);
    const error = new Promise((resolve) => el.addEventListener("kt:error", (e) => resolve(e.detail)));
    await window.Kiertokit.mount(el, { widget: "material-finder", lang: "en", data: [
      { id: "A", kind: "seek", title: "Glass", category: "glass", quantity: { amount: 3, unit: "t" }, municipality: "Forssa" },
      { id: "B", kind: "nope" },
    ] });
    return error;
  });
  assert.equal(detail.kind, "invalid-rows");
  assert.equal(detail.skipped, 1);
  // The page's other instance fetches a missing file on purpose; the browser logs that 404.
  assert.deepEqual(page.problems.filter((p) => !/404/.test(p)), []);
});

test("a data file that cannot be fetched shows a readable error with a retry button", async () => {
  const page = await open(context, "finder-states.html");
  const alert = page.locator("#missing [role=alert]");
  await until(() => alert.count(), (n) => n === 1, "error alert");
  assert.match(await alert.textContent(), /The listings could not be loaded \(HTTP 404\)/);
  await until(() => status(page, "#missing"), (s) => s === "The listings could not be loaded", "status");
  // The loader's early fetch is taken over by the widget (one request); the retry fetches again.
  const fetches = () => page.evaluate(() => performance.getEntriesByType("resource")
    .filter((e) => e.name.endsWith("/no-such-listings.json")).length);
  assert.equal(await fetches(), 1);
  await page.locator("#missing [role=alert] button").click();
  await until(fetches, (n) => n === 2, "the retry fetches the file again");
  await until(() => alert.count(), (n) => n === 1, "still an error after retry");
  // The 404 itself is logged by the browser; nothing else may be.
  assert.deepEqual(page.problems.filter((p) => !/404/.test(p)), []);
  await assertAccessible(page, "finder-states.html (error and invalid-row states)");
});

test("with data-kt-experts-src an opened listing shows the experts that fit it, in fi and sv; a bad list is said", async () => {
  const page = await open(context, "finder-and-assessment.html");
  await until(() => titles(page, "#finder"), (t) => t.length > 0, "listings");
  await page.locator("#finder input[type=search]").fill("Puujäte, lajiteltu");
  await until(() => titles(page, "#finder"), (t) => t[0] === "Puujäte, lajiteltu", "the Tampere wood listing");
  await page.locator("#finder .kt-open").first().click();
  const experts = page.locator("#finder .kt-detail-experts");
  await until(() => experts.locator(".kt-expert").count(), (n) => n > 0 && n <= 3, "fitting experts (at most three)");
  assert.equal(await experts.locator("h4").textContent(), "Asiantuntijat, jotka voivat auttaa");
  const first = experts.locator(".kt-expert").first();
  assert.equal(await first.locator(".kt-expert-name").textContent(), "Aino Virta (kuvitteellinen)");
  assert.equal(await first.locator(".kt-expert-score").textContent(), "Sopivuus: 100\u00a0%");
  assert.deepEqual(await first.locator(".kt-expert-factors li").allTextContents(),
    ["Tuntee materiaalin (täyttyy)", "Palvelee aluetta (täyttyy)", "Puhuu kieltä (täyttyy)"]);
  assert.match(await first.locator(".kt-expert-contact a").getAttribute("href"), /^(https:|mailto:)/);
  await assertAccessible(page, "finder-and-assessment.html with experts for a listing");

  // Swedish, through the JS API; then an expert list that cannot be fetched.
  const mount = (lang, expertsSrc) => page.evaluate(async ([lang, expertsSrc]) => {
    const el = document.createElement("div");
    el.id = `experts-${lang}-${expertsSrc.length}`;
    document.querySelector("main").append(el);
    window.expertErrors = [];
    el.addEventListener("kt:error", (e) => window.expertErrors.push(e.detail));
    await window.Kiertokit.mount(el, { widget: "material-finder", lang, expertsSrc, data: [
      { id: "P1", kind: "offer", title: "Plastförpackningar", category: "plastics", quantity: { amount: 4, unit: "t" }, municipality: "Vasa", lang: "sv" },
    ] });
    return el.id;
  }, [lang, expertsSrc]);
  const sv = `#${await mount("sv", "experts.json")}`;
  await until(() => titles(page, sv), (t) => t.length === 1, "the Swedish listing");
  await page.locator(`${sv} .kt-open`).click();
  const svExperts = page.locator(`${sv} .kt-detail-experts`);
  await until(() => svExperts.locator(".kt-expert-name").first().textContent().catch(() => ""), (t) => t === "Erik Lindqvist (påhittad)", "the Swedish-speaking plastics expert first");
  assert.equal(await svExperts.locator("h4").textContent(), "Experter som kan hjälpa till");
  assert.equal(await svExperts.locator(".kt-expert-score").first().textContent(), "Matchning: 100\u00a0%");
  const bad = `#${await mount("sv", "no-such-experts.json")}`;
  await until(() => page.evaluate(() => window.expertErrors), (e) => e.some((d) => d.kind === "load" && d.source === "experts"), "kt:error for the expert list");
  await page.locator(`${bad} .kt-open`).click();
  await until(() => page.locator(`${bad} .kt-detail-experts p`).textContent().catch(() => ""), (t) => t === "Expertförteckningen kunde inte läsas.", "the readable note");
  assert.equal(await page.locator(`${bad} .kt-detail .kt-detail-title`).textContent(), "Plastförpackningar", "the listing itself still opens");
  await assertAccessible(page, "finder with Swedish experts and a missing expert list");
  assert.deepEqual(page.problems.filter((p) => !/404/.test(p)), []);
});

test("a match counted in pieces says in Finnish why its impact is unknown", async () => {
  const page = await open(context, "three-instances.html");
  // Doors offered and sought in pieces: no typical mass per door, so the impact is unknown.
  await page.evaluate(() => {
    const el = document.createElement("div");
    el.id = "pieces";
    document.querySelector("main").append(el);
    const place = { municipality: "Tampere", category: "wood", lang: "fi" };
    return window.Kiertokit.mount(el, { widget: "material-finder", lang: "fi", data: { version: 1, listings: [
      { ...place, id: "P-1", kind: "offer", title: "Käytettyjä ovia", quantity: { amount: 250, unit: "pcs" } },
      { ...place, id: "P-2", kind: "seek", title: "Ovia tarvitaan", quantity: { amount: 400, unit: "pcs" } },
    ] } });
  });
  await until(() => titles(page, "#pieces"), (t) => t.length === 2, "both listings");
  await page.locator("#pieces .kt-open").first().click();
  const unavailable = page.locator("#pieces .kt-detail .kt-impact p").first();
  await until(() => unavailable.count(), (n) => n === 1, "the match's impact");
  assert.match(await unavailable.textContent(), /ei tiedossa \(määriä ei ole ilmoitettu kiloina, tonneina tai kuutiometreinä\)/);
  assert.doesNotMatch(await page.locator("#pieces .kt-detail").textContent(), /quantity is not a mass/);
  await assertAccessible(page, "a finder whose match impact cannot be estimated");
});

test("three instances with different languages and data work independently", async () => {
  const page = await open(context, "three-instances.html");
  const fi = await until(() => titles(page, "#finder-fi"), (t) => t.length === 20, "fi sample");
  const sv = await until(() => titles(page, "#finder-sv"), (t) => t.length === 4, "sv inline");
  const en = await until(() => titles(page, "#finder-en"), (t) => t.length === 4, "en csv");
  assert.equal(await page.locator("#finder-fi label[for=kt-finder-q]").textContent(), "Hae materiaalia, sivuvirtaa tai paikkakuntaa");
  assert.equal(await page.locator("#finder-sv label[for=kt-finder-q]").textContent(), "Sök material, sidoström eller ort");
  assert.equal(await page.locator("#finder-en label[for=kt-finder-q]").textContent(), "Search for a material, side stream or place");
  assert.ok(en.includes("Crushed glass"));
  assert.match(await page.locator("#finder-en .kt-result", { hasText: "Crushed glass" }).locator(".kt-meta").textContent(), /12\.5\s+t/);
  assert.match(await page.locator("#finder-sv .kt-result", { hasText: "Träpallar" }).locator(".kt-meta").textContent(), /Jakobstad/);
  // Coordinator mode only where the partner set it.
  assert.equal(await page.locator("#finder-fi #kt-finder-closed").count(), 1);
  assert.equal(await page.locator("#finder-sv #kt-finder-closed").count(), 0);
  await page.locator("#finder-sv input[type=search]").fill("glaskross");
  await until(() => titles(page, "#finder-sv"), (t) => t.length === 2, "sv filtered");
  await until(() => status(page, "#finder-sv"), (s) => s === "2 annonser", "sv count");
  await page.locator("#finder-en .kt-open").first().click();
  await until(() => page.locator("#finder-en .kt-detail").count(), (n) => n === 1, "en detail");
  assert.deepEqual(await titles(page, "#finder-fi"), fi, "fi untouched");
  assert.equal(await page.locator("#finder-fi .kt-detail").count(), 0);
  assert.equal(await page.locator("#finder-fi input[type=search]").inputValue(), "");
  assert.ok(sv.includes("Träpallar, begagnade"));
  // Escape closes the listing once focus has moved into it, as after a reader's click.
  await until(() => active(page), (f) => /kt-detail-title/.test(f?.cls), "focus in the en listing");
  await page.keyboard.press("Escape");
  await until(() => page.locator("#finder-en .kt-detail").count(), (n) => n === 0, "en closed");
  await screenshot(page, "finder-three-instances");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "three-instances.html (results)");
});

test("empty results have zero axe violations and announce no results", async () => {
  const page = await open(context, "three-instances.html");
  await until(() => titles(page, "#finder-sv"), (t) => t.length === 4, "sv");
  await page.locator("#finder-sv input[type=search]").fill("zzzqqq");
  await until(() => status(page, "#finder-sv"), (s) => s === "Inga sökträffar", "no results announced");
  assert.equal((await titles(page, "#finder-sv")).length, 0);
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "three-instances.html (empty results)");
});

test("the strict-CSP page still works with the complete finder", async () => {
  const page = await open(context, "csp.html");
  await until(() => titles(page, "#finder"), (t) => t.length === 20, "listings");
  await page.locator("#finder input[type=search]").fill("Lahti");
  await until(() => titles(page, "#finder"), (t) => t.length > 0 && t.length < 20, "search");
  await page.locator("#finder .kt-open").first().click();
  await until(() => page.locator("#finder .kt-detail").count(), (n) => n === 1, "detail");
  await page.locator("#finder #kt-draft-cat").selectOption("wood");
  await new Promise((r) => setTimeout(r, 400));
  assert.deepEqual(page.problems, [], "no CSP violations or errors");
});

test("screenshots of the finder in Finnish and Swedish, at 320 px without horizontal scrolling", async () => {
  mkdirSync(DOCS_SHOTS, { recursive: true });
  const page = await open(context, "index.html");
  await until(() => titles(page, "#finder"), (t) => t.length === 20, "fi");
  await page.locator("#finder").screenshot({ path: join(SHOTS, "finder-fi.png") });
  copyFileSync(join(SHOTS, "finder-fi.png"), join(DOCS_SHOTS, "finder-fi.png"));
  const sv = await open(context, "three-instances.html");
  await until(() => titles(sv, "#finder-sv"), (t) => t.length === 4, "sv");
  await openListingWithMatches(sv, "#finder-sv");
  await sv.locator("#finder-sv").screenshot({ path: join(SHOTS, "finder-sv.png") });
  copyFileSync(join(SHOTS, "finder-sv.png"), join(DOCS_SHOTS, "finder-sv.png"));
  await page.setViewportSize({ width: 320, height: 800 });
  await new Promise((r) => setTimeout(r, 200));
  const overflow = await page.evaluate(() => {
    const host = document.getElementById("finder");
    const root = host.shadowRoot.querySelector(".kt-root");
    return Math.max(host.scrollWidth - host.clientWidth, root.scrollWidth - root.clientWidth, host.getBoundingClientRect().right - 320);
  });
  assert.ok(overflow <= 0, `the finder overflows at 320 px by ${overflow}px`);
  await screenshot(page, "finder-320");
});

test("theming: --kt-* properties from the page, dark scheme without axe violations, forced colours", async () => {
  const page = await open(context, "index.html");
  await until(() => titles(page, "#finder"), (t) => t.length === 20, "listings");
  await page.evaluate(() => document.getElementById("finder").style.setProperty("--kt-accent", "rgb(120, 20, 60)"));
  const bar = await page.locator("#finder .kt-bar-fill").first().evaluate((el) => getComputedStyle(el).fill);
  assert.equal(bar, "rgb(120, 20, 60)");
  await page.evaluate(() => document.getElementById("finder").style.removeProperty("--kt-accent"));
  await page.emulateMedia({ colorScheme: "dark" });
  const bg = await page.locator("#finder .kt-root").evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(bg, "rgb(22, 26, 24)");
  await page.locator("#finder .kt-open").first().click();
  await until(() => page.locator("#finder .kt-detail").count(), (n) => n === 1, "detail in dark");
  await screenshot(page, "finder-dark");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "index.html in the dark scheme with a listing open");
  await page.emulateMedia({ colorScheme: "light", forcedColors: "active" });
  const land = await page.locator("#finder .kt-map-land").count();
  assert.equal(land, 0, "the map is hidden while a listing is open");
  await page.keyboard.press("Escape");
  await until(() => page.locator("#finder .kt-map-land").count(), (n) => n === 1, "map back");
  await screenshot(page, "finder-forced-colors");
});

test("Materiaalitori's listing JSON on data-kt-src is read as listings, services left out", async () => {
  const page = await open(context, "finder-states.html");
  const t = await until(() => titles(page, "#mt"), (x) => x.length >= 8, "Materiaalitori listings");
  assert.ok(t.includes("Purkupuuta rakennustyömaalta"), t.join(" | "));
  assert.ok(!t.includes("Jätteiden kuljetus ja käsittely Satakunnassa"), "a service is not a material");
  await page.locator("#mt input[type=search]").pressSequentially("betonimurske");
  await until(() => titles(page, "#mt"), (x) => x.length >= 1 && x.includes("Ostetaan betonimursketta kenttärakenteisiin"), "search");
  // The page's other section fetches a missing file on purpose; nothing else may complain.
  assert.deepEqual(page.problems.filter((p) => !/404/.test(p)), []);
});

test("bad rows in Swedish: every notice is Swedish, from the core's codes, with no English message", async () => {
  const page = await open(context, "finder-states.html");
  await until(() => titles(page, "#rows"), (x) => x.length === 2, "page ready");
  const notices = await page.evaluate(async () => {
    const el = document.createElement("div");
    el.id = "sv-bad";
    document.querySelector("main").append(el);
    const ready = new Promise((resolve) => el.addEventListener("kt:ready", resolve));
    await window.Kiertokit.mount(el, { widget: "material-finder", lang: "sv", data: [
      { id: "A", kind: "seek", title: "Glas", category: "glass", quantity: { amount: 3, unit: "t" }, municipality: "Forssa" },
      { id: "B", kind: "nope" },
      { id: "C", kind: "offer", title: "Trä", category: "wood", quantity: { amount: 1, unit: "t" }, municipality: "Forssa", max_distance: 5 },
    ] });
    await ready;
    const root = el.shadowRoot || el;
    for (const s of root.querySelectorAll("details.kt-notice summary")) s.click();
    return [...root.querySelectorAll("details.kt-notice li")].map((li) => ({
      text: li.textContent, english: li.querySelectorAll("[lang=en]").length,
    }));
  });
  assert.equal(notices.length, 2, JSON.stringify(notices));
  const texts = notices.map((n) => n.text);
  assert.ok(texts.includes("Rad 2: raden kunde inte läsas och hoppades över"), texts.join(" | "));
  assert.ok(texts.some((t) => /^Rad 3, fältet ”max_distance”: det okända fältet hoppades över – avsågs ”max_distance_km”\?$/.test(t)), texts.join(" | "));
  for (const n of notices) {
    assert.equal(n.english, 0, `no English part: ${n.text}`);
    assert.doesNotMatch(n.text, /invalid|unknown|field|listing|was ignored/i, n.text);
  }
  assert.deepEqual(page.problems.filter((p) => !/404/.test(p)), []);
});
