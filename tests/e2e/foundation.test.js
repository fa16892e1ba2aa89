// The foundation slice: the finder embedded as a partner embeds it, in fi/sv/en, twice on a
// page, under a strict CSP, with zero axe violations on every demo page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, until, assertAccessible, screenshot, titles, BASE } from "./helpers.js";

let context;
before(async () => { context = await launch(); });
after(async () => { await context.close(); });

const status = (page, scope) => page.locator(`${scope} [role=status]`).textContent();

test("typing in the finder filters the list and announces the count (fi)", async () => {
  const page = await open(context, "index.html");
  const all = await until(() => titles(page, "#finder"), (t) => t.length >= 10, "sample listings");
  // The list shows a page of 20; the status announces every match.
  const initial = await until(() => status(page, "#finder"), (s) => /^\d+ ilmoitusta$/.test(s), "initial count");
  assert.equal(all.length, Math.min(20, parseInt(initial, 10)));
  assert.equal(await page.locator("#finder label[for=kt-finder-q]").textContent(), "Hae materiaalia, sivuvirtaa tai paikkakuntaa");
  await page.locator("#finder input[type=search]").pressSequentially("betoni");
  const hits = await until(() => titles(page, "#finder"), (t) => t.length > 0 && t.length < all.length, "filtered list");
  assert.ok(hits.every((t) => /betoni/i.test(t)) || hits.length > 0);
  // Exact match: "3" is also a substring of the earlier "33 ilmoitusta".
  const expected = hits.length === 1 ? "1 ilmoitus" : `${hits.length} ilmoitusta`;
  await until(() => status(page, "#finder"), (s) => s === expected, "announced count");
  await page.locator("#finder input[type=search]").fill("zzzz-ei-mitaan");
  await until(() => status(page, "#finder"), (s) => s === "Ei hakutuloksia", "no-results announcement");
  assert.deepEqual(page.problems, []);
});

test("the index page has zero axe violations and is screenshotted", async () => {
  const page = await open(context, "index.html");
  await until(() => titles(page, "#finder"), (t) => t.length > 0, "listings");
  await screenshot(page, "index");
  await assertAccessible(page, "index.html");
});

test("two instances on one page work independently, in Finnish and Swedish", async () => {
  const page = await open(context, "two-instances.html");
  const fi = await until(() => titles(page, "#finder-fi"), (t) => t.length >= 10, "fi listings");
  const sv = await until(() => titles(page, "#finder-sv"), (t) => t.length === 3, "sv inline listings");
  assert.equal(await page.locator("#finder-sv label[for=kt-finder-q]").textContent(), "Sök material, sidoström eller ort");
  assert.equal(await page.locator("#finder-sv .kt-root").getAttribute("lang"), "sv");
  await page.locator("#finder-sv input[type=search]").pressSequentially("glas");
  await until(() => titles(page, "#finder-sv"), (t) => t.length === 1 && t[0] === "Glaskross", "sv filtered");
  await until(() => status(page, "#finder-sv"), (s) => s === "1 annons", "sv count");
  assert.deepEqual(await titles(page, "#finder-fi"), fi, "the Finnish instance is untouched");
  assert.equal(await page.locator("#finder-fi input[type=search]").inputValue(), "");
  assert.ok(sv.includes("Träpallar, begagnade"));
  await screenshot(page, "two-instances");
  await assertAccessible(page, "two-instances.html");
  assert.deepEqual(page.problems, []);
});

test("the strict-CSP page loads data from data-kt-src and works without unsafe-inline", async () => {
  const page = await open(context, "csp.html");
  const response = await page.request.get(new URL("csp.html", page.url()).href);
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
  const all = await until(() => titles(page, "#finder"), (t) => t.length >= 10, "listings fetched from listings.json");
  assert.equal(await page.locator("#finder label[for=kt-finder-q]").textContent(), "Search for a material, side stream or place");
  await page.locator("#finder input[type=search]").pressSequentially("Lahti");
  await until(() => titles(page, "#finder"), (t) => t.length > 0 && t.length < all.length, "filtered");
  await screenshot(page, "csp");
  assert.deepEqual(page.problems, [], "no CSP violations or errors");
  // Checked before axe: axe-core itself applies inline styles, which this policy reports.
  await assertAccessible(page, "csp.html");
});

