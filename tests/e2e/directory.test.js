// The directory widget as partners embed it (demo/directory.html in Finnish, directory-sv.html in
// Swedish): search and facets, an expert for a need, a call's countdown, .ics and pre-check, axe.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { BASE, launch, until, assertAccessible, screenshot } from "./helpers.js";

let context;
before(async () => { context = await launch({ acceptDownloads: true }); });
after(async () => { await context.close(); });

// 7.12.2026 12:00 Helsinki time: the fictitious repair call closes on 18.12.2026 at 16:15.
const NOW = "2026-12-07T12:00:00+02:00";

async function openAt(path) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.problems = problems;
  await page.clock.setFixedTime(new Date(NOW));
  await page.goto(new URL(path, BASE).href);
  return page;
}

const titles = (page, scope) => page.locator(`${scope} .kt-result-title`).allTextContents();
const status = (page, scope) => page.locator(`${scope} .kt-status`).textContent();

async function downloadText(page, trigger) {
  const [download] = await Promise.all([page.waitForEvent("download"), trigger()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
}

test("Finnish: experts by search, facets and a need; companies by business model", async () => {
  const page = await openAt("directory.html");
  const ex = "#experts";
  await until(() => titles(page, ex), (t) => t.length === 6, "six experts");
  await until(() => status(page, ex), (t) => t === "6 tulosta", "the announced count");

  // Finnish inflection finds the Swedish-speaking plastics expert.
  await page.locator(`${ex} #kt-dir-q`).fill("muoveja");
  await until(() => titles(page, ex), (t) => t[0] === "Erik Lindqvist (påhittad)", "plastics expert first");
  await page.locator(`${ex} #kt-dir-q`).fill("");

  // Facet counts: Swedish speakers are two; choosing them narrows the list.
  const langOption = page.locator(`${ex} #kt-dir-f-language option[value=sv]`);
  assert.equal(await langOption.textContent(), "ruotsi (2)");
  await page.locator(`${ex} #kt-dir-f-language`).selectOption("sv");
  await until(() => titles(page, ex), (t) => t.length === 2, "two Swedish-speaking experts");
  await until(() => status(page, ex), (t) => t === "2 tulosta", "count after the facet");
  await page.locator(`${ex} .kt-dir-filters button`).click();
  await until(() => titles(page, ex), (t) => t.length === 6, "filters cleared");

  // Find an expert for a need: plastics in Seinäjoki, in Swedish.
  await page.locator(`${ex} .kt-dir-need summary`).click();
  await page.locator(`${ex} #kt-dir-need-mat`).selectOption("plastics");
  await page.locator(`${ex} #kt-dir-need-place`).fill("Seinäjoki");
  await page.locator(`${ex} #kt-dir-need-place`).press("Tab");
  await page.locator(`${ex} #kt-dir-need-lang`).selectOption("sv");
  const first = page.locator(`${ex} .kt-expert`).first();
  await until(() => first.locator(".kt-expert-name").textContent(), (t) => t === "Erik Lindqvist (påhittad)", "best match");
  assert.equal(await first.locator(".kt-expert-score").textContent(), "Sopivuus: 86\u00a0%");
  const factors = await first.locator(".kt-expert-factors li").allTextContents();
  assert.deepEqual(factors, ["Tuntee materiaalin (täyttyy)", "Toimii lähellä (täyttyy)", "Puhuu kieltä (täyttyy)"]);

  // Opening an entry by keyboard shows its facts; Escape returns focus to its button.
  await page.locator(`${ex} .kt-dir-result`).first().locator(".kt-open").focus();
  await page.keyboard.press("Enter");
  await until(() => page.locator(`${ex} .kt-detail-title`).textContent(), (t) => t.length > 0, "the entry view");
  const focused = () => page.evaluate(() => document.getElementById("experts").shadowRoot.activeElement?.className);
  await until(focused, (c) => c === "kt-detail-title", "focus on the entry's title");
  await page.keyboard.press("Escape");
  await until(() => titles(page, ex), (t) => t.length === 6, "back to the list");
  await until(focused, (c) => String(c).includes("kt-open"), "focus back on the entry's button");

  const co = "#companies";
  await until(() => titles(page, co), (t) => t.length === 8, "eight companies");
  // Eight companies in seven municipalities: one map point each (Tampere has two).
  const points = () => page.locator(`${co} circle.kt-dir-point`).count();
  await until(points, (n) => n === 7, "seven map points");
  assert.equal(await page.locator(`${co} #kt-dir-f-model option[value=product-as-a-service]`).textContent(), "Tuote palveluna (2)");
  await page.locator(`${co} #kt-dir-f-model`).selectOption("product-as-a-service");
  await until(() => titles(page, co), (t) => t.length === 2, "product-as-a-service companies");
  await until(points, (n) => n === 2, "their two municipalities on the map");
  // A point is a pointer shortcut to the municipality filter.
  await page.locator(`${co} #kt-dir-f-model`).selectOption("");
  // Neighbouring points overlap on the small map; the event is what is under test here.
  await page.locator(`${co} circle.kt-dir-point`, { has: page.locator("title", { hasText: "Tampere: 2" }) }).dispatchEvent("click");
  await until(() => titles(page, co), (t) => t.length === 2 && t.every((x) => /Purkupuu|Työkalulainaamo/.test(x)), "Tampere's companies");
  assert.equal(await page.locator(`${co} #kt-dir-f-municipality`).inputValue(), "Tampere");
  // axe itself applies inline styles, which the page's CSP reports: check the page first.
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "directory.html");
  await screenshot(page, "directory-fi");
  await page.close();
});

test("Finnish: a call closing soon counts down, downloads its deadline and pre-checks the applicant", async () => {
  const page = await openAt("directory.html");
  const fu = "#funding";
  await until(() => titles(page, fu), (t) => t.length === 6, "six calls");
  assert.equal(await page.locator(`${fu} #kt-dir-f-state option[value=open]`).textContent(), "Avoinna (2)");
  assert.equal(await page.locator(`${fu} #kt-dir-f-state option[value=closed]`).textContent(), "Päättynyt (4)");
  await page.locator(`${fu} #kt-dir-f-state`).selectOption("closing-soon");
  await until(() => titles(page, fu), (t) => t.length === 1, "one call closing soon");
  const card = page.locator(`${fu} .kt-dir-result`).first();
  assert.match(await card.locator(".kt-dir-when").textContent(), /Aikaa jäljellä: 11 päivää ja 4 tuntia$/);
  await card.locator(".kt-open").click();
  await until(() => page.locator(`${fu} .kt-detail-title`).textContent(),
    (t) => t === "Korjaus- ja vuokrauspalvelujen kehittäminen (kuvitteellinen esimerkki)", "the call");

  const ics = await downloadText(page, () => page.locator(`${fu} .kt-dir-detail button`, { hasText: "Lisää kalenteriin" }).click());
  assert.equal(ics.name, "esimerkki-korjaamo-2026.ics");
  assert.match(ics.text, /\r\nDTSTART:20261218T141500Z\r\n/);
  assert.match(ics.text, /\r\nSUMMARY:Haku päättyy: Korjaus- ja vuokrauspalvelujen kehittäminen/);

  const verdict = () => page.locator(`${fu} .kt-dir-verdict`).innerText();
  await until(verdict, (t) => t.includes("Vastaamatta"), "unanswered questions");
  await page.locator(`${fu} input[name=kt-dir-pre-org][value=association]`).check();
  await page.locator(`${fu} .kt-dir-precheck input[type=checkbox][value=circular-economy]`).check();
  await until(verdict, (t) => t === "Hakuehdot täyttyvät näiden tietojen perusteella.", "eligible");
  await page.locator(`${fu} input[name=kt-dir-pre-org][value=other]`).check();
  await until(verdict, (t) => t.includes("Hakijan organisaatiotyyppi ei voi hakea tätä rahoitusta."), "the org-type reason");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "directory.html (a call)");
  await screenshot(page, "directory-funding-fi");
  await page.close();
});

