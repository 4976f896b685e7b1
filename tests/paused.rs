//! Pausing a language (issue 20, deliverable 6): `paused_languages: [en]`
//! keeps the language's files but publishes nothing of it (no pages, no
//! `hreflang`, no switcher entry, nothing in the sitemap), reports nothing
//! about them, and says so in one note line. A paused language must be one
//! of `languages` and not the default; a language removed from `languages`
//! is one error, not one per file.

mod common;

use common::{DEPLOY_BASE, Run, TestSite};

fn site_yaml(languages: &str, paused: &str) -> String {
    format!(
        "languages: {languages}\ndefault_language: de\n{paused}contact: buero\nmenu: [leitlinien, projekte, kontakte]\nfooter: [impressum]\n"
    )
}

/// The minimal fixture with an English page beside its German one.
fn site_with_english() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/impressum.en.md",
        "---\ntitle: Legal notice\n---\nText.\n",
    );
    site
}

fn blocks<'a>(run: &'a Run, head: &str) -> Vec<&'a str> {
    run.stderr
        .split("\n\n")
        .filter(|b| b.starts_with(head))
        .collect()
}

#[test]
fn a_paused_language_is_kept_but_not_published() {
    let site = site_with_english();
    site.write(
        "site.yaml",
        &site_yaml("[de, fr, en]", "paused_languages: [en]\n"),
    );
    // Its UI strings are not needed.
    site.remove("i18n/en.yaml");
    // A link to a paused file leads to the page in the reader's language.
    site.write(
        "content/_index.md",
        "---\ntitle: Start\n---\nSiehe das [Impressum](impressum.en.md).\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr.trim_end(),
        "note: `en` is paused (`paused_languages` in site.yaml): 2 files kept, not published",
    );
    assert!(run.stdout.contains("(de 8, fr 8)"), "{}", run.stdout);
    assert!(!site.exists("en"), "no English pages");
    assert!(
        site.path().join("content/impressum.en.md").exists(),
        "files kept"
    );

    let page = site.page("de/");
    assert_eq!(
        page.attrs("link[rel=alternate][hreflang]", "hreflang"),
        ["de", "fr", "x-default"]
    );
    assert_eq!(page.attrs("nav.lang-switch [lang]", "lang"), ["de", "fr"]);
    assert_eq!(
        page.attrs("main a[href*=impressum]", "href"),
        ["/de/impressum/"]
    );
    let chooser = site.page("");
    assert_eq!(chooser.attrs("a.choice-link", "hreflang"), ["de", "fr"]);
    let sitemap = std::fs::read_to_string(site.path().join("public/sitemap.xml")).expect("sitemap");
    assert!(
        sitemap.contains("https://example.org/de/impressum/"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("/en/"), "{sitemap}");
    assert!(!sitemap.contains("hreflang=\"en\""), "{sitemap}");

    // No errors or warnings about its files, not even missing translations.
    let run = site.run(&["check", "--base-url", DEPLOY_BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains(".en.md"), "{}", run.stderr);
    assert!(!run.stderr.contains("no en translation"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "note: `en` is paused (`paused_languages` in site.yaml): 2 files kept, not published"
        ),
        "{}",
        run.stderr
    );
    let header = run
        .stderr
        .lines()
        .find(|l| l.starts_with("page "))
        .expect("the table's header");
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["page", "de", "fr"]
    );
}

#[test]
fn a_paused_language_must_be_a_site_language_other_than_the_default() {
    let site = site_with_english();
    site.write(
        "site.yaml",
        &site_yaml("[de, fr, en]", "paused_languages: [de, es, eng]\n"),
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let default = blocks(
        &run,
        "error[config]: `de` is the default language and cannot be paused",
    );
    assert_eq!(default.len(), 1, "{}", run.stderr);
    assert!(
        default[0].contains("--> site.yaml:3:20\n"),
        "{}",
        default[0]
    );
    assert!(
        default[0].contains("remove `de` from `paused_languages`"),
        "{}",
        default[0]
    );
    let unknown = blocks(
        &run,
        "error[unknown-language]: `es` is not one of the site's languages",
    );
    assert_eq!(unknown.len(), 1, "{}", run.stderr);
    assert!(
        unknown[0].contains("--> site.yaml:3:24\n"),
        "{}",
        unknown[0]
    );
    assert!(
        unknown[0].contains("a paused language must also be listed in `languages`: add `es` there"),
        "{}",
        unknown[0]
    );
    let misspelt = blocks(
        &run,
        "error[unknown-language]: `eng` is not one of the site's languages",
    );
    assert_eq!(misspelt.len(), 1, "{}", run.stderr);
    assert!(
        misspelt[0].contains("did you mean `en`?"),
        "{}",
        misspelt[0]
    );
    assert!(!site.exists(""), "nothing written");
}

#[test]
fn a_language_removed_from_languages_is_one_error() {
    let site = site_with_english();
    site.write(
        "content/projekte/projekt.en.md",
        "---\ntitle: A project\ngoal: A goal.\n---\nText.\n",
    );
    site.write("site.yaml", &site_yaml("[de, fr]", ""));
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
    let found = blocks(
        &run,
        "error[unknown-language]: 3 files are in `en` (`content/_index.en.md` and others), which is not one of the site's languages",
    );
    assert_eq!(found.len(), 1, "{}", run.stderr);
    assert!(
        found[0].contains("add `en` to `languages` in site.yaml to publish them, or to `languages` and `paused_languages` to keep them unpublished"),
        "{}",
        found[0]
    );
    assert!(
        found[0].contains("::: content/impressum.en.md"),
        "{}",
        found[0]
    );
}

#[test]
fn new_writes_no_file_of_a_paused_language() {
    let site = site_with_english();
    site.write(
        "site.yaml",
        &site_yaml("[de, fr, en]", "paused_languages: [en]\n"),
    );
    let run = site.run(&["new", "project", "neu"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path().join("content/projekte/neu.fr.md").exists());
    assert!(!site.path().join("content/projekte/neu.en.md").exists());
    let run = site.run(&["new", "project", "noch-eins", "--lang", "de,en"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`en` is paused (site.yaml `paused_languages`)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("remove it from `paused_languages`"),
        "{}",
        run.stderr
    );
    assert!(!site.path().join("content/projekte/noch-eins.md").exists());
}

#[test]
fn a_paused_language_keeps_its_logo_alt_text_in_site_yaml() {
    let site = site_with_english();
    site.write("static/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>\n");
    let logo = "logo: {file: static/logo.svg, alt: {de: Stadtlogo, fr: Logo de la ville, en: City logo}}\n";
    site.write(
        "site.yaml",
        &site_yaml("[de, fr, en]", &format!("paused_languages: [en]\n{logo}")),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("de/");
    assert_eq!(page.attr(".site-title a img", "alt"), "Stadtlogo");
    assert!(!site.exists("en"), "no English pages");
}

/// A site with English paused, its English page kept.
fn paused_site() -> TestSite {
    let site = site_with_english();
    site.write(
        "site.yaml",
        &site_yaml("[de, fr, en]", "paused_languages: [en]\n"),
    );
    site
}

#[test]
fn check_as_json_carries_the_paused_language_as_a_note() {
    let site = paused_site();
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let notes: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] == "note")
        .collect();
    assert_eq!(notes.len(), 1, "{}", run.stdout);
    assert_eq!(notes[0]["code"], "paused-language");
    assert_eq!(
        notes[0]["message"],
        "`en` is paused (`paused_languages` in site.yaml): 2 files kept, not published"
    );
    assert_eq!(notes[0]["file"], "site.yaml");
    assert!(
        notes[0]["help"]
            .as_str()
            .is_some_and(|h| h.contains("paused_languages"))
    );
    let count = |severity: &str| {
        report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["severity"] == severity)
            .count()
    };
    assert_eq!(report["errors"], count("error"));
    assert_eq!(report["warnings"], count("warning"), "a note is no warning");
}

#[test]
fn serve_prints_the_paused_language_note() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let site = paused_site();
    let mut child = Command::new(env!("CARGO_BIN_EXE_konzept"))
        .args(["serve", "--port", "0"])
        .current_dir(site.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start konzept serve");
    let stderr = child.stderr.take().expect("piped stderr");
    let (tx, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    // Long enough for a slow, shared machine; not a speed requirement.
    let line = lines.recv_timeout(std::time::Duration::from_secs(60));
    child.kill().expect("stop konzept serve");
    child.wait().expect("konzept serve ends");
    assert_eq!(
        line.expect("serve printed a line on stderr"),
        "note: `en` is paused (`paused_languages` in site.yaml): 2 files kept, not published"
    );
}
