// The self-assessment widget (issue 5) embedded as a partner embeds it: keyboard-only completion in
// Finnish and Swedish, resume after reload, recovery from damaged storage, share links opened in
// a fresh browser, error summary, exports and comparison, print to PDF, axe on every state.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, open, until, assertAccessible, screenshot } from "./helpers.js";

const W = "#assessment";
const KEY = "kiertokit:assessment:v1:kierto-kartoitus";
const LEVELS = {
  fi: ["Alkuvaihe", "Kehittyvä", "Vakiintuva", "Edistynyt", "Edelläkävijä"],
  sv: ["Startskede", "Under utveckling", "Etablerad", "Avancerad", "Föregångare"],
};

/** A fresh browser profile (its own localStorage) that records the widget's kt:* events. */
async function fresh() {
  const context = await launch();
  await context.addInitScript(() => {
    window.__kt = [];
    for (const name of ["kt:ready", "kt:step", "kt:complete", "kt:error"]) {
      document.addEventListener(name, (e) => window.__kt.push({ name, detail: e.detail }));
    }
  });
  return context;
}

const events = (page, name) => page.evaluate((n) => window.__kt.filter((e) => e.name === n).map((e) => e.detail), name);
const heading = (page) => page.locator(`${W} .kt-sa-step-heading`).textContent();
const ready = (page) => until(() => page.locator(`${W} .kt-sa-step-heading`).count(), (n) => n === 1, "the widget");

/** What has focus, looking through shadow roots, and the state of its radio/checkbox group. */
function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return null;
    const group = el.name ? [...el.getRootNode().querySelectorAll(`input[name="${el.name}"]`)] : [];
    return {
      tag: el.tagName.toLowerCase(), type: el.type || "", name: el.name || "", id: el.id || "",
      cls: String(el.className || ""), value: el.value || "",
      answered: group.some((i) => i.checked), first: group[0] === el,
    };
  });
}

/**
 * Answers every step with the keyboard only (Tab, Space, arrow keys, typing, Enter) until the
 * results appear. The first answers to the profile (q0 manufacturing, q2 own products) and to
 * "symbiosis" (q22 yes) reveal the sector's and product's questions and the follow-ups.
 * Returns the ids of the radio/checkbox groups answered and whether each step change focused the heading.
 */
async function completeByKeyboard(page) {
  const groups = new Set();
  const headingFocus = [];
  let turn = 0;
  for (let presses = 0; presses < 2000; presses++) {
    if (await page.locator(`${W} .kt-sa-results`).count()) return { groups, headingFocus };
    const a = await focused(page);
    if (a && a.type === "radio" && !a.answered) {
      const always = ["kt-sa-q0", "kt-sa-q2", "kt-sa-q22"].includes(a.name);
      await page.keyboard.press(always || turn++ % 3 !== 0 ? "Space" : "ArrowDown");
      groups.add(a.name);
      continue;
    }
    if (a && a.type === "checkbox" && a.first && !a.answered && !groups.has(a.name)) {
      await page.keyboard.press("Space");
      groups.add(a.name);
      continue;
    }
    if (a && a.type === "text" && a.cls.includes("kt-sa-number") && !a.value) {
      await page.keyboard.type(turn++ % 2 ? "35" : "12,5");
      groups.add(a.id);
      continue;
    }
    if (a && a.tag === "button" && a.cls.includes("kt-sa-next")) {
      const before = await heading(page);
      await page.keyboard.press("Enter");
      await until(() => heading(page), (h) => h !== before, "the next step");
      const now = await until(() => focused(page), (f) => f && f.tag === "h3", "focus on the new heading").catch(() => null);
      headingFocus.push(Boolean(now));
      continue;
    }
    await page.keyboard.press("Tab");
  }
  assert.fail("the keyboard run did not reach the results");
}

/** Clicks the second answer of every unanswered question on the current step (not keyboard),
 * again for the follow-up questions an answer reveals. */
async function answerStep(page) {
  const fieldsets = page.locator(`${W} fieldset.kt-sa-question`);
  for (let pass = 0; pass < 3; pass++) {
    const count = await fieldsets.count();
    for (let i = 0; i < count; i++) {
      const f = fieldsets.nth(i);
      if (await f.locator("input.kt-sa-number").count()) {
        if (!(await f.locator("input.kt-sa-number").inputValue())) await f.locator("input.kt-sa-number").fill("40");
      } else if (await f.locator("input[type=radio]").count()) {
        if (!(await f.locator("input[type=radio]:checked").count())) await f.locator("input[type=radio]").nth(1).check();
      }
    }
    // Follow-ups render after the answer that reveals them.
    await new Promise((r) => setTimeout(r, 100));
    if ((await fieldsets.count()) === count) break;
  }
}

/** Answers each step with answerStep until the results (`done`) show. */
async function toResults(page, done = "Tulokset") {
  for (let step = 0; step < 12 && (await heading(page)) !== done; step++) {
    await answerStep(page);
    const before = await heading(page);
    await page.locator(`${W} .kt-sa-next`).click();
    await until(() => heading(page), (h) => h !== before, "next step");
  }
  assert.equal(await heading(page), done);
}