test("Swedish: calls and experts in Swedish, with the region rule's reason", async () => {
  const page = await openAt("directory-sv.html");
  const fu = "#funding";
  await until(() => titles(page, fu), (t) => t.length === 6, "six calls");
  assert.equal(await page.locator(`${fu} .kt-heading`).textContent(), "Utlysningar inom cirkulär ekonomi");
  await page.locator(`${fu} #kt-dir-q`).fill("sidoströmmar");
  await until(() => titles(page, fu), (t) => t[0] === "Försök med sidoströmmar för små och medelstora företag (påhittat exempel)", "the side-stream call");
  await page.locator(`${fu} .kt-dir-result`).first().locator(".kt-open").click();
  await until(() => page.locator(`${fu} .kt-dir-detail`).innerText(), (t) => t.includes("Tid kvar:"), "the countdown");
  await page.locator(`${fu} input[name=kt-dir-pre-org][value=company]`).check();
  await page.locator(`${fu} #kt-dir-pre-place`).fill("Vasa");
  await page.locator(`${fu} #kt-dir-pre-place`).press("Tab");
  await page.locator(`${fu} .kt-dir-precheck input[type=checkbox][value=side-streams]`).check();
  const verdict = () => page.locator(`${fu} .kt-dir-verdict`).innerText();
  await until(verdict, (t) => t.includes("Sökanden är inte verksam i ett område där den här finansieringen kan sökas."), "region reason");
  await page.locator(`${fu} #kt-dir-pre-place`).fill("Tavastehus");
  await page.locator(`${fu} #kt-dir-pre-place`).press("Tab");
  await until(verdict, (t) => t === "Villkoren för att söka uppfylls enligt de här uppgifterna.", "eligible in Tavastehus");

  const ex = "#experts";
  await until(() => titles(page, ex), (t) => t.length === 6, "six experts");
  await page.locator(`${ex} #kt-dir-q`).fill("plast");
  await until(() => titles(page, ex), (t) => t[0] === "Erik Lindqvist (påhittad)", "plastics expert first");
  assert.equal(await page.locator(`${ex} label[for=kt-dir-f-language]`).textContent(), "Språk");
  assert.deepEqual(page.problems, []);
  await assertAccessible(page, "directory-sv.html");
  await screenshot(page, "directory-sv");
  await page.close();
});

