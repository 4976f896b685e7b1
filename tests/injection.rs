//! Content security: no text an editor writes reaches readers as markup.
//!
//! Every text field of every kind, a UI string and a Markdown body carry the
//! same hostile payload (a script, a tag breaking out of an attribute, a
//! closing `</title>`); the built pages must show it as text in every place
//! it appears — `<title>`, meta description, headings, cards, navigation,
//! breadcrumbs, the footer's contact link — and contain no script, no event
//! handler attribute, no injected element and no `javascript:` link. Raw
//! HTML in Markdown is removed (`sanitize`, the default) or shown as text
//! (`escape`); under every policy, `allow` included, nothing of it runs.

mod common;

use common::TestSite;
use scraper::{Html, Selector};

/// Breaks out of text, attributes and `<title>` if anything is not escaped.
/// No quotes inside `<script>…</script>`, so typography leaves that part as
/// it is and the tests can look for it literally.
const PAYLOAD: &str = r#"<script>alert(1)</script>"><img src=x onerror=alert(2)></title><b>"#;

fn yaml(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The hostile site under a `raw_html` policy (`None`: the default).
fn hostile_site(raw_html: Option<&str>) -> TestSite {
    let site = TestSite::fixture("minimal");
    if let Some(policy) = raw_html {
        let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
        site.write(
            "site.yaml",
            &format!("{config}markdown: {{ raw_html: {policy} }}\n"),
        );
    }
    let p = yaml(PAYLOAD);
    let t = |what: &str| yaml(&format!("{what} {PAYLOAD}"));
    site.write(
        "content/projekte/_index.md",
        &format!(
            "---\ntitle: {}\nsummary: {p}\nweight: 2\n---\n",
            t("Projekte")
        ),
    );
    site.write(
        "content/projekte/projekt.md",
        &format!(
            "---\ntitle: {}\nsummary: {p}\ngoal: {p}\ncontact: buero\nguidelines: [eins]\n\
             participants: [{p}, Verein B]\ncosts: {p}\nfunding: {p}\ndistricts: [{p}]\nstatus: running\n---\n\
             ## Überschrift {PAYLOAD}\n\nText mit <img src=x onerror=alert(5)> und\n\
             [einem Link](javascript:alert(6)).\n\n## Zweite\n\n<script>alert(7)</script>\n",
            t("Projekt")
        ),
    );
    site.write(
        "content/projekte/projekt.fr.md",
        &format!("---\ntitle: {}\ngoal: {p}\n---\n", t("Projet")),
    );
    site.write(
        "content/kontakte/buero.md",
        &format!(
            "---\ntitle: {}\norganisation: {p}\nunit: {p}\nname: {p}\nstreet: {p}\n\
             postal_code: \"12345\"\ncity: {p}\nemail: {}\nphone: {}\nopening_hours: {p}\n---\n",
            t("Büro"),
            // Addresses and numbers that break out of `href` are refused
            // before they reach a page (tests/careless.rs).
            yaml("buero@example.org"),
            yaml("+49 1234"),
        ),
    );
    site.write(
        "content/leitlinien/eins.md",
        &format!(
            "---\ntitle: {}\nsummary: {p}\nordinal: 1\nfields_of_action: [{p}]\n---\nText.\n\n## Ziele\n",
            t("Leitlinie")
        ),
    );
    let de = std::fs::read_to_string(site.path().join("i18n/de.yaml")).expect("de.yaml");
    let de = de
        .lines()
        .map(|l| {
            if l.starts_with("site_title:") {
                format!("site_title: {}", yaml(&format!("Konzept {PAYLOAD}")))
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    site.write("i18n/de.yaml", &de);
    site
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = Selector::parse(selector).expect("valid selector");
    html.select(&sel).collect()
}

#[test]
fn no_front_matter_ui_string_or_markdown_text_becomes_markup() {
    for policy in [None, Some("escape"), Some("allow")] {
        assert_no_markup_from_content(&hostile_site(policy), policy);
    }
}

fn assert_no_markup_from_content(site: &TestSite, policy: Option<&str>) {
    let run = site.build();
    assert_eq!(run.code, 0, "{policy:?}: {}", run.stderr);
    assert!(run.stderr.contains("warning[raw-html]"), "{policy:?}");
    assert!(run.stderr.contains("warning[unsafe-link]"), "{policy:?}");
    let tree = site.public_tree();
    let pages: Vec<_> = tree.iter().filter(|(p, _)| p.ends_with(".html")).collect();
    assert!(pages.len() > 20, "{} pages", pages.len());
    for (path, bytes) in pages {
        let text = String::from_utf8_lossy(bytes);
        let html = Html::parse_document(&text);
        // The theme's own scripts only: data for search engines that still
        // parses as JSON (the payload stayed inside its strings), and the
        // search page's script from the site's assets.
        for script in select(&html, "script") {
            let own_data = script.value().attr("type") == Some("application/ld+json")
                && serde_json::from_str::<serde_json::Value>(&script.inner_html()).is_ok();
            let own_file = script
                .value()
                .attr("src")
                .is_some_and(|src| src.starts_with("/assets/search."))
                && script.inner_html().is_empty();
            assert!(own_data || own_file, "{path}: a <script> element");
        }
        assert!(select(&html, "img").is_empty(), "{path}: an injected <img>");
        // `allow` lets editors write `<b>`; the others do not.
        if policy != Some("allow") {
            assert!(select(&html, "b").is_empty(), "{path}: an injected <b>");
        }
        for element in select(&html, "*") {
            for (name, value) in element.value().attrs() {
                assert!(
                    !name.starts_with("on"),
                    "{path}: an event handler {name}={value:?}"
                );
                assert!(
                    !value
                        .trim_start()
                        .to_ascii_lowercase()
                        .starts_with("javascript:"),
                    "{path}: a javascript: URL in {name}"
                );
                // The theme styles by class; no page carries a style attribute.
                assert_ne!(name, "style", "{path}: a style attribute");
            }
        }
        // One <title>, whatever it says: `</title>` in a value did not end it.
        assert_eq!(select(&html, "title").len(), 1, "{path}");
    }
}

#[test]
fn raw_html_in_markdown_is_removed_by_default() {
    let site = hostile_site(None);
    let run = site.build();
    assert!(
        run.stderr
            .contains("warning[raw-html]: raw HTML `<img>` was removed"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("raw HTML `<script>` was removed"));
    let project = site.page("de/projekte/projekt/");
    let headings = project.texts("main h2");
    assert!(
        headings.iter().any(|h| h == "Überschrift alert(1)“>"),
        "the heading keeps its text, not its tags: {headings:?}"
    );
    let main = project.text("main");
    for gone in ["onerror=alert(5)", "alert(7)"] {
        assert!(!main.contains(gone), "{gone} is on the page: {main}");
    }
    for kept in ["Text mit und", "einem Link"] {
        assert!(main.contains(kept), "{kept} is missing: {main}");
    }
}

#[test]
fn the_payload_is_shown_as_text_wherever_a_field_appears() {
    // With raw HTML escaped, the Markdown body shows the payload too.
    let site = hostile_site(Some("escape"));
    site.build();
    let script = "<script>alert(1)</script>";
    let project = site.page("de/projekte/projekt/");
    let title = project.text("title");
    assert!(title.starts_with(&format!("Projekt {script}")), "{title}");
    assert!(title.contains("</title>"), "{title}");
    assert!(title.contains("Konzept"), "the site title follows: {title}");
    let description = project.attr(r#"meta[name="description"]"#, "content");
    assert!(description.starts_with(script), "{description}");
    assert!(project.text("h1").starts_with(&format!("Projekt {script}")));
    assert!(
        project.text(".site-title").contains(script),
        "site title in the header"
    );
    let crumbs = project.texts(".breadcrumbs li");
    assert!(
        crumbs[1].starts_with(&format!("Projekte {script}")),
        "{crumbs:?}"
    );
    assert!(
        crumbs[2].starts_with(&format!("Projekt {script}")),
        "{crumbs:?}"
    );
    assert!(
        project
            .texts(".main-nav a")
            .iter()
            .any(|t| t.starts_with(&format!("Projekte {script}"))),
        "menu"
    );
    let main = project.text("main");
    for field in [
        "Überschrift",
        "onerror=alert(5)",
        "<script>alert(7)</script>",
        "einem Link",
    ] {
        assert!(
            main.contains(field),
            "{field} missing from the page text: {main}"
        );
    }
    assert!(
        main.matches(script).count() >= 6,
        "goal, participants, costs, funding, districts, heading: {main}"
    );
    assert!(
        project.texts(".toc a").iter().any(|t| t.contains(script)),
        "table of contents"
    );
    let card = project.text("main .contact-card");
    assert!(
        card.matches(script).count() >= 5,
        "organisation, unit, name, street, city: {card}"
    );
    assert_eq!(
        project.attrs("main .contact-card a[href^=\"mailto:\"]", "href"),
        ["mailto:buero@example.org"]
    );
    let footer = project.text(".site-footer .footer-contact");
    assert!(footer.contains(script), "the contact's title: {footer}");
    let section = site.page("de/projekte/");
    let cards = section.texts(".card");
    assert!(
        cards
            .iter()
            .any(|c| c.starts_with(&format!("Projekt {script}"))),
        "{cards:?}"
    );
    let guideline = site.page("de/leitlinien/eins/");
    assert!(guideline.text("main").contains(script), "fields of action");
    let fr = site.page("fr/projekte/projekt/");
    assert!(fr.text("h1").starts_with(&format!("Projet {script}")));
}
