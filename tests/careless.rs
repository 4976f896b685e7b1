//! Careless input (issue 15, reproduction 8): values an editor left empty,
//! placeholders, impossible dates, names Windows cannot check out, twin
//! files, and template cycles are errors at their file and line with a fix,
//! and all value errors of a file come in one run.
//!
//! Each test builds `tests/fixtures/minimal`, then writes one mistake at a
//! time (and its variations) over it, checks what the editor sees and that
//! the previous `public/` stayed as it was, and restores the file.

mod common;

use common::{Run, TestSite, Tree, build_fails, built_site};

/// `run` reports `code` at `place` (`file:line:col`) with a help containing `help`.
fn assert_error(run: &Run, code: &str, place: &str, help: &str) {
    let found = run.stderr.split("\n\n").any(|block| {
        block.starts_with(&format!("error[{code}]"))
            && block.contains(&format!("--> {place}\n"))
            && block.contains(help)
    });
    assert!(
        found,
        "no error[{code}] at {place} with help `{help}` in:\n{}",
        run.stderr
    );
}

/// Writes `text` to `rel`, expects the error, then puts `original` back.
fn mistake(site: &TestSite, before: &Tree, rel: &str, text: &str, expect: (&str, &str, &str)) {
    let original = std::fs::read_to_string(site.path().join(rel)).ok();
    site.write(rel, text);
    let run = build_fails(site, before);
    assert_error(&run, expect.0, expect.1, expect.2);
    match original {
        Some(o) => site.write(rel, &o),
        None => site.remove(rel),
    };
}

const PROJECT: &str = "content/projekte/projekt.md";
const CONTACT: &str = "content/kontakte/buero.md";

fn contact(line: &str) -> String {
    format!(
        "---\ntitle: Beispielbüro\norganisation: Beispielstadt\nstreet: Beispielstraße 1\npostal_code: \"12345\"\ncity: Beispielstadt\n{line}\n---\n"
    )
}

#[test]
fn empty_required_fields_are_errors() {
    let (site, before) = built_site();
    for title in ["title:", "title: \"\"", "title: '   '", "title: ~"] {
        let text = format!("---\n{title}\n---\nText.\n");
        let at = if title.contains('"') || title.contains('\'') {
            "content/impressum.md:2:8"
        } else {
            "content/impressum.md:2:1"
        };
        mistake(
            &site,
            &before,
            "content/impressum.md",
            &text,
            ("invalid-value", at, "write the text after `title:`"),
        );
    }
    let goal = "---\ntitle: Ein Projekt\ngoal:  \ncontact: buero\n---\n";
    mistake(
        &site,
        &before,
        PROJECT,
        goal,
        ("invalid-value", &format!("{PROJECT}:3:1"), "`goal:`"),
    );
    let org = "---\ntitle: Büro\norganisation: \" \"\nstreet: S 1\npostal_code: \"1\"\ncity: X\nemail: a@example.org\nphone: \"0681 1234\"\n---\n";
    mistake(
        &site,
        &before,
        CONTACT,
        org,
        (
            "invalid-value",
            &format!("{CONTACT}:3:15"),
            "`organisation:`",
        ),
    );
    let item =
        "---\ntitle: Ein Projekt\ngoal: Ziel\ncontact: buero\nparticipants: [Verein, \"\"]\n---\n";
    mistake(
        &site,
        &before,
        PROJECT,
        item,
        (
            "invalid-value",
            &format!("{PROJECT}:5:15"),
            "remove the empty item",
        ),
    );
    // An optional field left without a value is simply absent.
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\nsummary:\n---\nText.\n",
    );
    assert_eq!(site.build().code, 0);
}

#[test]
fn a_project_ending_before_it_starts_is_an_error() {
    let (site, before) = built_site();
    let base = "---\ntitle: Ein Projekt\ngoal: Ziel\ncontact: buero\n";
    for (duration, at) in [
        ("duration: {start: 2024-05, end: 2023-01}\n", "5:33"),
        ("duration:\n  start: 2024-05-02\n  end: 2024-05-01\n", "7:8"),
        ("duration: { end: 2019, start: 2020 }\n", "5:18"),
    ] {
        let text = format!("{base}{duration}---\n");
        let run = {
            site.write(PROJECT, &text);
            build_fails(&site, &before)
        };
        assert_error(
            &run,
            "invalid-value",
            &format!("{PROJECT}:{at}"),
            "the end must be on or after",
        );
        assert!(run.stderr.contains("before it starts"), "{}", run.stderr);
    }
    site.write(
        PROJECT,
        &format!("{base}duration: {{start: 2024-05, end: 2024-05}}\n---\n"),
    );
    assert_eq!(site.build().code, 0, "the same month is a valid duration");
    site.write(
        PROJECT,
        &format!("{base}duration: {{start: 2024-05-02, end: 2024}}\n---\n"),
    );
    assert_eq!(site.build().code, 0, "a year ends on its last day");
    site.write(
        PROJECT,
        &format!("{base}duration: {{start: 2024, end: 2024-01}}\n---\n"),
    );
    assert_eq!(site.build().code, 0, "a year starts on its first day");
}

