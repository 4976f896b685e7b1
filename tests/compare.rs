//! What changed between editions (issue 17, deliverable 3): a site in a
//! temporary git repository with an edition published from a tag and the
//! current one. A changed page gets a comparison page per language below
//! the newer edition's page, with labelled `<ins>`/`<del>` holding exactly
//! the changed words, old content escaped, `noindex` and out of the
//! sitemap; the editions page lists what was added, removed and changed;
//! the page's history links the comparison; the print style tells
//! additions and removals apart without colour.

mod common;

use common::{TestSite, git};

const THEN: &str = "2007-12-10T10:00:00+01:00";
const NOW: &str = "2020-06-15T10:00:00+02:00";
const COMPARE: &str = "de/fortschreibungen/fassung-2020/vergleich/konzept/";

/// Two editions: the 2007 one tagged, today's on top with a changed
/// paragraph, a removed hostile paragraph, a new page and a removed one.
fn two_editions() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/konzept.md",
        "---\ntitle: Das Konzept\nsummary: Die alte Zusammenfassung.\n---\nDie Stadt fördert Sprachkurse für Erwachsene.\n\nDer Code `<script>alert(1)</script>` und \"Zitat\" & mehr.\n\nEin Absatz, der bleibt.\n",
    )
    .write("content/entfernt.md", "---\ntitle: Entfernte Beispielseite\n---\nNur 2007.\n");
    git(site.path(), &["init", "-q", "-b", "main"], THEN);
    git(site.path(), &["add", "."], THEN);
    git(site.path(), &["commit", "-q", "-m", "Fassung 2007"], THEN);
    git(site.path(), &["tag", "fassung-2007"], THEN);
    site.write(
        "content/konzept.md",
        "---\ntitle: Das Konzept\nsummary: Die neue Zusammenfassung.\n---\nDie Stadt fördert Sprachkurse für Kinder und Erwachsene.\n\nEin Absatz, der bleibt.\n",
    )
    .remove("content/entfernt.md")
    .write("content/neu.md", "---\ntitle: Neue Beispielseite\n---\nSeit 2020.\n")
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
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    site
}

/// The text of each `selector` element without its hidden label and marker.
fn changes(page: &common::Page, selector: &str) -> Vec<String> {
    page.texts(selector)
        .into_iter()
        .map(|t| {
            let t = t
                .trim_start_matches("Eingefügt: ")
                .trim_start_matches("Entfernt: ");
            t.trim_start_matches(['+', '\u{2212}']).to_owned()
        })
        .collect()
}

