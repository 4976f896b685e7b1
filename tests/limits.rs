//! Bounded work (issue 15): input that would make konzept's time or memory
//! grow without end is refused with a `limit` error naming the file, the
//! place and the bound, and the previous `public/` stays as it was.
//!
//! Each test would run for minutes, or abort the process, without its bound.

mod common;

use std::collections::BTreeMap;

use common::{Run, TestSite};

/// The minimal site, built once, and its `public/`.
fn built_site() -> (TestSite, BTreeMap<String, Vec<u8>>) {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    let before = site.public_tree();
    (site, before)
}

/// A build refused by a bound: exit 1, `error[limit]` at `place`, a hint
/// naming `bound`, no panic, `public/` unchanged.
fn refused(site: &TestSite, before: &BTreeMap<String, Vec<u8>>, place: &str, bound: &str) -> Run {
    let run = site.build();
    assert_eq!(run.code, 1, "expected exit 1:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stderr.contains("error[limit]"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("--> {place}")),
        "expected the place {place}:\n{}",
        run.stderr
    );
    let help = run
        .stderr
        .lines()
        .find(|l| l.contains("= help: "))
        .unwrap_or_else(|| panic!("no hint:\n{}", run.stderr));
    assert!(
        help.contains(bound),
        "the hint does not name {bound}: {help}"
    );
    assert!(
        site.public_tree() == *before,
        "a failed build changed public/"
    );
    run
}

#[test]
fn issue_15_deep_flow_nesting_in_front_matter_is_a_limit_error() {
    let (site, before) = built_site();
    let text = format!(
        "---\ntitle: Impressum\ntief: {}\n---\nText.\n",
        "[".repeat(200_000)
    );
    site.write("content/impressum.md", &text);
    // Line 3, column 7 + 63: the bracket that opens level 65 (the mapping
    // of the front matter is level 1).
    refused(&site, &before, "content/impressum.md:3:70", "64 levels");
}

#[test]
fn issue_15_deep_nesting_in_ui_strings_is_a_limit_error() {
    let (site, before) = built_site();
    let fr = std::fs::read_to_string(site.path().join("i18n/fr.yaml")).unwrap();
    site.write(
        "i18n/fr.yaml",
        &format!("tief: {}\n{fr}", "{a: ".repeat(100_000)),
    );
    refused(&site, &before, "i18n/fr.yaml:1:", "64 levels");
}

#[test]
fn issue_15_deep_nesting_in_site_yaml_is_a_limit_error() {
    let (site, before) = built_site();
    let config = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    let chain = "- ".repeat(100_000);
    site.write(
        "site.yaml",
        &format!("{config}footer:\n  {chain}impressum\n"),
    );
    let run = site.build();
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stderr.contains("error[limit]"), "{}", run.stderr);
    assert!(run.stderr.contains("--> site.yaml:7:"), "{}", run.stderr);
    assert!(
        site.public_tree() == before,
        "a failed build changed public/"
    );
}

#[test]
fn issue_15_front_matter_over_a_mebibyte_is_a_limit_error() {
    let (site, before) = built_site();
    let long = "x".repeat(1 << 20);
    site.write(
        "content/impressum.md",
        &format!("---\ntitle: Impressum\nsummary: {long}\n---\n"),
    );
    refused(&site, &before, "content/impressum.md:3:", "1024 KiB");
}

#[test]
fn brackets_in_quoted_values_are_not_nesting() {
    let site = TestSite::fixture("minimal");
    let brackets = "[".repeat(100);
    site.write(
        "content/impressum.md",
        &format!("---\ntitle: \"Impressum {brackets}\"\nsummary: 'Teil {brackets}'\n---\nText.\n"),
    );
    site.build_clean();
}

#[test]
fn issue_15_a_runaway_template_loop_is_a_limit_error_not_an_abort() {
    let (site, before) = built_site();
    let line = "Zeile, die sich zu oft wiederholt. ".repeat(30);
    site.write(
        "themes/default/templates/page.html",
        &format!(
            "{{% for i in range(end=100000) %}}{{% for j in range(end=100000) %}}\
             {line}{{% endfor %}}{{% endfor %}}"
        ),
    );
    let run = site.build();
    assert_eq!(run.code, 1, "expected exit 1:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stderr.contains("error[limit]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("template `page.html`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/impressum.md"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("64 MiB"), "{}", run.stderr);
    assert!(
        site.public_tree() == before,
        "a failed build changed public/"
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(check.stderr.contains("error[limit]"), "{}", check.stderr);
}

#[test]
fn thousands_of_unknown_keys_are_reported_by_the_first_fifty() {
    let (site, before) = built_site();
    let keys: String = (0..5000).map(|i| format!("k{i}: 1\n")).collect();
    site.write(
        "content/impressum.md",
        &format!("---\ntitle: Impressum\n{keys}---\n"),
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("error[unknown-field]").count(), 51);
    assert!(
        run.stderr
            .contains("4950 more unknown keys in the front matter")
    );
    assert!(
        site.public_tree() == before,
        "a failed build changed public/"
    );
}

#[test]
fn thousands_of_errors_in_one_file_are_shown_by_the_first_hundred() {
    let (site, before) = built_site();
    let links: Vec<String> = (0..3000).map(|i| format!("[l{i}](#x{i})")).collect();
    site.write(
        "content/impressum.md",
        &format!("---\ntitle: Impressum\n---\n{}\n", links.join(" ")),
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("\nerror[").count() + 1, 100);
    assert!(
        run.stderr
            .contains("… and 2900 more in content/impressum.md")
    );
    assert!(run.stderr.contains("build failed: 3000 errors"));
    assert!(
        site.public_tree() == before,
        "a failed build changed public/"
    );
}