async function overallText(page) {
  return page.locator(`${W} .kt-sa-overall`).innerText();
}
async function tableRows(page) {
  return page.locator(`${W} .kt-sa-theme-table tbody tr`).allInnerTexts();
}

test("a keyboard-only respondent completes the default questionnaire in Finnish", async () => {
  const context = await fresh();
  try {
    const page = await open(context, "self-assessment.html");
    await ready(page);
    assert.equal(await heading(page), "Yrityksenne");
    assert.equal(await page.locator(`${W} .kt-sa-steps li[aria-current=step]`).count(), 1);
    assert.match(await page.locator(`${W} .kt-sa-progress-text`).textContent(), /^Vaihe 1 \(yhteensä 10\)$/);
    const [readyDetail] = await events(page, "kt:ready");
    assert.equal(readyDetail.widget, "self-assessment");
    assert.deepEqual(readyDetail.questionnaire, { id: "kierto-kartoitus", version: 3 });
    await screenshot(page, "self-assessment-step-fi");
    assert.deepEqual(page.problems, []);
    await assertAccessible(page, "self-assessment step 1 (fi)");

    await page.locator("h1").click(); // a starting point outside the widget; from here on only keys
    const { groups, headingFocus } = await completeByKeyboard(page);
    for (const q of ["kt-sa-q23", "kt-sa-q25-0", "kt-sa-q26", "kt-sa-q27", "kt-sa-q28", "kt-sa-q29"]) {
      assert.ok(groups.has(q), `conditional question ${q} appeared and was answered`);
    }
    assert.ok(headingFocus.length === 9 && headingFocus.every(Boolean), `focus moved to every new heading: ${headingFocus}`);
    assert.equal(await heading(page), "Tulokset");
    const overall = await overallText(page);
    assert.match(overall, /Kokonaispisteet: \d+(,\d)? \/ 100/);
    assert.ok(LEVELS.fi.some((name) => overall.includes(name)), overall);
    assert.equal((await tableRows(page)).length, 8, "the profile is background, not a scored theme");
    assert.equal(await page.locator(`${W} svg.kt-sa-radar title`).textContent(), "Teemojen pisteet asteikolla 0–100");
    assert.equal(await page.locator(`${W} svg.kt-sa-radar polygon.kt-sa-area`).count(), 1);
    assert.ok((await page.locator(`${W} .kt-sa-recs li`).count()) > 0, "recommendations");
    assert.equal(await page.locator(`${W} .kt-sa-plan-list > li`).count(), 3, "an action plan of three steps");
    assert.match(await page.locator(`${W} .kt-sa-plan-list > li`).first().innerText(), /Jos teette tämän, taso olisi ”[^”]+” ja kokonaispisteet \d+(,\d)?\/100\./);
    assert.match(await page.locator(`${W} .kt-sa-kind-score`).first().innerText(), /^Tulokset/);
    assert.equal(await page.locator(`${W} .kt-sa-models li`).count(), 5, "Sitra's five models");
    const steps = await events(page, "kt:step");
    assert.deepEqual(steps.map((s) => s.index), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(steps.at(-1).step, "results");
    const [complete] = await events(page, "kt:complete");
    assert.equal(complete.themes.length, 9);
    assert.ok(!("answers" in complete), "kt:complete carries scores only");
    assert.ok(complete.overall >= 0 && complete.overall <= 100);
    await screenshot(page, "self-assessment-results-fi");
    assert.deepEqual(page.problems, []);
    await assertAccessible(page, "self-assessment results (fi)");
  } finally {
    await context.close();
  }
});

test("a keyboard-only respondent completes the questionnaire in Swedish", async () => {
  const context = await fresh();
  try {
    const page = await open(context, "self-assessment-sv.html");
    await ready(page);
    assert.equal(await heading(page), "Ert företag");
    assert.equal(await page.locator(`${W} .kt-root`).getAttribute("lang"), "sv");
    assert.match(await page.locator(`${W} .kt-sa-progress-text`).textContent(), /^Steg 1 av 10$/);
    await screenshot(page, "self-assessment-step-sv");
    await page.locator("h1").click();
    const { headingFocus } = await completeByKeyboard(page);
    assert.ok(headingFocus.every(Boolean));
    assert.equal(await heading(page), "Resultat");
    assert.match(await page.locator(`${W} #kt-sa-plan-h`).textContent(), /^Handlingsplan/);
    const overall = await overallText(page);
    assert.match(overall, /Totalpoäng: \d+(,\d)? \/ 100/);
    assert.ok(LEVELS.sv.some((name) => overall.includes(name)), overall);
    assert.equal(await page.locator(`${W} .kt-sa-theme-table caption`).textContent(), "Poäng per tema (0–100)");
    await screenshot(page, "self-assessment-results-sv");
    assert.deepEqual(page.problems, []);
    await assertAccessible(page, "self-assessment results (sv)");
  } finally {
    await context.close();
  }
});

test("Next on an unanswered step shows a focused error summary with links to the fields", async () => {
  const context = await fresh();
  try {
    const page = await open(context, "self-assessment.html");
    await ready(page);
    await page.locator(`${W} .kt-sa-next`).click();
    const summary = page.locator(`${W} .kt-sa-summary`);
    await until(() => focused(page), (f) => f && f.tag === "div" && f.cls.includes("kt-sa-summary"), "focus on the error summary");
    assert.equal(await summary.locator("a").count(), 3, "the three profile questions");
    assert.match(await summary.locator("a").first().textContent(), /– Valitkaa vastaus$/);
    assert.equal(await page.locator(`${W} input[aria-invalid=true]`).count() > 0, true);
    const described = await page.locator(`${W} fieldset.kt-sa-question`).first().getAttribute("aria-describedby");
    assert.match(described, /kt-sa-q0-err/);
    assert.equal(await heading(page), "Yrityksenne", "the step did not change");
    await screenshot(page, "self-assessment-error-summary");
    assert.deepEqual(page.problems, []);
    await assertAccessible(page, "self-assessment error summary");
    await summary.locator("a").nth(1).press("Enter");
    await until(() => focused(page), (f) => f && f.id === "kt-sa-q1-0", "focus on the linked field");
    assert.ok(!(await page.evaluate(() => location.hash)).startsWith("#kt-sa-q"), "the page URL is untouched");
    // A number that is not a number is its own error.
    await answerStep(page);
    await page.locator(`${W} .kt-sa-next`).click();
    await until(() => heading(page), (h) => h === "Strategia ja johtaminen", "step 2");
    await answerStep(page);
    await page.locator(`${W} .kt-sa-next`).click();
    await until(() => heading(page), (h) => h === "Hankinnat ja materiaalit", "step 3");
    // A share is asked as its scoring ranges (an estimate is enough), not typed.
    const ranges = await page.locator(`${W} fieldset.kt-sa-question`).nth(1).locator("label").allTextContents();
    assert.deepEqual(ranges.slice(0, 5), ["alle 5\u00a0%", "5–15\u00a0%", "15–30\u00a0%", "30–50\u00a0%", "50\u00a0% tai enemmän"]);
    for (const next of ["Tuotanto ja resurssitehokkuus", "Sivuvirrat ja jätteet"]) {
      await answerStep(page);
      await page.locator(`${W} .kt-sa-next`).click();
      await until(() => heading(page), (h) => h === next, next);
    }
    // The side stream's amount stays a typed figure (the impact calculator needs it).
    await answerStep(page);
    await page.locator(`${W} input.kt-sa-number`).first().fill("paljon");
    await page.locator(`${W} .kt-sa-next`).click();
    await until(() => summary.textContent(), (t) => t.includes("Kirjoittakaa pelkkä luku"), "invalid number error");
  } finally {
    await context.close();
  }
});

test("the profile decides the questions: branching, not applicable and skipped steps", async () => {
  const context = await fresh();
  try {
    const page = await open(context, "self-assessment.html");
    await ready(page);
    await page.locator(`${W} label[for=kt-sa-q0-3]`).click(); // services
    await page.locator(`${W} label[for=kt-sa-q2-2]`).click(); // no physical products
    for (let step = 0; step < 4; step++) {
      await answerStep(page);
      const before = await heading(page);
      await page.locator(`${W} .kt-sa-next`).click();
      await until(() => heading(page), (h) => h !== before, "next step");
    }
    assert.equal(await heading(page), "Sivuvirrat ja jätteet");
    const questions = () => page.locator(`${W} fieldset.kt-sa-question`).count();
    const shown = await questions();
    await page.locator(`${W} label[for=kt-sa-q22-0]`).click();
    await until(questions, (n) => n === shown + 1, "the partners question shown");
    await page.locator(`${W} label[for=kt-sa-q22-3]`).click(); // does not apply to us
    await until(questions, (n) => n === shown, "the partners question hidden again");
    assert.equal(await page.locator(`${W} label[for=kt-sa-q22-3]`).textContent(), "Ei koske meitä");
    await answerStep(page);
    await page.locator(`${W} .kt-sa-next`).click();
    // Product design has nothing to ask a firm without products: the step is passed over.
    await until(() => heading(page), (h) => h === "Liiketoimintamallit", "design skipped");
    await page.locator(`${W} .kt-sa-back`).click();
    await until(() => heading(page), (h) => h === "Sivuvirrat ja jätteet", "back skips it too");
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test("the quick check asks only the key questions and gives a provisional result", async () => {
  const context = await fresh();
  try {
    const page = await open(context, "self-assessment.html");
    await ready(page);
    const toggle = page.locator(`${W} .kt-sa-quick-toggle`);
    assert.equal(await toggle.getAttribute("aria-pressed"), "false");
    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-pressed"), "true");
    let count = 0;
    for (let step = 0; step < 12 && (await heading(page)) !== "Tulokset"; step++) {
      count += await page.locator(`${W} fieldset.kt-sa-question`).count();
      await answerStep(page);
      const before = await heading(page);
      await page.locator(`${W} .kt-sa-next`).click();
      await until(() => heading(page), (h) => h !== before, "next step");
    }
    assert.equal(await heading(page), "Tulokset");
    assert.ok(count >= 8 && count <= 14, `${count} quick questions`);
    assert.match(await overallText(page), /Tulos on alustava/);
    assert.deepEqual(page.problems, []);
    await assertAccessible(page, "self-assessment quick check results");
  } finally {
    await context.close();
  }
});

test("after a reload mid-way the respondent resumes at the same step with answers kept", async () => {
  const context = await fresh();
  try {
    const page = await open(context, "self-assessment.html");
    await ready(page);
    await answerStep(page);
    const firstAnswers = await page.locator(`${W} input:checked`).evaluateAll((els) => els.map((e) => e.id));
    await page.locator(`${W} .kt-sa-next`).click();
    await until(() => heading(page), (h) => h === "Strategia ja johtaminen", "step 2");
    await page.locator(`${W} fieldset.kt-sa-question input[type=radio]`).nth(3).check();
    await page.reload();
    await ready(page);
    assert.equal(await heading(page), "Strategia ja johtaminen");
    assert.equal(await page.locator(`${W} .kt-sa-steps li[aria-current=step] .kt-sa-step-title`).textContent(), "Strategia ja johtaminen");
    assert.ok(await page.locator(`${W} fieldset.kt-sa-question input[type=radio]`).nth(3).isChecked(), "answer on step 2 kept");
    assert.match(await page.locator(`${W} .kt-sa-status`).textContent(), /Kysely jatkuu siitä, mihin se viimeksi jäi/);
    await page.locator(`${W} .kt-sa-back`).click();
    await until(() => heading(page), (h) => h === "Yrityksenne", "back to step 1");
    const kept = await page.locator(`${W} input:checked`).evaluateAll((els) => els.map((e) => e.id));
    assert.deepEqual(kept, firstAnswers, "Back keeps the answers of step 1");
    const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
    assert.equal(stored.format, "kiertokit-assessment-answers");
    assert.equal(stored.step, "profile");
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test("damaged or foreign saved data is recovered with a notice, and answers can be cleared", async () => {
  const context = await fresh();
  try {
    const page = await open(context, "self-assessment.html");
    await ready(page);
    // Cut off in the middle: the two complete answers before the damage are readable.
    await page.evaluate((k) => localStorage.setItem(k,
      '{"format":"kiertokit-assessment-answers","formatVersion":1,"questionnaire":{"id":"kierto-kartoitus","version":2},"answers":{"profile-sector":"services","profile-size":"micro","profile-products":"none","strategy-goals":3,"strategy-owner":"yes","strategy-ri'), KEY);
    await page.reload();
    await ready(page);
    const notice = page.locator(`${W} .kt-sa-status`);
    assert.match(await notice.textContent(), /vioittunut.*\(5\) säilytettiin/);
    assert.ok(await page.locator(`${W} #kt-sa-q0-3`).isChecked(), "sector kept");
    assert.ok(await page.locator(`${W} #kt-sa-q2-2`).isChecked(), "products kept");
    const errors = await events(page, "kt:error");
    assert.equal(errors.at(-1).kind, "storage");
    assert.equal(errors.at(-1).status, "repaired");
    await screenshot(page, "self-assessment-recovered");
    assert.deepEqual(page.problems, []);
    await assertAccessible(page, "self-assessment recovery notice");

    await page.evaluate((k) => localStorage.setItem(k, "\u0000not json at all {{{"), KEY);
    await page.reload();
    await ready(page);
    assert.match(await notice.textContent(), /ei voitu lukea/);
    assert.equal(await page.locator(`${W} input:checked`).count(), 0);
    assert.deepEqual(page.problems, []);

    await answerStep(page);
    await page.locator(`${W} .kt-sa-clear-button`).click();
    await until(() => focused(page), (f) => f && f.cls.includes("kt-sa-confirm-no"), "focus on Cancel");
    await page.locator(`${W} .kt-sa-danger`).click();
    await until(() => notice.textContent(), (t) => t.includes("poistettu"), "cleared notice");
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
    assert.equal(await page.locator(`${W} input:checked`).count(), 0);
  } finally {
    await context.close();
  }
});

test("a share link opened in a fresh browser shows the same result; a damaged one is refused", async () => {
  const first = await fresh();
  let url, overall, rows;
  try {
    const page = await open(first, "self-assessment.html");
    await ready(page);
    await toResults(page);
    url = page.url();
    const hash = new URL(url).hash;
    assert.match(hash, /^#kt-sa=1\.kierto-kartoitus\.3\.[A-Za-z0-9_-]+$/);
    assert.ok(url.length <= 2000, `share URL is ${url.length} characters`);
    assert.equal(await page.locator(`${W} #kt-sa-share`).inputValue(), url);
    overall = await overallText(page);
    rows = await tableRows(page);
  } finally {
    await first.close();
  }
  const second = await fresh();
  try {
    const page = await second.newPage();
    page.problems = [];
    page.on("pageerror", (e) => page.problems.push(e.message));
    await page.goto(url);
    await until(() => page.locator(`${W} .kt-sa-results`).count(), (n) => n === 1, "results from the link");
    assert.equal(await overallText(page), overall);
    assert.deepEqual(await tableRows(page), rows);
    await page.setViewportSize({ width: 320, height: 800 });
    await until(() => page.evaluate(() => document.documentElement.scrollWidth), (w) => w <= 320, "results reflow at 320 px");
    await screenshot(page, "self-assessment-results-320");
    await page.setViewportSize({ width: 1100, height: 900 });
    assert.match(await page.locator(`${W} .kt-sa-status`).textContent(), /jakolinkin/);
    // Editing the shared answers leaves the results: the link leaves the URL, the edits are saved.
    await page.locator(`${W} .kt-sa-nav button`).click();
    await until(() => heading(page), (h) => h === "Mittaaminen ja viestintä", "last step");
    assert.equal(new URL(page.url()).hash, "");
    await page.reload();
    await ready(page);
    assert.equal(await heading(page), "Mittaaminen ja viestintä", "resumes at the edited step, not the old link");
    // The last characters hold the checksum: changing them must be detected.
    const damaged = url.slice(0, -3) + (url.endsWith("AAA") ? "BBB" : "AAA");
    await page.goto(new URL("self-assessment.html", url).href);
    await page.goto(damaged);
    await page.reload();
    await ready(page);
    assert.match(await page.locator(`${W} .kt-sa-status`).textContent(), /Jakolinkki on vioittunut/);
    assert.deepEqual(page.problems, []);
  } finally {
    await second.close();
  }
});

test("results export JSON and CSV, compare with an imported earlier result and print to 1–3 PDF pages", async () => {
  const context = await fresh();
  try {
    const page = await open(context, "self-assessment.html");
    await ready(page);
    await toResults(page);
    // data-kt-links on the demo page points the symbiosis recommendation at the partner's page.
    const partner = `${W} a.kt-sa-link[href="https://www.motiva.fi/ratkaisut/kiertotalous/teollisten_symbioosien_edistaminen"]`;
    assert.ok((await page.locator(partner).count()) > 0, "partner link target used");
    const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.locator(`${W} .kt-sa-export-json`).click()]);
    assert.equal(jsonDownload.suggestedFilename(), "kiertotalouden-itsearviointi.json");
    const dir = mkdtempSync(join(tmpdir(), "kt-sa-"));
    const jsonPath = join(dir, "result.json");
    await jsonDownload.saveAs(jsonPath);
    const saved = JSON.parse(readFileSync(jsonPath, "utf8"));
    assert.equal(saved.questionnaire.id, "kierto-kartoitus");
    assert.equal(saved.themes.length, 9);
    const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.locator(`${W} .kt-sa-export-csv`).click()]);
    assert.equal(csvDownload.suggestedFilename(), "kiertotalouden-itsearviointi.csv");
    const csvPath = join(dir, "result.csv");
    await csvDownload.saveAs(csvPath);
    const csv = readFileSync(csvPath, "utf8");
    assert.match(csv, /^\uFEFFrow,id,title,score,level,level_name/);
    assert.match(csv, /\r\ntheme,strategy,Strategia ja johtaminen,/);

    // An earlier result with every theme 10 points lower.
    const earlier = structuredClone(saved);
    earlier.overall = saved.overall - 10;
    for (const t of earlier.themes) if (t.score !== null) t.score = Math.max(0, t.score - 10);
    const earlierPath = join(dir, "earlier.json");
    writeFileSync(earlierPath, JSON.stringify(earlier));
    await page.locator(`${W} #kt-sa-import`).setInputFiles(earlierPath);
    const compareRows = await until(() => page.locator(`${W} .kt-sa-compare-table tbody tr`).allInnerTexts(), (r) => r.length === 10, "comparison rows");
    assert.match(compareRows[0], /Kokonaispisteet/);
    assert.match(compareRows[0], /\+10$/);
    assert.match(await page.locator(`${W} .kt-sa-compare [role=status]`).textContent(), /Vertailu aiempaan tulokseen on valmis/);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    await page.locator(`${W} #kt-sa-import`).setInputFiles(bad);
    await until(() => page.locator(`${W} .kt-sa-compare [role=status]`).textContent(), (t) => t.includes("ei voitu lukea"), "import error");
    await page.locator(`${W} #kt-sa-import`).setInputFiles(earlierPath);
    await until(() => page.locator(`${W} .kt-sa-compare-table`).count(), (n) => n === 1, "comparison again");
    await screenshot(page, "self-assessment-comparison");
    assert.deepEqual(page.problems, []);
    await assertAccessible(page, "self-assessment results with comparison");

    const pdf = await page.pdf({ format: "A4", printBackground: true });
    writeFileSync(join(dir, "result.pdf"), pdf);
    assert.ok(pdf.length > 5000, `PDF has content (${pdf.length} bytes)`);
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
    console.log(`# print: ${pages} PDF page(s), ${pdf.length} bytes`);
    // The action plan, practices, data gaps and models print too since issue 20: up to three pages.
    assert.ok(pages >= 1 && pages <= 3, `the PDF has ${pages} pages`);
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "self-assessment-print");
    assert.equal(await page.locator(`${W} .kt-sa-export-json`).isVisible(), false, "controls are hidden in print");
  } finally {
    await context.close();
  }
});

test("a partner questionnaire that cannot be used shows readable diagnostics and emits kt:error", async () => {
  const context = await fresh();
  try {
    const page = await open(context, "self-assessment.html");
    await ready(page);
    const detail = await page.evaluate(async () => {
      const el = document.createElement("div");
      document.querySelector("main").append(el);
      const error = new Promise((resolve) => el.addEventListener("kt:error", (e) => resolve(e.detail)));
      await window.Kiertokit.mount(el, { widget: "self-assessment", lang: "en", data: { id: "broken", version: 1, themes: [], questions: [] } });
      return error;
    });
    assert.equal(detail.kind, "questionnaire");
    assert.ok(detail.diagnostics.length > 0);
    const text = await page.locator("main > div:last-child .kt-error").innerText();
    assert.match(text, /The questionnaire could not be loaded/);
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test("a partner questionnaire missing Swedish texts shows them in the language they have, tagged with it", async () => {
  const context = await fresh();
  try {
    const page = await open(context, "self-assessment-sv.html");
    await ready(page);
    // The partner's questionnaire with one theme title untranslated into Swedish (English
    // shown) and one question only in Finnish (Finnish shown); the rest is in Swedish.
    const q = JSON.parse(readFileSync(new URL("../../demo/self-assessment-partner.json", import.meta.url), "utf8"));
    q.id = "partner-partial-sv";
    delete q.themes[0].title.sv;
    delete q.questions[0].text.sv;
    delete q.questions[0].text.en;
    await page.evaluate(async (data) => {
      const el = document.createElement("div");
      el.id = "partial";
      document.querySelector("main").append(el);
      await window.Kiertokit.mount(el, { widget: "self-assessment", lang: "sv", data });
    }, q);
    const P = "#partial";
    await until(() => page.locator(`${P} .kt-sa-step-heading`).count(), (n) => n === 1, "the partner questionnaire");
    const tagged = (sel) => page.locator(`${P} ${sel}`).evaluate((el) => ({ lang: el.getAttribute("lang"), text: el.textContent }));
    assert.deepEqual(await tagged(".kt-sa-step-heading"), { lang: "en", text: "Waste" });
    assert.deepEqual(await tagged(".kt-sa-step-item:first-child .kt-sa-step-title"), { lang: "en", text: "Waste" });
    const legends = await page.locator(`${P} legend.kt-sa-question-text`).evaluateAll((els) =>
      els.map((el) => ({ lang: el.getAttribute("lang"), text: el.textContent })));
    assert.deepEqual(legends, [
      { lang: "fi", text: "Lajitteletteko jätteet?" },
      { lang: null, text: "Hur mycket material återanvänds?" },
    ]);
    assert.equal(await page.locator(`${P} h2`).getAttribute("lang"), null, "the title has Swedish");
    // The error summary names the Finnish-only question in Finnish, tagged.
    await page.locator(`${P} .kt-sa-next`).click();
    const item = page.locator(`${P} .kt-sa-summary li a [lang=fi]`).first();
    await until(() => item.count(), (n) => n === 1, "the error summary");
    assert.equal(await item.textContent(), "Lajitteletteko jätteet?");
    assert.deepEqual(page.problems, []);
    await assertAccessible(page, "self-assessment, partner questionnaire partly without Swedish");
  } finally {
    await context.close();
  }
});

test("a partner questionnaire from data-kt-src works under a strict CSP and reflows at 320 px", async () => {
  const context = await launch({ viewport: { width: 320, height: 800 } });
  try {
    await context.addInitScript(() => {
      window.__kt = [];
      document.addEventListener("kt:error", (e) => window.__kt.push({ name: "kt:error", detail: e.detail }));
    });
    const page = await open(context, "self-assessment-csp.html");
    await ready(page);
    assert.equal(await page.locator(`${W} h2`).textContent(), "Circular economy quick check");
    // The number question has no unit: a warning, listed readably; the questionnaire still works.
    assert.match(await page.locator(`${W} .kt-sa-diagnostics summary`).textContent(), /Problems found in the questionnaire data \(1\)/);
    const [error] = await events(page, "kt:error");
    assert.equal(error.kind, "questionnaire");
    await page.locator(`${W} label[for=kt-sa-q0-0]`).click();
    await page.locator(`${W} label[for=kt-sa-q1-4]`).click();
    await page.locator(`${W} .kt-sa-next`).click();
    await until(() => heading(page), (h) => h === "Energy", "step 2");
    await page.locator(`${W} label`, { hasText: "50 or more" }).click();
    await page.locator(`${W} .kt-sa-next`).click();
    await until(() => heading(page), (h) => h === "Results", "results");
    assert.match(await overallText(page), /Overall score: 100 \/ 100/);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320, "no horizontal scrolling at 320 px");
    await screenshot(page, "self-assessment-csp-320");
    assert.deepEqual(page.problems, [], "no CSP violations or errors");
    await assertAccessible(page, "self-assessment under CSP at 320 px");
  } finally {
    await context.close();
  }
});

// The hand-off: answerStep picks the second option, so the largest side stream is "soil and
// aggregates", 40 t a year, going to incineration; the demo pages set data-kt-impact-href,
// data-kt-region and data-kt-municipality.
for (const c of [
  { lang: "fi", page: "self-assessment.html", done: "Tulokset", calc: "#calc-fi", region: "Palvelujen maakunta: Pirkanmaa (sivun asetus).",
    title: "Sivuvirta: Maa-ainekset ja kiviainekset", municipality: "Tampere", href: /^impact-calculator\.html#kt-impact:/,
    filled: "Lomakkeeseen on täytetty linkin tuomat arvot",
    refused: /Käsittelyä ”Energiahyötykäyttö \(poltto\)” ei voi valita tälle materiaalille\./ },
  { lang: "sv", page: "self-assessment-sv.html", done: "Resultat", calc: "#calc", region: "Landskap för tjänsterna: Österbotten (sidans inställning).",
    title: "Sidoström: Jord- och stenmaterial", municipality: "Vasa", href: /^impact-calculator-csp\.html#kt-impact:/,
    filled: "Formuläret har fyllts i med värden från länken",
    refused: /Behandlingen ”Energiåtervinning \(förbränning\)” kan inte väljas för det här materialet\./ },
]) {
  test(`the side stream hands off to the impact calculator, pre-filled, and to a listing draft (${c.lang})`, async () => {
    const context = await fresh();
    try {
      const page = await open(context, c.page);
      await ready(page);
      await toResults(page, c.done);
      assert.equal(await page.locator(`${W} .kt-sa-region`).textContent(), c.region);
      // The regional centre of the page's region is named in the action plan or recommendations.
      const section = page.locator(`${W} .kt-sa-handoff`);
      assert.equal(await section.count(), 1);
      const link = section.locator("a.kt-sa-impact-link");
      const href = await link.getAttribute("href");
      assert.match(href, c.href);
      assert.ok(href.endsWith("#kt-impact:material=soil&quantity=40&unit=t&baseline=incineration&alternative=recycling"), href);
      // The draft is the finder's listing format, with the page's municipality; text stays text.
      const draft = JSON.parse(await section.locator("textarea.kt-sa-listing").inputValue());
      assert.equal(draft.version, 1);
      const [listing] = draft.listings;
      assert.deepEqual(
        { kind: listing.kind, category: listing.category, quantity: listing.quantity, municipality: listing.municipality, title: listing.title },
        { kind: "offer", category: "soil", quantity: { amount: 40, unit: "t" }, municipality: c.municipality, title: c.title });
      const [download] = await Promise.all([page.waitForEvent("download"), section.locator(".kt-sa-listing-download").click()]);
      assert.equal(download.suggestedFilename(), "kiertokit-listing.json");
      assert.deepEqual(page.problems, []);
      await assertAccessible(page, `self-assessment hand-off (${c.lang})`);

      await link.click();
      await page.waitForURL(/#kt-impact:/);
      const calc = (id) => page.locator(`${c.calc} #${id}`);
      await until(() => calc("kt-impact-material").count(), (n) => n === 1, "the calculator");
      assert.equal(await calc("kt-impact-material").inputValue(), "soil");
      assert.equal(await calc("kt-impact-quantity").inputValue(), "40");
      assert.equal(await calc("kt-impact-unit").inputValue(), "t");
      // Soil has treatment factors for landfill and recycling only: the pre-filled incineration
      // is said to be unavailable and the calculator keeps its default.
      assert.equal(await calc("kt-impact-baseline").inputValue(), "landfill");
      assert.equal(await calc("kt-impact-alternative").inputValue(), "recycling");
      const notice = await page.locator(`${c.calc} .kt-ic-prefill`).innerText();
      assert.match(notice, new RegExp(c.filled));
      assert.match(notice, c.refused);
      await until(() => page.locator(`${c.calc} .kt-ic-figures`).count(), (n) => n === 1, "a result for the pre-filled values");
      assert.deepEqual(page.problems, []);
      await assertAccessible(page, `impact calculator pre-filled from the hand-off (${c.lang})`);
    } finally {
      await context.close();
    }
  });
}

test("a damaged or hostile pre-fill link is reported readably and fills only what passes", async () => {
  const context = await fresh();
  try {
    const page = await open(context, "impact-calculator.html#kt-impact:materail=wood&material=wood&quantity=-3&unit=m3&baseline=<b>x</b>&alternative=recycling");
    const calc = (id) => page.locator(`#calc-fi #${id}`);
    await until(() => calc("kt-impact-material").count(), (n) => n === 1, "the calculator");
    assert.equal(await calc("kt-impact-material").inputValue(), "wood");
    assert.equal(await calc("kt-impact-quantity").inputValue(), "10", "a negative quantity leaves the default");
    const notice = await page.locator("#calc-fi .kt-ic-prefill").innerText();
    assert.match(notice, /Kaikkia linkin arvoja ei voitu käyttää/);
    // Each problem is said from its code in the page's language, with field, value and suggestion.
    assert.match(notice, /Kenttä ”materail”: tuntematon kenttä ohitettiin – tarkoitettiinko ”material”\?/);
    assert.match(notice, /Kenttä ”määrä”, arvo ”-3”: arvo on sallitun välin ulkopuolella/);
    assert.equal(await page.locator("#calc-fi .kt-ic-prefill li").count(), 4);
    assert.equal(await page.locator("#calc-fi .kt-ic-prefill b").count(), 0, "markup in the link is never rendered");
    assert.deepEqual(page.problems, []);
    await assertAccessible(page, "impact calculator with a damaged pre-fill");
  } finally {
    await context.close();
  }
});

test("the quick-check choice survives a reload with the answers", async () => {
  const context = await fresh();
  try {
    const page = await open(context, "self-assessment.html");
    await ready(page);
    const toggle = page.locator(`${W} .kt-sa-quick-toggle`);
    await toggle.click();
    await until(() => toggle.getAttribute("aria-pressed"), (v) => v === "true", "quick check on");
    await page.locator(`${W} label[for=kt-sa-q0-0]`).click();
    const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
    assert.equal(saved.formatVersion, 2);
    assert.equal(saved.quick, true);
    await page.reload();
    await ready(page);
    assert.equal(await toggle.getAttribute("aria-pressed"), "true", "quick check still on");
    assert.ok(await page.locator(`${W} #kt-sa-q0-0`).isChecked(), "answer kept");
    // An older save (format 1, no choice) resumes as the full assessment with its answers.
    await page.evaluate((k) => localStorage.setItem(k,
      '{"format":"kiertokit-assessment-answers","formatVersion":1,"questionnaire":{"id":"kierto-kartoitus","version":3},"answers":{"profile-sector":"retail"},"step":"profile"}'), KEY);
    await page.reload();
    await ready(page);
    assert.equal(await toggle.getAttribute("aria-pressed"), "false");
    assert.ok(await page.locator(`${W} #kt-sa-q0-2`).isChecked(), "format-1 answer kept");
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

// Issue 14: the built-in questionnaire is a file beside the loader, not part of the module.
test("the built-in questionnaire is fetched beside the loader while the module loads, and the first step renders", async () => {
  const context = await fresh();
  try {
    const requests = [];
    context.on("request", (r) => requests.push(r.url()));
    const page = await open(context, "self-assessment.html");
    await ready(page);
    assert.equal(await heading(page), "Yrityksenne");
    const loader = requests.find((u) => u.endsWith("/loader.js"));
    const file = requests.find((u) => u.endsWith("/questionnaire.json"));
    assert.ok(file, `questionnaire.json requested: ${requests.join(", ")}`);
    assert.equal(new URL(".", file).href, new URL(".", loader).href, "beside the loader");
    const wasm = requests.findIndex((u) => u.endsWith(".wasm"));
    assert.ok(wasm > 0 && requests.indexOf(file) < wasm, "requested before the module, so both download at once");
    assert.equal(requests.filter((u) => u.endsWith("/questionnaire.json")).length, 1, "fetched once");
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

for (const c of [
  // A 404 page fails the loader's integrity check as well, so the browser reports a network error.
  { lang: "fi", page: "self-assessment.html", fail: (r) => r.fulfill({ status: 404, body: "" }),
    text: "Kyselytiedostoa ei saatu haettua (network error). Päivittäkää sivu tai yrittäkää myöhemmin uudelleen." },
  { lang: "sv", page: "self-assessment-sv.html", fail: (r) => r.abort(),
    text: "Enkätfilen kunde inte hämtas (network error). Uppdatera sidan eller försök igen senare." },
]) {
  test(`a built-in questionnaire that cannot be fetched shows a readable error (${c.lang})`, async () => {
    const context = await fresh();
    try {
      await context.route("**/questionnaire.json", c.fail);
      const page = await open(context, c.page);
      const alert = page.locator(`${W} .kt-error[role=alert]`);
      await until(() => alert.count(), (n) => n === 1, "the error");
      assert.equal(await alert.innerText(), c.text);
      const [error] = await until(() => events(page, "kt:error"), (e) => e.length === 1, "kt:error");
      assert.equal(error.kind, "load");
      assert.equal(await page.locator(`${W} .kt-sa-step-heading`).count(), 0);
      await assertAccessible(page, `self-assessment, questionnaire not fetched (${c.lang})`);
    } finally {
      await context.close();
    }
  });
}

test("links from the JS API: an object is used as is, one with a URL that is not text is reported", async () => {
  const context = await fresh();
  try {
    const page = await open(context, "self-assessment.html");
    await ready(page);
    const mounted = await page.evaluate(async () => {
      const mountWith = async (id, links) => {
        const el = document.createElement("div");
        el.id = id;
        document.querySelector("main").append(el);
        const errors = [];
        el.addEventListener("kt:error", (e) => errors.push(e.detail));
        await window.Kiertokit.mount(el, { widget: "self-assessment", lang: "en", links });
        return errors;
      };
      return {
        good: await mountWith("good", { fiss: "https://partner.example/fiss" }),
        bad: await mountWith("bad", { fiss: 1 }),
      };
    });
    assert.deepEqual(mounted.good, []);
    assert.equal(mounted.bad.length, 1);
    assert.equal(mounted.bad[0].kind, "links");
    for (const id of ["good", "bad"]) {
      await until(() => page.locator(`#${id} .kt-sa-step-heading`).count(), (n) => n === 1, `the widget #${id}`);
    }
    const notice = "The site's link settings (data-kt-links) could not be read, so the default links are used.";
    assert.equal(await page.locator("#good .kt-sa-warning", { hasText: notice }).count(), 0);
    assert.equal(await page.locator("#bad .kt-sa-warning", { hasText: notice }).count(), 1);
  } finally {
    await context.close();
  }
});
