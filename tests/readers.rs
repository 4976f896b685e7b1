//! What readers and the machines that bring readers get besides the pages'
//! text: metadata, sitemap, feeds, contact data, the full-text document,
//! search, fingerprinted assets, the security policy, relative builds and
//! last-change dates (issue 4).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{TestSite, git};

const BASE: &str = "https://example.org/konzept/";

fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML ({e}):\n{text}"))
}

fn read(site: &TestSite, rel: &str) -> String {
    std::fs::read_to_string(site.path().join("public").join(rel))
        .unwrap_or_else(|e| panic!("no public/{rel}: {e}"))
}

/// Every HTML file of `public/`, as output paths.
fn html_files(site: &TestSite) -> Vec<String> {
    site.public_tree()
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect()
}

#[test]
fn every_page_has_a_title_description_canonical_and_hreflang_alternates() {
    let site = TestSite::saarbruecken();
    let run = site.run(&["build", "--base-url", BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = html_files(&site);
    assert!(files.len() > 60, "{files:?}");
    for file in &files {
        let page = site.page(file);
        assert!(!page.text("title").is_empty(), "{file}: empty title");
        let description = page.attr(r#"meta[name="description"]"#, "content");
        assert!(
            description.len() > 20,
            "{file}: description {description:?}"
        );
        let alternates = page.hreflangs();
        let canonicals = page.attrs(r#"link[rel="canonical"]"#, "href");
        // 404 and search pages (`noindex`) are in no cluster and have no
        // canonical; tests/seo.rs checks the clusters themselves.
        if !page.attrs(r#"meta[name="robots"]"#, "content").is_empty() {
            assert!(canonicals.is_empty(), "{file}: {canonicals:?}");
            assert!(alternates.is_empty(), "{file}: {alternates:?}");
            continue;
        }
        assert_eq!(canonicals.len(), 1, "{file}: {canonicals:?}");
        assert!(canonicals[0].starts_with(BASE), "{file}: {canonicals:?}");
        assert!(
            alternates.is_empty() || alternates.iter().any(|(l, _)| l == "x-default"),
            "{file}: no x-default in {alternates:?}"
        );
        assert!(
            alternates.iter().all(|(_, href)| href.starts_with(BASE)),
            "{file}: {alternates:?}"
        );
    }
}

#[test]
fn the_sitemap_lists_every_translation_with_its_alternates() {
    let site = TestSite::saarbruecken();
    let run = site.run(&["build", "--base-url", BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&site, "sitemap.xml");
    let doc = xml(&text);
    let urls: Vec<roxmltree::Node<'_, '_>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    let loc = |n: &roxmltree::Node<'_, '_>| {
        n.children()
            .find(|c| c.has_tag_name("loc"))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_owned()
    };
    let locs: BTreeSet<String> = urls.iter().map(loc).collect();
    assert_eq!(locs.len(), urls.len(), "a URL is listed twice");
    assert!(
        locs.contains(&format!("{BASE}fr/projets/ibis/")),
        "{locs:?}"
    );
    assert!(locs.contains(&format!("{BASE}en/full-text/")), "{locs:?}");
    // The monitoring project has no English translation: its English URL
    // shows the German original and is not a page of its own.
    assert!(!locs.iter().any(|l| l.contains("/en/projects/monitoring")));
    assert!(
        !locs
            .iter()
            .any(|l| l.contains("/search/") || l.contains("404"))
    );
    let ibis = urls
        .iter()
        .find(|u| loc(u) == format!("{BASE}de/projekte/ibis/"))
        .expect("ibis is listed");
    let alternates: Vec<(String, String)> = ibis
        .children()
        .filter(|c| c.has_tag_name("link"))
        .map(|c| {
            (
                c.attribute("hreflang").unwrap_or_default().to_owned(),
                c.attribute("href").unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        alternates,
        [
            ("de".to_owned(), format!("{BASE}de/projekte/ibis/")),
            ("fr".to_owned(), format!("{BASE}fr/projets/ibis/")),
            ("en".to_owned(), format!("{BASE}en/projects/ibis/")),
            ("x-default".to_owned(), format!("{BASE}de/projekte/ibis/")),
        ]
    );
    assert_eq!(
        ibis.children()
            .find(|c| c.has_tag_name("lastmod"))
            .and_then(|c| c.text())
            .map(str::len),
        Some("2026-11-25".len())
    );
    let robots = read(&site, "robots.txt");
    assert!(
        robots.contains(&format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
    // The search pages say `noindex` themselves; crawlers may fetch them to see it.
    assert!(!robots.contains("Disallow"), "{robots}");
}

#[test]
fn without_an_absolute_base_url_there_is_no_sitemap_and_no_feed() {
    let site = TestSite::fixture("minimal");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.exists("sitemap.xml"));
    assert!(!site.exists("de/feed.xml"));
    assert!(!read(&site, "robots.txt").contains("Sitemap:"));
    let home = site.page("de/");
    assert!(
        home.attrs(r#"link[type="application/atom+xml"]"#, "href")
            .is_empty()
    );
}

#[test]
fn each_language_has_an_atom_feed_of_the_pages_changed_last() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/impressum.fr.md",
        "---\ntitle: Mentions légales\nsummary: Qui publie ce site.\nupdated: 2020-01-02\n---\nTexte.\n",
    );
    site.write(
        "content/leitlinien/eins.fr.md",
        "---\ntitle: Première ligne directrice\nsummary: Un résumé.\nupdated: 2021-03-04\n---\nTexte.\n",
    );
    let run = site.run(&["build", "--base-url", BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&site, "fr/feed.xml");
    let doc = xml(&text);
    let feed = doc.root_element();
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    assert_eq!(
        feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("fr")
    );
    let entries: Vec<(String, String)> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            let text = |tag| {
                e.children()
                    .find(|c| c.has_tag_name(tag))
                    .and_then(|c| c.text())
                    .unwrap_or_default()
                    .to_owned()
            };
            (text("title"), text("updated"))
        })
        .collect();
    // Only pages translated into French; the two dated ones last, newest first.
    let titles: Vec<&str> = entries.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        &titles[titles.len() - 2..],
        ["Première ligne directrice", "Mentions légales"],
        "{entries:?}"
    );
    assert_eq!(
        entries.last().map(|e| e.1.as_str()),
        Some("2020-01-02T00:00:00Z")
    );
    assert!(
        !titles.contains(&"Ein Projekt"),
        "untranslated page in the feed"
    );
    let link = site.page("fr/").attr(
        r#"link[rel="alternate"][type="application/atom+xml"]"#,
        "href",
    );
    assert_eq!(link, "/konzept/fr/feed.xml");
}

#[test]
fn a_contact_has_json_ld_a_vcard_and_localised_opening_hours() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/kontakte/buero.md",
        "---\ntitle: Beispielbüro\norganisation: Beispielstadt\nunit: Amt für Beispiele, Abteilung 2\nstreet: Beispielstraße 1\npostal_code: \"12345\"\ncity: Beispielstadt\nemail: buero@example.org\nphone: +49 1234 5678\nopening_hours: und nach Vereinbarung\nhours:\n  - { days: [mo, tu, we, th, fr], opens: \"08:30\", closes: \"12:00\" }\n  - { days: [th], opens: \"14:00\", closes: \"18:00\" }\nlanguages: [de, fr, tr]\n---\nText.\n",
    );
    let run = site.run(&["build", "--base-url", BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("fr/kontakte/buero/");
    assert_eq!(
        page.texts("main .hours-list li"),
        [
            "Du lundi au vendredi, de 8\u{a0}h\u{a0}30 à 12\u{a0}h",
            "Jeudi, de 14\u{a0}h à 18\u{a0}h"
        ]
    );
    // The French page shows the German original's texts, marked as German.
    assert!(page.attrs("main .contact-card [lang=\"de\"]", "lang").len() >= 2);
    let json = page.text(r#"script[type="application/ld+json"]"#);
    let ld: serde_json::Value = serde_json::from_str(&json).expect("JSON-LD parses");
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "GovernmentOffice");
    assert_eq!(ld["url"], format!("{BASE}fr/kontakte/buero/"));
    assert_eq!(ld["address"]["@type"], "PostalAddress");
    assert_eq!(ld["address"]["postalCode"], "12345");
    assert_eq!(ld["contactPoint"]["@type"], "ContactPoint");
    assert_eq!(
        ld["contactPoint"]["availableLanguage"],
        serde_json::json!(["de", "fr", "tr"])
    );
    let spec = &ld["openingHoursSpecification"];
    assert_eq!(spec[0]["dayOfWeek"][0], "Monday");
    assert_eq!(spec[0]["opens"], "08:30");
    assert_eq!(spec[1]["dayOfWeek"], serde_json::json!(["Thursday"]));
    // tel: and mailto: links, and the vCard beside the page.
    assert_eq!(
        page.attrs("main .contact-card a[href^=\"tel:\"]", "href"),
        ["tel:+4912345678"]
    );
    assert_eq!(
        page.attrs("main .contact-card a[href^=\"mailto:\"]", "href"),
        ["mailto:buero@example.org"]
    );
    let vcf_href = page.attr("main .vcard-link a", "href");
    assert_eq!(vcf_href, "/konzept/fr/kontakte/buero/buero.vcf");
    let vcf = read(&site, "fr/kontakte/buero/buero.vcf");
    assert!(vcf.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"), "{vcf}");
    assert!(vcf.ends_with("END:VCARD\r\n"));
    assert!(
        vcf.contains("\r\nORG:Beispielstadt;Amt für Beispiele\\, Abteilung 2\r\n"),
        "{vcf}"
    );
    assert!(vcf.contains("\r\nTEL;VALUE=uri;TYPE=\"work,voice\":tel:+4912345678\r\n"));
    assert!(vcf.contains(&format!("\r\nURL:{BASE}fr/kontakte/buero/\r\n")));
    assert!(
        vcf.lines().all(|l| l.len() <= 76),
        "a line is not folded:\n{vcf}"
    );
    // Project pages show the contact from the one contact entry.
    let project = site.page("de/projekte/projekt/");
    assert_eq!(
        project.texts("dl.record .hours-list li")[0],
        "Montag bis Freitag, 8:30–12:00\u{a0}Uhr"
    );
}

#[test]
fn opening_hours_that_close_before_they_open_are_an_error() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/kontakte/buero.md",
        "---\ntitle: Beispielbüro\norganisation: Beispielstadt\nstreet: Beispielstraße 1\npostal_code: \"12345\"\ncity: Beispielstadt\nemail: buero@example.org\nphone: +49 1234 5678\nhours:\n  - { days: [mo], opens: \"18:00\", closes: \"08:00\" }\n---\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "error[invalid-value]: entry 1 of `hours` closes at 08:00 but opens at 18:00"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/kontakte/buero.md:9:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help: `opens` is the earlier time"));
    let site = TestSite::fixture("minimal");
    site.write(
        "content/kontakte/buero.md",
        "---\ntitle: Beispielbüro\norganisation: Beispielstadt\nstreet: Beispielstraße 1\npostal_code: \"12345\"\ncity: Beispielstadt\nemail: buero@example.org\nphone: +49 1234 5678\nhours:\n  - { days: [mo], opens: \"8 Uhr\", closes: \"12:00\" }\n---\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("`8 Uhr` is not a time of day; write it as HH:MM"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_full_text_assembles_the_concept_in_reading_order_with_unique_ids() {
    let site = TestSite::saarbruecken();
    site.build_clean();
    let page = site.page("fr/texte-integral/");
    assert_eq!(page.texts("h1").len(), 1);
    assert_eq!(
        page.texts("main section.full-text-part > h2"),
        [
            "Le concept d’intégration",
            "Lignes directrices",
            "Projets",
            "Indicateurs",
            "Contact"
        ]
    );
    let guidelines = page.texts("#lignes-directrices > section > h3");
    assert_eq!(guidelines.len(), 5);
    assert!(
        guidelines[0].starts_with("Ligne directrice 1"),
        "{guidelines:?}"
    );
    assert!(
        guidelines[4].starts_with("Ligne directrice 5"),
        "{guidelines:?}"
    );
    // Each page's own headings sit below its title.
    assert!(!page.texts("#le-concept h3").is_empty());
    assert!(page.texts("#le-concept .prose h2").is_empty());
    let ids = page.attrs("[id]", "id");
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids");
    // Links between included pages stay inside the document.
    for href in page.attrs("main a[href^=\"#\"]", "href") {
        assert!(
            unique.contains(&href[1..].to_owned()),
            "{href} has no target"
        );
    }
    assert!(
        page.attrs("#le-concept .prose a", "href")
            .contains(&"#projets-ibis".to_owned())
    );
    // The monitoring project is shown to English readers in German, marked so.
    let en = site.page("en/full-text/");
    assert_eq!(en.attr("#projects-monitoring", "lang"), "de");
    // Every page links to it.
    assert_eq!(
        site.page("de/impressum/")
            .attr(".footer-links a[href$=\"volltext/\"]", "href"),
        "/de/volltext/"
    );
}

#[test]
fn a_fallback_part_links_to_a_heading_only_the_original_has_on_the_original_page() {
    // The English full text shows the monitoring project in German; its
    // link to ibis's German heading cannot stay in the document, whose ibis
    // part is the English translation with other headings.
    let site = TestSite::saarbruecken();
    let monitoring = read_repo("content/projekte/monitoring.md");
    site.write(
        "content/projekte/monitoring.md",
        &format!("{monitoring}\nMehr zur [Finanzierung von ibis](ibis.md#finanzierung).\n"),
    );
    site.build_clean();
    let link = "#projects-monitoring a[href*=\"finanzierung\"]";
    assert_eq!(
        site.page("en/full-text/").attr(link, "href"),
        "/de/projekte/ibis/#finanzierung"
    );
    let link = "#projekte-monitoring a[href*=\"finanzierung\"]";
    assert_eq!(
        site.page("de/volltext/").attr(link, "href"),
        "#projekte-ibis_finanzierung"
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn search_has_a_page_and_an_index_per_language_and_can_be_switched_off() {
    let site = TestSite::saarbruecken();
    site.build_clean();
    let entry: serde_json::Value =
        serde_json::from_str(&read(&site, "pagefind/pagefind-entry.json")).expect("JSON");
    let languages: BTreeSet<&str> = entry["languages"]
        .as_object()
        .expect("languages")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(languages, BTreeSet::from(["de", "en", "fr"]));
    // 17 pages, the editions' section with its three editions, and the
    // indicators' section with its four indicators.
    for (lang, count) in [("de", 26), ("fr", 26), ("en", 26)] {
        assert_eq!(entry["languages"][lang]["page_count"], count, "{lang}");
    }
    assert!(site.exists("pagefind/pagefind.js"));
    assert!(
        !site.exists("pagefind/pagefind-ui.js"),
        "Pagefind's own UI is not shipped"
    );
    let search = site.page("fr/recherche/");
    assert_eq!(search.attr("form.search-form", "method"), "get");
    assert_eq!(
        search.attr("form.search-form input[type=search]", "name"),
        "q"
    );
    assert_eq!(search.attr(r#"meta[name="robots"]"#, "content"), "noindex");
    let script = search.attr("script[src]", "src");
    assert!(
        script.starts_with("/assets/search.") && script.ends_with(".js"),
        "{script}"
    );
    assert!(site.exists(&script[1..]));
    assert!(search.text("noscript").contains("JavaScript"));
    assert_eq!(
        site.page("fr/").attr(".search-link a", "href"),
        "/fr/recherche/"
    );
    // Pages mark what is indexed: the article, not the navigation.
    assert_eq!(
        site.page("de/projekte/ibis/")
            .attrs("[data-pagefind-body]", "class"),
        ["page"]
    );

    site.write(
        "site.yaml",
        &format!("{}search: false\n", read_repo("site.yaml")),
    );
    site.build_clean();
    assert!(!site.exists("pagefind"));
    assert!(!site.exists("de/suche/index.html"));
    assert!(site.page("de/").attrs(".search-link a", "href").is_empty());
}

fn read_repo(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).expect("repo file")
}

#[test]
fn stylesheets_and_scripts_carry_a_content_hash() {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    let css = site.page("de/").attr(r#"link[rel="stylesheet"]"#, "href");
    let name = css
        .strip_prefix("/assets/style.")
        .and_then(|r| r.strip_suffix(".css"));
    assert!(
        name.is_some_and(|h| h.len() == 10 && h.bytes().all(|b| b.is_ascii_hexdigit())),
        "{css}"
    );
    assert!(site.exists(&css[1..]));
    let headers = read(&site, "_headers");
    assert!(headers.contains("/assets/*\n  Cache-Control: public, max-age=31536000, immutable"));
    // A site's own stylesheet gets its own name (docs/theming.md).
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}stylesheet: static/site.css\n"));
    site.write("static/site.css", "body { color: #111; }\n");
    site.build_clean();
    let links = site.page("de/").attrs(r#"link[rel="stylesheet"]"#, "href");
    assert_eq!(links[0], css);
    assert!(links[1].starts_with("/assets/site."), "{links:?}");
    assert_eq!(read(&site, &links[1][1..]), "body { color: #111; }\n");
}

#[test]
fn every_page_declares_a_strict_content_security_policy_it_keeps() {
    let site = TestSite::saarbruecken();
    site.build_clean();
    for file in html_files(&site) {
        let page = site.page(&file);
        let csp = page.attr(r#"meta[http-equiv="Content-Security-Policy"]"#, "content");
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{file}: {csp}"
        );
        assert!(csp.contains("style-src 'self'"), "{file}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{file}: {csp}");
        // Nothing the policy would block: no inline script or style.
        for script in page
            .html
            .select(&scraper::Selector::parse("script").expect("selector"))
        {
            let data = script.value().attr("type") == Some("application/ld+json");
            assert!(
                data || script.value().attr("src").is_some(),
                "{file}: inline script"
            );
        }
        assert!(
            page.attrs("[style]", "style").is_empty(),
            "{file}: style attribute"
        );
        assert!(page.texts("style").is_empty(), "{file}: style element");
        let handlers: Vec<String> = page
            .html
            .select(&scraper::Selector::parse("*").expect("selector"))
            .flat_map(|e| e.value().attrs().map(|(name, _)| name.to_owned()))
            .filter(|name| name.starts_with("on"))
            .collect();
        assert!(
            handlers.is_empty(),
            "{file}: event handler attributes {handlers:?}"
        );
    }
    let headers = read(&site, "_headers");
    assert!(headers.starts_with("/*\n  Content-Security-Policy: default-src 'self';"));
    assert!(headers.contains("frame-ancestors 'none'"));
    assert!(headers.contains("Referrer-Policy: no-referrer"));
}

#[test]
fn a_relative_build_works_from_disk_without_a_server() {
    let site = TestSite::saarbruecken();
    let run = site.run(&["build", "--relative"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = site.path().join("public");
    let mut checked = 0;
    for file in html_files(&site) {
        let page = site.page(&file);
        let dir = Path::new(&file).parent().unwrap_or(Path::new(""));
        for attr in ["href", "src", "action"] {
            for url in page.attrs(&format!("[{attr}]"), attr) {
                let external = url.contains(':') || url.starts_with('#');
                if external {
                    continue;
                }
                assert!(!url.starts_with('/'), "{file}: root-relative {url}");
                let path = url.split(['#', '?']).next().unwrap_or_default();
                let target = public.join(dir).join(path);
                assert!(
                    target.is_file(),
                    "{file}: {url} leads to no file ({})",
                    target.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
    let ibis = site.page("fr/projets/ibis/");
    assert_eq!(
        ibis.attr(".lang-switch a[hreflang=\"de\"]", "href"),
        "../../../de/projekte/ibis/index.html"
    );
}

#[test]
fn the_last_change_comes_from_git_and_a_newer_original_flags_its_translation() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/impressum.fr.md",
        "---\ntitle: Mentions légales\nupdated: 2030-01-01\n---\nTexte.\n",
    );
    let dir = site.path();
    git(
        dir,
        &["init", "-q", "-b", "main"],
        "2024-05-06T10:00:00+02:00",
    );
    git(dir, &["add", "."], "2024-05-06T10:00:00+02:00");
    git(
        dir,
        &["commit", "-q", "-m", "Erste Fassung"],
        "2024-05-06T10:00:00+02:00",
    );
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\n---\nNeue Anschrift.\n",
    );
    git(
        dir,
        &["commit", "-q", "-am", "Neue Anschrift"],
        "2024-07-08T23:30:00+02:00",
    );
    site.build_clean();
    // The commit's own calendar day, not the front matter's `updated`.
    let de = site.page("de/impressum/");
    assert_eq!(de.attr(".updated time", "datetime"), "2024-07-08");
    assert_eq!(de.text(".updated time"), "8. Juli 2024");
    assert!(de.texts(".note-outdated").is_empty());
    let fr = site.page("fr/impressum/");
    assert_eq!(fr.text(".updated time"), "6 mai 2024");
    let notice = fr.text("main .note-outdated");
    assert!(notice.contains("8 juillet 2024"), "{notice}");
    assert_eq!(fr.attr("main .note-outdated a", "href"), "/de/impressum/");
    assert!(site.page("fr/").texts(".note-outdated").is_empty());
    // An uncommitted edit: the page falls back to front matter, then file time.
    site.write(
        "content/impressum.fr.md",
        "---\ntitle: Mentions légales\nupdated: 2024-08-01\n---\nTexte revu.\n",
    );
    site.build_clean();
    let fr = site.page("fr/impressum/");
    assert_eq!(fr.text(".updated time"), "1er août 2024");
    assert!(
        fr.texts(".note-outdated").is_empty(),
        "the translation is newer now"
    );
}

#[test]
fn file_times_alone_never_flag_a_translation_as_outdated() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/impressum.fr.md",
        "---\ntitle: Mentions légales\n---\nTexte.\n",
    );
    site.write("content/impressum.md", "---\ntitle: Impressum\n---\nNeu.\n");
    let set = |rel: &str, seconds: u64| {
        let file = std::fs::File::options()
            .write(true)
            .open(site.path().join(rel))
            .expect("open");
        file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds))
            .expect("set the file time");
    };
    set("content/impressum.fr.md", 1_700_000_000);
    set("content/impressum.md", 1_800_000_000);
    site.build_clean();
    let fr = site.page("fr/impressum/");
    assert!(fr.texts(".note-outdated").is_empty());
    // File times still date the page when nothing else does.
    assert_eq!(fr.attr(".updated time", "datetime"), "2023-11-14");
}