test("bad rows are skipped and listed, good ones shown; a failed fetch offers a retry", async () => {
  const page = await openAt("directory.html");
  await until(() => titles(page, "#experts"), (t) => t.length === 6, "the page");
  const result = await page.evaluate(async () => {
    const el = document.createElement("div");
    document.querySelector("main").append(el);
    const errors = [];
    el.addEventListener("kt:error", (e) => errors.push(e.detail));
    const csv = "id;name;skills\na;Aino;LCA\nb;;design\nc;Cia;juggling\n";
    await window.Kiertokit.mount(el, { widget: "directory", kind: "experts", data: csv, lang: "fi" });
    await new Promise((r) => setTimeout(r, 300));
    const root = el.shadowRoot;
    return {
      titles: [...root.querySelectorAll(".kt-result-title")].map((n) => n.textContent),
      notice: root.querySelector(".kt-dir-notes summary")?.textContent,
      errors,
    };
  });
  assert.deepEqual(result.titles, ["Aino"]);
  assert.equal(result.notice, "Osa riveistä ohitettiin virheellisinä (2)");
  assert.equal(result.errors[0].kind, "invalid-rows");
  assert.equal(result.errors[0].skipped, 2);

  const failed = await page.evaluate(async () => {
    const el = document.createElement("div");
    el.setAttribute("data-kt-src", "no-such-file.json");
    document.querySelector("main").append(el);
    await window.Kiertokit.mount(el, { widget: "directory", kind: "funding", lang: "sv" });
    await new Promise((r) => setTimeout(r, 500));
    return el.shadowRoot.querySelector("[role=alert]")?.innerText;
  });
  assert.match(failed, /Uppgifterna kunde inte laddas/);
  assert.match(failed, /Försök igen/);
  await page.close();
});

test("Swedish: a call without a Swedish title shows the English one tagged lang=en, and its bad row in Swedish", async () => {
  const page = await openAt("directory.html");
  await until(() => titles(page, "#experts"), (t) => t.length === 6, "the page");
  const result = await page.evaluate(async () => {
    const el = document.createElement("div");
    document.querySelector("main").append(el);
    const data = JSON.stringify({ version: 1, kind: "funding", entries: [
      { id: "a", funder: "Rahoittaja", title: { fi: "Kiertotalousavustus", en: "Circular economy grant" },
        programme: { fi: "Ohjelma" }, deadline: "2027-01-31T16:15" },
      { id: "b", funder: "Rahoittaja", title: { fi: "Toinen haku", sv: "Andra utlysningen", en: "Second call" }, deadline: "2027-02-28T16:15" },
      { id: "c", funder: "Rahoittaja", title: { fi: "Kolmas" }, deadline: "31.2.2027" },
    ] });
    await window.Kiertokit.mount(el, { widget: "directory", kind: "funding", data, lang: "sv" });
    await new Promise((r) => setTimeout(r, 300));
    const root = el.shadowRoot;
    for (const s of root.querySelectorAll("details summary")) s.click();
    return {
      titles: [...root.querySelectorAll(".kt-result-title")].map((n) => [n.textContent, n.getAttribute("lang")]),
      notes: [...root.querySelectorAll("details li")].map((n) => n.textContent),
    };
  });
  const byText = Object.fromEntries(result.titles);
  assert.equal(byText["Circular economy grant"], "en", JSON.stringify(result.titles));
  assert.equal(byText["Andra utlysningen"], null, "a Swedish title needs no tag");
  assert.ok(result.notes.some((n) => /^Rad 3, fältet ”sista ansökningsdag”, värdet ”31\.2\.2027”: är inte ett datum/.test(n)), result.notes.join(" | "));
  assert.ok(result.notes.every((n) => !/invalid|not a date|deadline/i.test(n)), result.notes.join(" | "));
  await page.close();
});
