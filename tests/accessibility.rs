//! The accessibility statement (issue 19, item 8): its sections in every
//! language in the order of the EU model statement, its machine-readable
//! copy, the errors and the warning `build` gives, and the "report a
//! barrier" link on every page.

mod common;

use common::{TODAY, TestSite};

const BASE: &str = "https://example.org/konzept/";

/// The statement's page in each language of the Saarbrücken site, with the
/// EU model's section headings in that language.
const PAGES: [(&str, &str, [&str; 5]); 3] = [
    (
        "de",
        "de/barrierefreiheit/",
        [
            "Stand der Vereinbarkeit mit den Anforderungen",
            "Nicht barrierefreie Inhalte",
            "Erstellung dieser Erklärung zur Barrierefreiheit",
            "Feedback und Kontaktangaben",
            "Durchsetzungsverfahren",
        ],
    ),
    (
        "fr",
        "fr/accessibilite/",
        [
            "État de conformité",
            "Contenus non accessibles",
            "Établissement de cette déclaration d’accessibilité",
            "Retour d’information et coordonnées",
            "Procédure d’application",
        ],
    ),
    (
        "en",
        "en/accessibility/",
        [
            "Compliance status",
            "Non-accessible content",
            "Preparation of this accessibility statement",
            "Feedback and contact information",
            "Enforcement procedure",
        ],
    ),
];

