// Peer search benchmark, run by `cargo xtask bench` (node --expose-gc bench.mjs <root>).
// One Node process, the same generated listings (target/bench/listings-<n>.json, written by the
// native half) and the same queries (the labelled queries of tests/fixtures/matching/relevance.json)
// for every engine: our wasm search (dist/), minisearch, flexsearch, fuse.js, @orama/orama and
// lunr with lunr-languages Finnish. Prints build time, heap + external memory delta after gc,
// query p50/p95 and nDCG@10 on the labelled fixture listings. Figures only; nothing is asserted.

import { readFileSync, existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import MiniSearch from "minisearch";
import { Index as FlexIndex } from "flexsearch";
import Fuse from "fuse.js";
import { create, insertMultiple, search as oramaSearch } from "@orama/orama";

const require = createRequire(import.meta.url);
const lunr = require("lunr");
require("lunr-languages/lunr.stemmer.support")(lunr);
require("lunr-languages/lunr.fi")(lunr);

const root = resolve(process.argv[2] ?? join(import.meta.dirname, "..", ".."));
// dist/kiertokit/<version>/ holds the modules (`cargo xtask build` lays it out so).
const dist = join(root, "dist", "kiertokit", readdirSync(join(root, "dist", "kiertokit"))[0]);
const sizes = (process.env.KT_BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
const LIMIT = 10;
// Slow engines get fewer rounds: stop repeating a size after this many ms of queries.
const QUERY_BUDGET_MS = Number(process.env.KT_BENCH_BUDGET_MS ?? 20000);

const { default: init, SearchIndex } = await import(join(dist, "kiertokit.js"));
await init({ module_or_path: readFileSync(join(dist, "kiertokit_bg.wasm")) });

const relevance = JSON.parse(readFileSync(join(root, "tests/fixtures/matching/relevance.json"), "utf8"));
const fixtureText = readFileSync(join(root, "tests/fixtures/matching/listings.json"), "utf8");
const queries = relevance.search.map((q) => q.query);

/** The text every peer indexes: the same fields our index reads. */
function doc(l, i) {
  return {
    id: i,
    title: l.title ?? "",
    description: l.description ?? "",
    category: l.category ?? "",
    place: [l.municipality, l.organisation].filter(Boolean).join(" "),
    ewc: l.ewc ?? "",
  };
}
const FIELDS = ["title", "description", "category", "place", "ewc"];
const plain = (q) => q.replace(/[^\p{L}\p{N}\s]/gu, " ").trim();

/** Each engine: build(listings, jsonText) -> handle; query(handle, text) -> positions (best first). */
const engines = [
  {
    name: "kiertokit (wasm)",
    build: (_listings, json) => new SearchIndex(json),
    query: (ix, q) => Array.from(ix.search(q, LIMIT)),
  },
  {
    name: "minisearch",
    build: (listings) => {
      const ms = new MiniSearch({
        fields: FIELDS,
        searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 2 } },
      });
      ms.addAll(listings.map(doc));
      return ms;
    },
    query: (ms, q) => ms.search(q).slice(0, LIMIT).map((r) => r.id),
  },
  {
    name: "flexsearch",
    build: (listings) => {
      const ix = new FlexIndex({ tokenize: "forward", encoder: "LatinBalance", resolution: 9 });
      listings.forEach((l, i) => {
        const d = doc(l, i);
        ix.add(i, FIELDS.map((f) => d[f]).join(" "));
      });
      return ix;
    },
    query: (ix, q) => ix.search(q, { limit: LIMIT, suggest: true }),
  },
  {
    name: "fuse.js",
    build: (listings) =>
      new Fuse(listings.map(doc), {
        keys: [{ name: "title", weight: 2 }, "description", "category", "place", "ewc"],
        threshold: 0.4,
        ignoreLocation: true,
      }),
    query: (f, q) => f.search(q, { limit: LIMIT }).map((r) => r.item.id),
  },
  {
    name: "@orama/orama",
    build: (listings) => {
      const db = create({
        schema: { title: "string", description: "string", category: "string", place: "string", ewc: "string" },
      });
      insertMultiple(db, listings.map((l, i) => ({ ...doc(l, i), id: String(i) })), 5000);
      return db;
    },
    query: (db, q) => {
      const r = oramaSearch(db, { term: q, limit: LIMIT, tolerance: 1, boost: { title: 2 } });
      return r.hits.map((h) => Number(h.id));
    },
  },
  {
    name: "lunr + fi",
    build: (listings) =>
      lunr(function () {
        this.use(lunr.fi);
        this.ref("id");
        this.field("title", { boost: 2 });
        for (const f of FIELDS.slice(1)) this.field(f);
        listings.forEach((l, i) => this.add(doc(l, i)));
      }),
    query: (ix, q) => {
      const text = plain(q);
      if (!text) return [];
      try {
        return ix.search(text).slice(0, LIMIT).map((r) => Number(r.ref));
      } catch {
        return [];
      }
    },
  },
];

