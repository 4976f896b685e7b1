//! What search engines read (issue 19): `hreflang` clusters, canonical
//! URLs, the sitemap, `robots.txt` and distinct titles and descriptions,
//! checked over the whole real site as a crawler would, with and without a
//! base URL.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{Page, TestSite};

const BASE: &str = "https://example.org/konzept/";

/// One HTML page of the built site as a crawler sees it.
struct Crawled {
    /// Its output path (`de/index.html`).
    file: String,
    /// Its absolute URL (`index.html` left out).
    url: String,
    lang: String,
    title: String,
    description: String,
    noindex: bool,
    canonical: Vec<String>,
    alternates: Vec<(String, String)>,
}

/// Every HTML page of `public/`, by absolute URL.
fn crawl(site: &TestSite) -> BTreeMap<String, Crawled> {
    site.public_tree()
        .into_keys()
        .filter(|p| p.ends_with(".html") && !p.starts_with("pagefind/"))
        .map(|file| {
            let page: Page = site.page(&file);
            let url = format!("{BASE}{}", file.strip_suffix("index.html").unwrap_or(&file));
            let robots = page.attrs(r#"meta[name="robots"]"#, "content");
            let crawled = Crawled {
                lang: page.attr("html", "lang"),
                title: page.text("title"),
                description: page.attr(r#"meta[name="description"]"#, "content"),
                noindex: robots.iter().any(|r| r.contains("noindex")),
                canonical: page.attrs(r#"link[rel="canonical"]"#, "href"),
                alternates: page.hreflangs(),
                url: url.clone(),
                file,
            };
            (url, crawled)
        })
        .collect()
}

/// The real site built with `--base-url BASE`, crawled.
fn built() -> (TestSite, BTreeMap<String, Crawled>) {
    let site = TestSite::saarbruecken();
    let run = site.run(&["build", "--base-url", BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let pages = crawl(&site);
    assert!(pages.len() > 60, "{}", pages.len());
    (site, pages)
}

/// Every cluster lists itself and every member lists the same cluster back;
/// `x-default` of the home cluster is the language chooser, which is a
/// member of it.
#[test]
fn every_hreflang_cluster_is_reciprocal_and_lists_itself() {
    let (_site, pages) = built();
    let mut clusters = 0;
    for page in pages.values().filter(|p| !p.alternates.is_empty()) {
        clusters += 1;
        let own = &page.url;
        assert!(
            page.alternates.iter().any(|(_, href)| href == own),
            "{}: no self reference in {:?}",
            page.file,
            page.alternates
        );
        let own_lang = page.alternates.iter().find(|(_, href)| href == own);
        if page.file != "index.html" {
            assert_eq!(
                own_lang.map(|a| a.0.as_str()),
                Some(page.lang.as_str()),
                "{}",
                page.file
            );
        }
        for (lang, href) in &page.alternates {
            let other = pages
                .get(href)
                .unwrap_or_else(|| panic!("{}: alternate {href} is no page", page.file));
            assert_eq!(
                other.alternates, page.alternates,
                "{} lists {href} ({lang}), which does not list the same cluster back",
                page.file
            );
            assert!(!other.noindex, "{}: alternate {href} is noindex", page.file);
            assert_eq!(
                other.canonical.as_slice(),
                std::slice::from_ref(href),
                "{href} is not canonical to itself"
            );
            if lang != "x-default" {
                assert_eq!(&other.lang, lang, "{href}");
            }
        }
    }
    assert!(clusters > 40, "{clusters}");
    let home = [
        ("de".to_owned(), format!("{BASE}de/")),
        ("fr".to_owned(), format!("{BASE}fr/")),
        ("en".to_owned(), format!("{BASE}en/")),
        ("x-default".to_owned(), BASE.to_owned()),
    ];
    for url in ["", "de/", "fr/", "en/"] {
        assert_eq!(pages[&format!("{BASE}{url}")].alternates, home, "/{url}");
    }
}

/// 404 and search pages (`noindex`) and fallback pages claim no alternates;
/// a fallback page is canonical to its original (docs/readers.md § Search
/// engines); every other page is canonical to itself, absolutely.
#[test]
fn canonical_urls_are_absolute_and_noindex_and_fallback_pages_are_in_no_cluster() {
    let (_site, pages) = built();
    for file in [
        "404.html",
        "de/404.html",
        "en/404.html",
        "fr/recherche/index.html",
    ] {
        let page = pages.values().find(|p| p.file == file).expect(file);
        assert!(page.noindex, "{file}");
        assert!(page.alternates.is_empty(), "{file}: {:?}", page.alternates);
        assert!(page.canonical.is_empty(), "{file}: {:?}", page.canonical);
    }
    // The monitoring project has no English translation.
    let fallback = &pages[&format!("{BASE}en/projects/monitoring/")];
    assert!(fallback.alternates.is_empty(), "{:?}", fallback.alternates);
    assert_eq!(
        fallback.canonical,
        [format!("{BASE}de/projekte/monitoring/")]
    );
    let original = &pages[&format!("{BASE}de/projekte/monitoring/")];
    assert!(
        original.alternates.iter().all(|(_, h)| !h.contains("/en/")),
        "{:?}",
        original.alternates
    );
    for page in pages.values().filter(|p| !p.noindex) {
        assert_eq!(page.canonical.len(), 1, "{}", page.file);
        assert!(page.canonical[0].starts_with(BASE), "{}", page.file);
    }
}

/// The sitemap lists exactly the pages that are canonical to themselves and
/// indexable, each with the alternates the page itself lists, every one of
/// them listed too; the chooser among them, as the home pages' x-default.
#[test]
fn the_sitemap_lists_exactly_the_indexable_pages_canonical_to_themselves() {
    let (site, pages) = built();
    let text = std::fs::read_to_string(site.path().join("public/sitemap.xml")).expect("sitemap");
    let doc = roxmltree::Document::parse(&text).expect("XML");
    let mut listed = BTreeMap::new();
    for url in doc.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = url
            .children()
            .find(|c| c.has_tag_name("loc"))
            .and_then(|c| c.text())
            .expect("loc")
            .to_owned();
        let alternates: Vec<(String, String)> = url
            .children()
            .filter(|c| c.has_tag_name("link"))
            .map(|c| {
                (
                    c.attribute("hreflang").unwrap_or_default().to_owned(),
                    c.attribute("href").unwrap_or_default().to_owned(),
                )
            })
            .collect();
        assert!(
            listed.insert(loc.clone(), alternates).is_none(),
            "{loc} twice"
        );
    }
    let expected: BTreeSet<&String> = pages
        .values()
        .filter(|p| !p.noindex && p.canonical == [p.url.clone()])
        .map(|p| &p.url)
        .collect();
    assert_eq!(listed.keys().collect::<BTreeSet<_>>(), expected);
    for (loc, alternates) in &listed {
        assert_eq!(alternates, &pages[loc].alternates, "{loc}");
        for (lang, href) in alternates {
            assert!(listed.contains_key(href), "{loc}: {lang} {href} unlisted");
        }
    }
    // The chooser is listed, as the home cluster's x-default.
    assert!(
        listed[BASE].contains(&("x-default".to_owned(), BASE.to_owned())),
        "{:?}",
        listed[BASE]
    );
}

/// No two pages of one language share a title or a description (so no
/// two share both): the 404, search and full-text pages have descriptions
/// of their own, not the site's, and `/404.html` differs from
/// `/de/404.html`.
#[test]
fn titles_and_descriptions_are_distinct_in_every_language() {
    let (_site, pages) = built();
    let mut titles: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    let mut descriptions: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for page in pages.values() {
        if let Some(other) = titles.insert((&page.lang, &page.title), &page.file) {
            panic!("{} and {other} share the title {:?}", page.file, page.title);
        }
        let description = (page.lang.as_str(), page.description.as_str());
        if let Some(other) = descriptions.insert(description, &page.file) {
            panic!(
                "{} and {other} share the description {:?}",
                page.file, page.description
            );
        }
    }
    assert!(titles.len() > 60, "{}", titles.len());
}

/// Nothing `robots.txt` disallows carries `noindex`: crawlers see it.
#[test]
fn robots_txt_lets_crawlers_see_every_noindex() {
    let (site, pages) = built();
    let robots = std::fs::read_to_string(site.path().join("public/robots.txt")).expect("robots");
    let disallowed: Vec<&str> = robots
        .lines()
        .filter_map(|l| l.strip_prefix("Disallow:"))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let noindex: Vec<&Crawled> = pages.values().filter(|p| p.noindex).collect();
    assert!(noindex.iter().any(|p| p.url.ends_with("/suche/")));
    for page in noindex {
        let path = page
            .url
            .strip_prefix("https://example.org")
            .expect("on the site");
        assert!(
            !disallowed.iter().any(|d| path.starts_with(d)),
            "{path} is noindex and disallowed: {robots}"
        );
    }
}

/// Without a base URL no page has a canonical or `hreflang` link (relative
/// ones are worse than none), and `build` says so once, with the fix.
#[test]
fn without_a_base_url_there_are_no_relative_canonicals_and_one_warning() {
    let site = TestSite::saarbruecken();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr.matches("warning[").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[no-base-url]: no absolute base URL: canonical URLs, hreflang, the sitemap and the feeds need one and are left out"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "help: set `base_url: https://…/` in site.yaml, or pass `--base-url https://…/` to build and check"
        ),
        "{}",
        run.stderr
    );
    let pages = crawl(&site);
    assert!(pages.len() > 60);
    for page in pages.values() {
        assert!(
            page.canonical.is_empty(),
            "{}: {:?}",
            page.file,
            page.canonical
        );
        assert!(
            page.alternates.is_empty(),
            "{}: {:?}",
            page.file,
            page.alternates
        );
    }
    assert!(!site.exists("sitemap.xml"));
}
