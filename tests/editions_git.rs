//! Archived editions read from git (issue 17, deliverables 2 and 7): a
//! site in a temporary repository with two editions, the old one a tag.
//! Its pages are published below the old edition's page in every
//! language, with a notice, `noindex` and a canonical link to today's page
//! where there is one, links that stay inside the edition, and out of the
//! sitemap; old front matter today's schema refuses is read leniently with
//! warnings naming revision, file and line; and nothing of the hostile
//! repository is executed or published from outside the site.
// The hostile repository needs symbolic links and executable hooks: Unix.
#![cfg(unix)]

mod common;

use std::path::Path;

use common::{TestSite, git};

const THEN: &str = "2007-12-10T10:00:00+01:00";
const NOW: &str = "2020-06-15T10:00:00+02:00";
/// The old edition's pages, per language.
const OLD: &str = "fortschreibungen/fassung-2007/text/";

/// The minimal site as the 2007 edition had it, committed and tagged
/// `fassung-2007`, then today's edition committed on top: a paragraph
/// changed, a page renamed (with an alias), a page removed, a field today's
/// schema no longer knows and a guideline without today's required
/// `ordinal`. The repository is hostile: configuration, hooks and
/// attributes that would leave a file in `marks` if git ran them, a
/// symbolic link to /etc/passwd and one to `../..`, and a blob larger than
/// konzept reads.
fn two_editions(marks: &Path) -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/konzept.md",
        "---\ntitle: Das Konzept\n---\nDer alte Absatz.\n\nSiehe [die Leitlinie](leitlinien/eins.md), [die alte Seite](alter-name.md), [die entfernte Seite](entfernt.md) und [die zweite Leitlinie](leitlinien/zwei.md).\n",
    )
    .write("content/alter-name.md", "---\ntitle: Beispielseite mit altem Namen\n---\nText.\n")
    .write("content/entfernt.md", "---\ntitle: Eine entfernte Beispielseite\n---\nNur 2007.\n")
    .write(
        "content/projekte/projekt.md",
        "---\ntitle: Ein Projekt\ngoal: Ein Ziel.\ncontact: buero\nguidelines: [eins]\nstatus: running\nprojektleitung: Beispielperson\n---\nBeschreibung.\n",
    )
    .write("content/leitlinien/zwei.md", "---\ntitle: Zweite Leitlinie ohne Nummer\n---\nText.\n")
    .write_bytes("content/riesig.md", &vec![b'x'; 9 << 20]);
    site.symlink("/etc/passwd", "content/passwd.md");
    site.symlink("../..", "content/oben");
    git(site.path(), &["init", "-q", "-b", "main"], THEN);
    git(site.path(), &["add", "."], THEN);
    git(site.path(), &["commit", "-q", "-m", "Fassung 2007"], THEN);
    git(
        site.path(),
        &["tag", "-a", "-m", "Fassung 2007", "fassung-2007"],
        THEN,
    );

    site.write(
        "content/konzept.md",
        "---\ntitle: Das Konzept\n---\nDer neue Absatz.\n\nSiehe [die Leitlinie](leitlinien/eins.md) und [die Seite](neuer-name.md).\n",
    )
    .remove("content/alter-name.md")
    .write(
        "content/neuer-name.md",
        "---\ntitle: Beispielseite mit neuem Namen\naliases: [/de/alter-name/]\n---\nText.\n",
    )
    .remove("content/entfernt.md")
    .remove("content/leitlinien/zwei.md")
    .remove("content/riesig.md")
    .remove("content/passwd.md")
    .remove("content/oben")
    .write(
        "content/projekte/projekt.md",
        "---\ntitle: Ein Projekt\ngoal: Ein Ziel.\ncontact: buero\nguidelines: [eins]\nstatus: running\n---\nBeschreibung.\n",
    )
    .write("content/fortschreibungen/_index.md", "---\ntitle: Fortschreibungen\n---\nAlle Fassungen (Beispiel).\n")
    .write(
        "content/fortschreibungen/fassung-2007.md",
        "---\ntitle: Beispielfassung 2007\nadopted: 2007-12\nstatus: superseded\nsource: git\nrevision: fassung-2007\n---\nDie erste Fassung (Beispiel).\n",
    )
    .write(
        "content/fortschreibungen/fassung-2020.md",
        "---\ntitle: Beispielfassung 2020\nadopted: 2020\nstatus: current\nsource: current\nsupersedes: fassung-2007\n---\nDie geltende Fassung (Beispiel).\n",
    );
    git(site.path(), &["add", "-A"], NOW);
    git(site.path(), &["commit", "-q", "-m", "Fassung 2020"], NOW);
    make_hostile(&site.path().join(".git"), marks);
    site
}

