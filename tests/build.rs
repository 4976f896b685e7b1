//! What readers get from `konzept build`: pages, URLs, languages, links and
//! typography, asserted on the parsed HTML of fixture sites.

mod common;

use common::TestSite;

#[test]
fn a_translation_inherits_neutral_fields_and_keeps_its_own_text() {
    let site = TestSite::fixture("minimal");
    site.apply("build/inheritance");
    site.build_clean();
    let fr = site.page("fr/projekte/projekt/");
    assert_eq!(fr.text("h1"), "Un projet");
    let record = fr.texts("dl.record > div > dd");
    assert_eq!(record[0], "Un objectif.");
    assert_eq!(
        fr.texts("dl.record > div:nth-child(3) li"),
        ["Associations", "Églises"]
    );
    // Duration, status, districts and the contact come from the German file,
    // localised for the French reader.
    assert_eq!(record[3], "depuis 12 octobre 2009 (en cours)");
    assert!(fr.text(".project-meta").contains("Burbach"));
    assert_eq!(
        fr.attr("dl.record .contact-card-title a", "href"),
        "/fr/kontakte/buero/"
    );
    let de = site.page("de/projekte/projekt/");
    assert_eq!(
        de.texts("dl.record > div > dd")[3],
        "seit 12. Oktober 2009 (laufend)"
    );
    assert_eq!(
        de.texts("dl.record > div > dt"),
        [
            "Zielstellung",
            "Beschreibung",
            "Beteiligte",
            "Laufzeit",
            "Kosten und Finanzierung",
            "Ansprechpartner"
        ]
    );
}

#[test]
fn guideline_and_contact_pages_list_the_projects_that_name_them() {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    let guideline = site.page("de/leitlinien/eins/");
    assert_eq!(
        guideline.attrs(".guideline-projects a", "href"),
        ["/de/projekte/projekt/"]
    );
    let contact = site.page("de/kontakte/buero/");
    assert_eq!(
        contact.attrs(".contact-projects a", "href"),
        ["/de/projekte/projekt/"]
    );
}