#[test]
fn the_statement_has_the_eu_model_sections_in_every_language() {
    let site = TestSite::saarbruecken();
    site.build_clean();
    for (lang, url, headings) in PAGES {
        let page = site.page(url);
        assert_eq!(page.attr("html", "lang"), lang);
        assert_eq!(page.texts(".statement-part h2"), headings, "{url}");
        assert_eq!(
            page.text(".conformity"),
            match lang {
                "de" => "Diese Website ist teilweise mit den Anforderungen vereinbar.",
                "fr" => "Ce site est partiellement conforme aux exigences.",
                _ => "This website is partially compliant with the requirements.",
            }
        );
        // Each known barrier with its reason and alternative, in the page's language.
        assert_eq!(page.texts(".barriers > li").len(), 2, "{url}");
        assert_eq!(page.texts(".barriers dd").len(), 4, "{url}");
        assert!(
            page.texts(".barrier-what")[0].contains("JavaScript"),
            "{url}"
        );
        assert_eq!(
            page.attrs(".statement-preparation time", "datetime"),
            ["2026-12-07", "2026-12-07"]
        );
        assert_eq!(
            page.attr(".statement-feedback a", "href"),
            "mailto:zib@saarbruecken.de"
        );
        assert!(page.text(".enforcement-body").contains("SBGG"), "{url}");
        // No web address of the body is known: the page says so, and links nowhere.
        assert_eq!(page.texts(".enforcement-url-unknown").len(), 1, "{url}");
        assert!(page.attrs(".statement-enforcement a", "href").is_empty());
        // The JSON copy, from the head and from the page.
        let json = format!("/{url}statement.json");
        assert_eq!(
            page.attr(r#"link[rel="alternate"][type="application/json"]"#, "href"),
            json
        );
        assert_eq!(
            page.attr(r#"a[rel="alternate"][type="application/json"]"#, "href"),
            json
        );
    }
}

#[test]
fn statement_json_beside_each_page_holds_the_statement_in_its_language() {
    let site = TestSite::saarbruecken();
    let run = site.run(&["build", "--base-url", BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (lang, url, _) in PAGES {
        let path = site.path().join("public").join(url).join("statement.json");
        let text = std::fs::read_to_string(&path).expect("statement.json beside the page");
        let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(json["lang"], lang);
        assert_eq!(json["url"], format!("{BASE}{url}"));
        assert_eq!(json["status"], "partially");
        assert_eq!(
            json["standards"],
            serde_json::json!(["WCAG 2.1 AA", "BITV 2.0"])
        );
        assert_eq!(json["evaluation"]["date"], "2026-12-07");
        assert_eq!(json["evaluation"]["method"], "self_assessment");
        assert!(
            json["evaluation"]["evaluator"]
                .as_str()
                .is_some_and(|e| e.contains("axe-core"))
        );
        let barriers = json["barriers"].as_array().expect("a list");
        assert_eq!(barriers.len(), 2);
        for b in barriers {
            for key in ["what", "reason", "alternative"] {
                assert!(b[key].as_str().is_some_and(|s| !s.is_empty()), "{b}");
            }
        }
        assert_eq!(json["feedback"]["email"], "zib@saarbruecken.de");
        assert_eq!(json["feedback"]["phone"], serde_json::Value::Null);
        assert_eq!(json["enforcement"]["url"], serde_json::Value::Null);
        assert!(
            json["enforcement"]["body"]
                .as_str()
                .is_some_and(|b| b.contains("SBGG"))
        );
        assert_eq!(json["prepared_on"], "2026-12-07");
    }
    // The texts are each language's own.
    let fr = std::fs::read_to_string(site.path().join("public/fr/accessibilite/statement.json"))
        .expect("French copy");
    assert!(fr.contains("La recherche ne fonctionne qu’avec JavaScript."));
}

/// A statement on the minimal fixture site, with `fields` after the title.
fn minimal_with_statement(fields: &str) -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/barrierefreiheit.md",
        &format!("---\ntitle: Barrierefreiheit\n{fields}---\nText.\n"),
    );
    site
}

const COMPLETE: &str = "status: fully
standards: [WCAG 2.1 AA]
evaluated_on: 2026-06-01
method: third_party
evaluator: Prüfstelle
feedback_email: hilfe@example.org
enforcement_body: Schlichtungsstelle
enforcement_url: https://example.org/schlichtung
enforcement_text: So geht es.
prepared_on: 2026-06-02
barriers:
  - what: Ein Plan als Bild.
    reason: Noch nicht beschrieben.
";

#[test]
fn a_missing_or_invalid_part_of_the_statement_is_an_error_at_its_line() {
    let without_email = COMPLETE.replace("feedback_email: hilfe@example.org\n", "");
    let site = minimal_with_statement(&without_email);
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[missing-field]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`feedback_email`"), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/barrierefreiheit.md:1"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help:"), "{}", run.stderr);

    let invalid = COMPLETE
        .replace("status: fully", "status: mostly")
        .replace("https://example.org/schlichtung", "bitte eintragen")
        .replace("evaluated_on: 2026-06-01", "evaluated_on: 2026-06");
    let site = minimal_with_statement(&invalid);
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    // `status` is line 3 of the file; the others are reported too.
    assert!(
        run.stderr.contains("content/barrierefreiheit.md:3"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`bitte eintragen` is not a web address"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/barrierefreiheit.md:10"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_partial_evaluation_date_is_an_error() {
    let site = minimal_with_statement(
        &COMPLETE.replace("evaluated_on: 2026-06-01", "evaluated_on: 2026-06"),
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("`evaluated_on` needs the day"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/barrierefreiheit.md:5"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_evaluation_older_than_twelve_months_gives_one_warning() {
    let site = TestSite::saarbruecken();
    // A year after the evaluation (2026-12-07) is still in time.
    let run = site.run_on("2027-12-07", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("stale-statement"), "{}", run.stderr);
    // The day after is not: one warning, at the original's `evaluated_on`
    // (translations inherit it), and the build still succeeds.
    for command in ["build", "check"] {
        let run = site.run_on("2027-12-08", &[command]);
        assert_eq!(run.code, 0, "{command}: {}", run.stderr);
        assert_eq!(
            run.stderr.matches("warning[stale-statement]").count(),
            1,
            "{command}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("content/barrierefreiheit.md:7"),
            "{command}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("2026-12-07"), "{}", run.stderr);
    }
    assert_eq!(TODAY, "2026-12-07");
}

/// Percent-decodes a URL component (UTF-8).
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ASCII");
            out.push(u8::from_str_radix(hex, 16).expect("two hex digits"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

/// The page URL a built file stands for (`de/projekte/ibis/index.html` →
/// `…/de/projekte/ibis/`).
fn url_of(file: &str) -> String {
    format!("{BASE}{}", file.strip_suffix("index.html").unwrap_or(file))
}

#[test]
fn every_page_links_to_report_a_barrier_with_its_url_and_language() {
    let site = TestSite::saarbruecken();
    let run = site.run(&["build", "--base-url", BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files: Vec<String> = site
        .public_tree()
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect();
    let mut kinds = std::collections::BTreeSet::new();
    for file in &files {
        let page = site.page(file);
        let lang = page.attr("html", "lang");
        kinds.insert(page.attrs("body", "class").pop().unwrap_or_default());
        let href = page.attr("footer a.report-barrier", "href");
        let (to, query) = href
            .strip_prefix("mailto:")
            .and_then(|h| h.split_once('?'))
            .unwrap_or_else(|| panic!("{file}: not a mailto: with a query: {href}"));
        assert_eq!(to, "zib@saarbruecken.de", "{file}");
        // RFC 6068: only unreserved characters and percent-encoded octets
        // in the values; line breaks as CRLF.
        let fields: Vec<(&str, &str)> = query
            .split('&')
            .map(|f| f.split_once('=').expect("key=value"))
            .collect();
        assert_eq!(
            fields.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            ["subject", "body"]
        );
        for (_, value) in &fields {
            assert!(
                value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._~%".contains(c)),
                "{file}: {value}"
            );
        }
        let (subject, body) = (decode(fields[0].1), decode(fields[1].1));
        let url = url_of(file);
        assert!(subject.ends_with(&format!(" {url}")), "{file}: {subject}");
        assert!(body.contains(&format!(" {url}\r\n")), "{file}: {body}");
        assert!(body.contains(&format!(" {lang}\r\n")), "{file}: {body}");
        assert!(!body.replace("\r\n", "").contains('\n'), "{file}: bare LF");
    }
    // Pages of every kind, the 404 pages, search, full text and the chooser.
    for kind in [
        "home",
        "section",
        "guideline",
        "project",
        "contact",
        "page",
        "accessibility",
        "not_found",
        "search",
        "full_text",
    ] {
        assert!(kinds.contains(&format!("kind-{kind}")), "{kind}: {kinds:?}");
    }
    assert!(files.contains(&"index.html".to_owned()));
    let fr = site.page("fr/projets/ibis/");
    let body = decode(
        fr.attr("a.report-barrier", "href")
            .split("body=")
            .nth(1)
            .expect("a body"),
    );
    assert!(body.starts_with("Page\u{202f}: "), "{body}");
    assert_eq!(fr.text("a.report-barrier"), "Signaler un obstacle");
}

#[test]
fn without_a_statement_there_is_no_report_link_and_no_json() {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    for file in site.public_tree().keys() {
        assert!(!file.ends_with("statement.json"), "{file}");
        if file.ends_with(".html") {
            assert!(
                site.page(file).attrs("a.report-barrier", "href").is_empty(),
                "{file}"
            );
        }
    }
    // With one, the minimal site's pages get the link.
    let site = minimal_with_statement(COMPLETE);
    site.build_clean();
    assert_eq!(
        site.page("de/impressum/")
            .attrs("a.report-barrier", "href")
            .len(),
        1
    );
    assert!(site.exists("de/barrierefreiheit/statement.json"));
    // A barrier without an alternative: no empty label, `null` in the copy.
    let page = site.page("de/barrierefreiheit/");
    assert_eq!(page.texts(".barriers dt"), ["Grund"]);
    assert_eq!(
        page.attr(".statement-enforcement a", "href"),
        "https://example.org/schlichtung"
    );
    let json = std::fs::read_to_string(
        site.path()
            .join("public/de/barrierefreiheit/statement.json"),
    )
    .expect("the copy");
    assert!(json.contains("\"alternative\": null"), "{json}");
    // Untranslated, the French page shows the German statement under French
    // headings, each marked as French inside the German article.
    let fr = site.page("fr/barrierefreiheit/");
    assert_eq!(fr.attr("article", "lang"), "de");
    assert_eq!(fr.texts(".statement-part h2")[0], "État de conformité");
    assert_eq!(fr.attrs(".statement-part h2", "lang"), ["fr"; 5]);
    assert_eq!(fr.text(".barrier-what"), "Ein Plan als Bild.");
}