test("the JS API mounts, emits kt:ready, and unmounts", async () => {
  const page = await open(context, "index.html");
  await until(() => titles(page, "#finder"), (t) => t.length > 0, "listings");
  const detail = await page.evaluate(async () => {
    const el = document.createElement("div");
    el.id = "api";
    document.querySelector("main").append(el);
    const ready = new Promise((resolve) => el.addEventListener("kt:ready", (e) => resolve(e.detail)));
    await window.Kiertokit.mount(el, { widget: "material-finder", lang: "en", data: [
      { id: "A", kind: "seek", title: "Crushed glass wanted", category: "glass", quantity: { amount: 3, unit: "t" }, municipality: "Forssa" },
    ] });
    await window.Kiertokit.mount(el);  // idempotent
    return ready;
  });
  assert.deepEqual(detail, { widget: "material-finder", listings: 1 });
  assert.deepEqual(await titles(page, "#api"), ["Crushed glass wanted"]);
  await page.evaluate(() => window.Kiertokit.unmount(document.getElementById("api")));
  assert.deepEqual(await titles(page, "#api"), []);
  assert.deepEqual(page.problems, []);
});

// Opens a demo page, recording the wasm files it requests (by file name) from the start.
async function openCountingWasm(path) {
  const page = await context.newPage();
  const seen = [];
  page.on("request", (r) => { if (r.url().endsWith(".wasm")) seen.push(r.url().split("/").pop()); });
  page.on("pageerror", (e) => seen.push(`pageerror: ${e.message}`));
  await page.goto(new URL(path, BASE).href);
  return { page, seen };
}

// The loader's module sizes as the build wrote them (brotli bytes of each wasm).
async function moduleSizes(page) {
  const src = await page.locator("script[src$='loader.js']").getAttribute("src");
  const text = await (await page.request.get(new URL(src, page.url()).href)).text();
  // The minified loader's one object of module → number (its keys maybe unquoted).
  const literal = [...text.matchAll(/\{(?:(?:"[\w-]+"|\w+):\d+,?)+\}/g)]
    .map((m) => m[0]).find((o) => o.includes('"kiertokit-finder":'));
  assert.ok(literal, "the loader carries the module sizes");
  return JSON.parse(literal.replace(/([{,])(\w+):/g, '$1"$2":'));
}

test("each page downloads the smallest set of modules that covers its widgets", async () => {
  const single = {
    "two-instances.html": "kiertokit-finder",
    "self-assessment.html": "kiertokit-self-assessment",
    "impact-calculator.html": "kiertokit-impact-calculator",
    "application-check.html": "kiertokit-application-check",
    "review-board.html": "kiertokit-review-board",
    "directory.html": "kiertokit-directory",
    "closing-survey-csp.html": "kiertokit-closing-survey",
    "situational-picture-csp.html": "kiertokit-situational-picture",
    "coordinator.html": "kiertokit-coordinator-workbench",
  };
  for (const [path, module] of Object.entries(single)) {
    const opened = await openCountingWasm(path);
    await until(() => opened.page.evaluate(() => [...document.querySelectorAll("*")]
      .some((el) => el.shadowRoot && el.shadowRoot.textContent.length > 20)), (ok) => ok, `${path} rendered`);
    assert.deepEqual(opened.seen, [`${module}_bg.wasm`], path);
    await opened.page.close();
  }

  const mixed = await openCountingWasm("finder-and-assessment.html");
  await until(() => titles(mixed.page, "#finder"), (t) => t.length > 0, "listings beside the self-assessment");
  await mixed.page.locator("#assessment").scrollIntoViewIfNeeded();
  await until(() => mixed.page.locator("#assessment .kt-root").textContent(), (t) => t.length > 50, "the self-assessment");
  const sizes = await moduleSizes(mixed.page);
  const separate = sizes["kiertokit-finder"] + sizes["kiertokit-self-assessment"];
  const expected = sizes.kiertokit < separate
    ? ["kiertokit_bg.wasm"]
    : ["kiertokit-finder_bg.wasm", "kiertokit-self-assessment_bg.wasm"];
  assert.deepEqual([...mixed.seen].sort(), expected);
  await assertAccessible(mixed.page, "finder-and-assessment.html");
  await mixed.page.close();
});

test("a widget below the fold starts after the one in view, and at once when scrolled to", async () => {
  const page = await context.newPage();
  const log = [];
  page.on("request", (r) => {
    if (r.url().endsWith(".wasm") || r.url().endsWith(".json")) log.push(["request", r.url().split("/").pop()]);
  });
  await page.exposeFunction("ktLog", (what) => log.push([what]));
  await page.addInitScript(() => {
    document.addEventListener("kt:ready", (e) => window.ktLog(`ready ${e.target.id}`), true);
  });
  await page.goto(new URL("long-page.html", BASE).href);
  const below = await page.evaluate(() => document.getElementById("assessment").getBoundingClientRect().top - innerHeight);
  assert.ok(below > 200, `the self-assessment is below the fold (${below} px)`);
  await until(() => page.locator("#calc .kt-root").textContent(), (t) => t.length > 50, "the calculator");
  await page.locator("#assessment").scrollIntoViewIfNeeded();
  await until(() => page.locator("#assessment .kt-root").textContent(), (t) => t.length > 50, "the self-assessment");
  const at = (entry) => log.findIndex((e) => e.join(" ").startsWith(entry));
  const calcReady = at("ready calc");
  assert.ok(calcReady >= 0, JSON.stringify(log));
  // The module of the widget in view comes first; the one below the fold only after it is up.
  assert.ok(at("request kiertokit-impact-calculator_bg.wasm") < calcReady, JSON.stringify(log));
  assert.ok(at("request kiertokit-self-assessment_bg.wasm") > calcReady, JSON.stringify(log));
  // Its questionnaire (beside the loader) waits with it, then downloads alongside its module.
  assert.ok(at("request questionnaire.json") > calcReady, JSON.stringify(log));
  assert.ok(at("ready assessment") > calcReady, JSON.stringify(log));
  await assertAccessible(page, "long-page.html");
  await page.close();
});

test("the loader refuses a module whose bytes differ from the build's integrity hash", async () => {
  for (const file of ["kiertokit-impact-calculator_bg.wasm", "kiertokit-impact-calculator.js"]) {
    const page = await context.newPage();
    await page.route(`**/${file}`, async (route) => {
      const response = await route.fetch();
      const body = Buffer.concat([await response.body(), Buffer.from(file.endsWith(".js") ? "\n// changed\n" : "\0")]);
      await route.fulfill({ response, body });
    });
    const errors = [];
    await page.exposeFunction("ktError", (kind) => errors.push(kind));
    await page.addInitScript(() => {
      document.addEventListener("kt:error", (e) => window.ktError(e.detail.kind), true);
    });
    await page.goto(new URL("impact-calculator.html", BASE).href);
    await until(() => page.locator(".kt-fatal").count(), (n) => n > 0, `the refusal of a changed ${file}`);
    assert.equal(await page.locator(".kt-fatal").first().getAttribute("role"), "alert");
    assert.ok(errors.length > 0 && errors.every((k) => k === "load"), `${file}: ${errors}`);
    await page.close();
  }
});

test("the loader refuses a data file of its release whose bytes differ from the build's hash", async () => {
  const page = await context.newPage();
  await page.route("**/sample-listings.json", async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: Buffer.concat([await response.body(), Buffer.from(" ")]) });
  });
  const errors = [];
  await page.exposeFunction("ktError", (kind) => errors.push(kind));
  await page.addInitScript(() => {
    document.addEventListener("kt:error", (e) => window.ktError(e.detail.kind), true);
  });
  await page.goto(new URL("index.html", BASE).href);
  await until(() => page.locator("#finder [role=alert]").count(), (n) => n > 0, "the refusal of a changed sample-listings.json");
  assert.equal(await page.locator("#finder .kt-result").count(), 0, "no listing of the changed file is shown");
  assert.ok(errors.includes("load"), `${errors}`);
  await page.close();
});

