//! Links that last (issue 17, deliverable 5): `aliases:` on any page
//! writes a redirect page at each old path (meta refresh, canonical, a
//! visible link, noindex, in the page's language) and `_redirects`; every
//! alias that could overwrite something, leave `public/` or hide a page is
//! an error with its place and a hint.

mod common;

use common::{TestSite, build_fails, built_site};

const BASE: &str = "https://example.org/konzept/";

/// The minimal site, its Impressum with aliases in German and English.
fn with_aliases() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\naliases:\n  - /de/alt/\n  - /de/ganz-alt\n  - /Impressum.html\n---\nBeispielseite.\n",
    )
    .write(
        "content/impressum.en.md",
        "---\ntitle: Legal notice\nslug: legal-notice\naliases: [/en/imprint/]\n---\nExample page.\n",
    );
    site
}

#[test]
fn each_alias_is_a_redirect_page_in_the_pages_language() {
    let site = with_aliases();
    let run = site.run(&["build", "--base-url", BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (old, lang, target, title) in [
        ("de/alt/", "de", "/konzept/de/impressum/", "Impressum"),
        ("de/ganz-alt/", "de", "/konzept/de/impressum/", "Impressum"),
        (
            "Impressum.html",
            "de",
            "/konzept/de/impressum/",
            "Impressum",
        ),
        (
            "en/imprint/",
            "en",
            "/konzept/en/legal-notice/",
            "Legal notice",
        ),
    ] {
        let page = site.page(old);
        assert_eq!(page.attr("html", "lang"), lang, "{old}");
        assert_eq!(
            page.attr(r#"meta[http-equiv="refresh"]"#, "content"),
            format!("0; url={target}"),
            "{old}"
        );
        assert_eq!(
            page.attr(r#"link[rel="canonical"]"#, "href"),
            format!("https://example.org{target}"),
            "{old}"
        );
        assert_eq!(page.attr(r#"meta[name="robots"]"#, "content"), "noindex");
        assert_eq!(page.attr("body a", "href"), target, "{old}");
        assert_eq!(page.text("body a"), title, "{old}");
    }
    assert!(
        site.page("en/imprint/")
            .text("p")
            .starts_with("This page has moved:")
    );
    assert!(
        site.page("de/alt/")
            .text("p")
            .starts_with("Diese Seite hat eine neue Adresse:")
    );
}

#[test]
fn redirects_lists_every_alias_with_the_base_path_and_301() {
    let site = with_aliases();
    let run = site.run(&["build", "--base-url", BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let redirects =
        std::fs::read_to_string(site.path().join("public/_redirects")).expect("_redirects");
    assert_eq!(
        redirects,
        "/konzept/de/alt/ /konzept/de/impressum/ 301\n\
         /konzept/de/ganz-alt/ /konzept/de/impressum/ 301\n\
         /konzept/Impressum.html /konzept/de/impressum/ 301\n\
         /konzept/en/imprint/ /konzept/en/legal-notice/ 301\n"
    );
    let sitemap = std::fs::read_to_string(site.path().join("public/sitemap.xml")).expect("sitemap");
    assert!(
        !sitemap.contains("/de/alt/"),
        "redirects are not in the sitemap"
    );
    assert!(
        !sitemap.contains("imprint"),
        "redirects are not in the sitemap"
    );
}

#[test]
fn a_site_without_aliases_has_no_redirects_file() {
    let (site, _) = built_site();
    assert!(!site.exists("_redirects"));
}

/// Builds the minimal site with `aliases` set to `value` on the Impressum
/// and returns what the failed build printed.
fn refused(value: &str) -> String {
    let (site, before) = built_site();
    site.write(
        "content/impressum.md",
        &format!("---\ntitle: Impressum\naliases: {value}\n---\nBeispielseite.\n"),
    );
    let run = build_fails(&site, &before);
    assert!(
        run.stderr.contains("content/impressum.md:3:"),
        "{value}: no place\n{}",
        run.stderr
    );
    run.stderr
}

#[test]
fn malformed_aliases_are_refused_with_their_reason() {
    for (value, why) in [
        ("[de/alt/]", "does not start with `/`"),
        ("[\"/de/../../etc/\"]", "has a `.` or `..` part"),
        ("[/de/./x/]", "has a `.` or `..` part"),
        ("[\"/de/x?a=1\"]", "has a query or a fragment"),
        ("[\"/de/x#top\"]", "has a query or a fragment"),
        ("[\"https://example.org/x/\"]", "names a scheme or a host"),
        ("[\"//evil.example/x/\"]", "names a scheme or a host"),
        ("[\"/de/%2e%2e/x/\"]", "is percent-encoded"),
        ("[\"/de/x\\u0007/\"]", "control character"),
        ("[\"/de\\\\x/\"]", "contains a backslash"),
        ("[/de//x/]", "has an empty part"),
        ("[/.git/config]", "has a part that starts with `.`"),
        ("[/de/feed.xml]", "names a file that is not a page"),
        ("[/de/grüße/]", "which is not ASCII"),
        ("[/]", "is the site's root"),
    ] {
        let err = refused(value);
        assert!(err.contains(why), "{value}: expected {why:?} in\n{err}");
        assert!(err.contains("help: "), "{value}: no hint");
    }
}

#[test]
fn aliases_colliding_with_what_the_build_writes_are_refused() {
    for (value, what) in [
        ("[/de/impressum/]", "is this page's own address"),
        ("[/de/kontakte/]", "is the address of another page"),
        ("[/DE/Kontakte/]", "differing only in case"),
        ("[/de/404.html]", "is the address of the de 404 page"),
        ("[/index.html]", "is the address of the language chooser"),
        ("[/404.html]", "is the address of the 404 page"),
        ("[/de/suche/]", "is the address of the search page"),
        ("[/assets/style.html]", "where konzept writes its own files"),
        ("[/pagefind/x/]", "where konzept writes its own files"),
        ("[/files/x.html]", "where konzept writes its own files"),
        (
            "[/de/alt/, /de/alt/index.html]",
            "is also an alias of this page",
        ),
        ("[/de/alt/, /DE/ALT/]", "differing only in case"),
    ] {
        let err = refused(value);
        assert!(err.contains(what), "{value}: expected {what:?} in\n{err}");
    }
}

#[test]
fn an_alias_of_two_pages_is_refused_naming_both() {
    let (site, before) = built_site();
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\naliases: [/de/alt/]\n---\nBeispielseite.\n",
    )
    .write(
        "content/leitlinien/eins.md",
        &std::fs::read_to_string(site.path().join("content/leitlinien/eins.md"))
            .expect("fixture")
            .replacen("---\n", "---\naliases: [/de/alt/]\n", 1),
    );
    let run = build_fails(&site, &before);
    assert!(
        run.stderr.contains("is also an alias of another page"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/impressum.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/leitlinien/eins.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn aliases_below_an_edition_page_are_refused() {
    let (site, before) = built_site();
    site.write(
        "content/fortschreibungen/_index.md",
        "---\ntitle: Fortschreibungen\n---\n",
    )
    .write(
        "content/fortschreibungen/a.md",
        "---\ntitle: A\nadopted: 2007\nstatus: current\nsource: current\n---\n",
    )
    .write(
        "content/impressum.md",
        "---\ntitle: Impressum\naliases: [/de/fortschreibungen/a/impressum/]\n---\nBeispielseite.\n",
    );
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("is below the edition page `/de/fortschreibungen/a/`"),
        "{}",
        run.stderr
    );
}

#[test]
fn aliases_among_the_page_histories_are_refused_at_their_line() {
    let (site, before) = built_site();
    site.write(
        "content/fortschreibungen/_index.md",
        "---\ntitle: Fortschreibungen\n---\n",
    )
    .write(
        "content/fortschreibungen/a.md",
        "---\ntitle: A\nadopted: 2007\nstatus: current\nsource: current\n---\n",
    )
    // The history page of the Impressum itself, in another case.
    .write(
        "content/impressum.md",
        "---\ntitle: Impressum\naliases: [/de/Verlauf/impressum/]\n---\nBeispielseite.\n",
    );
    let run = build_fails(&site, &before);
    assert!(
        run.stderr.contains(
            "the alias `/de/Verlauf/impressum/` is in `/de/verlauf/`, where the pages' histories are published"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/impressum.md:3"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("error[io]"), "{}", run.stderr);
}

/// The minimal site in a git repository: committed, then `projekt.md`
/// renamed to `neu.md` and `alt.md` added and removed in later commits.
fn site_with_history() -> TestSite {
    use common::git;
    let site = TestSite::fixture("minimal");
    let dir = site.path();
    git(
        dir,
        &["init", "-q", "-b", "main"],
        "2024-01-01T10:00:00+01:00",
    );
    git(dir, &["add", "."], "2024-01-01T10:00:00+01:00");
    git(
        dir,
        &["commit", "-q", "-m", "Erste Fassung"],
        "2024-01-01T10:00:00+01:00",
    );
    git(
        dir,
        &[
            "mv",
            "content/projekte/projekt.md",
            "content/projekte/neu.md",
        ],
        "2024-02-01T10:00:00+01:00",
    );
    site.write("content/alt.md", "---\ntitle: Alt\n---\nAlt.\n");
    git(dir, &["add", "."], "2024-02-01T10:00:00+01:00");
    git(
        dir,
        &["commit", "-q", "-m", "Umbenannt"],
        "2024-02-01T10:00:00+01:00",
    );
    git(
        dir,
        &["rm", "-q", "content/alt.md"],
        "2024-03-01T10:00:00+01:00",
    );
    git(
        dir,
        &["commit", "-q", "-m", "Entfernt"],
        "2024-03-01T10:00:00+01:00",
    );
    site
}

#[test]
fn check_warns_about_old_urls_with_the_aliases_line_to_add() {
    let site = site_with_history();
    let run = site.run(&["check", "--base-url", BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains(
            "warning[old-url]: `/de/projekte/projekt/` (content/projekte/projekt.md in commit"
        ),
        "{err}"
    );
    assert!(err.contains("--> content/projekte/neu.md"), "{err}");
    assert!(
        err.contains(
            "add `aliases: [/de/projekte/projekt/]` to its front matter (content/projekte/neu.md)"
        ),
        "{err}"
    );
    assert!(
        err.contains("warning[old-url]: `/de/alt/` (content/alt.md in commit"),
        "{err}"
    );
    assert!(
        err.contains("add `aliases: [/de/alt/]` to the front matter of the page that replaced it"),
        "{err}"
    );
    // With the alias added, the renamed page's old URL is served again.
    let neu = std::fs::read_to_string(site.path().join("content/projekte/neu.md")).expect("neu.md");
    site.write(
        "content/projekte/neu.md",
        &neu.replacen("---\n", "---\naliases: [/de/projekte/projekt/]\n", 1),
    );
    let run = site.run(&["check", "--base-url", BASE]);
    assert!(
        !run.stderr.contains("`/de/projekte/projekt/`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`/de/alt/`"), "{}", run.stderr);
}
