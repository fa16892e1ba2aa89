// Types of the Kiertokit loader's global API (window.Kiertokit).

export type WidgetName = "material-finder" | "self-assessment" | "impact-calculator" | "application-check" | "review-board" | "directory" | "closing-survey" | "situational-picture" | "coordinator-workbench";

export interface MountOptions {
  /** Widget to mount when the element has no `data-kt-widget` attribute. */
  widget?: WidgetName;
  /** "fi" | "sv" | "en"; otherwise data-kt-lang, nearest lang, <html lang>, the browser. */
  lang?: "fi" | "sv" | "en";
  /** Listings (an array, `{version: 1, listings: [...]}`, or its JSON text). */
  data?: unknown;
  /** URL of a JSON or CSV file, like `data-kt-src`. */
  src?: string;
  /** Finder: show the demo listings (`sample-listings.json` beside the loader), like `data-kt-sample`. */
  sample?: boolean;
  /** Finder: coordinator mode (closed listings may be shown), like `data-kt-coordinator`.
   *  Closing survey: the coordinator's e-mail address for the mailto link. */
  coordinator?: string | boolean;
  /** Closing survey: id of the listing being closed, like `data-kt-listing` (required). */
  listing?: string;
  /** Closing survey: the synergy the answer is about, like `data-kt-synergy`. */
  synergy?: string;
  /** Closing survey: the listing's title shown above the question, like `data-kt-listing-title`. */
  listingTitle?: string;
  /** Finder: `https://…/{id}` template of the partner's listing pages, like `data-kt-listing-url`. */
  listingUrl?: string;
  /** Finder: URL of the partner's expert list, like `data-kt-experts-src`. */
  expertsSrc?: string;
  /** Finder: name of this finder's saved draft, like `data-kt-storage-key`. */
  storageKey?: string;
  /** Self-assessment: `{link key: URL}` for recommendation links, like `data-kt-links` (JSON text). */
  links?: Record<string, string> | string;
  /** Self-assessment: the partner's region (maakunta, fi or sv name) for regional services, like `data-kt-region`. */
  region?: string;
  /** Self-assessment: the page with the impact calculator; the hand-off links there with a `#kt-impact:` pre-fill, like `data-kt-impact-href`. */
  impactHref?: string;
  /** Self-assessment: the municipality written into the hand-off's listing draft, like `data-kt-municipality`. */
  municipality?: string;
  /** Directory: which list, like `data-kt-kind` (default "experts"). */
  kind?: "experts" | "funding" | "companies";
  /** Impact calculator: partner factor overrides (`[{id, value, unit, low?, high?, source?, year?, note?}]`), like `data-kt-factors`. */
  factors?: unknown[] | string;
}

export interface KiertokitApi {
  readonly version: string;
  /** Mounts a widget into `el`'s open shadow root; mounting twice is a no-op. */
  mount(el: HTMLElement, options?: MountOptions): Promise<void>;
  /** Removes the widget and frees its state. */
  unmount(el: HTMLElement): void;
  /** Mounts every `[data-kt-widget]` placeholder under `root` (default: the document). */
  load(root?: ParentNode): Promise<void[]>;
}

export interface KiertokitEventMap {
  "kt:ready": CustomEvent<{ widget: string; listings?: number; kind?: string; entries?: number }>;
  "kt:error": CustomEvent<{ kind: string; message?: string }>;
  /** Finder: a debounced search. */
  "kt:search": CustomEvent<{ query: string; kind: string; category: string; region: string; municipality: string; radiusKm: number | null; total: number }>;
  /** Finder: a listing was opened. */
  "kt:select": CustomEvent<{ id: string }>;
  /** Finder: matches of an opened listing or of the visitor's draft. */
  "kt:match": CustomEvent<{ source: "listing" | "draft" | "need"; id?: string; matches: { id: string; score: number }[] }>;
  /** Directory: the eligibility pre-check of an opened funding call changed. */
  "kt:precheck": CustomEvent<{ id: string; eligible: boolean; failed: string[]; unanswered: number }>;
  /** Self-assessment: a step was shown (`step` is a theme id or "results"). */
  "kt:step": CustomEvent<{ step: string; index: number }>;
  /** Self-assessment: results shown; scores only, no answers or personal data. */
  /** Closing survey: the confirmed answer (the workspace's survey answer format, docs/coordinator.md). */
  "kt:survey": CustomEvent<{ id: string; listing: string; synergy?: string; outcome: "yes" | "partly" | "no"; partner?: string; quantity?: { amount: number; unit: string }; recurrence: "one-off" | "per-year" | "per-month" | "per-week"; reason?: "price" | "quality" | "logistics" | "permits" | "timing" | "no_response" | "other"; contact_permission: boolean; date: string; comment?: string; lang?: "fi" | "sv" | "en" }>;
  "kt:complete": CustomEvent<{ questionnaire: { id: string; version: number }; overall: number | null; level: number | null; levelCapped: boolean; completeness: number; themes: { id: string; score: number | null; level: number | null }[]; redFlags: string[] }>;
}

declare global {
  interface Window {
    Kiertokit: KiertokitApi;
  }
}
