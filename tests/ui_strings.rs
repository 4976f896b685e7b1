//! UI strings: the built-in theme's `i18n/<lang>.yaml` (de, fr, en) is the
//! base, the site's file overrides it key by key. A site made by an older
//! konzept, or one that deleted a line, still gets the theme's words and
//! URLs; a language the theme lacks falls back to the default language
//! with warnings, as before.

mod common;

use common::{DEPLOY_BASE, TestSite};

/// The site's `i18n/<lang>.yaml` without the lines of `keys`.
fn without(site: &TestSite, lang: &str, keys: &[&str]) {
    let rel = format!("i18n/{lang}.yaml");
    let text = std::fs::read_to_string(site.path().join(&rel)).expect("the site's strings");
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !keys.iter().any(|k| l.starts_with(&format!("{k}:"))))
        .collect();
    site.write(&rel, &format!("{}\n", kept.join("\n")));
}

#[test]
fn a_site_lacking_history_slug_and_full_text_title_gets_the_themes() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/fortschreibungen/_index.md",
        "---\ntitle: Fortschreibungen\n---\nAlle Fassungen.\n",
    )
    .write(
        "content/fortschreibungen/konzept-2007.md",
        "---\ntitle: Konzept 2007\nadopted: 2007-12\nstatus: current\nsource: current\n---\nDiese Fassung.\n",
    );
    without(&site, "de", &["history_slug", "full_text_title"]);
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        !check.stderr.contains("missing-i18n-key") && !check.stdout.contains("missing-i18n-key"),
        "no warning for keys the theme provides:\n{}{}",
        check.stdout,
        check.stderr
    );
    site.build_clean();
    let href = site.page("de/impressum/").attr(".history-link a", "href");
    let href = href.strip_prefix(DEPLOY_BASE).unwrap_or(&href);
    assert!(
        href.trim_start_matches('/').starts_with("de/verlauf/"),
        "the history link uses the theme's slug: {href}"
    );
    assert_eq!(site.page("de/volltext/").text("h1"), "Volltext");
    // The French file of the site is still used.
    assert_eq!(
        site.page("fr/texte-integral/").text("h1"),
        site_string("fr", "full_text_title")
    );
}

/// A value of the repository's `i18n/<lang>.yaml`.
fn site_string(lang: &str, key: &str) -> String {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("i18n/{lang}.yaml")),
    )
    .expect("the repository's strings");
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("{key}:")))
        .unwrap_or_else(|| panic!("{key} in {lang}"));
    let value = line[key.len() + 1..].trim();
    let value = value.split("  #").next().unwrap_or(value).trim();
    value.trim_matches('"').to_owned()
}

#[test]
fn a_site_without_i18n_builds_with_the_themes_strings() {
    let site = TestSite::fixture("minimal");
    std::fs::remove_dir_all(site.path().join("i18n")).expect("remove i18n/");
    site.build_clean();
    assert_eq!(site.page("de/").text(".site-title"), "Integrationskonzept");
    assert_eq!(site.page("fr/").text(".skip-link"), "Aller au contenu");
    assert_eq!(site.page("en/").text(".skip-link"), "Skip to content");
}

#[test]
fn a_key_of_the_site_overrides_the_themes() {
    let site = TestSite::fixture("minimal");
    std::fs::remove_dir_all(site.path().join("i18n")).expect("remove i18n/");
    site.write("i18n/de.yaml", "skip_link: \"Direkt zum Text\"\n");
    site.build_clean();
    assert_eq!(site.page("de/").text(".skip-link"), "Direkt zum Text");
    assert_eq!(site.page("de/").text(".site-title"), "Integrationskonzept");
    assert_eq!(site.page("fr/").text(".skip-link"), "Aller au contenu");
}

#[test]
fn a_key_only_the_site_knows_still_warns_where_a_language_lacks_it() {
    let site = TestSite::fixture("minimal");
    site.write(
        "i18n/de.yaml",
        &format!(
            "{}eigener_text: \"Nur hier\"\n",
            std::fs::read_to_string(site.path().join("i18n/de.yaml")).expect("de")
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[missing-i18n-key]: the UI string `eigener_text` is missing in fr; the de text is used"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("add `eigener_text: …` to i18n/en.yaml"));
}

#[test]
fn a_language_the_theme_lacks_falls_back_to_the_default_with_warnings() {
    let site = TestSite::fixture("minimal");
    site.write(
        "site.yaml",
        "languages: [de, fr, en, it]\ndefault_language: de\ncontact: buero\nmenu: [leitlinien, projekte, kontakte]\nfooter: [impressum]\n",
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains(
            "warning[missing-i18n-key]: there is no i18n/it.yaml; every UI string in it falls back to de"
        ),
        "{}",
        run.stderr
    );
    site.write("i18n/it.yaml", "skip_link: \"Vai al contenuto\"\n");
    let run = site.run(&["build", "--base-url", DEPLOY_BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("is missing in it; the de text is used")
            && run.stderr.contains("--> i18n/it.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("is missing in fr") && !run.stderr.contains("is missing in en"),
        "{}",
        run.stderr
    );
}

/// A small PNG.
fn png() -> Vec<u8> {
    let img = image::RgbaImage::from_pixel(40, 20, image::Rgba([200, 10, 10, 255]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("encode png");
    out
}

#[test]
fn the_credits_page_takes_its_words_and_url_from_the_ui_strings() {
    let site = TestSite::fixture("minimal");
    site.write(
        "site.yaml",
        "languages: [de, fr, en, it]\ndefault_language: de\ncontact: buero\nmenu: [leitlinien, projekte, kontakte]\nfooter: [impressum]\n",
    )
    .write(
        "content/projekte/projekt.md",
        "---\ntitle: Ein Projekt\ngoal: Ein Ziel.\ncontact: buero\nguidelines: [eins]\nstatus: running\n---\n![Ein Plan (Beispielbild)](plan.png)\n",
    )
    .write_bytes("content/projekte/plan.png", &png())
    .write(
        "content/projekte/plan.png.yaml",
        "author: Stadtverwaltung (Beispiel)\nlicence: CC BY 4.0\n",
    )
    .write(
        "i18n/it.yaml",
        "credits_slug: \"crediti-fotografici\"\ncredits_title: \"Crediti fotografici\"\ncredits_author: \"Autore\"\n",
    );
    let run = site.run(&["build", "--base-url", DEPLOY_BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let it = site.page("it/crediti-fotografici/");
    assert_eq!(it.text("h1"), "Crediti fotografici");
    assert!(it.text(".image-credit").contains("Autore"));
    assert_eq!(site.page("de/bildnachweis/").text("h1"), "Bildnachweis");
    assert_eq!(
        site.page("fr/credits-photographiques/").text("h1"),
        "Crédits photographiques"
    );
    assert_eq!(site.page("en/image-credits/").text("h1"), "Image credits");
    let footer = site.page("it/").attrs(".footer-links a", "href");
    assert!(
        footer.contains(&"/it/crediti-fotografici/".to_owned()),
        "{footer:?}"
    );
}

#[test]
fn a_credits_slug_that_is_no_url_part_is_an_error_at_its_line() {
    let site = TestSite::fixture("minimal");
    site.write("i18n/en.yaml", "credits_slug: \"Image Credits!\"\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "the UI string `credits_slug` in en is `Image Credits!`, which cannot be part of a URL"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> i18n/en.yaml:1:"), "{}", run.stderr);
}