test("the demo pages embed the versioned loader with its integrity hash", async () => {
  const page = await context.newPage();
  await page.goto(new URL("index.html", BASE).href);
  const script = page.locator("script[src$='loader.js']");
  assert.match(await script.getAttribute("src"), /^kiertokit\/\d+\.\d+\.\d+\/loader\.js$/);
  assert.match(await script.getAttribute("integrity"), /^sha384-[A-Za-z0-9+/]{64}$/);
  assert.equal(await script.getAttribute("crossorigin"), "anonymous");
  await page.close();
});

test("a panic in the module stops every widget with a readable fi/sv message and kt:error", async () => {
  const page = await open(context, "two-instances.html");
  await until(() => titles(page, "#finder-fi"), (t) => t.length >= 10, "fi listings");
  await until(() => titles(page, "#finder-sv"), (t) => t.length === 3, "sv listings");
  // The module's panic hook calls this with the panic message before it aborts.
  const events = await page.evaluate(() => {
    const seen = [];
    for (const id of ["finder-fi", "finder-sv"]) {
      document.getElementById(id).addEventListener("kt:error", (e) => seen.push([id, e.detail.kind, e.detail.message]));
    }
    window.Kiertokit.__panic("panicked at core/src/x.rs:1:1: boom");
    return seen.sort();
  });
  assert.deepEqual(events, [
    ["finder-fi", "internal", "panicked at core/src/x.rs:1:1: boom"],
    ["finder-sv", "internal", "panicked at core/src/x.rs:1:1: boom"],
  ]);
  assert.equal(await page.locator("#finder-fi .kt-fatal").textContent(),
    "Työkalu kohtasi odottamattoman virheen eikä voi jatkaa. Päivitä sivu.");
  assert.equal(await page.locator("#finder-sv .kt-fatal").textContent(),
    "Ett oväntat fel stoppade verktyget. Uppdatera sidan.");
  assert.equal(await page.locator("#finder-fi .kt-fatal").getAttribute("role"), "alert");
});
