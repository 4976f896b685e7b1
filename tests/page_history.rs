//! Page histories (issue 17, deliverable 4): on a site with editions,
//! every page links to its history, which lists the editions the page is
//! in and the days its file changed in git, newest first, read in-process
//! from the repository; `noindex` and in no sitemap. Without git the
//! history says so; without editions nothing changes.

mod common;

use common::{DEPLOY_BASE, TestSite, git};

/// The minimal site with an editions section whose current edition is
/// the site's content.
fn with_editions() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/fortschreibungen/_index.md",
        "---\ntitle: Fortschreibungen\n---\nAlle Fassungen.\n",
    )
    .write(
        "content/fortschreibungen/konzept-2007.md",
        "---\ntitle: Konzept 2007\nadopted: 2007-12\nstatus: current\nsource: current\n---\nDiese Fassung.\n",
    );
    site
}

/// Commits everything in the site at `date`.
fn commit(site: &TestSite, message: &str, date: &str) {
    git(site.path(), &["add", "-A"], date);
    git(site.path(), &["commit", "-q", "-m", message], date);
}

/// The site-relative path of a page's history link.
fn history_link(site: &TestSite, url: &str) -> String {
    let href = site.page(url).attr(".history-link a", "href");
    href.strip_prefix(DEPLOY_BASE)
        .or_else(|| href.strip_prefix('/'))
        .unwrap_or(&href)
        .to_owned()
}

#[test]
fn a_history_lists_the_commit_days_newest_first() {
    let site = with_editions();
    git(
        site.path(),
        &["init", "-q", "-b", "main"],
        "2023-03-01T09:00:00+01:00",
    );
    commit(&site, "Erste Fassung", "2023-03-01T09:00:00+01:00");
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\n---\nGeändert.\n",
    );
    commit(&site, "Impressum", "2024-06-15T12:00:00+02:00");
    let guideline = site.path().join("content/leitlinien/eins.md");
    let text = std::fs::read_to_string(&guideline).expect("the guideline");
    site.write(
        "content/leitlinien/eins.md",
        &format!("{text}\nNoch ein Satz.\n"),
    );
    commit(
        &site,
        "Leitlinie, nicht das Impressum",
        "2024-09-01T12:00:00+02:00",
    );
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\n---\nNoch einmal geändert.\n",
    );
    commit(&site, "Impressum wieder", "2025-01-20T08:00:00+01:00");
    site.build_clean();

    let url = history_link(&site, "de/impressum/");
    assert_eq!(url, "de/verlauf/impressum/");
    let history = site.page(&url);
    assert_eq!(
        history.attrs(".history-changes time", "datetime"),
        ["2025-01-20", "2024-06-15", "2023-03-01"]
    );
    assert_eq!(
        history.texts(".history-changes time"),
        ["20. Januar 2025", "15. Juni 2024", "1. März 2023"]
    );
    assert_eq!(history.attr("meta[name=robots]", "content"), "noindex");
    assert!(history.attrs("link[rel=canonical]", "href").is_empty());
    assert_eq!(history.text("h1"), "Verlauf: Impressum");
    // The editions it is in, with the page as each has it.
    assert_eq!(
        history.texts(".history-editions li > a:first-child"),
        ["Konzept 2007"]
    );
    assert_eq!(
        history.attrs(".history-editions li > a", "href"),
        ["/de/fortschreibungen/konzept-2007/", "/de/impressum/"]
    );
    // Per language: its own address and date format.
    let en = site.page(&history_link(&site, "en/"));
    assert_eq!(en.texts(".history-changes time").len(), 1);
    let fr = site.page("fr/historique/impressum/");
    assert_eq!(
        fr.texts(".history-changes time"),
        ["20 janvier 2025", "15 juin 2024", "1er mars 2023"]
    );
    let sitemap =
        std::fs::read_to_string(site.path().join("public/sitemap.xml")).expect("a sitemap");
    assert!(sitemap.contains("/de/impressum/"), "{sitemap}");
    for prefix in ["/de/verlauf/", "/fr/historique/", "/en/history/"] {
        assert!(!sitemap.contains(prefix), "{prefix} in {sitemap}");
    }
}

#[test]
fn an_uncommitted_page_and_a_site_outside_git_say_so() {
    let site = with_editions();
    site.build_clean();
    let history = site.page(&history_link(&site, "de/impressum/"));
    assert!(history.texts(".history-changes").is_empty());
    assert!(
        history
            .text("#history-changes + .note")
            .contains("nicht in einem Git-Repository"),
        "{}",
        history.text("#history-changes + .note")
    );

    git(
        site.path(),
        &["init", "-q", "-b", "main"],
        "2023-03-01T09:00:00Z",
    );
    commit(&site, "Erste Fassung", "2023-03-01T09:00:00Z");
    site.write(
        "content/neu.md",
        "---\ntitle: Neu\n---\nNoch nicht gespeichert.\n",
    );
    site.build_clean();
    let history = site.page(&history_link(&site, "de/neu/"));
    assert!(
        history
            .text("#history-changes + .note")
            .contains("noch nicht im Git-Repository"),
        "{}",
        history.text("#history-changes + .note")
    );
}

#[test]
fn a_site_without_editions_has_no_histories() {
    let site = TestSite::fixture("minimal");
    git(
        site.path(),
        &["init", "-q", "-b", "main"],
        "2023-03-01T09:00:00Z",
    );
    commit(&site, "Erste Fassung", "2023-03-01T09:00:00Z");
    site.build_clean();
    assert!(
        site.page("de/impressum/")
            .attrs(".history-link a", "href")
            .is_empty()
    );
    assert!(!site.exists("de/verlauf"));
}

#[test]
fn a_page_at_the_history_address_is_an_error() {
    let site = with_editions();
    site.write(
        "content/verlauf.md",
        "---\ntitle: Verlauf\n---\nEine Seite.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[duplicate-url]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("history_slug"), "{}", run.stderr);
}
