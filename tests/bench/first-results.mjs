// Time from a widget's wasm module being fetched to its first useful view rendered, in headless
// Chromium: the finder's first results with 1,000 generated listings, and the self-assessment's
// first step. Figures for the README, never timed tests.
// Usage: node first-results.mjs <base-url> <loader path under it> <listings.json> [runs]
// KT_BENCH_ONLY=finder or =self-assessment runs only that measurement.
import { launch } from "../e2e/helpers.js";
import { readFileSync } from "node:fs";

const [base, loaderPath, listingsPath, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 30);
const listings = readFileSync(listingsPath, "utf8");
const count = JSON.parse(listings).listings?.length ?? JSON.parse(listings).length;

// Partner-like pages: the loader plus one placeholder.
const page = (body) => `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>bench</title>
<script src="${loaderPath}" defer></script></head><body><main>${body}</main></body></html>`;

// Runs in the page before any script: records when `selector` first appears in #w's shadow root.
const probe = (selector) => {
  const poll = () => {
    const host = document.getElementById("w");
    const root = host && host.shadowRoot;
    if (root && root.querySelector(selector)) {
      const wasm = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"));
      window.__first = { rendered: performance.now(), wasmFetched: wasm ? wasm.responseEnd : NaN };
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
};

async function measure(label, body, selector) {
  if (process.env.KT_BENCH_ONLY && !label.startsWith(process.env.KT_BENCH_ONLY)) return;
  const context = await launch();
  await context.route("**/bench-first.html", (r) => r.fulfill({ contentType: "text/html", body: page(body) }));
  await context.route("**/bench-listings.json", (r) => r.fulfill({ contentType: "application/json", body: listings }));
  await context.addInitScript(probe, selector);
  const samples = [];
  // From navigation start: also counts data fetched beside the module (the questionnaire).
  const fromStart = [];
  for (let i = 0; i < runs; i++) {
    const tab = await context.newPage();
    await tab.goto(new URL("bench-first.html", base).href);
    await tab.waitForFunction(() => window.__first, null, { timeout: 30000 });
    const t = await tab.evaluate(() => window.__first);
    samples.push(t.rendered - t.wasmFetched);
    fromStart.push(t.rendered);
    await tab.close();
  }
  await context.close();
  // The first load has no compiled-code cache yet, as on a visitor's first visit.
  const cold = samples[0];
  samples.sort((a, b) => a - b);
  fromStart.sort((a, b) => a - b);
  const pick = (q, list = samples) => list[Math.min(list.length - 1, Math.floor(q * list.length))];
  console.log(`${label} (${runs} page loads, headless Chromium): ` +
    `wasm fetched → rendered p50 ${pick(0.5).toFixed(1)} ms, p95 ${pick(0.95).toFixed(1)} ms, ` +
    `first (cold) load ${cold.toFixed(1)} ms; page start → rendered p50 ${pick(0.5, fromStart).toFixed(1)} ms`);
}

await measure(`finder first results, ${count} listings (includes wasm compile + instantiate, ` +
  `fetching and parsing the listings, building the index)`,
  `<div id="w" data-kt-widget="material-finder" data-kt-src="bench-listings.json"></div>`, ".kt-result");
await measure("self-assessment first step (includes wasm compile + instantiate, fetching and reading the built-in questionnaire)",
  `<div id="w" data-kt-widget="self-assessment" data-kt-eager></div>`, ".kt-sa-step-heading");
