// The closing survey on a partner's strict-CSP "close listing" page, in Finnish and Swedish, by
// keyboard: the answer reaches the page as kt:survey and the CLI's survey reader accepts it, the
// widget itself sends nothing, invalid input is an inline error, zero axe violations in every state.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, open, until, assertAccessible, screenshot } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");

let context;
before(async () => {
  context = await launch({ acceptDownloads: true });
  await context.addInitScript(() => {
    window.__kt = [];
    for (const name of ["ready", "survey", "error"]) {
      document.addEventListener(`kt:${name}`, (e) => window.__kt.push({ name, id: e.target.id, detail: e.detail }), true);
    }
  });
});
after(async () => { await context.close(); });

const events = (page, name, id) =>
  page.evaluate(([n, i]) => window.__kt.filter((e) => e.name === n && e.id === i).map((e) => e.detail), [name, id]);

async function ready(page, id) {
  await until(() => events(page, "ready", id), (e) => e.length === 1, `${id} ready`);
}

/** Presses Tab until the focused element inside the widget matches `selector`. */
async function tabTo(page, host, selector) {
  for (let i = 0; i < 30; i++) {
    const hit = await page.evaluate(([h, s]) => {
      const el = document.querySelector(h).shadowRoot.activeElement;
      return !!el && el.matches(s);
    }, [host, selector]);
    if (hit) return;
    await page.keyboard.press("Tab");
  }
  assert.fail(`could not reach ${selector} in ${host} by Tab`);
}

/** No CSP report or page error so far, then axe; axe-core applies inline styles itself, which
 *  this page's policy reports, so those reports are cleared after it. */
async function checked(page, label) {
  assert.deepEqual(page.problems, [], `no CSP violations or errors before ${label}`);
  await assertAccessible(page, label);
  page.problems.length = 0;
}

const focused = (page, host) =>
  page.evaluate((h) => {
    const el = document.querySelector(h).shadowRoot.activeElement;
    return el ? (el.id || el.className || el.tagName) + "|" + el.textContent.trim() : null;
  }, host);

