//! A page left untranslated on purpose (issue 20, deliverable 4):
//! `untranslated: [en]` in the default-language file silences the
//! missing-translation warning, so `check --strict` can gate a site that
//! has such pages, while readers keep the fallback. Wrong codes, the
//! file's own language, the field in a translation and a translation file
//! that exists all the same are errors at their place. And a translation
//! file that exists but fails to parse is never reported missing.

mod common;

use common::{DEPLOY_BASE, Run, TestSite};

const PROJECT: &str = "content/projekte/projekt.md";
const PROJECT_TEXT: &str = "---\ntitle: Ein Projekt\ngoal: Ein Ziel.\ncontact: buero\nguidelines: [eins]\nstatus: running\n";

fn project(extra: &str) -> String {
    format!("{PROJECT_TEXT}{extra}---\nBeschreibung.\n")
}

fn check(site: &TestSite, strict: bool) -> Run {
    let mut args = vec!["check", "--base-url", DEPLOY_BASE];
    if strict {
        args.push("--strict");
    }
    site.run(&args)
}

/// The error blocks of `run` with this code.
fn blocks<'a>(run: &'a Run, head: &str) -> Vec<&'a str> {
    run.stderr
        .split("\n\n")
        .filter(|b| b.starts_with(head))
        .collect()
}

#[test]
fn the_saarbruecken_site_passes_check_strict() {
    let site = TestSite::saarbruecken();
    let run = check(&site, true);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("check: 0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
    // The table still shows the page, marked as on purpose, with a legend.
    let row = run
        .stderr
        .lines()
        .find(|l| l.starts_with("content/projekte/monitoring "))
        .unwrap_or_else(|| panic!("no row for monitoring:\n{}", run.stderr));
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["content/projekte/monitoring", "✓", "✓", "·"]
    );
    assert!(
        run.stderr.contains("· left untranslated on purpose"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_untranslated_language_is_no_warning_and_readers_get_the_fallback() {
    let site = TestSite::fixture("minimal");
    site.write(PROJECT, &project("untranslated: [en]\n"));
    let run = check(&site, false);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let missing = blocks(
        &run,
        "warning[missing-translation]: `content/projekte/projekt.md`",
    );
    assert_eq!(missing.len(), 1, "{}", run.stderr);
    assert!(
        missing[0].contains("has no fr translation"),
        "{}",
        missing[0]
    );
    let json = site.run(&["check", "--format", "json", "--base-url", DEPLOY_BASE]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON report");
    let row = report["missing_translations"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["page"] == "content/projekte/projekt")
        .expect("a row for the project");
    assert_eq!(row["missing"], serde_json::json!(["fr"]));
    assert_eq!(row["untranslated"], serde_json::json!(["en"]));

    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("en/projekte/projekt/");
    assert_eq!(page.attr("html", "lang"), "en");
    assert_eq!(page.texts("h1"), ["Ein Projekt"]);
    assert_eq!(
        page.attrs("main p.note[lang=en]", "role"),
        ["note"],
        "the fallback notice"
    );
}

#[test]
fn wrong_untranslated_values_are_errors_at_their_place() {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    let before = site.public_tree();
    site.write(PROJECT, &project("untranslated: [eng, de, es]\n"));
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let unknown = blocks(
        &run,
        "error[unknown-language]: `eng` is not one of the site's languages",
    );
    assert_eq!(unknown.len(), 1, "{}", run.stderr);
    assert!(
        unknown[0].contains(&format!("--> {PROJECT}:7:16\n")),
        "{}",
        unknown[0]
    );
    assert!(unknown[0].contains("did you mean `en`?"), "{}", unknown[0]);
    let own = blocks(
        &run,
        "error[invalid-value]: `de` is this file's own language",
    );
    assert_eq!(own.len(), 1, "{}", run.stderr);
    assert!(
        own[0].contains(&format!("--> {PROJECT}:7:21\n")),
        "{}",
        own[0]
    );
    assert!(
        own[0].contains("remove `de` from `untranslated`"),
        "{}",
        own[0]
    );
    let other = blocks(
        &run,
        "error[unknown-language]: `es` is not one of the site's languages",
    );
    assert_eq!(other.len(), 1, "{}", run.stderr);
    assert!(other[0].contains("add `es` to `languages`"), "{}", other[0]);
    assert_eq!(site.public_tree(), before, "nothing written");

    // Only the default-language file says it.
    site.write(PROJECT, &project(""));
    site.write(
        "content/projekte/projekt.fr.md",
        "---\ntitle: Un projet\ngoal: Un but.\nuntranslated: [en]\n---\nTexte.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let neutral = blocks(&run, "error[neutral-field]: `untranslated`");
    assert_eq!(neutral.len(), 1, "{}", run.stderr);
    assert!(
        neutral[0].contains("--> content/projekte/projekt.fr.md:4:1\n"),
        "{}",
        neutral[0]
    );
}

#[test]
fn a_translation_beside_untranslated_names_both_files() {
    let site = TestSite::fixture("minimal");
    site.write(PROJECT, &project("untranslated: [fr, en]\n"));
    // One translation that reads, one that does not: both contradict.
    site.write(
        "content/projekte/projekt.fr.md",
        "---\ntitle: Un projet\ngoal: Un but.\n---\nTexte.\n",
    );
    site.write(
        "content/projekte/projekt.en.md",
        "---\ntitle: A project\ngoal: A goal.\nstatus: running\n---\nText.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (lang, col) in [("fr", 16), ("en", 20)] {
        let found = blocks(
            &run,
            &format!(
                "error[invalid-value]: `content/projekte/projekt.md` says it is left untranslated in `{lang}`, but `content/projekte/projekt.{lang}.md` exists"
            ),
        );
        assert_eq!(found.len(), 1, "{}", run.stderr);
        assert!(
            found[0].contains(&format!("--> {PROJECT}:7:{col}\n")),
            "{}",
            found[0]
        );
        assert!(
            found[0].contains(&format!("::: content/projekte/projekt.{lang}.md")),
            "{}",
            found[0]
        );
        assert!(
            found[0].contains(&format!("remove `{lang}` from `untranslated` to publish `content/projekte/projekt.{lang}.md`, or delete that file")),
            "{}",
            found[0]
        );
    }
    // The broken translation's own error is there too.
    assert_eq!(
        blocks(&run, "error[neutral-field]: `status`").len(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn a_translation_that_fails_to_parse_is_not_reported_missing() {
    // `ibis.md` copied to `ibis.en.md`: the copy sets neutral fields.
    let site = TestSite::saarbruecken();
    let ibis =
        std::fs::read_to_string(site.path().join("content/projekte/ibis.md")).expect("ibis.md");
    site.write("content/projekte/ibis.en.md", &ibis);
    let run = check(&site, false);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        !blocks(&run, "error[neutral-field]").is_empty(),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr
            .contains("`content/projekte/ibis.md` has no en translation"),
        "a contradicting warning:\n{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("create `content/projekte/ibis.en.md`"),
        "{}",
        run.stderr
    );
    // Broken YAML in the copy: the same.
    site.write(
        "content/projekte/ibis.en.md",
        "---\ntitle: [IBIS\n---\nText.\n",
    );
    let run = check(&site, false);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        !blocks(&run, "error[yaml-syntax]").is_empty(),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("ibis.md` has no en translation"),
        "{}",
        run.stderr
    );
}
