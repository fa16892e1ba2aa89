// Every widget in Finnish and Swedish on its demo page: the UI is in the page's language, no
// template placeholder or quota id leaks into the text, and a screenshot of each goes to docs/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { BASE, launch, until, assertAccessible } from "./helpers.js";

const DOCS_SHOTS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "docs", "screenshots");

let context;
before(async () => { context = await launch(); mkdirSync(DOCS_SHOTS, { recursive: true }); });
after(async () => { await context.close(); });

// `shot`: file stem under docs/screenshots (the finder's own test writes finder-fi/sv.png).
const WIDGETS = [
  { shot: null, page: "index.html", sel: "#finder",
    fi: "Materiaalihaku: etsi materiaaleja", sv: "Materialsök: sök material" },
  { shot: "self-assessment", page: "self-assessment.html", sel: "#assessment",
    fi: "Vaihe 1 (yhteensä", sv: "Steg 1 av" },
  { shot: "impact-calculator", page: "impact-calculator.html", sel: "#calc-fi",
    fi: "Vaikutuslaskuri", sv: "Effektkalkylator" },
  { shot: "application-check", page: "application-check.html", sel: "#check",
    fi: "Hakemuksen esitarkistus", sv: "Förhandskontroll av ansökan" },
  { shot: "review-board", page: "review-board.html", sel: "#board",
    fi: "Valittuja:", sv: "Valda:" },
  { shot: null, page: "closing-survey-csp.html", sel: "#survey-fi",
    fi: "Kerro, miten kävi", sv: "Berätta hur det gick" },
  { shot: null, page: "coordinator.html", sel: "#workbench",
    fi: "Symbioosikoordinaattorin työpöytä", sv: "Symbioskoordinatorns arbetsbord" },
];

/** The text inside a widget's shadow root. */
async function widgetText(page, sel) {
  return page.evaluate((s) => document.querySelector(s)?.shadowRoot?.textContent ?? "", sel);
}

/** Opens `path` with the page (and the widget) switched to `lang` before the loader runs. */
async function openIn(path, sel, lang) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.problems = problems;
  // "interactive" comes after parsing and before deferred scripts (the loader) run.
  await page.addInitScript(([l, s]) => {
    document.addEventListener("readystatechange", () => {
      if (document.readyState !== "interactive") return;
      document.documentElement.lang = l;
      document.querySelector(s)?.setAttribute("data-kt-lang", l);
    });
  }, [lang, sel]);
  await page.goto(new URL(path, BASE).href);
  return page;
}

for (const w of WIDGETS) {
  for (const lang of ["fi", "sv"]) {
    test(`${w.page} ${w.sel} speaks ${lang} without placeholders or ids`, async () => {
      const page = await openIn(w.page, w.sel, lang);
      const other = lang === "fi" ? w.sv : w.fi;
      const text = await until(() => widgetText(page, w.sel), (t) => t.includes(w[lang]), `${lang} text`, 20000);
      assert.ok(!text.includes(other), `no ${lang === "fi" ? "Swedish" : "Finnish"} chrome in ${lang}`);
      assert.doesNotMatch(text, /\{[a-z]+\}/, "every placeholder is filled");
      assert.doesNotMatch(text, /alueelliset-enintaan|lappi-vahintaan/, "no quota ids");
      if (lang === "sv") assert.doesNotMatch(text, /\d\s?kpl\b/, "no Finnish unit in Swedish");
      if (w.shot) {
        await page.locator(w.sel).screenshot({ path: join(DOCS_SHOTS, `${w.shot}-${lang}.png`), caret: "initial" });
      }
      assert.deepEqual(page.problems, [], "no page errors or CSP violations");
      // After the CSP check: injecting axe itself trips a strict style-src policy.
      if (lang === "sv") await assertAccessible(page, `${w.page} in Swedish`);
      await page.close();
    });
  }
}
