/*! Kiertokit loader — finds widget placeholders, mounts each into its own shadow root. MIT OR Apache-2.0 */
(function () {
  "use strict";
  // Double inclusion (two script tags, SPA re-render) must not define things twice.
  if (window.Kiertokit && window.Kiertokit.version) return;

  var VERSION = "0.1.0";
  var script = document.currentScript;
  var base = new URL(".", script && script.src ? script.src : location.href);
  // Widget name → its mount export and its own module (stem of the .js/.wasm/.css files).
  var WIDGETS = {
    "self-assessment": ["mountSelfAssessment", "kiertokit-self-assessment"],
    "material-finder": ["mountMaterialFinder", "kiertokit-finder"],
    "impact-calculator": ["mountImpactCalculator", "kiertokit-impact-calculator"],
    "application-check": ["mountApplicationCheck", "kiertokit-application-check"],
    "review-board": ["mountReviewBoard", "kiertokit-review-board"],
    "directory": ["mountDirectory", "kiertokit-directory"],
    "closing-survey": ["mountClosingSurvey", "kiertokit-closing-survey"],
    "situational-picture": ["mountSituationalPicture", "kiertokit-situational-picture"],
    "coordinator-workbench": ["mountCoordinatorWorkbench", "kiertokit-coordinator-workbench"]
  };
  // The day the demo listings (sample-listings.json) were written for: they move with today.
  var SAMPLE_AS_OF = "2025-06-01";
  // The module with every widget.
  var FULL = "kiertokit";
  // Filled in by `cargo xtask build`: file → subresource-integrity hash, module → wasm bytes (brotli).
  var INTEGRITY = {};
  var SIZES = {};
  // Widgets whose data-kt-src is read once at mount through Host::fetch_src.
  var PREFETCH = { "material-finder": 1, "self-assessment": 1, "application-check": 1, "directory": 1 };
  // The directory's demo entries per data-kt-kind, shipped beside the loader.
  var DIRECTORY_SAMPLES = { experts: "sample-experts.json", funding: "sample-funding.json", companies: "sample-companies.json" };
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
  var inView = [];

  function url(file) { return new URL(file, base).href; }

  // What the loader fetches is checked against the hashes the build printed (when it has them).
  function verified(file) {
    return INTEGRITY[file] ? { integrity: INTEGRITY[file] } : undefined;
  }

  // A fetch that checks any file of this release beside the loader (data, labels, questionnaire);
  // widgets fetch through it too, so partner URLs pass unchanged.
  function fetchChecked(address) {
    var absolute = new URL(address, document.baseURI).href;
    var prefix = url("");
    var own = absolute.indexOf(prefix) === 0 ? absolute.slice(prefix.length) : null;
    return fetch(address, own && own.indexOf("/") < 0 ? verified(own) : undefined);
  }

  function wasm(stem) {
    if (!modules[stem]) {
      var glue = stem + ".js";
      if (INTEGRITY[glue]) {
        // The module map keeps this verified fetch; the import below uses it instead of a new one.
        var preload = document.createElement("link");
        preload.rel = "modulepreload";
        preload.href = url(glue);
        preload.integrity = INTEGRITY[glue];
        document.head.appendChild(preload);
      }
      var promise = import(url(glue)).then(function (m) {
        var bytes = fetch(url(stem + "_bg.wasm"), verified(stem + "_bg.wasm"));
        return m.default({ module_or_path: bytes }).then(function () { return m; });
      });
      modules[stem] = promise;
      // A failed load may be transient (network); let the next mount try again.
      promise.catch(function () { if (modules[stem] === promise) delete modules[stem]; });
    }
    return modules[stem];
  }

  // Widget types on the page now (placeholders and <kt-*> elements).
  function pageWidgets() {
    var found = {};
    Object.keys(WIDGETS).forEach(function (name) {
      if (document.querySelector('[data-kt-widget="' + name + '"],kt-' + name)) found[name] = 1;
    });
    return Object.keys(found);
  }

  // The smallest download that covers the page: one module per widget type, or the full module
  // when that is smaller than those together; a module already loading is always reused.
  function moduleFor(name) {
    var own = WIDGETS[name][1];
    if (modules[own]) return own;
    if (modules[FULL]) return FULL;
    var types = pageWidgets();
    if (types.indexOf(name) < 0) types.push(name);
    if (types.length < 2) return own;
    var separate = 0;
    for (var i = 0; i < types.length; i++) {
      var size = SIZES[WIDGETS[types[i]][1]];
      if (!size) return FULL;
      separate += size;
    }
    return SIZES[FULL] && SIZES[FULL] < separate ? FULL : own;
  }

  // Modules are chosen once the page is parsed, so every widget of the page is seen first.
  function whenParsed() {
    if (document.readyState !== "loading") return Promise.resolve();
    return new Promise(function (resolve) {
      document.addEventListener("DOMContentLoaded", resolve, { once: true });
    });
  }

  // A widget below the fold starts when it nears the viewport or the browser is idle, whichever
  // comes first; one in view, one with data-kt-eager, or one mounted through the API starts now.
  function whenNeeded(el, eager) {
    if (eager || el.hasAttribute("data-kt-eager") || !("IntersectionObserver" in window)) {
      return null;
    }
    var box = el.getBoundingClientRect();
    if (box.top < innerHeight + 200 && box.bottom > -200) return null;
    return new Promise(function (resolve) {
      var done = false;
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) start();
      }, { rootMargin: "200px" });
      function start() {
        if (done) return;
        done = true;
        observer.disconnect();
        resolve();
      }
      observer.observe(el);
      // Idle only after the widgets in view are up, so they never share the network with it.
      var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 1500); };
      whenParsed().then(function () { return Promise.all(inView); }).then(function () {
        idle(start, { timeout: 4000 });
      });
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

  function mount(el, options, lazy) {
    options = options || {};
    var existing = mounted.get(el);
    if (existing) return existing.ready;
    var name = widgetName(el, options);
    var config = readConfig(el, options);
    // Demo listings ship beside the loader, not inside the module.
    if (name === "material-finder" && config.sample && !config.src && config.inlineData == null) {
      config.src = url("sample-listings.json");
      if (!config.datesAsOf) config.datesAsOf = SAMPLE_AS_OF;
    }
    // The waste codes' labels ship beside the loader; the finder fetches them when first needed.
    if (name === "material-finder" && !config.ewcLabels) config.ewcLabels = url("ewc-labels.json");
    // The built-in questionnaire ships beside the loader, not inside the module.
    if (name === "self-assessment" && !config.src && config.inlineData == null) {
      config.src = url("questionnaire.json");
    }
    if (name === "directory" && config.sample && !config.src && config.inlineData == null) {
      var file = Object.prototype.hasOwnProperty.call(DIRECTORY_SAMPLES, config.kind) ? DIRECTORY_SAMPLES[config.kind] : DIRECTORY_SAMPLES.experts;
      config.src = url(file);
    }
    var root = el.shadowRoot || el.attachShadow({ mode: "open" });
    var style = document.createElement("link");
    style.rel = "stylesheet";
    var known = WIDGETS[name];
    style.href = url((known ? known[1] : FULL) + ".css");
    if (known && INTEGRITY[known[1] + ".css"]) {
      style.integrity = INTEGRITY[known[1] + ".css"];
      style.crossOrigin = "anonymous";
    }
    var container = document.createElement("div");
    container.className = "kt-root";
    container.setAttribute("lang", config.lang);
    root.replaceChildren(style, container);
    var entry = { handle: null, container: container, lang: config.lang };
    mounted.set(el, entry);
    if (!known) {
      showError(container, config.lang, MESSAGES[config.lang].unknown + ": " + name);
      emit(el, "error", { kind: "unknown-widget", widget: name });
      entry.ready = Promise.resolve();
      return entry.ready;
    }
    // The data downloads while the module does (below the fold: once the widget starts); the
    // widget takes the response over.
    function prefetch() {
      if (!PREFETCH[name] || typeof config.src !== "string" || !config.src) return;
      var early = fetchChecked(config.src);
      early.catch(function () {});
      el.__ktPrefetch = { url: config.src, response: early };
    }
    var later = whenNeeded(el, !lazy);
    if (later) later.then(prefetch); else prefetch();
    entry.ready = Promise.all([whenParsed(), later]).then(function () {
      entry.module = moduleFor(name);
      config.module = entry.module;
      return wasm(entry.module);
    }).then(function (m) {
      if (mounted.get(el) !== entry) return;
      entry.handle = m[known[0]](container, el, config);
    }).catch(function (err) {
      var message = String(err && err.message || err);
      var blocked = /Content Security Policy|wasm-unsafe-eval|unsafe-eval/i.test(message);
      var lang = MESSAGES[config.lang] ? config.lang : "en";
      showError(container, lang, blocked ? MESSAGES[lang].csp : MESSAGES[lang].failed);
      emit(el, "error", { kind: blocked ? "csp" : "load", message: message });
    });
    // Settled (mounted or failed) widgets that started at once; lazy ones wait for these.
    if (!later) inView.push(entry.ready.catch(function () {}));
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
    return Promise.all(Array.prototype.map.call(found, function (el) { return mount(el, null, true); }));
  }

  Object.keys(WIDGETS).forEach(function (name) {
    var tag = "kt-" + name;
    if (customElements.get(tag)) return;
    customElements.define(tag, class extends HTMLElement {
      connectedCallback() { mount(this, null, true); }
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
        if (node.hasAttribute("data-kt-widget")) mount(node, null, true);
        load(node);
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  // Called by a module's panic hook before it aborts: no widget of that module can respond any
  // more; each says so and its host gets kt:error (widgets of another module go on).
  function panicked(message, module) {
    mounted.forEach(function (entry, el) {
      if (module && entry.module && entry.module !== module) return;
      var lang = MESSAGES[entry.lang] ? entry.lang : "en";
      entry.handle = null;
      showError(entry.container, lang, MESSAGES[lang].internal);
      emit(el, "error", { kind: "internal", message: String(message) });
    });
  }

  window.Kiertokit = { version: VERSION, mount: mount, unmount: unmount, load: load, __panic: panicked, __fetch: fetchChecked };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { load(); });
  } else {
    load();
  }
})();
