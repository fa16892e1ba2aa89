//! The companies' overview map: an SVG outline of Finland with a point per municipality that
//! has companies in the results; a point sets the municipality filter.
// TODO(#14): shared — projection and outline copied from finder/map.rs and finder/finland.rs
// (Natural Earth 1:50m admin-0 countries via npm world-atlas, public domain; tools/finland-outline.mjs).

use super::i18n::Strings;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// SVG path in the map's viewBox (see [`project`]).
const FINLAND: &str = "M43 985L47 985L53 992L54 994L51 1001L48 1000L45 1002L44 1011L34 1012L32 1010L30 993L34 991L34 999L37 998L37 990L34 985L35 981L38 979L43 985ZM28 1001L29 1003L26 1004L25 1006L23 1006L24 996L27 995L28 1001ZM69 1016L69 1018L66 1019L60 1016L64 1012L68 1013L69 1016ZM222 439L215 414L211 405L205 401L202 395L201 382L202 372L210 362L211 349L215 339L213 332L201 313L200 307L199 297L206 287L204 278L192 274L196 259L194 250L194 233L200 225L193 218L186 207L180 206L176 194L166 183L129 168L106 151L94 137L83 129L82 122L70 116L72 113L81 113L89 116L92 112L89 99L98 93L112 93L142 134L147 148L175 152L178 156L186 155L203 149L209 139L215 140L229 149L245 155L250 159L256 161L262 156L269 138L274 134L283 131L291 121L291 92L302 55L315 42L324 29L333 27L350 29L370 16L383 14L389 23L405 38L437 53L445 73L441 81L424 102L423 108L429 118L405 130L407 133L418 133L421 136L420 143L408 166L408 171L417 201L445 214L466 245L473 251L471 265L441 310L434 323L433 331L450 367L459 392L469 411L477 441L478 452L468 454L461 457L466 463L462 473L461 486L457 495L458 498L465 500L466 505L465 509L457 516L456 520L461 535L464 540L477 543L478 547L479 556L473 564L478 583L490 592L496 600L495 618L483 640L474 645L476 651L492 670L524 699L539 724L540 731L525 772L498 807L460 865L441 891L405 930L379 966L373 970L367 971L364 973L353 966L348 968L342 973L332 974L324 979L324 973L327 960L327 957L326 957L321 973L318 978L310 979L303 973L299 973L303 986L299 985L291 993L289 993L287 987L278 994L270 995L265 1001L241 1009L234 1018L230 1016L203 1023L192 1021L180 1036L173 1038L171 1037L180 1023L181 1018L176 1015L172 1010L168 999L166 998L163 1012L157 1017L149 1017L148 1004L149 1000L153 999L154 997L154 994L151 994L151 992L154 982L140 980L126 970L123 969L121 961L112 967L105 960L102 923L108 892L108 872L110 872L108 865L112 863L112 861L103 828L97 821L101 792L100 786L93 779L91 758L92 746L106 725L106 717L114 716L111 709L110 699L121 696L125 699L134 696L143 689L140 676L141 674L144 676L143 670L146 671L152 662L152 655L162 652L173 638L183 630L194 617L198 616L200 607L212 593L216 581L227 568L238 546L239 540L244 539L247 535L256 532L271 534L270 528L268 525L274 519L273 510L269 506L273 472L269 465L251 454L244 453L240 444L242 434L233 442L225 439L222 439ZM129 986L126 987L121 982L122 973L125 976L127 980L125 981L129 986ZM95 696L96 698L102 694L104 695L104 700L102 699L100 702L97 705L92 700L90 692L96 692L95 696ZM137 983L142 985L144 984L147 990L143 993L145 1003L140 1003L137 996L132 991L137 983ZM106 967L105 972L99 972L95 960L98 956L99 960L106 967ZM122 1006L118 1009L116 1009L117 1003L119 1000L123 1000L122 1006ZM113 1009L109 1010L107 1007L111 1003L113 1003L113 1009ZM252 521L245 524L240 522L240 516L243 513L249 511L258 516L254 517L252 521Z";

/// Must match the projection in tools/finland-outline.mjs.
const LON0: f64 = 19.0;
const LAT0: f64 = 70.2;
const KX: f64 = 0.4305;
const SCALE: f64 = 100.0;

fn project(lat: f64, lon: f64) -> (f64, f64) {
    ((lon - LON0) * KX * SCALE, (LAT0 - lat) * SCALE)
}

/// One plotted municipality: its Finnish name (the facet value), label, position and count.
#[derive(Clone, PartialEq)]
pub struct Point {
    pub name: String,
    pub label: String,
    pub lat: f64,
    pub lon: f64,
    pub count: usize,
}

#[component]
pub fn Map(
    points: Memo<Vec<Point>>,
    s: &'static Strings,
    filters: RwSignal<BTreeMap<String, String>>,
) -> impl IntoView {
    view! {
        <figure class="kt-dir-map">
            <svg viewBox="0 0 560 1070" role="img" aria-label=s.map_label class="kt-dir-map-svg">
                <path class="kt-dir-map-land" d=FINLAND />
                <For
                    each=move || points.get()
                    key=|p| (p.name.clone(), p.count)
                    children=move |p| {
                        let (x, y) = project(p.lat, p.lon);
                        let r = 7.0 + (p.count as f64).sqrt() * 5.0;
                        let name = p.name.clone();
                        let chosen = {
                            let name = name.clone();
                            move || filters.with(|f| f.get("municipality") == Some(&name))
                        };
                        view! {
                            // Pointer shortcut; keyboard users have the municipality select.
                            <circle
                                class="kt-dir-point"
                                class:kt-dir-chosen=chosen
                                cx=format!("{x:.0}")
                                cy=format!("{y:.0}")
                                r=format!("{r:.0}")
                                on:click=move |_| filters.update(|f| {
                                    f.insert("municipality".to_owned(), name.clone());
                                })
                            >
                                <title>{format!("{}: {}", p.label, p.count)}</title>
                            </circle>
                        }
                    }
                />
            </svg>
            <figcaption class="kt-hint">{s.map_caption}</figcaption>
        </figure>
    }
}