/// Configuration, hooks and attributes that make git run a command, each
/// leaving a file in `marks` if it runs.
fn make_hostile(git_dir: &Path, marks: &Path) {
    let m = marks.display();
    let config = git_dir.join("config");
    let mut text = std::fs::read_to_string(&config).expect("read config");
    text.push_str(&format!(
        "[core]\n\tfsmonitor = \"touch {m}/fsmonitor\"\n\thooksPath = hooks\n[filter \"x\"]\n\tsmudge = \"touch {m}/smudge\"\n\tclean = \"touch {m}/clean\"\n\tprocess = \"touch {m}/process\"\n[alias]\n\tshow = \"!touch {m}/alias\"\n[diff \"x\"]\n\ttextconv = \"touch {m}/textconv\"\n"
    ));
    std::fs::write(&config, text).expect("write config");
    for hook in [
        "post-checkout",
        "pre-commit",
        "post-merge",
        "reference-transaction",
    ] {
        let path = git_dir.join("hooks").join(hook);
        std::fs::write(&path, format!("#!/bin/sh\ntouch {m}/{hook}\n")).expect("write hook");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    std::fs::write(git_dir.join("info/attributes"), "* filter=x diff=x\n").expect("attributes");
}

struct Built {
    site: TestSite,
    stderr: String,
    _marks: tempfile::TempDir,
    marks: std::path::PathBuf,
}

fn built() -> Built {
    let marks = tempfile::tempdir().expect("marks directory");
    let site = two_editions(marks.path());
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    Built {
        marks: marks.path().to_owned(),
        site,
        stderr: run.stderr,
        _marks: marks,
    }
}

#[test]
fn archived_pages_exist_in_every_language_with_their_notice() {
    let b = built();
    for lang in ["de", "fr", "en"] {
        let page = b.site.page(&format!("{lang}/{OLD}konzept/"));
        let notice = page.text("main > .note-archived");
        assert!(notice.contains("Beispielfassung 2007"), "{lang}: {notice}");
        let link = page.attr("main > .note-archived a", "href");
        assert_eq!(link, format!("/{lang}/konzept/"), "{lang}");
        assert_eq!(page.attr("meta[name=robots]", "content"), "noindex");
        assert_eq!(
            page.attr("link[rel=canonical]", "href"),
            format!("https://example.org/{lang}/konzept/"),
        );
        assert!(
            page.attrs("link[rel=alternate][hreflang]", "href")
                .is_empty()
        );
    }
    let de = b.site.page(&format!("de/{OLD}konzept/"));
    assert!(de.text("main > .note-archived").contains("Dezember 2007"));
    let fr = b.site.page(&format!("fr/{OLD}konzept/"));
    assert!(
        fr.text("main > .note-archived")
            .contains("Version archivée")
    );
}

#[test]
fn the_archived_text_is_the_old_one_and_today_s_the_new_one() {
    let b = built();
    assert!(
        b.site
            .page(&format!("de/{OLD}konzept/"))
            .text("article")
            .contains("Der alte Absatz.")
    );
    let now = b.site.page("de/konzept/");
    assert!(now.text("article").contains("Der neue Absatz."));
    assert!(!now.text("main").contains("Archivierte Fassung"));
    assert!(now.attrs("meta[name=robots]", "content").is_empty());
    assert_eq!(
        now.attr(".edition-note a", "href"),
        "/de/fortschreibungen/fassung-2020/"
    );
}

#[test]
fn a_removed_page_is_archived_and_points_to_the_editions() {
    let b = built();
    let page = b.site.page(&format!("de/{OLD}entfernt/"));
    assert!(page.text("article").contains("Nur 2007."));
    assert_eq!(
        page.attr("main > .note-archived a", "href"),
        "/de/fortschreibungen/"
    );
    assert!(page.attrs("link[rel=canonical]", "href").is_empty());
    assert!(!b.site.exists("de/entfernt/index.html"));
}

#[test]
fn a_renamed_page_is_canonical_to_the_page_its_alias_names() {
    let b = built();
    let page = b.site.page(&format!("de/{OLD}alter-name/"));
    assert_eq!(
        page.attr("main > .note-archived a", "href"),
        "/de/neuer-name/"
    );
    assert_eq!(
        page.attr("link[rel=canonical]", "href"),
        "https://example.org/de/neuer-name/"
    );
    // The line at the end names the archived edition, not today's.
    assert_eq!(
        page.attr(".edition-note a", "href"),
        "/de/fortschreibungen/fassung-2007/"
    );
}

#[test]
fn links_menus_and_breadcrumbs_stay_inside_the_edition() {
    let b = built();
    let page = b.site.page(&format!("de/{OLD}konzept/"));
    let links = page.attrs("article a", "href");
    assert!(
        links.contains(&format!("/de/{OLD}leitlinien/eins/")),
        "{links:?}"
    );
    assert!(
        links.contains(&format!("/de/{OLD}alter-name/")),
        "{links:?}"
    );
    assert!(links.contains(&format!("/de/{OLD}entfernt/")), "{links:?}");
    // The guideline today's schema cannot read is left out: its link is text.
    assert!(page.text("article").contains("die zweite Leitlinie"));
    assert!(!links.iter().any(|l| l.contains("zwei")), "{links:?}");
    for nav in page.attrs(".main-nav a", "href") {
        assert!(nav.starts_with(&format!("/de/{OLD}")), "{nav}");
    }
    let project = b.site.page(&format!("de/{OLD}projekte/projekt/"));
    for crumb in project.attrs(".breadcrumbs a", "href") {
        assert!(crumb.starts_with(&format!("/de/{OLD}")), "{crumb}");
    }
}

#[test]
fn archived_pages_are_not_in_the_sitemap_feeds_or_search() {
    let b = built();
    assert!(b.site.exists(&format!("de/{OLD}konzept/index.html")));
    let sitemap =
        std::fs::read_to_string(b.site.path().join("public/sitemap.xml")).expect("sitemap");
    assert!(!sitemap.contains("/text/"), "{sitemap}");
    assert!(sitemap.contains("https://example.org/de/konzept/"));
    for lang in ["de", "fr", "en"] {
        let feed = std::fs::read_to_string(b.site.path().join(format!("public/{lang}/atom.xml")))
            .unwrap_or_default();
        assert!(!feed.contains("/text/"), "{feed}");
    }
}

#[test]
fn old_front_matter_is_read_leniently_with_warnings_naming_revision_file_and_line() {
    let b = built();
    let e = &b.stderr;
    assert!(e.contains("warning[archived-content]"), "{e}");
    assert!(!e.contains("error"), "{e}");
    // The unknown field is dropped at its line, the page kept.
    assert!(
        e.contains("--> fassung-2007:content/projekte/projekt.md:7:"),
        "{e}"
    );
    assert!(e.contains("the field `projektleitung` is left out"), "{e}");
    let project = b.site.page(&format!("de/{OLD}projekte/projekt/"));
    assert!(project.text("article").contains("Beschreibung."));
    // The guideline without `ordinal` is left out, and so is its link.
    assert!(e.contains("fassung-2007:content/leitlinien/zwei.md"), "{e}");
    assert!(
        !b.site
            .exists(&format!("de/{OLD}leitlinien/zwei/index.html"))
    );
}

#[test]
fn nothing_in_the_repository_is_executed_or_published_from_outside() {
    let b = built();
    let marks: Vec<_> = std::fs::read_dir(&b.marks).expect("marks").collect();
    assert!(marks.is_empty(), "git ran something: {marks:?}");
    let e = &b.stderr;
    assert!(e.contains("content/passwd.md is a symbolic link"), "{e}");
    assert!(e.contains("content/oben is a symbolic link"), "{e}");
    assert!(e.contains("content/riesig.md has 9437184 bytes"), "{e}");
    for (path, bytes) in b.site.public_tree() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("root:x:0:0"), "{path} holds /etc/passwd");
        assert!(
            !path.contains("passwd") && !path.contains("riesig"),
            "{path}"
        );
    }
}

#[test]
fn an_unknown_revision_is_a_warning_and_today_s_site_is_built() {
    let marks = tempfile::tempdir().expect("marks directory");
    let site = two_editions(marks.path());
    site.write(
        "content/fortschreibungen/fassung-2007.md",
        "---\ntitle: Beispielfassung 2007\nadopted: 2007-12\nstatus: superseded\nsource: git\nrevision: fassung-1999\n---\nText.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the revision `fassung-1999` cannot be read"),
        "{}",
        run.stderr
    );
    assert!(site.exists("de/konzept/index.html"));
    assert!(!site.exists(&format!("de/{OLD}konzept/index.html")));
}

#[test]
fn check_finds_every_link_of_the_archived_pages() {
    let marks = tempfile::tempdir().expect("marks directory");
    let site = two_editions(marks.path());
    let run = site.run(&["check", "--base-url", common::DEPLOY_BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("error["), "{}", run.stderr);
    site.build();
    let contact = site.page(&format!("de/{OLD}kontakte/buero/"));
    let cards = contact.attrs("a[href$='.vcf']", "href");
    assert!(!cards.is_empty());
    for card in cards {
        assert!(site.exists(card.trim_start_matches('/')), "{card}");
    }
}
