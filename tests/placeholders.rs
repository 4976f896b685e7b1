//! Placeholders never go live (issue 20.4): `konzept new` writes a draft;
//! the placeholder texts and made-up values `new` and `init` write are
//! `warning[placeholder]` in `build` and `check`, at their file, line and
//! column, and `check --strict` fails on them. tests/new_city.rs runs the
//! gate on a fresh `konzept init`; the unit tests in `src/scaffold/` check
//! that every placeholder the scaffold writes is found.

mod common;

use common::{Run, TestSite};

const BASE: &str = "https://example.org/";

/// The minimal fixture in German alone: `check --strict` passes on it, so
/// a failure is the placeholders'.
fn german_site() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write(
        "site.yaml",
        "languages: [de]\ndefault_language: de\ncontact: buero\nmenu: [leitlinien, projekte, kontakte]\nfooter: [impressum]\n",
    );
    site.remove("content/_index.fr.md")
        .remove("content/_index.en.md");
    let strict = site.run(&["check", "--strict", "--base-url", BASE]);
    assert_eq!(
        strict.code, 0,
        "the fixture is not strict-clean:\n{}",
        strict.stderr
    );
    site
}

fn read(site: &TestSite, rel: &str) -> String {
    std::fs::read_to_string(site.path().join(rel)).expect("file exists")
}

/// `konzept new project x` with its `draft: true` line taken out.
fn new_project_ready(site: &TestSite) {
    let run = site.run(&["new", "project", "x"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(site, "content/projekte/x.md");
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("draft: true"))
        .collect();
    site.write("content/projekte/x.md", &(kept.join("\n") + "\n"));
}

fn placeholders(run: &Run, severity: &str) -> usize {
    run.stderr
        .matches(&format!("{severity}[placeholder]"))
        .count()
}

#[test]
fn new_writes_a_draft_that_the_gate_passes_and_build_leaves_out() {
    let site = german_site();
    let run = site.run(&["new", "project", "x"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(&site, "content/projekte/x.md").contains("\ndraft: true "));
    assert!(
        run.stderr.contains(
            "content/projekte/x.md is a draft (`draft: true`), left out of `build` and `check`: remove `draft: true` when the page is ready"
        ),
        "{}",
        run.stderr
    );
    let strict = site.run(&["check", "--strict", "--base-url", BASE]);
    assert_eq!(strict.code, 0, "{}", strict.stderr);
    site.build_clean();
    assert!(!site.exists("de/projekte/x/index.html"));
    // Published with the drafts, the draft's placeholders are reported.
    let drafts = site.run(&["build", "--drafts", "--base-url", BASE]);
    assert_eq!(drafts.code, 0, "{}", drafts.stderr);
    assert_eq!(placeholders(&drafts, "warning"), 3, "{}", drafts.stderr);
}

#[test]
fn a_page_ready_with_its_placeholders_warns_at_each_and_fails_the_gate() {
    let site = german_site();
    new_project_ready(&site);
    let check = site.run(&["check", "--base-url", BASE]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    for expected in [
        "warning[placeholder]: `title` still holds the placeholder “Neues Projekt”\n --> content/projekte/x.md:4:9\n",
        "= help: write the project's own title (Titel)",
        "warning[placeholder]: `goal` still holds the placeholder “Was das Projekt erreichen soll, in einem Satz.”\n  --> content/projekte/x.md:13:8\n",
        "= help: write the project's real goal (Zielstellung)",
        "warning[placeholder]: the text still holds the placeholder “**Platzhalter.**”\n  --> content/projekte/x.md:26:1\n",
        "= help: replace the placeholder paragraph with the page's own text",
    ] {
        assert!(
            check.stderr.contains(expected),
            "{expected}\nnot in:\n{}",
            check.stderr
        );
    }
    assert_eq!(placeholders(&check, "warning"), 3, "{}", check.stderr);
    assert!(
        check.stderr.contains("check: 0 errors, 3 warnings"),
        "{}",
        check.stderr
    );

    let strict = site.run(&["check", "--strict", "--base-url", BASE]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert_eq!(placeholders(&strict, "error"), 3, "{}", strict.stderr);
    assert!(
        strict.stderr.contains("check: 3 errors, 0 warnings"),
        "{}",
        strict.stderr
    );

    // `build` publishes and warns: the gate is `check --strict`.
    let build = site.build();
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert_eq!(placeholders(&build, "warning"), 3, "{}", build.stderr);
    assert!(
        build.stderr.contains("--> content/projekte/x.md:13:8"),
        "{}",
        build.stderr
    );
    assert!(site.exists("de/projekte/x/index.html"));
}

#[test]
fn what_the_editor_left_of_the_placeholders_is_still_reported() {
    let site = german_site();
    new_project_ready(&site);
    let text = read(&site, "content/projekte/x.md")
        .replace("\"Neues Projekt\"", "Sprachcafé")
        .replace(
            "**Platzhalter.** Ersetzen Sie diesen Text durch den eigentlichen Inhalt.",
            "Das Sprachcafé trifft sich jede Woche.\n\nErsetzen Sie diesen Text durch den eigentlichen Inhalt.",
        );
    site.write("content/projekte/x.md", &text);
    let check = site.run(&["check", "--base-url", BASE]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(placeholders(&check, "warning"), 2, "{}", check.stderr);
    assert!(
        check.stderr.contains("--> content/projekte/x.md:13:8"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains(
            "the text still holds the placeholder “Ersetzen Sie diesen Text durch den eigentlichen Inhalt.”\n  --> content/projekte/x.md:28:1"
        ),
        "{}",
        check.stderr
    );
    // A value that only contains an example's words is the editor's own.
    let own = text
        .replace(
            "\"Was das Projekt erreichen soll, in einem Satz.\"",
            "\"Was das Projekt erreichen soll, in einem Satz: Deutsch üben.\"",
        )
        .replace(
            "\n\nErsetzen Sie diesen Text durch den eigentlichen Inhalt.",
            "",
        );
    site.write("content/projekte/x.md", &own);
    let strict = site.run(&["check", "--strict", "--base-url", BASE]);
    assert_eq!(strict.code, 0, "{}", strict.stderr);
}

#[test]
fn made_up_contact_details_are_reported_at_their_lines() {
    let site = german_site();
    site.write(
        "content/kontakte/buero.md",
        "---\ntitle: Büro\norganisation: Name der Organisation\nstreet: Musterstraße 1\npostal_code: \"00000\"\ncity: Musterstadt\nemail: kontakt@example.org\nphone: \"+49 000 000000\"\n---\n",
    );
    let strict = site.run(&["check", "--strict", "--base-url", BASE]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    for (line, key, value) in [
        (3, "organisation", "Name der Organisation"),
        (4, "street", "Musterstraße 1"),
        (5, "postal_code", "00000"),
        (6, "city", "Musterstadt"),
        (7, "email", "kontakt@example.org"),
        (8, "phone", "+49 000 000000"),
    ] {
        let expected = format!(
            "error[placeholder]: `{key}` still holds the placeholder “{value}”\n --> content/kontakte/buero.md:{line}:"
        );
        assert!(
            strict.stderr.contains(&expected),
            "{expected}\nnot in:\n{}",
            strict.stderr
        );
    }
    assert_eq!(placeholders(&strict, "error"), 6, "{}", strict.stderr);
}

#[test]
fn the_saarbruecken_site_holds_no_placeholder() {
    let site = TestSite::saarbruecken();
    let check = site.run(&["check", "--base-url", BASE]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("[placeholder]"), "{}", check.stderr);
}
