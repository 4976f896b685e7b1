//! The language of a title (issue 19, WCAG 3.1.2): a French page whose
//! title is a German name (`title_lang: de`) has `lang="de"` on every
//! element that holds that title, and nothing else changes.

mod common;

use common::TestSite;

const TITLE: &str = "ibis – innovative Beteiligungsformen in multiethnischen Stadtteilen";

fn site() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.apply("build/title_lang");
    site
}

/// The `lang` of every element matching `selector` whose text is `text`.
fn langs_of(page: &common::Page, selector: &str, text: &str) -> Vec<Option<String>> {
    let sel = scraper::Selector::parse(selector).expect("valid selector");
    page.html
        .select(&sel)
        .filter(|e| e.text().collect::<String>().trim() == text)
        .map(|e| e.value().attr("lang").map(str::to_owned))
        .collect()
}

#[test]
fn a_german_title_on_a_french_page_is_marked_wherever_it_appears() {
    let site = site();
    let run = site.run(&["build", "--base-url", "https://example.org/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let de = Some("de".to_owned());

    let page = site.page("fr/projekte/projekt/");
    assert_eq!(page.attr("main h1", "lang"), "de");
    assert_eq!(
        langs_of(&page, ".breadcrumbs li span", TITLE),
        vec![de.clone()]
    );
    assert_eq!(langs_of(&page, ".main-nav a", TITLE), vec![de.clone()]);
    // The footer link of a page marked the same way.
    assert_eq!(
        langs_of(&page, ".footer-links a", "Impressum"),
        vec![de.clone()]
    );
    // The page's own language is not changed: the summary-less body is French.
    assert_eq!(page.attrs("article.page", "lang"), Vec::<String>::new());

    for list in ["fr/projekte/", "fr/"] {
        let page = site.page(list);
        let cards = langs_of(&page, ".card-title a", TITLE);
        assert!(!cards.is_empty(), "{list}: no card");
        assert!(cards.iter().all(|l| *l == de), "{list}: {cards:?}");
    }

    let full = site.page("fr/texte-integral/");
    assert_eq!(
        langs_of(&full, ".full-text-toc span", TITLE),
        vec![de.clone()]
    );
    assert_eq!(
        langs_of(&full, ".full-text-entry h3 span", TITLE),
        vec![de.clone()]
    );

    let feed = std::fs::read_to_string(site.path().join("public/fr/feed.xml")).expect("feed");
    let doc = roxmltree::Document::parse(&feed).expect("XML");
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("title") && n.text() == Some(TITLE))
        .expect("the entry's title");
    assert_eq!(
        title.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("de")
    );
}

#[test]
fn guideline_and_contact_titles_are_marked_in_headings_references_and_json_ld() {
    let site = site();
    site.build_clean();
    let de = Some("de".to_owned());

    // The ordinal stays French; only the title is German.
    let guideline = site.page("fr/leitlinien/eins/");
    assert_eq!(
        langs_of(&guideline, "main h1 span", "Willkommenskultur"),
        vec![de.clone()]
    );
    assert_eq!(guideline.attrs("main h1", "lang"), Vec::<String>::new());

    let project = site.page("fr/projekte/projekt/");
    assert_eq!(
        langs_of(&project, ".link-list a", "Willkommenskultur"),
        vec![de.clone()]
    );
    assert_eq!(
        langs_of(&project, ".record .contact-card-title a", "Beispielbüro"),
        vec![de.clone()]
    );
    assert_eq!(
        langs_of(&project, ".footer-contact a", "Beispielbüro"),
        vec![de.clone()]
    );

    // JSON-LD has no document language: the name carries its own.
    let contact = site.page("fr/kontakte/buero/");
    let json: serde_json::Value =
        serde_json::from_str(&contact.text(r#"script[type="application/ld+json"]"#))
            .expect("JSON-LD");
    assert_eq!(
        json["name"],
        serde_json::json!({ "@value": "Beispielbüro", "@language": "de" })
    );
}

#[test]
fn a_section_s_title_is_marked_in_the_menu_on_home_and_in_the_full_text() {
    let site = site();
    site.build_clean();
    let de = Some("de".to_owned());
    let home = site.page("fr/");
    assert_eq!(langs_of(&home, ".main-nav a", "Kontakt"), vec![de.clone()]);
    assert_eq!(
        langs_of(&home, ".home-section h2 a", "Kontakt"),
        vec![de.clone()]
    );
    let full = site.page("fr/texte-integral/");
    assert_eq!(
        langs_of(&full, ".full-text-toc a", "Kontakt"),
        vec![de.clone()]
    );
    assert_eq!(
        langs_of(&full, ".full-text-part > h2", "Kontakt"),
        vec![de.clone()]
    );
}

#[test]
fn search_results_learn_the_title_s_language_from_the_heading() {
    let site = site();
    site.build_clean();
    let project = site.page("fr/projekte/projekt/");
    assert_eq!(
        project.attr("main h1", "data-pagefind-meta"),
        "title_lang:de"
    );
    // A fallback's title is in the original's language.
    let fallback = site.page("en/impressum/");
    assert_eq!(
        fallback.attr("main h1", "data-pagefind-meta"),
        "title_lang:de"
    );
    let script = std::fs::read_dir(site.path().join("public/assets"))
        .expect("static assets")
        .map(|e| e.expect("entry").path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("search"))
        })
        .expect("search.js");
    let script = std::fs::read_to_string(script).expect("search.js");
    assert!(
        script.contains("link.lang = data.meta.title_lang"),
        "search.js does not mark result titles"
    );
}

#[test]
fn a_title_without_the_field_has_no_lang() {
    let site = site();
    site.build_clean();
    let page = site.page("en/projekte/projekt/");
    assert_eq!(page.text("main h1"), "A project");
    assert_eq!(page.attrs("main h1", "lang"), Vec::<String>::new());
    assert_eq!(
        page.attrs("main h1", "data-pagefind-meta"),
        Vec::<String>::new()
    );
    assert_eq!(langs_of(&page, ".main-nav a", "A project"), [None]);
    assert_eq!(langs_of(&page, ".breadcrumbs li span", "A project"), [None]);
    let list = site.page("en/projekte/");
    assert_eq!(langs_of(&list, ".card-title a", "A project"), [None]);
}

#[test]
fn an_unknown_code_is_an_error_at_its_line_with_a_hint() {
    let site = site();
    site.write(
        "content/projekte/projekt.fr.md",
        "---\ntitle: Un projet\ntitle_lang: dee\ngoal: Un objectif.\n---\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[invalid-value]: `dee` is not a language code konzept knows"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/projekte/projekt.fr.md:3:13"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: did you mean `de`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_file_s_own_language_is_a_warning_and_writes_no_lang() {
    let site = site();
    site.write(
        "content/impressum.fr.md",
        "---\ntitle: Mentions légales\ntitle_lang: fr\n---\nTexte.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning[invalid-value]: `title_lang: fr` is this file's own language"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/impressum.fr.md:3:13"),
        "{}",
        run.stderr
    );
    let page = site.page("fr/impressum/");
    assert_eq!(page.attrs("main h1", "lang"), Vec::<String>::new());
}

#[test]
fn the_saarbruecken_site_marks_ibis_and_german_names_in_french_and_english() {
    let site = TestSite::saarbruecken();
    let run = site.run(&["build", "--base-url", "https://example.org/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let de = Some("de".to_owned());
    for (lang, url) in [("fr", "fr/projets/ibis/"), ("en", "en/projects/ibis/")] {
        let page = site.page(url);
        assert_eq!(page.text("main h1"), TITLE, "{lang}");
        assert_eq!(page.attr("main h1", "lang"), "de", "{lang}");
        assert_eq!(
            langs_of(&page, ".breadcrumbs li span", TITLE),
            vec![de.clone()]
        );
        // The link from the concept page, marked in its Markdown.
        let full = site.page(&format!("{lang}/{}/", full_text_slug(lang)));
        let marked = langs_of(&full, "span", TITLE);
        assert!(
            marked.len() >= 2 && marked.iter().all(|l| *l == de),
            "{lang}: {marked:?}"
        );
    }
    // The German original is not marked.
    let page = site.page("de/projekte/ibis/");
    assert_eq!(page.attrs("main h1", "lang"), Vec::<String>::new());
}

fn full_text_slug(lang: &str) -> &'static str {
    match lang {
        "fr" => "texte-integral",
        _ => "full-text",
    }
}

#[test]
fn a_link_to_a_fallback_keeps_its_hreflang_language_and_marks_the_title_inside() {
    let site = site();
    // A German original whose title is French, untranslated into English.
    site.write(
        "content/leitlinien/eins.md",
        "---\ntitle: Vivre ensemble\ntitle_lang: fr\nsummary: Ein Beispiel.\nordinal: 1\n---\nText.\n",
    );
    site.build_clean();
    for (url, selector) in [
        ("en/leitlinien/", ".card-title a"),
        ("en/projekte/projekt/", ".link-list a"),
    ] {
        let page = site.page(url);
        // The link says where it leads (the German page) …
        assert_eq!(page.attr(selector, "hreflang"), "de", "{url}");
        assert_eq!(page.attr(selector, "lang"), "de", "{url}");
        // … and its text is read as French.
        assert_eq!(
            langs_of(&page, &format!("{selector} span"), "Vivre ensemble"),
            vec![Some("fr".to_owned())],
            "{url}"
        );
    }
}

#[test]
fn a_german_title_in_a_history_page_s_heading_and_crumb_is_marked() {
    let site = TestSite::saarbruecken();
    site.build_clean();
    let page = site.page("en/history/editions/internationales-saarbruecken-2020/");
    // "History: " is English; only the edition's German title is marked.
    assert_eq!(page.attrs("main h1", "lang"), Vec::<String>::new());
    assert_eq!(page.attr("main h1 span", "lang"), "de");
    assert_eq!(
        page.texts("main h1 span"),
        ["Internationales Saarbrücken. Strategien für den Umgang mit Migration und Vielfalt"]
    );
    assert_eq!(page.attr(".breadcrumbs [aria-current] span", "lang"), "de");
}