// KT_BENCH_ENGINES=kiertokit,minisearch runs a subset (names matched by prefix).
const only = (process.env.KT_BENCH_ENGINES ?? "").split(",").filter(Boolean);
const selected = only.length ? engines.filter((e) => only.some((o) => e.name.startsWith(o))) : engines;

function memory() {
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

function dcg(gains) {
  return gains.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
}

function ndcg(ranked, labels, k) {
  const gains = ranked.slice(0, k).map((id) => labels[id] ?? 0);
  const ideal = Object.values(labels).sort((a, b) => b - a).slice(0, k);
  const best = dcg(ideal);
  return best === 0 ? 0 : dcg(gains) / best;
}

/** nDCG@10 on the labelled fixture set. Peers index only open listings (ours hides closed ones). */
function relevanceOf(engine) {
  const file = JSON.parse(fixtureText);
  const all = Array.isArray(file) ? file : file.listings;
  const open = all.filter((l) => (l.status ?? "open") === "open");
  const ours = engine.name.startsWith("kiertokit");
  const listings = ours ? all : open;
  const handle = engine.build(listings, JSON.stringify({ version: 1, listings }));
  let total = 0;
  for (const q of relevance.search) {
    const ranked = engine.query(handle, q.query).map((p) => listings[p]?.id);
    total += ndcg(ranked, q.relevant, 10);
  }
  return total / relevance.search.length;
}

const results = [];
for (const engine of selected) {
  const row = { engine: engine.name, ndcg: relevanceOf(engine), sizes: {} };
  for (const n of sizes) {
    const path = join(root, "target", "bench", `listings-${n}.json`);
    if (!existsSync(path)) {
      console.error(`missing ${path}: run the native half first (cargo xtask bench)`);
      process.exit(1);
    }
    const json = readFileSync(path, "utf8");
    const listings = JSON.parse(json).listings;
    const before = memory();
    const t0 = performance.now();
    let handle = engine.build(listings, json);
    const build = performance.now() - t0;
    const mem = memory() - before;
    engine.query(handle, queries[0]);
    const times = [];
    const started = performance.now();
    rounds: for (let round = 0; round < 5; round++) {
      for (const q of queries) {
        const t = performance.now();
        engine.query(handle, q);
        times.push(performance.now() - t);
        if (times.length >= 10 && performance.now() - started > QUERY_BUDGET_MS) break rounds;
      }
    }
    times.sort((a, b) => a - b);
    row.sizes[n] = { build, mem, p50: pct(times, 50), p95: pct(times, 95), runs: times.length };
    console.log(
      `${engine.name.padEnd(18)} n=${String(n).padStart(6)}  build ${build.toFixed(1).padStart(9)} ms  ` +
        `mem ${(mem / 1048576).toFixed(1).padStart(7)} MB  p50 ${pct(times, 50).toFixed(3).padStart(8)} ms  ` +
        `p95 ${pct(times, 95).toFixed(3).padStart(8)} ms  (${times.length} queries)`,
    );
    handle.free?.();
    handle = null;
  }
  console.log(`${engine.name.padEnd(18)} nDCG@10 on the labelled fixtures: ${row.ndcg.toFixed(3)}`);
  results.push(row);
}

// Markdown table for the README.
const head = ["engine", "nDCG@10"];
for (const n of sizes) head.push(`build ${n}`, `mem ${n}`, `p50 ${n}`, `p95 ${n}`);
console.log("\n| " + head.join(" | ") + " |");
console.log("|" + head.map(() => "---").join("|") + "|");
for (const r of results) {
  const cells = [r.engine, r.ndcg.toFixed(3)];
  for (const n of sizes) {
    const s = r.sizes[n];
    cells.push(`${s.build.toFixed(0)} ms`, `${(s.mem / 1048576).toFixed(1)} MB`, `${s.p50.toFixed(3)} ms`, `${s.p95.toFixed(3)} ms`);
  }
  console.log("| " + cells.join(" | ") + " |");
}
const ours = results.find((r) => r.engine.startsWith("kiertokit"));
const mini = results.find((r) => r.engine === "minisearch");
const big = sizes[sizes.length - 1];
if (ours && mini) {
  const ratio = ours.sizes[big].p50 / mini.sizes[big].p50;
  const bestPeer = Math.max(...results.filter((r) => r !== ours).map((r) => r.ndcg));
  console.log(
    `\ntarget: p50 at ${big} ≤ half of minisearch's: ${ratio.toFixed(2)}× minisearch (${ratio <= 0.5 ? "met" : "missed"}); ` +
      `nDCG@10 ${ours.ndcg.toFixed(3)} vs best peer ${bestPeer.toFixed(3)} (${ours.ndcg > bestPeer ? "met" : "missed"})`,
  );
}
