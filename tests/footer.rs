//! The footer and the contact card (issue 19, items 5 and 7): one list of
//! links in the footer, no information twice on a page (the contact card
//! once, also in the full text), the date of the last change at the end of
//! the content. The printed full text itself is checked in the browser
//! (`tests/browser/print.mjs`).

mod common;

use std::collections::BTreeMap;

use common::TestSite;

/// Every HTML file of `public/`, as output paths.
fn html_files(site: &TestSite) -> Vec<String> {
    site.public_tree()
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect()
}

/// How often each contact card (by its e-mail link) is on the page.
fn cards(page: &common::Page) -> BTreeMap<String, usize> {
    let mut count = BTreeMap::new();
    for email in page.attrs(".contact-card a[href^=\"mailto:\"]", "href") {
        *count.entry(email).or_default() += 1;
    }
    count
}

#[test]
fn the_footer_is_one_list_of_links_and_shows_the_contact_by_name() {
    let site = TestSite::saarbruecken();
    site.build_clean();
    for file in html_files(&site) {
        let page = site.page(&file);
        if page.texts("body > footer").is_empty() {
            continue;
        }
        assert_eq!(page.texts("footer nav").len(), 1, "{file}: one nav");
        assert_eq!(
            page.texts("footer ul, footer ol").len(),
            1,
            "{file}: one list"
        );
        assert_eq!(
            page.texts("footer li").len(),
            page.texts("footer li a").len(),
            "{file}: a link in each item"
        );
        assert!(
            page.texts("footer .contact-card, footer address, footer p")
                .is_empty(),
            "{file}: only the list"
        );
        let footer = page.text("body > footer");
        assert!(
            !footer.contains("+ P") && !footer.contains("Strg") && !footer.contains("Ctrl"),
            "{file}: a print instruction in {footer:?}"
        );
    }
    let page = site.page("de/impressum/");
    assert_eq!(
        page.texts("footer li"),
        [
            "Kontakt: Zuwanderungs- und Integrationsbüro (ZIB)",
            "Impressum",
            "Datenschutz",
            "Erklärung zur Barrierefreiheit",
            "Fortschreibungen",
            "Indikatoren",
            "Alles in einem Dokument (Volltext, zum Drucken)",
            "Neu und geändert (Atom-Feed)",
            "Barriere melden"
        ]
    );
    assert_eq!(
        page.attrs("footer a", "href")[..7],
        [
            "/de/kontakte/zib/",
            "/de/impressum/",
            "/de/datenschutz/",
            "/de/barrierefreiheit/",
            "/de/fortschreibungen/",
            "/de/indikatoren/",
            "/de/volltext/"
        ]
    );
    assert_eq!(
        site.page("de/kontakte/zib/")
            .attr("footer a[aria-current=\"page\"]", "href"),
        "/de/kontakte/zib/"
    );
}

#[test]
fn no_page_shows_the_same_contact_card_twice() {
    let site = TestSite::saarbruecken();
    site.build_clean();
    for file in html_files(&site) {
        let page = site.page(&file);
        for (email, n) in cards(&page) {
            assert_eq!(n, 1, "{file}: the card of {email} {n} times");
        }
    }
    // Project and contact pages show the card in their content.
    for url in ["de/projekte/ibis/", "fr/contacts/zib/", "en/projects/ibis/"] {
        let page = site.page(url);
        assert_eq!(page.texts("main .contact-card").len(), 1, "{url}");
    }
}

#[test]
fn the_full_text_prints_the_contact_card_once_and_projects_link_to_it() {
    let site = TestSite::saarbruecken();
    site.build_clean();
    for (url, card) in [
        ("de/volltext/", "kontakte-zib"),
        ("fr/texte-integral/", "contacts-zib"),
        ("en/full-text/", "contacts-zib"),
    ] {
        let page = site.page(url);
        assert_eq!(page.texts(".contact-card").len(), 1, "{url}");
        assert_eq!(page.texts(&format!("#{card} .contact-card")).len(), 1);
        // Every project names its contact and links to the card.
        let links = page.attrs(".record dd > a[href^=\"#\"]", "href");
        assert_eq!(links.len(), 3, "{url}: {links:?}");
        assert!(links.iter().all(|h| *h == format!("#{card}")), "{links:?}");
    }
}

#[test]
fn without_the_contacts_the_full_text_prints_the_card_at_the_first_project() {
    let site = TestSite::saarbruecken();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    let yaml: String = yaml
        .lines()
        .filter(|l| !l.starts_with("full_text:"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write(
        "site.yaml",
        &format!("{yaml}full_text: [konzept, leitlinien, projekte]\n"),
    );
    site.build_clean();
    let page = site.page("de/volltext/");
    assert_eq!(page.texts(".contact-card").len(), 1);
    let ids = page.attrs(".record dd[id]", "id");
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(page.texts(&format!("#{} .contact-card", ids[0])).len(), 1);
    let links = page.attrs(".record dd > a[href^=\"#\"]", "href");
    assert_eq!(links, [format!("#{}", ids[0]), format!("#{}", ids[0])]);
}

#[test]
fn the_date_of_the_last_change_ends_the_content_inside_main() {
    let site = TestSite::saarbruecken();
    site.build_clean();
    let mut dated = 0;
    for file in html_files(&site) {
        let page = site.page(&file);
        assert!(
            page.texts("footer .updated, footer time").is_empty(),
            "{file}"
        );
        let in_main = page.texts("main > .updated time").len();
        assert_eq!(page.texts(".updated").len(), in_main, "{file}");
        dated += in_main;
    }
    assert!(dated > 30, "{dated} pages with a date");
    let page = site.page("de/impressum/");
    assert!(
        page.text("main > .updated")
            .starts_with("Zuletzt geändert am "),
        "{}",
        page.text("main > .updated")
    );
}
