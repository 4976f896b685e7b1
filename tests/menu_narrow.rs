//! The main navigation of six entries or more (docs/theming.md § The menu
//! on narrow screens): the theme wraps its list in a `<details>` disclosure
//! whose `<summary>` is the "Menü" button on narrow screens, with no script;
//! fewer entries keep the plain list. Checked on the parsed pages of the
//! Saarbrücken site with its menu lengthened.

mod common;

use common::TestSite;
use scraper::{Html, Selector};

/// The Saarbrücken site with `menu` in place of its five-entry menu.
fn saarbruecken_with_menu(menu: &str) -> TestSite {
    let site = TestSite::saarbruecken();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    let line = yaml
        .lines()
        .find(|l| l.starts_with("menu:"))
        .expect("site.yaml has a menu line");
    site.write("site.yaml", &yaml.replace(line, &format!("menu: {menu}")));
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    site
}

const SIX: &str = "[konzept, leitlinien, projekte, indikatoren, kontakte, fortschreibungen]";

fn select<'a>(html: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = Selector::parse(selector).expect("selector");
    html.select(&sel).collect()
}

#[test]
fn six_entries_are_a_closed_disclosure_whose_button_is_named_in_the_pages_language() {
    let site = saarbruecken_with_menu(SIX);
    for (url, button, first) in [
        ("de/leitlinien/", "Menü", "Über das Integrationskonzept"),
        ("fr/lignes-directrices/", "Menu", "Le concept d’intégration"),
        ("en/guidelines/", "Menu", "About the Integration Concept"),
    ] {
        let page = site.page(url);
        // One disclosure, inside the labelled navigation, closed as loaded.
        let details = select(&page.html, "nav.main-nav > .wrap > details.main-nav-menu");
        assert_eq!(
            details.len(),
            1,
            "{url}: no disclosure in the main navigation"
        );
        assert_eq!(
            details[0].value().attr("open"),
            None,
            "{url}: opens as loaded"
        );
        // Its first child is the summary (the button), named in the page's language.
        let first_child = details[0]
            .children()
            .find_map(scraper::ElementRef::wrap)
            .expect("an element in the disclosure");
        assert_eq!(first_child.value().name(), "summary", "{url}");
        assert_eq!(page.text(".main-nav summary"), button, "{url}");
        // Then the six links, in menu order, with nothing focusable between
        // the button and them (keyboard and screen reader order unchanged).
        let links = page.texts("details.main-nav-menu > ul > li > a");
        assert_eq!(links.len(), 6, "{url}: {links:?}");
        assert_eq!(links[0], first, "{url}");
        let focusable: Vec<_> = select(
            &page.html,
            ".main-nav a[href], .main-nav summary, .main-nav button, .main-nav input",
        )
        .iter()
        .map(|e| e.value().name().to_owned())
        .collect();
        assert_eq!(
            focusable,
            ["summary", "a", "a", "a", "a", "a", "a"],
            "{url}"
        );
        // The current section keeps its mark.
        assert_eq!(
            page.attr("details.main-nav-menu a[aria-current]", "aria-current"),
            "page",
            "{url}"
        );
        // The navigation keeps its name; the summary does not replace it.
        assert!(!page.attr("nav.main-nav", "aria-label").is_empty(), "{url}");
    }
}

#[test]
fn the_stylesheet_opens_the_list_on_wide_screens_only_where_the_browser_can() {
    let site = saarbruecken_with_menu(SIX);
    let href = site.page("de/").attr(r#"link[rel="stylesheet"]"#, "href");
    let css = std::fs::read_to_string(site.path().join("public").join(&href[1..])).expect("css");
    let supports = css
        .find("@supports selector(::details-content)")
        .expect("the wide-screen list is guarded by @supports");
    let rest = &css[supports..];
    let hide = rest
        .find(".main-nav-menu > summary { display: none; }")
        .expect("the button is hidden on wide screens");
    let show = rest
        .find(".main-nav-menu::details-content { content-visibility: visible; }")
        .expect("the list is shown on wide screens");
    let width = rest
        .find("@media (min-width: 60rem)")
        .expect("from 60rem on");
    assert!(width < hide && width < show);
    // Nowhere else is the button hidden: a browser without ::details-content keeps it.
    assert_eq!(css.matches("summary { display: none").count(), 1);
}

#[test]
fn five_entries_keep_the_plain_list() {
    let site = saarbruecken_with_menu("[konzept, leitlinien, projekte, indikatoren, kontakte]");
    let page = site.page("de/");
    assert!(select(&page.html, ".main-nav details, .main-nav summary").is_empty());
    assert_eq!(page.texts("nav.main-nav > .wrap > ul > li > a").len(), 5);
}

#[test]
fn a_site_whose_strings_predate_the_button_label_gets_the_themes() {
    let site = TestSite::saarbruecken();
    for lang in ["de", "fr", "en"] {
        let file = format!("i18n/{lang}.yaml");
        let text = std::fs::read_to_string(site.path().join(&file)).expect("i18n");
        let kept: String = text
            .lines()
            .filter(|l| !l.starts_with("main_nav_menu:"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_ne!(kept, text, "{file} has no main_nav_menu");
        site.write(&file, &kept);
    }
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    let line = yaml.lines().find(|l| l.starts_with("menu:")).expect("menu");
    site.write("site.yaml", &yaml.replace(line, &format!("menu: {SIX}")));
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    // The theme's strings lie under the site's (docs/theme-api.md).
    assert_eq!(site.page("de/").text(".main-nav summary"), "Menü");
    assert_eq!(site.page("fr/").text(".main-nav summary"), "Menu");
}
