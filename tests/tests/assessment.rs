//! Self-assessment: fixtures through the library and the `assess` CLI, with a golden result.
//!
//! Regenerate the golden file with `KIERTOKIT_BLESS=1 cargo test -p kiertokit-tests --test assessment`.

use kiertokit::assessment::{
    Answers, Questionnaire, RecoveryStatus, decode_share, encode_share, recover_storage, score,
};
use serde_json::Value;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/assessment")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Runs the CLI in-process: (exit code, stdout, stderr).
fn cli(args: &[&str]) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = kiertokit_cli::run(&args, &mut out, &mut err);
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

fn path(name: &str) -> String {
    fixture(name).to_string_lossy().into_owned()
}

fn complete_answers() -> Answers {
    serde_json::from_str(&read("answers-complete.json")).expect("fixture parses")
}

#[test]
fn cli_result_for_complete_answers_matches_the_golden_file() {
    let (code, out, err) = cli(&[
        "assess",
        "--questionnaire",
        "default",
        "--answers",
        &path("answers-complete.json"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    let got: Value = serde_json::from_str(&out).expect("stdout is JSON");
    let golden = fixture("expected-complete.json");
    if std::env::var_os("KIERTOKIT_BLESS").is_some() {
        std::fs::write(&golden, &out).expect("golden written");
    }
    let want: Value =
        serde_json::from_str(&read("expected-complete.json")).expect("golden is JSON");
    assert_eq!(
        got, want,
        "rerun with KIERTOKIT_BLESS=1 if the change is intended"
    );
}

#[test]
fn complete_answers_show_red_flags_and_next_steps() {
    let q = Questionnaire::default_builtin();
    let a = score(&q, &complete_answers());
    assert_eq!(a.completeness.unanswered, 0);
    assert_eq!(a.completeness.dont_know, 2);
    // Business models are all zero: a red flag however good the rest is.
    assert_eq!(a.red_flags, ["business"]);
    assert_eq!(a.weakest[0].theme, "business");
    assert!(a.weakest.iter().all(|w| w.next_step.is_some()));
    let links: Vec<&str> = a
        .recommendations
        .iter()
        .filter_map(|r| r.link.as_deref())
        .collect();
    for kind in [
        "materiaalitori",
        "motiva-audit",
        "keino",
        "funding-ely",
        "sitra-business-models",
    ] {
        assert!(links.contains(&kind), "no {kind} in {links:?}");
    }
}

#[test]
fn share_link_of_the_complete_fixture_is_short_and_round_trips() {
    let q = Questionnaire::default_builtin();
    let answers = complete_answers();
    let link = encode_share(&q, &answers);
    assert!(link.len() <= 2000, "{}", link.len());
    assert_eq!(decode_share(&q, &link).map(|s| s.answers), Ok(answers));
}

#[test]
fn cli_accepts_a_share_link_as_answers() {
    let q = Questionnaire::default_builtin();
    let link = encode_share(&q, &complete_answers());
    let file =
        std::env::temp_dir().join(format!("kiertokit-assess-share-{}.txt", std::process::id()));
    std::fs::write(&file, &link).expect("temp file written");
    let (code, out, err) = cli(&[
        "assess",
        "--questionnaire",
        "default",
        "--answers",
        &file.to_string_lossy(),
    ]);
    let _ = std::fs::remove_file(&file);
    assert_eq!(code, 0, "{err}");
    let from_link: Value = serde_json::from_str(&out).expect("JSON");
    let direct = serde_json::to_value(score(&q, &complete_answers())).expect("serialises");
    assert_eq!(from_link, direct);
}

#[test]
fn cli_reads_saved_answers_and_reports_what_it_dropped() {
    let (code, out, err) = cli(&[
        "assess",
        "--questionnaire",
        "default",
        "--answers",
        &path("answers-partial.json"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("unknown-question"), "{err}");
    assert!(err.contains("procurement-criteria"), "{err}");
    let v: Value = serde_json::from_str(&out).expect("JSON");
    // design-durability is hidden because design-physical is "no", so only two questions count.
    assert_eq!(v["completeness"]["answered"], 3);
    let strategy = &v["themes"][0];
    assert_eq!(strategy["id"], "strategy");
    assert_eq!(strategy["score"], 12.5);
    assert_eq!(v["themes"][4]["visible"], 2);
}

#[test]
fn corrupted_storage_keeps_the_readable_answers() {
    let q = Questionnaire::default_builtin();
    let r = recover_storage(&q, &read("storage-corrupted.txt"));
    assert_eq!(r.status, RecoveryStatus::Repaired);
    assert_eq!(r.answers.len(), 2);
    assert!(r.dropped[0].message.contains("damaged"));
    let (code, _, err) = cli(&[
        "assess",
        "--questionnaire",
        "default",
        "--answers",
        &path("storage-corrupted.txt"),
    ]);
    assert_eq!(code, 0);
    assert!(err.contains("kept 2 readable answers"), "{err}");
}

#[test]
fn cli_reports_every_problem_of_a_partner_questionnaire() {
    let (code, out, err) = cli(&[
        "assess",
        "--questionnaire",
        &path("questionnaire-invalid.json"),
        "--answers",
        &path("answers-complete.json"),
    ]);
    assert_eq!(code, 0, "the valid part still scores: {err}");
    for needle in [
        "duplicate id `waste`",
        "duplicate id `sorting`",
        "unknown theme `energy`",
        "option `few` has no points",
        "not an earlier valid question",
        "missing translation: sv",
        "answer to unknown question",
    ] {
        assert!(err.contains(needle), "no `{needle}` in\n{err}");
    }
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["questionnaire"]["id"], "partner-check");
}

#[test]
fn cli_compares_with_an_earlier_result() {
    let (code, out, err) = cli(&[
        "assess",
        "--questionnaire",
        "default",
        "--answers",
        &path("answers-partial.json"),
        "--compare",
        &path("expected-complete.json"),
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["comparison"]["sameQuestionnaire"], true);
    assert!(
        v["comparison"]["overall"]["delta"]
            .as_f64()
            .is_some_and(|d| d < 0.0)
    );
    assert_eq!(v["comparison"]["themes"].as_array().map(Vec::len), Some(8));
}

#[test]
fn cli_fails_cleanly_on_unusable_input() {
    let (code, _, err) = cli(&["assess", "--questionnaire", "default"]);
    assert_eq!(code, 2, "a missing option is a usage error");
    assert!(err.contains("--answers"), "{err}");
    let (code, _, err) = cli(&[
        "assess",
        "--questionnaire",
        &path("answers-complete.json"),
        "--answers",
        &path("answers-complete.json"),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("not a usable questionnaire"), "{err}");
    let (code, _, err) = cli(&[
        "assess",
        "--questionnaire",
        "default",
        "--answers",
        &path("questionnaire-invalid.json"),
    ]);
    assert_eq!(
        code, 0,
        "foreign JSON is read as answers and every entry dropped: {err}"
    );
}