#[test]
fn a_missing_translation_falls_back_to_the_original_with_a_notice() {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    let en = site.page("en/leitlinien/eins/");
    assert_eq!(en.attr("html", "lang"), "en");
    assert_eq!(en.attr("article", "lang"), "de");
    assert_eq!(en.text("h1"), "Guideline 1: Erste Leitlinie");
    assert_eq!(en.texts("main .note").len(), 1, "fallback notice shown");
    // Right after the heading (so on a phone the h1 comes first), in the
    // reader's language inside the German article.
    assert_eq!(en.texts("h1 + .note").len(), 1, "notice follows the h1");
    assert_eq!(en.attr("main .note", "lang"), "en");
    assert!(
        en.text("main .note")
            .contains("not been translated into English"),
        "{}",
        en.text("main .note")
    );
    // A fallback page is canonical to the original and in no hreflang
    // cluster (docs/readers.md § Search engines).
    assert!(en.hreflangs().is_empty(), "{:?}", en.hreflangs());
    assert_eq!(
        en.attr(r#"link[rel="canonical"]"#, "href"),
        "https://example.org/de/leitlinien/eins/"
    );
}

#[test]
fn with_the_omit_policy_untranslated_pages_are_left_out_and_links_lead_to_the_original() {
    let site = TestSite::fixture("minimal");
    site.apply("build/omit");
    site.build_clean();
    assert!(!site.exists("en/leitlinien/eins/index.html"));
    assert!(site.exists("de/leitlinien/eins/index.html"));
    let en_home = site.page("en/");
    let hrefs = en_home.attrs("main a", "href");
    assert!(
        hrefs.contains(&"/de/leitlinien/eins/".to_owned()),
        "{hrefs:?}"
    );
    assert!(
        hrefs
            .iter()
            .all(|h| site.exists(&format!("{}index.html", h.trim_start_matches('/')))),
        "every link resolves: {hrefs:?}"
    );
    let de = site.page("de/leitlinien/eins/");
    assert_eq!(de.language_switch(), [("de".to_owned(), None)]);
}

#[test]
fn section_and_page_slugs_are_translated() {
    let site = TestSite::fixture("minimal");
    site.apply("build/slugs");
    site.build_clean();
    let fr = site.page("fr/projets/un-projet/");
    assert_eq!(fr.text("h1"), "Un projet");
    assert_eq!(
        fr.language_switch(),
        [
            ("de".to_owned(), Some("/de/projekte/projekt/".to_owned())),
            ("fr".to_owned(), None),
            ("en".to_owned(), Some("/en/projekte/projekt/".to_owned())),
        ]
    );
    let de = site.page("de/projekte/projekt/");
    assert_eq!(
        de.hreflangs(),
        [
            (
                "de".into(),
                "https://example.org/de/projekte/projekt/".into()
            ),
            (
                "fr".into(),
                "https://example.org/fr/projets/un-projet/".into()
            ),
            (
                "x-default".into(),
                "https://example.org/de/projekte/projekt/".into()
            ),
        ]
    );
    assert_eq!(
        site.page("fr/")
            .attrs(r#"nav.main-nav a[href="/fr/projets/"]"#, "href")
            .len(),
        1
    );
}

#[test]
fn markdown_links_resolve_to_the_target_in_the_readers_language() {
    let site = TestSite::fixture("minimal");
    site.apply("build/links");
    site.build_clean();
    let de = site.page("de/projekte/projekt/");
    assert_eq!(
        de.attrs(".prose a", "href"),
        [
            "/de/leitlinien/eins/#ziele",
            "/de/impressum/",
            "/de/leitlinien/"
        ]
    );
    let fr = site.page("fr/projekte/projekt/");
    assert_eq!(
        fr.attrs(".prose a", "href"),
        ["/fr/leitlinien/eins/#objectifs", "/fr/impressum/"]
    );
    // The English page is the German original shown as a fallback: its links
    // stay in the English site, and an anchor the English version lacks
    // leads to the original that has it.
    let en = site.page("en/projekte/projekt/");
    assert_eq!(
        en.attrs(".prose a", "href"),
        [
            "/en/leitlinien/eins/#ziele",
            "/en/impressum/",
            "/en/leitlinien/"
        ]
    );
}

#[test]
fn fallback_links_to_anchors_missing_in_the_translation_go_to_the_original() {
    let site = TestSite::fixture("minimal");
    site.apply("build/links");
    site.apply("build/fallback");
    site.build_clean();
    // The English project page is the German original; it links to
    // eins.md#ziele. The English guideline exists but names its heading
    // #goals, so the German guideline (which has #ziele) is linked.
    let en = site.page("en/projekte/projekt/");
    assert_eq!(
        en.attrs(".prose a", "href")[0],
        "/de/leitlinien/eins/#ziele"
    );
}

#[test]
fn typography_follows_the_language() {
    let site = TestSite::fixture("minimal");
    site.apply("build/typography");
    site.build_clean();
    let de = site.page("de/impressum/");
    assert_eq!(de.text("h1"), "Das „Impressum“");
    assert_eq!(
        de.text(".prose p"),
        "Er sagte „ja“ und ‚nein‘, geht’s? \"code\" bleibt."
    );
    let fr = site.page("fr/impressum/");
    assert_eq!(fr.text("h1"), "Les «\u{202F}mentions\u{202F}»");
    assert_eq!(
        fr.text(".prose p"),
        "Il a dit «\u{202F}oui\u{202F}»\u{202F}: c’est bien\u{202F}! Vraiment\u{202F}? À 12:30."
    );
    let en = site.page("en/impressum/");
    assert_eq!(en.text(".prose p"), "She said “yes” and ‘no’, it’s fine.");
}

#[test]
fn the_root_is_a_language_chooser_without_script() {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    let root = site.page("");
    assert_eq!(root.attrs(".choices a", "href"), ["/de/", "/fr/", "/en/"]);
    assert_eq!(root.attrs(".choices li", "lang"), ["de", "fr", "en"]);
    assert!(root.texts("script").is_empty());
    for lang in ["de", "fr", "en"] {
        assert!(site.exists(&format!("{lang}/404.html")));
    }
    assert!(site.exists("404.html"));
}

#[test]
fn base_url_makes_links_and_alternates_absolute_where_they_must_be() {
    let site = TestSite::fixture("minimal");
    let run = site.run(&["build", "--base-url", "https://example.org/konzept/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let de = site.page("de/projekte/projekt/");
    assert_eq!(
        de.attr(r#"link[rel="canonical"]"#, "href"),
        "https://example.org/konzept/de/projekte/projekt/"
    );
    assert_eq!(
        de.hreflangs()[0].1,
        "https://example.org/konzept/de/projekte/projekt/"
    );
    assert_eq!(de.attr(".site-title a", "href"), "/konzept/de/");
    assert!(
        de.attr(r#"link[rel="stylesheet"]"#, "href")
            .starts_with("/konzept/assets/style.")
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/entwurf.md",
        "---\ntitle: Entwurf\ndraft: true\n---\nNoch nicht fertig.\n",
    );
    site.build_clean();
    assert!(!site.exists("de/entwurf/index.html"));
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.exists("de/entwurf/index.html"));
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = TestSite::saarbruecken();
    let build = || {
        let run = site.run(&["build", "--base-url", "https://example.org/"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        site.public_tree()
    };
    let first = build();
    // Everything a build writes is compared, including what machines read.
    for file in [
        "sitemap.xml",
        "robots.txt",
        "fr/feed.xml",
        "pagefind/pagefind-entry.json",
        "de/kontakte/zib/zib.vcf",
    ] {
        assert!(first.contains_key(file), "no {file}");
    }
    let contact = String::from_utf8_lossy(&first["de/kontakte/zib/index.html"]).into_owned();
    assert!(contact.contains("application/ld+json"));
    let second = build();
    let differ: Vec<&String> = first
        .keys()
        .filter(|k| first.get(*k) != second.get(*k))
        .collect();
    assert!(differ.is_empty(), "differ between builds: {differ:?}");
    assert_eq!(first.len(), second.len());
}

#[test]
fn the_saarbruecken_site_builds_without_warnings_in_three_languages() {
    let site = TestSite::saarbruecken();
    let run = site.build_clean();
    assert!(run.stdout.starts_with("built "), "{}", run.stdout);
    for lang in ["de", "fr", "en"] {
        let home = site.page(&format!("{lang}/"));
        assert_eq!(home.attr("html", "lang"), lang);
        assert_eq!(home.texts("h1").len(), 1);
        assert_eq!(home.attrs("a.skip-link", "href"), ["#main"]);
    }
    // The one page deliberately left untranslated in English.
    let monitoring = site.page("en/projects/monitoring/");
    assert_eq!(monitoring.attr("article", "lang"), "de");
    // Every project shows its contact from the one contact entry.
    let ibis = site.page("fr/projets/ibis/");
    assert!(
        ibis.text("dl.record .contact-card address")
            .contains("zib@saarbruecken.de")
    );
    assert_eq!(
        ibis.attrs("dl.record .contact-card a[href^='tel:']", "href"),
        ["tel:+496819051588"]
    );
}

#[test]
fn placeholder_like_text_in_content_is_left_alone() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\n---\nSiehe [hier](#ziele).\n\n## Ziele\n\nCode `<a href=\"konzept-link:0\">` und konzept-link:7 darin.\n",
    );
    site.build_clean();
    let page = site.page("de/impressum/");
    assert_eq!(page.attrs(".prose a", "href"), ["#ziele"]);
    assert_eq!(
        page.texts(".prose p")[1],
        "Code <a href=\"konzept-link:0\"> und konzept-link:7 darin."
    );
}

#[test]
fn a_sites_own_template_overrides_the_embedded_one() {
    let site = TestSite::fixture("minimal");
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block body %}<p class=\"own\">Eigene Vorlage: {{ page.title }}</p>{% endblock body %}",
    );
    site.build_clean();
    assert_eq!(
        site.page("de/impressum/").text(".own"),
        "Eigene Vorlage: Impressum"
    );
    // Other templates still come from the embedded theme.
    assert_eq!(
        site.page("de/projekte/projekt/").texts("dl.record").len(),
        1
    );
}

#[test]
fn a_sites_own_contact_card_is_the_card_on_project_and_contact_pages() {
    let site = TestSite::fixture("minimal");
    site.write(
        "themes/default/templates/partials/contact_card.html",
        "<div class=\"own-card\">{{ contact_card.organisation }} ({{ lang }}{% if contact_card_title %}, mit Titel{% endif %})</div>",
    );
    site.build_clean();
    // The project's card, with its title linked, and the contact page's own.
    assert_eq!(
        site.page("de/projekte/projekt/").text("main .own-card"),
        "Beispielstadt (de, mit Titel)"
    );
    assert_eq!(
        site.page("fr/kontakte/buero/").text("main .own-card"),
        "Beispielstadt (fr)"
    );
    // The footer names the contact and shows no card.
    assert!(site.page("de/impressum/").texts(".own-card").is_empty());
}

#[test]
fn the_binary_builds_a_site_from_any_directory() {
    let site = TestSite::fixture("minimal");
    let elsewhere = tempfile::tempdir().expect("temporary directory");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_konzept"))
        .args(["-C", &site.path().display().to_string(), "build"])
        .current_dir(elsewhere.path())
        .output()
        .expect("run konzept");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(site.exists("de/index.html"));
}

#[test]
fn files_in_content_are_copied_and_links_to_them_checked() {
    let site = TestSite::fixture("minimal");
    site.write("content/impressum/plan.pdf", "%PDF-1.4 example");
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\n---\nDer [Plan](impressum/plan.pdf) als PDF.\n",
    );
    site.build_clean();
    assert_eq!(
        site.page("fr/impressum/").attrs(".prose a", "href"),
        ["/files/impressum/plan.pdf"]
    );
    assert!(site.exists("files/impressum/plan.pdf"));
}

#[test]
fn an_output_path_that_is_a_file_is_refused_and_kept() {
    let site = TestSite::fixture("minimal");
    site.write("notizen.txt", "wichtig");
    let run = site.run(&["build", "--out", "notizen.txt"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("it is a file, not a directory"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(site.path().join("notizen.txt")).expect("still a file"),
        "wichtig"
    );
}

#[cfg(unix)]
#[test]
fn a_rebuild_keeps_unchanged_files_with_their_mtimes_and_rewrites_the_rest() {
    use std::os::unix::fs::MetadataExt;
    let site = TestSite::fixture("minimal");
    site.build_clean();
    let public = site.path().join("public");
    let meta = |rel: &str| std::fs::metadata(public.join(rel)).expect("a built file");
    let before = meta("de/impressum/index.html");
    // A body edit changes that page only; a hand edit in public/ that keeps
    // the length is found by comparing bytes, not trusted.
    site.write(
        "content/projekte/projekt.md",
        "---\ntitle: Ein Projekt\ngoal: Ein Ziel.\ncontact: buero\nguidelines: [eins]\nstatus: running\n---\nNeue Beschreibung.\n",
    );
    let tampered = public.join("de/kontakte/buero/index.html");
    let generated = std::fs::read_to_string(&tampered).expect("contact page");
    std::fs::write(&tampered, generated.replacen("<main", "<xain", 1)).expect("edit");
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.build_clean();
    let after = meta("de/impressum/index.html");
    assert_eq!(after.modified().ok(), before.modified().ok());
    assert_eq!(
        after.ino(),
        before.ino(),
        "the unchanged page was rewritten"
    );
    assert!(
        site.page("de/projekte/projekt/")
            .text(".prose")
            .contains("Neue Beschreibung.")
    );
    assert_eq!(
        std::fs::read_to_string(&tampered).expect("contact page"),
        generated
    );
}

#[test]
fn verbose_build_reports_the_time_of_every_stage_in_order() {
    let site = TestSite::fixture("minimal");
    let run = site.run(&["-v", "build"]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    let stages = [
        "config and load",
        "parse",
        "theme and model",
        "images",
        "render and write pages",
        "write the rest and swap",
    ];
    let reported: Vec<&str> = run
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("[DEBUG] "))
        .filter_map(|l| l.strip_suffix(" ms"))
        .filter_map(|l| l.rsplit_once(": "))
        .filter(|(_, ms)| ms.parse::<u64>().is_ok())
        .map(|(stage, _)| stage)
        .collect();
    assert_eq!(reported, stages, "stderr:\n{}", run.stderr);
    // Without -v the build prints none of it (`build_clean`: empty stderr).
    site.build_clean();
}
