/*! Kiertokit loader — finds widget placeholders, mounts each into its own shadow root. MIT OR Apache-2.0 */
(function () {
  "use strict";
  // Double inclusion (two script tags, SPA re-render) must not define things twice.
  if (window.Kiertokit && window.Kiertokit.version) return;

  var VERSION = "0.1.0";
  var script = document.currentScript;
  var base = new URL(".", script && script.src ? script.src : location.href);
  var WIDGETS = {
    "self-assessment": "mountSelfAssessment",
    "material-finder": "mountMaterialFinder",
    "impact-calculator": "mountImpactCalculator",
    "application-check": "mountApplicationCheck",
    "review-board": "mountReviewBoard",
    "closing-survey": "mountClosingSurvey",
    "situational-picture": "mountSituationalPicture"
  };
  // Widgets whose data-kt-src is read once at mount through Host::fetch_src.
  var PREFETCH = { "material-finder": 1, "self-assessment": 1, "application-check": 1 };
  var MESSAGES = {
    fi: {
      csp: "Sivuston tietoturva-asetukset (Content-Security-Policy) estävät WebAssemblyn. Ylläpitäjä: lisää script-src-kohtaan 'wasm-unsafe-eval'.",
      failed: "Työkalun lataaminen epäonnistui. Päivitä sivu tai yritä myöhemmin uudelleen.",
      internal: "Työkalu kohtasi odottamattoman virheen eikä voi jatkaa. Päivitä sivu.",
      unknown: "Tuntematon työkalu"
    },
    sv: {
      csp: "Webbplatsens säkerhetsinställningar (Content-Security-Policy) blockerar WebAssembly. Administratör: lägg till 'wasm-unsafe-eval' i script-src.",
      failed: "Verktyget kunde inte laddas. Uppdatera sidan eller försök igen senare.",
      internal: "Ett oväntat fel stoppade verktyget. Uppdatera sidan.",
      unknown: "Okänt verktyg"
    },
    en: {
      csp: "This site's Content-Security-Policy blocks WebAssembly. Site administrator: add 'wasm-unsafe-eval' to script-src.",
      failed: "The tool could not be loaded. Reload the page or try again later.",
      internal: "An unexpected error stopped the tool. Reload the page.",
      unknown: "Unknown tool"
    }
  };

  var modules = {};
  var mounted = new Map();

  // Two builds of one crate: every widget, and the finder alone (a much smaller download).
  var FULL = "kiertokit";
  var FINDER_ONLY = "kiertokit-finder";
  var OTHER_WIDGETS = Object.keys(WIDGETS).filter(function (n) { return n !== "material-finder"; });
  var OTHERS_SELECTOR = OTHER_WIDGETS.map(function (n) {
    return '[data-kt-widget="' + n + '"],kt-' + n;
  }).join(",");

  function wasm(stem) {
    if (!modules[stem]) {
      var promise = import(new URL(stem + ".js", base).href).then(function (m) {
        return m.default({ module_or_path: new URL(stem + "_bg.wasm", base) }).then(function () {
          return m;
        });
      });
      modules[stem] = promise;
      // A failed load may be transient (network); let the next mount try again.
      promise.catch(function () { if (modules[stem] === promise) delete modules[stem]; });
    }
    return modules[stem];
  }

  // A page whose widgets are all finders gets the small module; any other widget means the full one.
  function moduleFor(name) {
    if (name !== "material-finder" || modules[FULL] || document.querySelector(OTHERS_SELECTOR)) {
      return FULL;
    }
    return FINDER_ONLY;
  }

  // Finders choose once the page is parsed, so a later widget on the same page is seen first.
  function whenParsed() {
    if (document.readyState !== "loading") return Promise.resolve();
    return new Promise(function (resolve) {
      document.addEventListener("DOMContentLoaded", resolve, { once: true });
    });
  }

  function pickLang(tag) {
    var primary = String(tag || "").toLowerCase().split(/[-_]/)[0];
    return MESSAGES[primary] ? primary : null;
  }

  // Order: data-kt-lang, nearest lang attribute, <html lang>, the browser's languages, Finnish.
  function resolveLang(el, options) {
    var candidates = [options.lang, el.getAttribute("data-kt-lang")];
    var withLang = el.closest("[lang]");
    if (withLang) candidates.push(withLang.getAttribute("lang"));
    candidates.push(document.documentElement.getAttribute("lang"));
    candidates = candidates.concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < candidates.length; i++) {
      var lang = pickLang(candidates[i]);
      if (lang) return lang;
    }
    return "fi";
  }

  function widgetName(el, options) {
    if (options.widget) return options.widget;
    var name = el.getAttribute("data-kt-widget");
    if (name) return name;
    var tag = el.localName;
    return tag.indexOf("kt-") === 0 ? tag.slice(3) : "";
  }

  function readConfig(el, options) {
    var inline = el.querySelector(':scope > script[type="application/json"]');
    var config = {
      lang: resolveLang(el, options),
      inlineData: inline ? inline.textContent : null,
      src: el.getAttribute("data-kt-src"),
      sample: el.hasAttribute("data-kt-sample")
    };
    Object.keys(el.dataset).forEach(function (key) {
      // data-kt-foo-bar → fooBar for widget-specific options.
      if (key.indexOf("kt") === 0 && key.length > 2) {
        var name = key.charAt(2).toLowerCase() + key.slice(3);
        if (!(name in config)) config[name] = el.dataset[key];
      }
    });
    if (options.data !== undefined) {
      config.inlineData = typeof options.data === "string" ? options.data : JSON.stringify(options.data);
    }
    Object.keys(options).forEach(function (k) {
      if (k !== "data" && k !== "widget") config[k] = options[k];
    });
    return config;
  }

  function emit(el, name, detail) {
    el.dispatchEvent(new CustomEvent("kt:" + name, { bubbles: true, composed: true, detail: detail }));
  }

  function showError(container, lang, text) {
    var p = document.createElement("p");
    p.className = "kt-fatal";
    p.setAttribute("role", "alert");
    p.textContent = text;
    container.replaceChildren(p);
  }

  function mount(el, options) {
    options = options || {};
    var existing = mounted.get(el);
    if (existing) return existing.ready;
    var name = widgetName(el, options);
    var config = readConfig(el, options);
    // Demo listings ship beside the loader, not inside the module.
    if (name === "material-finder" && config.sample && !config.src && config.inlineData == null) {
      config.src = new URL("sample-listings.json", base).href;
    }
    var root = el.shadowRoot || el.attachShadow({ mode: "open" });
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("kiertokit.css", base).href;
    var container = document.createElement("div");
    container.className = "kt-root";
    container.setAttribute("lang", config.lang);
    root.replaceChildren(style, container);
    var entry = { handle: null, container: container, lang: config.lang };
    mounted.set(el, entry);
    var exportName = WIDGETS[name];
    if (!exportName) {
      showError(container, config.lang, MESSAGES[config.lang].unknown + ": " + name);
      emit(el, "error", { kind: "unknown-widget", widget: name });
      entry.ready = Promise.resolve();
      return entry.ready;
    }
    // The partner's data downloads while the module does; the widget takes the response over.
    if (PREFETCH[name] && typeof config.src === "string" && config.src) {
      var early = fetch(config.src);
      early.catch(function () {});
      el.__ktPrefetch = { url: config.src, response: early };
    }
    var parsed = name === "material-finder" ? whenParsed() : Promise.resolve();
    entry.ready = parsed.then(function () {
      return wasm(moduleFor(name));
    }).then(function (m) {
      if (mounted.get(el) !== entry) return;
      entry.handle = m[exportName](container, el, config);
    }).catch(function (err) {
      var message = String(err && err.message || err);
      var blocked = /Content Security Policy|wasm-unsafe-eval|unsafe-eval/i.test(message);
      var lang = MESSAGES[config.lang] ? config.lang : "en";
      showError(container, lang, blocked ? MESSAGES[lang].csp : MESSAGES[lang].failed);
      emit(el, "error", { kind: blocked ? "csp" : "load", message: message });
    });
    return entry.ready;
  }

  function unmount(el) {
    var entry = mounted.get(el);
    if (!entry) return;
    mounted.delete(el);
    if (entry.handle) {
      entry.handle.unmount();
      entry.handle.free();
    }
    if (el.shadowRoot) el.shadowRoot.replaceChildren();
  }

  function load(root) {
    var scope = root || document;
    var found = scope.querySelectorAll("[data-kt-widget]");
    return Promise.all(Array.prototype.map.call(found, function (el) { return mount(el); }));
  }

  Object.keys(WIDGETS).forEach(function (name) {
    var tag = "kt-" + name;
    if (customElements.get(tag)) return;
    customElements.define(tag, class extends HTMLElement {
      connectedCallback() { mount(this); }
      disconnectedCallback() {
        var el = this;
        // A move within the page disconnects and reconnects at once: unmount only real removals.
        queueMicrotask(function () { if (!el.isConnected) unmount(el); });
      }
    });
  });

  // Placeholders added or removed later (single-page apps) mount and unmount themselves.
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      r.removedNodes.forEach(function () {
        mounted.forEach(function (_, el) { if (!el.isConnected) unmount(el); });
      });
      r.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) return;
        if (node.hasAttribute("data-kt-widget")) mount(node);
        load(node);
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  // Called by the module's panic hook before it aborts: every widget of the page shares the
  // module, so none of them can respond any more; each says so and its host gets kt:error.
  function panicked(message) {
    mounted.forEach(function (entry, el) {
      var lang = MESSAGES[entry.lang] ? entry.lang : "en";
      entry.handle = null;
      showError(entry.container, lang, MESSAGES[lang].internal);
      emit(el, "error", { kind: "internal", message: String(message) });
    });
  }

  window.Kiertokit = { version: VERSION, mount: mount, unmount: unmount, load: load, __panic: panicked };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { load(); });
  } else {
    load();
  }
})();