#[test]
fn placeholder_email_and_phone_are_errors() {
    let (site, before) = built_site();
    for email in [
        "bitte eintragen",
        "buero@localhost",
        "mailto:buero@example.org",
        "Büro <b@example.org>",
    ] {
        let text = contact(&format!("email: \"{email}\"\nphone: \"0681 1234\""));
        mistake(
            &site,
            &before,
            CONTACT,
            &text,
            (
                "invalid-value",
                &format!("{CONTACT}:7:8"),
                "write the address alone",
            ),
        );
    }
    for phone in [
        "bitte eintragen",
        "12",
        "+49 681 x",
        "0681 1234; 5678",
        "+49 1234' onclick='alert(4)",
    ] {
        let text = contact(&format!("email: b@example.org\nphone: \"{phone}\""));
        mistake(
            &site,
            &before,
            CONTACT,
            &text,
            ("invalid-value", &format!("{CONTACT}:8:8"), "digits, spaces"),
        );
    }
}

#[test]
fn every_value_error_of_a_file_comes_in_one_run() {
    let (site, before) = built_site();
    site.write(
        PROJECT,
        "---\ntitle: \"\"\ngoal: Ziel\ncontact: buero\nupdated: 2024-13-45\nweight: viel\nfarbe: rot\nstatus: läuft\n\
         duration: {start: 2024-05, end: 2023-01}\nslug: Mein Projekt\n---\n",
    );
    let run = build_fails(&site, &before);
    assert_error(
        &run,
        "invalid-value",
        &format!("{PROJECT}:2:8"),
        "write the text after `title:`",
    );
    assert_error(&run, "invalid-value", &format!("{PROJECT}:5:10"), "");
    assert_error(&run, "invalid-value", &format!("{PROJECT}:6:9"), "");
    assert_error(&run, "unknown-field", &format!("{PROJECT}:7:1"), "");
    assert_error(&run, "invalid-value", &format!("{PROJECT}:8:9"), "");
    assert_error(
        &run,
        "invalid-value",
        &format!("{PROJECT}:9:33"),
        "the end must be on or after",
    );
    assert_error(
        &run,
        "invalid-value",
        &format!("{PROJECT}:10:7"),
        "use `mein-projekt`",
    );
    assert_eq!(run.stderr.matches("error[").count(), 7, "{}", run.stderr);
    // A contact's placeholders come with its other mistakes.
    site.write(
        CONTACT,
        &contact(
            r#"email: bitte eintragen
phone: "?"
farbe: rot"#,
        ),
    );
    let run = build_fails(&site, &before);
    assert_error(&run, "unknown-field", &format!("{CONTACT}:9:1"), "");
    assert_error(
        &run,
        "invalid-value",
        &format!("{CONTACT}:7:8"),
        "write the address alone",
    );
    assert_error(
        &run,
        "invalid-value",
        &format!("{CONTACT}:8:8"),
        "digits, spaces",
    );
}

const BAD_BASE_URLS: &[&str] = &[
    "https://exa mple.org/",
    "javascript:alert(1)",
    "ftp://example.org/",
    "example.org/konzept/",
    "https://example.org/?x=1",
    "https://example.org/konzept/#top",
    "https://user:pw@example.org/",
    "https://@/",
    "//example.org/",
    "https://example.org/a/../b/",
    "https://example.org/a/%2E%2e/b/",
    "/konzept/%2e/",
    "/sub?x=1",
    "",
];

