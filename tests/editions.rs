//! Editions of the concept (issue 17, deliverables 1, 4 and 6): the
//! edition kind in `fortschreibungen/`, its pages and the editions list,
//! the line on every page naming the edition it belongs to, the errors
//! across editions, and the Saarbrücken site's editions.

mod common;

use common::{TestSite, build_fails, built_site};

/// The minimal site with two editions: one current, one in git.
fn with_editions() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/fortschreibungen/_index.md",
        "---\ntitle: Fortschreibungen\n---\nAlle Fassungen.\n",
    )
    .write(
        "content/fortschreibungen/_index.en.md",
        "---\ntitle: Editions\nslug: editions\n---\nAll editions.\n",
    )
    .write(
        "content/fortschreibungen/erste.md",
        "---\ntitle: Erste Fassung\nadopted: 2007-12\nadopted_by: Stadtrat\nstatus: superseded\nsource: git\nrevision: v1\n---\nDie erste Fassung.\n",
    )
    .write(
        "content/fortschreibungen/zweite.md",
        "---\ntitle: Zweite Fassung\nadopted: 2020\nstatus: current\nsource: current\nsupersedes: erste\n---\nDie zweite Fassung.\n",
    )
    .write(
        "content/fortschreibungen/zweite.en.md",
        "---\ntitle: Second edition\n---\nThe second edition.\n",
    )
    .write(
        "content/fortschreibungen/dritte.md",
        "---\ntitle: Dritte Fassung\nstatus: in-preparation\n---\nIn Vorbereitung.\n",
    );
    // `revision: v1` names a tag of the site's repository (its archived
    // pages are tests/editions_git.rs's).
    let when = "2020-06-15T10:00:00+02:00";
    common::git(site.path(), &["init", "-q", "-b", "main"], when);
    common::git(site.path(), &["add", "."], when);
    common::git(site.path(), &["commit", "-q", "-m", "Fassungen"], when);
    common::git(site.path(), &["tag", "v1"], when);
    site
}

#[test]
fn the_editions_page_lists_every_edition_newest_first_with_its_facts() {
    let site = with_editions();
    site.build_clean();
    let page = site.page("de/fortschreibungen/");
    assert_eq!(
        page.texts(".editions .edition-title"),
        ["Dritte Fassung", "Zweite Fassung", "Erste Fassung"]
    );
    assert_eq!(
        page.texts(".editions time"),
        ["2020", "Dezember 2007"],
        "dates as precise as written, in the reader's language"
    );
    assert_eq!(
        page.texts(".edition-status"),
        ["in Vorbereitung", "gültig", "abgelöst"]
    );
    let sources = page.texts(".edition-source");
    assert!(sources[1].contains("Inhalt dieser Website"), "{sources:?}");
    assert!(sources[2].contains("früheren Version"), "{sources:?}");
    assert!(sources[2].contains("v1"), "{sources:?}");
    let en = site.page("en/editions/");
    assert_eq!(en.attr("html", "lang"), "en");
    assert_eq!(en.texts(".editions time"), ["2020", "December 2007"]);
    assert_eq!(
        en.attrs(".editions .edition-title a", "href"),
        [
            "/en/editions/dritte/",
            "/en/editions/zweite/",
            "/en/editions/erste/"
        ]
    );
}

#[test]
fn an_edition_page_shows_its_facts_and_links_the_edition_it_replaced() {
    let site = with_editions();
    site.build_clean();
    let page = site.page("de/fortschreibungen/zweite/");
    assert_eq!(page.text("h1"), "Zweite Fassung");
    assert_eq!(page.text(".edition-status"), "gültig");
    assert_eq!(
        page.attrs(".edition-facts a", "href"),
        ["/de/fortschreibungen/erste/"]
    );
    let first = site.page("de/fortschreibungen/erste/");
    assert!(first.text(".edition-facts").contains("Stadtrat"));
    assert_eq!(
        first.attrs(".edition-facts a", "href"),
        ["/de/fortschreibungen/zweite/"],
        "superseded by"
    );
    assert!(
        first.texts(".edition-note").is_empty(),
        "an edition's own page names no edition it belongs to"
    );
}

#[test]
fn every_other_page_names_the_current_edition_in_the_readers_language() {
    let site = with_editions();
    site.build_clean();
    for (url, note, href) in [
        (
            "de/leitlinien/eins/",
            "Fassung des Konzepts: Zweite Fassung (2020)",
            "/de/fortschreibungen/zweite/",
        ),
        (
            "en/",
            "Edition of the concept: Second edition (2020)",
            "/en/editions/zweite/",
        ),
        (
            "fr/",
            "Version du concept\u{202f}: Zweite Fassung (2020)",
            "/fr/fortschreibungen/zweite/",
        ),
    ] {
        let page = site.page(url);
        assert_eq!(page.text(".edition-note"), note, "{url}");
        assert_eq!(page.attr(".edition-note a", "href"), href, "{url}");
    }
    assert!(site.page("de/404.html").texts(".edition-note").is_empty());
    assert!(
        site.page("de/fortschreibungen/")
            .texts(".edition-note")
            .is_empty()
    );
}

#[test]
fn a_site_without_editions_shows_no_edition_line() {
    let (site, _) = built_site();
    assert!(
        site.page("de/leitlinien/eins/")
            .texts(".edition-note")
            .is_empty()
    );
}

