// Shared set-up for the browser tests: Debian's Chromium through playwright-core, axe-core,
// the demo served by `cargo xtask test` (KT_BASE_URL) and screenshots under screenshots/.
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import assert from "node:assert/strict";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const BASE = process.env.KT_BASE_URL || "http://127.0.0.1:8080/";
export const SHOTS = join(here, "screenshots");
mkdirSync(SHOTS, { recursive: true });

export async function launch(options = {}) {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "kt-e2e-")), {
    executablePath: process.env.KT_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1100, height: 900 },
    ...options,
  });
}

/** Opens a demo page, failing the test on any page error or CSP violation. */
export async function open(context, path) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.problems = problems;
  await page.goto(new URL(path, BASE).href);
  return page;
}

/** Polls `read` until `check` accepts its value or the timeout passes; returns the value. */
export async function until(read, check, what, timeout = 10000) {
  const end = Date.now() + timeout;
  let value;
  while (Date.now() < end) {
    value = await read();
    if (check(value)) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
}

/** Runs axe-core (WCAG 2.x A/AA) on the page, shadow roots included; asserts zero violations. */
export async function assertAccessible(page, label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  });
  assert.deepEqual(result, [], `axe violations on ${label}: ${JSON.stringify(result, null, 2)}`);
}

export async function screenshot(page, name) {
  // caret "initial": hiding the caret injects an inline style, which a strict CSP reports.
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, caret: "initial" });
}

export async function titles(page, scope) {
  return page.locator(`${scope} .kt-result-title`).allTextContents();
}