#[test]
fn a_bad_base_url_option_is_a_usage_error() {
    let (site, before) = built_site();
    for url in BAD_BASE_URLS {
        let run = site.run(&["build", "--base-url", url]);
        assert_eq!(run.code, 2, "{url}: {}", run.stderr);
        assert!(run.stderr.contains("--base-url"), "{url}: {}", run.stderr);
        let reason = run.stderr.split("<URL>': ").nth(1).unwrap_or_default();
        assert!(
            reason.trim().len() > 10,
            "{url}: no reason in {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"));
        assert!(site.public_tree() == before);
    }
    let run = site.run(&["build", "--base-url", "https://example.org:8443/konzept"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_bad_base_url_in_site_yaml_is_an_error_at_its_line() {
    let (site, before) = built_site();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    for url in BAD_BASE_URLS.iter().filter(|u| !u.is_empty()) {
        let text = format!("{yaml}base_url: \"{url}\"\n");
        mistake(
            &site,
            &before,
            "site.yaml",
            &text,
            ("config", "site.yaml:6:11", "write an absolute URL"),
        );
    }
}

#[test]
fn new_refuses_names_windows_reserves_and_names_that_are_no_slugs() {
    let site = TestSite::fixture("minimal");
    let long = "a".repeat(101);
    for (name, suggestion) in [
        ("aux", "aux-1"),
        ("CON", "con-1"),
        ("nul", "nul-1"),
        ("com1", "com1-1"),
        ("lpt9", "lpt9-1"),
        ("aux.md", "aux-1"),
        ("Prn.md", "prn-1"),
        ("bericht.", "bericht"),
        ("bericht ", "bericht"),
        ("Über uns", "ueber-uns"),
        (&long, &long[..100]),
    ] {
        let run = site.run(&["new", "page", name]);
        assert_eq!(run.code, 2, "{name:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("= help: use `{suggestion}`")),
            "{name:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"));
    }
    assert!(!site.path().join("content/aux.md").exists());
    assert_eq!(site.run(&["new", "page", "aux-1"]).code, 0);
}

#[test]
fn content_files_named_like_devices_are_unsupported_paths() {
    let (site, before) = built_site();
    let page = "---\ntitle: Seite\n---\n";
    for (rel, help) in [
        (
            "content/aux.md",
            "rename it to `aux-1`: Windows reserves `aux`",
        ),
        ("content/Nul.md", "rename it to `nul-1`"),
        ("content/projekte/con.fr.md", "rename it to `con-1`"),
        ("content/com3/_index.md", "rename it to `com3-1`"),
        ("content/bericht..md", "rename it to `bericht`"),
        ("content/bericht .md", "rename it to `bericht`"),
        ("content/projekte/bericht. .fr.md", "rename it to `bericht`"),
        (
            &format!("content/{}.md", "b".repeat(101)),
            "at most 100 bytes",
        ),
    ] {
        mistake(&site, &before, rel, page, ("unsupported-path", rel, help));
    }
    let run = {
        site.write(
            "content/impressum.md",
            "---\ntitle: Impressum\nslug: lpt1\n---\n",
        );
        build_fails(&site, &before)
    };
    assert_error(
        &run,
        "invalid-value",
        "content/impressum.md:3:7",
        "use `lpt1-1`",
    );
}

#[test]
fn a_default_language_file_twice_is_an_error_naming_both() {
    let (site, before) = built_site();
    for (rel, kept) in [
        ("content/impressum.de.md", "content/impressum.md"),
        ("content/_index.de.md", "content/_index.md"),
        (
            "content/projekte/_index.de.md",
            "content/projekte/_index.md",
        ),
        (
            "content/projekte/projekt.de.md",
            "content/projekte/projekt.md",
        ),
    ] {
        let text = std::fs::read_to_string(site.path().join(kept)).unwrap();
        let run = {
            site.write(rel, &text.replace("title: ", "title: Zwilling "));
            build_fails(&site, &before)
        };
        assert_error(&run, "unsupported-path", rel, "keep one of the two files");
        assert!(
            run.stderr.contains(&format!("`{kept}` and `{rel}`")),
            "{}",
            run.stderr
        );
        site.remove(rel);
    }
    // A file with the suffix alone is the default-language version.
    let text = std::fs::read_to_string(site.path().join("content/impressum.md")).unwrap();
    site.remove("content/impressum.md");
    site.write("content/impressum.de.md", &text);
    assert_eq!(site.build().code, 0);
}

#[test]
fn a_generated_page_slug_that_is_no_slug_points_at_its_ui_string() {
    let (site, before) = built_site();
    for (file, key, value, help) in [
        (
            "i18n/de.yaml",
            "search_slug",
            "../../suche",
            "search_slug: \"suche\"",
        ),
        (
            "i18n/fr.yaml",
            "search_slug",
            "Recherche Texte",
            "search_slug: \"recherche-texte\"",
        ),
        (
            "i18n/de.yaml",
            "full_text_slug",
            "con",
            "full_text_slug: \"con-1\"",
        ),
        ("i18n/en.yaml", "full_text_slug", "", ""),
    ] {
        let original = std::fs::read_to_string(site.path().join(file)).unwrap();
        let (line, col) = original
            .lines()
            .enumerate()
            .find_map(|(i, l)| {
                l.starts_with(&format!("{key}:"))
                    .then_some((i + 1, key.len() + 3))
            })
            .unwrap();
        let text: String = original
            .lines()
            .map(|l| {
                if l.starts_with(&format!("{key}:")) {
                    format!("{key}: \"{value}\"\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        if value.is_empty() {
            // An empty slug falls back to the default language's: no error.
            site.write(file, &text);
            assert_eq!(site.build().code, 0);
            site.write(file, &original);
            continue;
        }
        mistake(
            &site,
            &before,
            file,
            &text,
            ("invalid-value", &format!("{file}:{line}:{col}"), help),
        );
    }
}

#[test]
fn template_cycles_are_reported_at_the_tag() {
    let (site, before) = built_site();
    let t = "themes/default/templates";
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[(
                "partials/card.html",
                "x\n{% include \"partials/card.html\" %}\n",
            )],
            "partials/card.html:2:13",
        ),
        (
            &[
                ("partials/a.html", "{% include 'partials/b.html' %}\n"),
                (
                    "partials/b.html",
                    "<p>\n  {%- include \"partials/a.html\" -%}\n",
                ),
                ("partials/card.html", "{% include \"partials/a.html\" %}\n"),
            ],
            "partials/a.html:1:13",
        ),
        (
            &[("base.html", "{% extends \"page.html\" %}\n")],
            "base.html:1:13",
        ),
        (
            &[
                (
                    "macros.html",
                    "{% import \"more.html\" as more %}{% macro m() %}x{% endmacro %}\n",
                ),
                (
                    "more.html",
                    "{% import \"macros.html\" as macros %}{% macro n() %}y{% endmacro %}\n",
                ),
            ],
            "macros.html:1:12",
        ),
    ];
    for (files, at) in cases {
        for (name, text) in *files {
            site.write(&format!("{t}/{name}"), text);
        }
        let run = build_fails(&site, &before);
        assert_error(&run, "template", &format!("{t}/{at}"), "remove this tag");
        assert!(
            run.stderr.contains("include each other in a circle"),
            "{}",
            run.stderr
        );
        std::fs::remove_dir_all(site.path().join("themes")).unwrap();
    }
}

#[test]
fn a_base_url_left_empty_in_site_yaml_is_an_error() {
    let (site, before) = built_site();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    let text = format!("{yaml}base_url: \"\"\n");
    mistake(
        &site,
        &before,
        "site.yaml",
        &text,
        ("invalid-value", "site.yaml:6:11", "or remove the line"),
    );
}

#[test]
fn a_theme_named_like_a_device_is_a_config_error() {
    let (site, before) = built_site();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    for theme in ["aux", "Con", "lpt1", "mein-thema.", "mein-thema "] {
        let text = format!("{yaml}theme: \"{theme}\"\n");
        mistake(
            &site,
            &before,
            "site.yaml",
            &text,
            ("config", "site.yaml:6:8", "name a directory in themes/"),
        );
    }
}

#[test]
fn every_value_error_of_a_ui_strings_file_comes_in_one_run() {
    let (site, before) = built_site();
    let original = std::fs::read_to_string(site.path().join("i18n/de.yaml")).unwrap();
    let mut bad = Vec::new();
    let text: String = original
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if l.starts_with("home:") {
                bad.push(format!("i18n/de.yaml:{}:7", i + 1));
                "home: [Start, Seite]\n".to_owned()
            } else if l.starts_with("search_title:") {
                bad.push(format!("i18n/de.yaml:{}:15", i + 1));
                "search_title: {x: 1}\n".to_owned()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    site.write("i18n/de.yaml", &text);
    let run = build_fails(&site, &before);
    assert_eq!(bad.len(), 2);
    for place in &bad {
        assert_error(&run, "invalid-value", place, "each line is `key: text`");
    }
}