#[test]
fn editions_need_exactly_one_current_source() {
    let (site, before) = built_site();
    site.write(
        "content/fortschreibungen/_index.md",
        "---\ntitle: Fortschreibungen\n---\n",
    )
    .write(
        "content/fortschreibungen/a.md",
        "---\ntitle: A\nadopted: 2007\nstatus: superseded\n---\n",
    );
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("no edition says it is this site's content (`source: current`)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/fortschreibungen/a.md"),
        "{}",
        run.stderr
    );
    site.write(
        "content/fortschreibungen/a.md",
        "---\ntitle: A\nadopted: 2007\nstatus: superseded\nsource: current\n---\n",
    )
    .write(
        "content/fortschreibungen/b.md",
        "---\ntitle: B\nadopted: 2020\nstatus: current\nsource: current\n---\n",
    );
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("2 editions say they are this site's content"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/fortschreibungen/b.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn edition_fields_are_checked_with_their_place_and_a_hint() {
    let (site, before) = built_site();
    site.write(
        "content/fortschreibungen/_index.md",
        "---\ntitle: Fortschreibungen\n---\n",
    )
    .write(
        "content/fortschreibungen/a.md",
        "---\ntitle: A\nadopted: 2007\nstatus: current\nsource: current\nsupersedes: zweit\n---\n",
    )
    .write(
        "content/fortschreibungen/zweite.md",
        "---\ntitle: B\nstatus: superseded\nsource: git\nrevision: v1\n---\n",
    )
    .write(
        "content/fortschreibungen/b.md",
        "---\ntitle: B\nadopted: 2007-12-32\nstatus: superseded\n---\n",
    )
    .write(
        "content/fortschreibungen/c.md",
        "---\ntitle: C\nadopted: 2007\nstatus: superseded\nrevision: v1\n---\n",
    )
    .write(
        "content/fortschreibungen/d.md",
        "---\ntitle: D\nadopted: 2007\nstatus: old\n---\n",
    )
    .write(
        "content/fortschreibungen/e.md",
        "---\ntitle: E\nadopted: 2007\nstatus: superseded\nsource: git\n---\n",
    );
    let run = build_fails(&site, &before);
    let err = &run.stderr;
    assert!(err.contains("there is no edition `zweit`"), "{err}");
    assert!(err.contains("did you mean `zweite`?"), "{err}");
    assert!(err.contains("December 2007 has 31 days"), "{err}");
    assert!(
        err.contains("an edition with `source: git` needs the `revision`"),
        "{err}"
    );
    assert!(err.contains("content/fortschreibungen/e.md:5"), "{err}");
    assert!(
        err.contains("`revision` is only read with `source: git`"),
        "{err}"
    );
    assert!(err.contains("content/fortschreibungen/c.md:5"), "{err}");
    assert!(
        err.contains("an edition with `status: superseded` needs `adopted`"),
        "{err}"
    );
    assert!(
        err.contains("content/fortschreibungen/zweite.md:3"),
        "{err}"
    );
    assert!(err.contains("content/fortschreibungen/d.md:4"), "{err}");
    assert!(
        err.contains("write one of `current`, `superseded`, `in-preparation`"),
        "{err}"
    );
}

#[test]
fn an_edition_cannot_supersede_itself() {
    let (site, before) = built_site();
    site.write(
        "content/fortschreibungen/_index.md",
        "---\ntitle: Fortschreibungen\n---\n",
    )
    .write(
        "content/fortschreibungen/a.md",
        "---\ntitle: A\nadopted: 2007\nstatus: current\nsource: current\nsupersedes: b\n---\n",
    )
    .write(
        "content/fortschreibungen/b.md",
        "---\ntitle: B\nadopted: 2008\nstatus: superseded\nsupersedes: a\n---\n",
    );
    let run = build_fails(&site, &before);
    assert!(
        run.stderr.contains("the edition `a` supersedes itself"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_saarbruecken_site_lists_its_three_editions_in_every_language() {
    let site = TestSite::saarbruecken();
    site.build_clean();
    for (list, note) in [
        (
            "de/fortschreibungen/",
            "Fassung des Konzepts: Integrationskonzept 2007 (Dezember 2007)",
        ),
        (
            "fr/versions/",
            "Version du concept\u{202f}: Concept d’intégration 2007 (décembre 2007)",
        ),
        (
            "en/editions/",
            "Edition of the concept: Integration concept 2007 (December 2007)",
        ),
    ] {
        let page = site.page(list);
        let titles = page.texts(".editions .edition-title");
        assert_eq!(titles.len(), 3, "{list}: {titles:?}");
        assert!(
            titles[0].starts_with("Internationales Saarbrücken"),
            "{titles:?}"
        );
        assert_eq!(
            page.attrs(".edition-title a", "lang").len(),
            usize::from(!list.starts_with("de")),
            "{list}: the German title is marked as German"
        );
        let lang = &list[..2];
        let guideline = site.page(&format!("{lang}/"));
        assert_eq!(guideline.text(".edition-note"), note, "{lang}");
    }
    let strategy = site.page("en/editions/internationales-saarbruecken-2020/");
    assert!(
        strategy
            .text(".prose")
            .contains("not published on this site"),
        "the page says its text is not here"
    );
    assert_eq!(strategy.text(".edition-status"), "current");
    for (url, words) in [
        ("de/konzept/", "Nachfolgestrategie"),
        ("fr/le-concept/", "stratégie"),
        ("en/about-the-concept/", "successor strategy"),
    ] {
        let page = site.page(url);
        assert!(page.text(".prose").contains(words), "{url}");
        assert!(page.text(".prose").contains("2020"), "{url}");
    }
}