test("a Finnish answer by keyboard reaches the page as kt:survey and nothing is sent", async () => {
  const page = await open(context, "closing-survey-csp.html");
  const response = await page.request.get(new URL("closing-survey-csp.html", page.url()).href);
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
  await ready(page, "survey-fi");
  await ready(page, "survey-sv");
  const fi = page.locator("#survey-fi");
  assert.equal(await fi.locator("legend").first().textContent(), "Johtiko ilmoitus materiaalin vaihtoon?");
  assert.equal(await fi.locator(".kt-cs-listing").textContent(), "Ilmoitus: Biojäte");
  // The reason and amount parts stay out of the way until an outcome needs them.
  assert.equal(await fi.locator("input[name=kt-cs-reason]").first().isVisible(), false);
  assert.equal(await fi.locator("#kt-cs-amount").isVisible(), false);
  await checked(page, "closing-survey-csp.html (form)");

  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.locator("body").press("Tab");
  await tabTo(page, "#survey-fi", "input[name=kt-cs-outcome]");
  await page.keyboard.press("Space"); // Kyllä
  await page.keyboard.press("ArrowDown"); // Osittain
  await page.keyboard.press("ArrowDown"); // Ei
  assert.equal(await fi.locator("input[name=kt-cs-outcome][value=no]").isChecked(), true);
  await tabTo(page, "#survey-fi", "input[name=kt-cs-reason]");
  await page.keyboard.press("Space"); // Hinta
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowDown");
  assert.equal(await fi.locator("input[name=kt-cs-reason][value=no_response]").isChecked(), true);
  await tabTo(page, "#survey-fi", "#kt-cs-comment");
  await page.keyboard.type("Ostaja ei vastannut.");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await tabTo(page, "#survey-fi", "button[type=submit]");
  await page.keyboard.press("Enter");

  const [answer] = await until(() => events(page, "survey", "survey-fi"), (e) => e.length === 1, "kt:survey");
  assert.equal(answer.listing, "c20-1");
  assert.equal(answer.synergy, "syn-14");
  assert.equal(answer.outcome, "no");
  assert.equal(answer.reason, "no_response");
  assert.equal(answer.contact_permission, true);
  assert.equal(answer.comment, "Ostaja ei vastannut.");
  assert.equal(answer.lang, "fi");
  assert.equal(answer.quantity, undefined);
  assert.match(answer.date, /^\d{4}-\d{2}-\d{2}$/);
  await until(() => focused(page, "#survey-fi"), (f) => f && f.includes("Kiitos vastauksesta!"), "focus on the thank-you heading");
  // The same answer is offered to copy, and as a mailto to the configured coordinator.
  assert.deepEqual(JSON.parse(await fi.locator("#kt-cs-json").inputValue()), answer);
  const href = await fi.locator("a.kt-button").getAttribute("href");
  assert.ok(href.startsWith("mailto:koordinaattori@example.org?subject="), href);
  const body = decodeURIComponent(href.split("&body=")[1]);
  assert.match(body, /Johtiko ilmoitus materiaalin vaihtoon\? Ei/);
  assert.match(body, /"listing": "c20-1"/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    fi.locator("button", { hasText: "Lataa vastaus" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "kysely-c20-1.json");
  assert.deepEqual(JSON.parse(readFileSync(await download.path(), "utf8")), answer);
  assert.deepEqual(requests.filter((u) => !u.startsWith("blob:")), [], "the widget sent nothing");
  await screenshot(page, "closing-survey-fi-done");
  await checked(page, "closing-survey-csp.html (answered)");

  // The workspace's survey reader takes the widget's answer as it is.
  const dir = mkdtempSync(join(tmpdir(), "kt-survey-"));
  const file = join(dir, "answer.json");
  writeFileSync(file, JSON.stringify(answer));
  const out = JSON.parse(execFileSync("cargo", ["run", "-q", "-p", "kiertokit-cli", "--", "workspace", "survey",
    "--workspace", "tests/fixtures/workspace/workshop.json", "--answer", file],
  { cwd: repo, encoding: "utf8", timeout: 900_000 }));
  assert.equal(out.applied.synergy, "syn-14");
  assert.equal(out.applied.status, "dropped");
});

test("a Swedish answer is checked inline before it is sent to the page", async () => {
  const page = await open(context, "closing-survey-csp.html");
  await ready(page, "survey-sv");
  const sv = page.locator("#survey-sv");
  assert.equal(await sv.locator("legend").first().textContent(), "Ledde annonsen till ett utbyte av material?");
  await sv.locator("button[type=submit]").focus();
  await page.keyboard.press("Enter");
  await until(() => sv.locator("#kt-cs-outcome-error").textContent(), (t) => t === "Välj om annonsen ledde till ett utbyte.", "outcome error");
  assert.equal(await sv.locator("[role=alert]").textContent(), "Kontrollera svaret: de markerade fälten behöver rättas.");
  await until(() => focused(page, "#survey-sv"), (f) => f && f.startsWith("INPUT"), "focus on the first choice");
  await checked(page, "closing-survey-csp.html (errors)");
  await page.keyboard.press("Space"); // Ja
  await tabTo(page, "#survey-sv", "#kt-cs-partner");
  await page.keyboard.type("Österbottens Biogas Ab");
  await page.keyboard.press("Tab");
  await page.keyboard.type("tolv");
  await tabTo(page, "#survey-sv", "button[type=submit]");
  await page.keyboard.press("Enter");
  await until(() => sv.locator("#kt-cs-amount-error").textContent(), (t) => t === "Ange mängden som ett tal, till exempel 12,5.", "amount error");
  assert.equal(await sv.locator("#kt-cs-amount").getAttribute("aria-invalid"), "true");
  assert.deepEqual(await events(page, "survey", "survey-sv"), [], "nothing sent while invalid");
  await until(() => focused(page, "#survey-sv"), (f) => f && f.startsWith("kt-cs-amount"), "focus on the amount");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("12,5");
  await page.keyboard.press("Tab"); // unit: t
  await page.keyboard.press("Tab"); // recurrence
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown"); // per månad
  assert.equal(await sv.locator("#kt-cs-recurrence").inputValue(), "per-month");
  await tabTo(page, "#survey-sv", "button[type=submit]");
  await page.keyboard.press("Enter");
  const [answer] = await until(() => events(page, "survey", "survey-sv"), (e) => e.length === 1, "kt:survey");
  assert.equal(answer.outcome, "yes");
  assert.deepEqual(answer.quantity, { amount: 12.5, unit: "t" });
  assert.equal(answer.recurrence, "per-month");
  assert.equal(answer.partner, "Österbottens Biogas Ab");
  assert.equal(answer.reason, undefined);
  assert.equal(answer.lang, "sv");
  assert.equal(await sv.locator(".kt-cs-done-heading").textContent(), "Tack för svaret!");
  await screenshot(page, "closing-survey-sv-done");
  await checked(page, "closing-survey-csp.html (sv answered)");
});