#[test]
fn a_changed_page_shows_the_changed_words_labelled() {
    let site = two_editions();
    let page = site.page(COMPARE);
    assert_eq!(changes(&page, ".compare p ins"), ["Kinder und"]);
    assert_eq!(
        page.texts(".compare p ins .visually-hidden"),
        ["Eingefügt:"]
    );
    assert_eq!(page.texts(".compare ins .compare-mark"), ["+"]);
    let removed = changes(&page, ".compare p del");
    assert_eq!(removed.len(), 1, "{removed:?}");
    assert_eq!(
        removed[0],
        "Der Code <script>alert(1)</script> und „Zitat“ & mehr."
    );
    assert_eq!(page.texts(".compare p del .visually-hidden"), ["Entfernt:"]);
    assert_eq!(
        page.texts(".compare .compare-same"),
        ["Ein Absatz, der bleibt."]
    );
    // The changed summary is listed with its changed word.
    assert_eq!(page.texts(".compare-fields dt"), ["Zusammenfassung"]);
    assert_eq!(changes(&page, ".compare-fields del"), ["alte"]);
    assert_eq!(changes(&page, ".compare-fields ins"), ["neue"]);
    assert_eq!(
        page.text(".compare-summary"),
        "3 Wörter eingefügt, 10 Wörter entfernt."
    );
    // Old content is text, never markup.
    assert!(page.texts("main script").is_empty());
    assert!(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Both versions are linked.
    assert_eq!(
        page.attrs(".compare-versions dd a", "href"),
        [
            "/de/fortschreibungen/fassung-2007/",
            "/de/fortschreibungen/fassung-2007/text/konzept/",
            "/de/fortschreibungen/fassung-2020/",
            "/de/konzept/"
        ]
    );
}

#[test]
fn comparisons_exist_per_language_only_for_changed_pages_and_stay_out_of_the_sitemap() {
    let site = two_editions();
    let fr = site.page("fr/fortschreibungen/fassung-2020/comparaison/konzept/");
    assert_eq!(
        fr.texts(".compare p ins .visually-hidden"),
        ["Ajouté\u{202F}:"]
    );
    assert_eq!(
        fr.texts(".compare p del .visually-hidden"),
        ["Supprimé\u{202F}:"]
    );
    let en = site.page("en/fortschreibungen/fassung-2020/comparison/konzept/");
    assert_eq!(en.texts(".compare p ins .visually-hidden"), ["Added:"]);
    let page = site.page(COMPARE);
    assert_eq!(page.attr("meta[name=robots]", "content"), "noindex");
    assert!(page.attrs("link[rel=canonical]", "href").is_empty());
    assert!(!site.exists("de/fortschreibungen/fassung-2020/vergleich/impressum/index.html"));
    let sitemap = std::fs::read_to_string(site.path().join("public/sitemap.xml")).expect("sitemap");
    assert!(!sitemap.contains("vergleich"), "{sitemap}");
}

#[test]
fn the_editions_page_lists_added_removed_and_changed_pages() {
    let site = two_editions();
    let page = site.page("de/fortschreibungen/");
    assert_eq!(page.texts(".edition-change h3 a"), ["Beispielfassung 2020"]);
    assert_eq!(page.texts(".edition-changed a"), ["Das Konzept"]);
    assert_eq!(
        page.attrs(".edition-changed a", "href"),
        [format!("/{COMPARE}")]
    );
    assert_eq!(page.texts(".edition-added a"), ["Neue Beispielseite"]);
    assert_eq!(
        page.texts(".edition-removed a"),
        ["Entfernte Beispielseite"]
    );
    assert_eq!(
        page.attrs(".edition-removed a", "href"),
        ["/de/fortschreibungen/fassung-2007/text/entfernt/"]
    );
}

#[test]
fn a_history_lists_both_editions_and_links_the_comparison() {
    let site = two_editions();
    let history = site.page("de/verlauf/konzept/");
    assert_eq!(
        history.attrs(".history-editions li > a", "href"),
        [
            "/de/fortschreibungen/fassung-2020/",
            "/de/konzept/",
            &format!("/{COMPARE}"),
            "/de/fortschreibungen/fassung-2007/",
            "/de/fortschreibungen/fassung-2007/text/konzept/",
        ]
    );
    assert_eq!(
        history.attrs(".history-changes time", "datetime"),
        ["2020-06-15", "2007-12-10"]
    );
}

#[test]
fn the_print_style_tells_additions_from_removals_without_colour() {
    let site = two_editions();
    let css_href = site.page(COMPARE).attr("link[rel=stylesheet]", "href");
    let css = std::fs::read_to_string(
        site.path()
            .join("public")
            .join(css_href.trim_start_matches('/')),
    )
    .expect("the stylesheet");
    // The print rules for comparisons are the last of the stylesheet.
    let print = css.rsplit("@media print").next().expect("a print block");
    assert!(print.contains(".compare ins"), "{print}");
    assert!(print.contains("text-decoration: underline"), "{print}");
    assert!(print.contains("text-decoration: line-through"), "{print}");
    assert!(print.contains(".compare-mark { display: inline"), "{print}");
}

#[test]
fn the_archived_version_links_what_changed_since_and_the_history() {
    let site = two_editions();
    let old = site.page("de/fortschreibungen/fassung-2007/text/konzept/");
    assert_eq!(
        old.attrs("main > .note-archived a", "href"),
        ["/de/konzept/"]
    );
    assert_eq!(
        old.attrs("main > .note-archived-compare a", "href"),
        [format!("/{COMPARE}")]
    );
    assert_eq!(old.attr(".history-link a", "href"), "/de/verlauf/konzept/");
    // An unchanged page has no comparison to link.
    let same = site.page("de/fortschreibungen/fassung-2007/text/impressum/");
    assert_eq!(
        same.attrs("main > .note-archived a", "href"),
        ["/de/impressum/"]
    );
    assert!(
        same.attrs("main > .note-archived-compare a", "href")
            .is_empty()
    );
}

/// A site that declared its editions already in 2007: the old revision
/// has the editions section too, with the 2007 edition as the current one.
#[test]
fn an_archived_page_links_only_comparisons_that_exist() {
    let site = TestSite::fixture("minimal");
    let section = "---\ntitle: Fortschreibungen\n---\nAlle Fassungen (Beispiel).\n";
    site.write(
        "content/konzept.md",
        "---\ntitle: Das Konzept\n---\nDer alte Absatz.\n",
    )
    .write("content/fortschreibungen/_index.md", section)
    .write(
        "content/fortschreibungen/fassung-2007.md",
        "---\ntitle: Beispielfassung 2007\nadopted: 2007-12\nstatus: current\nsource: current\n---\nDie geltende Fassung (Beispiel).\n",
    );
    git(site.path(), &["init", "-q", "-b", "main"], THEN);
    git(site.path(), &["add", "."], THEN);
    git(site.path(), &["commit", "-q", "-m", "Fassung 2007"], THEN);
    git(site.path(), &["tag", "fassung-2007"], THEN);
    site.write(
        "content/konzept.md",
        "---\ntitle: Das Konzept\n---\nDer neue Absatz.\n",
    )
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
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);

    let old = "de/fortschreibungen/fassung-2007/text/";
    let konzept = site.page(&format!("{old}konzept/"));
    assert_eq!(
        konzept.attrs("main > .note-archived-compare a", "href"),
        [format!("/{COMPARE}")]
    );
    // The edition's own page changed too, but editions' pages get no
    // comparison: the archived one links none.
    let edition = site.page(&format!("{old}fortschreibungen/fassung-2007/"));
    assert!(
        edition
            .attrs("main > .note-archived-compare a", "href")
            .is_empty()
    );
    for page in [konzept, edition] {
        for href in page.attrs("main > .note-archived-compare a", "href") {
            let file = format!("{}index.html", href.trim_start_matches('/'));
            assert!(site.exists(&file), "{href} leads nowhere");
        }
    }
}
