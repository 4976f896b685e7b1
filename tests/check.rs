//! `konzept check`: the whole pipeline into memory plus the output checks
//! (links the templates produce, orphan pages, missing translations),
//! writing nothing. One fixture under `tests/fixtures/check/` per behaviour.

mod common;

use common::{DEPLOY_BASE, Run, TestSite};

/// The minimal site with the overlay `tests/fixtures/check/<overlay>`.
fn minimal_with(overlay: &str) -> TestSite {
    let site = TestSite::fixture("minimal");
    site.apply(&format!("check/{overlay}"));
    site
}

fn codes(run: &Run, code: &str) -> usize {
    run.stderr.matches(&format!("[{code}]")).count()
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::fixture("minimal");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !site.path().join("public").exists(),
        "check created public/"
    );
}

#[test]
fn broken_markdown_link_is_an_error() {
    let site = TestSite::fixture("minimal");
    site.apply("errors/broken-link");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(codes(&run, "broken-link"), 1, "{}", run.stderr);
    assert!(!site.path().join("public").exists());
}

#[test]
fn template_link_to_no_page_is_a_broken_output_link() {
    let run = minimal_with("template-link").run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(codes(&run, "broken-output-link"), 1, "{}", run.stderr);
    assert!(run.stderr.contains("`/de/nirgends/`"), "{}", run.stderr);
}

#[test]
fn template_link_to_a_missing_anchor_is_a_broken_output_link() {
    let run = minimal_with("broken-anchor").run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(codes(&run, "broken-output-link"), 1, "{}", run.stderr);
    assert!(run.stderr.contains("#fehlt"), "{}", run.stderr);
    assert!(!run.stderr.contains("#ziele"), "{}", run.stderr);
}

#[test]
fn page_nobody_links_to_is_an_orphan_warning() {
    let run = minimal_with("orphan").run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(codes(&run, "orphan-page"), 1, "{}", run.stderr);
    assert!(run.stderr.contains("/de/verwaist/"), "{}", run.stderr);
}

#[test]
fn missing_translations_are_listed_per_page_and_language() {
    let run = TestSite::fixture("minimal").run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Seven pages lack fr and en; the home page is translated.
    assert_eq!(codes(&run, "missing-translation"), 14, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("missing translations (fallback: shown in de)"),
        "{}",
        run.stderr
    );
    let row = run
        .stderr
        .lines()
        .find(|l| l.starts_with("content/projekte/projekt "))
        .unwrap_or_else(|| panic!("no row for the project:\n{}", run.stderr));
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>()[1..],
        ["✓", "–", "–"]
    );
    assert!(!run.stderr.contains("content/_index "), "{}", run.stderr);
}

#[test]
fn strict_turns_warnings_into_errors() {
    let run = TestSite::fixture("minimal").run(&["check", "--strict", "--base-url", DEPLOY_BASE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[missing-translation]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("check: 14 errors, 0 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn fully_translated_site_passes_strict() {
    let run = TestSite::fixture("check/translated").run(&[
        "check",
        "--strict",
        "--base-url",
        DEPLOY_BASE,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "check: 0 errors, 0 warnings\n");
}

#[test]
fn json_report_has_counts_diagnostics_and_missing_translations() {
    let run = minimal_with("template-link").run(&[
        "check",
        "--format",
        "json",
        "--base-url",
        DEPLOY_BASE,
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(json["errors"], 1);
    assert_eq!(json["warnings"], 14);
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 15);
    let broken = diagnostics
        .iter()
        .find(|d| d["code"] == "broken-output-link")
        .expect("the broken link");
    assert_eq!(broken["severity"], "error");
    assert!(broken["file"].is_null());
    let missing = json["missing_translations"].as_array().expect("table");
    assert_eq!(missing.len(), 7);
    assert_eq!(missing[0]["page"], "content/impressum");
    assert_eq!(missing[0]["missing"], serde_json::json!(["fr", "en"]));
}

#[test]
fn json_report_of_a_failed_pipeline_points_at_the_file() {
    let site = TestSite::fixture("minimal");
    site.apply("errors/broken-link");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "broken-link");
    assert_eq!(d["file"], "content/projekte/projekt.md");
    assert!(d["line"].as_u64().is_some());
}

#[test]
fn the_benchmark_corpus_passes_check() {
    // Hundreds of cross-links, with anchors, between pages translated into
    // some languages only: every link the build writes must have a target.
    let site = TestSite::generated(100);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("check: 0 errors"), "{}", run.stderr);
}

#[test]
fn usage_error_exits_2() {
    let run = TestSite::fixture("minimal").run(&["check", "--format", "yaml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn text_report() {
    let site = TestSite::fixture("check/translated");
    site.write(
        "content/verwaist.md",
        "---\ntitle: Verwaist\n---\nNiemand verlinkt diese Seite.\n",
    );
    let run = site.run(&["check", "--base-url", DEPLOY_BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr);
}

/// Without an absolute base URL, `check` says once what is left out and how
/// to set one; `--strict` makes that an error (issue 19).
#[test]
fn without_a_base_url_check_warns_once_and_strict_fails() {
    let run = TestSite::fixture("check/translated").run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(codes(&run, "no-base-url"), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[no-base-url]: no absolute base URL: canonical URLs, hreflang, the sitemap and the feeds need one"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: set `base_url: https://…/` in site.yaml, or pass `--base-url"),
        "{}",
        run.stderr
    );
    let strict = TestSite::fixture("check/translated").run(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        strict
            .stderr
            .contains("error[no-base-url]: no absolute base URL"),
        "{}",
        strict.stderr
    );
}
