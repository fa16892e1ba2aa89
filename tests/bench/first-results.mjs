// Time from the wasm module being fetched to the finder's first results rendered, in headless
// Chromium, with 1,000 generated listings. A figure for the README, never a timed test.
// Usage: node first-results.mjs <base-url> <loader path under it> <listings.json> [runs]
import { launch } from "../e2e/helpers.js";
import { readFileSync } from "node:fs";

const [base, loaderPath, listingsPath, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 30);
const listings = readFileSync(listingsPath, "utf8");
const count = JSON.parse(listings).listings?.length ?? JSON.parse(listings).length;

// A partner-like page: the loader plus a placeholder whose data comes from data-kt-src.
const page = `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>bench</title>
<script src="${loaderPath}" defer></script></head><body><main>
<div id="f" data-kt-widget="material-finder" data-kt-src="bench-listings.json"></div>
</main></body></html>`;

// Runs in the page before any script: records when the first result appears in the shadow root.
const probe = () => {
  const poll = () => {
    const host = document.getElementById("f");
    const root = host && host.shadowRoot;
    if (root && root.querySelector(".kt-result")) {
      const wasm = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"));
      window.__firstResults = { rendered: performance.now(), wasmFetched: wasm ? wasm.responseEnd : NaN };
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
};

const context = await launch();
await context.route("**/bench-first.html", (r) => r.fulfill({ contentType: "text/html", body: page }));
await context.route("**/bench-listings.json", (r) => r.fulfill({ contentType: "application/json", body: listings }));
await context.addInitScript(probe);
const samples = [];
for (let i = 0; i < runs; i++) {
  const tab = await context.newPage();
  await tab.goto(new URL("bench-first.html", base).href);
  await tab.waitForFunction(() => window.__firstResults, null, { timeout: 30000 });
  const t = await tab.evaluate(() => window.__firstResults);
  samples.push(t.rendered - t.wasmFetched);
  await tab.close();
}
await context.close();
// The first load has no compiled-code cache yet, as on a visitor's first visit.
const cold = samples[0];
samples.sort((a, b) => a - b);
const pick = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
console.log(`finder first results (${count} listings, ${runs} page loads, headless Chromium): ` +
  `wasm fetched → first results rendered p50 ${pick(0.5).toFixed(1)} ms, p95 ${pick(0.95).toFixed(1)} ms, ` +
  `first (cold) load ${cold.toFixed(1)} ms ` +
  `(includes wasm compile + instantiate, fetching and parsing the listings, building the index)`);
