//! Every diagnostic code, triggered the way an editor would trigger it.
//!
//! Each test builds `tests/fixtures/minimal` into `public/`, lays the overlay
//! `tests/fixtures/errors/<code>/` (only the files that differ) over it,
//! builds again and checks what the editor sees: the exit code, the rendered
//! message (snapshot in `tests/snapshots/errors__<code>.snap`: file, line,
//! column, the caret under the offending text, and the hint), and that a
//! failed build left the previous `public/` untouched.

mod common;

use common::{
    TestSite, Tree, assert_every_error_has_a_hint, build_fails, build_passes, built_site,
};

/// Every file of `public/` with its bytes.
/// The minimal site with the overlay `tests/fixtures/errors/<overlay>`.
fn site_with(overlay: &str) -> (TestSite, Tree) {
    let (site, before) = built_site();
    site.apply(&format!("errors/{overlay}"));
    (site, before)
}

/// The ` --> place` lines of a run, in order.
fn places(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .collect()
}

#[test]
fn site_yaml_with_a_duplicate_language_and_a_bad_base_url_is_a_config_error() {
    let (site, before) = site_with("config");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("`fr` is listed twice in `languages`"));
    // The caret is under the second `fr`, and under the value, not the space before it.
    assert!(run.stderr.contains("--> site.yaml:1:25"));
    assert!(run.stderr.contains("`not a url` is not a base URL"));
    assert!(run.stderr.contains("--> site.yaml:3:11"));
    insta::assert_snapshot!("config", run.stderr);
}

#[test]
fn a_content_path_that_is_not_a_directory_is_an_io_error() {
    let (site, before) = built_site();
    std::fs::remove_dir_all(site.path().join("content")).expect("remove content/");
    site.apply("errors/io");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("error[io]: `content` is a file, not a directory")
    );
    assert!(run.stderr.contains("help: create the directory `content/`"));
    insta::assert_snapshot!("io", run.stderr);
}

#[test]
fn a_file_saved_as_latin_1_is_an_encoding_error_at_the_first_bad_byte() {
    let (site, before) = site_with("encoding");
    // The overlay is UTF-8 so it stays readable; the editor saved it as
    // Latin-1, where `ü` is the single byte 0xFC.
    let path = site.path().join("content/impressum.md");
    let text = std::fs::read_to_string(&path).expect("read overlay");
    let latin1: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("the overlay is Latin-1 text"))
        .collect();
    std::fs::write(&path, latin1).expect("write Latin-1 file");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("--> content/impressum.md:4:16"));
    assert!(run.stderr.contains("save the file as UTF-8"));
    insta::assert_snapshot!("encoding", run.stderr);
}

#[test]
fn pages_nested_too_deep_or_named_with_non_slug_characters_are_unsupported_paths() {
    let (site, before) = site_with("unsupported-path");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("--> content/projekte/alt/extra.md"));
    assert!(run.stderr.contains("is nested too deeply"));
    assert!(run.stderr.contains("--> content/Über uns.md"));
    assert!(run.stderr.contains("rename it to `ueber-uns`"));
    insta::assert_snapshot!("unsupported-path", run.stderr);
}

#[test]
fn a_file_suffix_that_is_not_a_site_language_is_an_unknown_language() {
    let (site, before) = site_with("unknown-language/suffix");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("--> content/impressum.es.md"));
    assert!(run.stderr.contains("add `es` to `languages` in site.yaml"));
    insta::assert_snapshot!("unknown-language", run.stderr);
}

#[test]
fn a_languages_list_left_empty_or_commented_out_is_a_config_error() {
    // Found by the site_yaml fuzz target: this panicked before.
    for languages in ["languages: #[de, fr, en]", "languages: []"] {
        let (site, before) = built_site();
        site.write(
            "site.yaml",
            &format!("{languages}\ndefault_language: de\ncontact: buero\n"),
        );
        let run = build_fails(&site, &before);
        assert!(
            run.stderr
                .contains("error[config]: `languages` lists no language"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("--> site.yaml:1:12"), "{}", run.stderr);
    }
}

#[test]
fn a_default_language_missing_from_languages_is_an_unknown_language() {
    let (site, before) = site_with("unknown-language/default-language");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("error[unknown-language]: `es` is not one of the site's languages")
    );
    assert!(run.stderr.contains("--> site.yaml:2:"));
    insta::assert_snapshot!("unknown-language-default-language", run.stderr);
}

#[test]
fn files_without_or_with_unclosed_front_matter_are_front_matter_errors() {
    let (site, before) = site_with("front-matter");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("the file has no front matter"));
    assert!(run.stderr.contains("--> content/_index.fr.md:1:1"));
    assert!(run.stderr.contains("the front matter is not closed"));
    assert!(run.stderr.contains("--> content/impressum.md:1:1"));
    insta::assert_snapshot!("front-matter", run.stderr);
}

#[test]
fn an_unclosed_yaml_list_is_a_yaml_syntax_error() {
    let (site, before) = site_with("yaml-syntax");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("error[yaml-syntax]"));
    assert!(run.stderr.contains("--> content/_index.en.md:"));
    insta::assert_snapshot!("yaml-syntax", run.stderr);
}

#[test]
fn unknown_field_is_reported_with_a_did_you_mean_hint() {
    let (site, before) = site_with("unknown-field");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("unknown field `titel` in project front matter")
    );
    assert!(
        run.stderr
            .contains("--> content/projekte/projekt.fr.md:2:1")
    );
    assert!(run.stderr.contains("help: did you mean `title`?"));
    insta::assert_snapshot!("unknown-field", run.stderr);
}

#[test]
fn a_project_without_goal_is_a_missing_field() {
    let (site, before) = site_with("missing-field");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("the project has no `goal`"));
    assert!(run.stderr.contains("--> content/projekte/projekt.md:1:1"));
    assert!(run.stderr.contains("add a line `goal: …`"));
    insta::assert_snapshot!("missing-field", run.stderr);
}

#[test]
fn values_of_the_wrong_form_are_invalid_values() {
    let (site, before) = site_with("invalid-value");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("--> content/leitlinien/eins.md:4:10"));
    assert!(run.stderr.contains("--> content/projekte/projekt.md:6:9"));
    assert!(
        run.stderr
            .contains("expected one of `planned`, `running`, `completed`, `ongoing`")
    );
    assert!(run.stderr.contains("--> content/_index.en.md:3:10"));
    assert!(run.stderr.contains("February 2024 has 29 days, not 30"));
    assert!(run.stderr.contains("did you mean `running`?"));
    insta::assert_snapshot!("invalid-value", run.stderr);
}

#[test]
fn a_translation_setting_a_neutral_field_is_a_neutral_field_error() {
    let (site, before) = site_with("neutral-field");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("--> content/projekte/projekt.fr.md:4:1")
    );
    assert!(
        run.stderr
            .contains("translations inherit `contact` from the default-language file")
    );
    insta::assert_snapshot!("neutral-field", run.stderr);
}

#[test]
fn a_translation_without_its_original_is_an_orphan_translation() {
    let (site, before) = site_with("orphan-translation");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("--> content/leitlinien/zwei.fr.md"));
    assert!(run.stderr.contains("create `content/leitlinien/zwei.md`"));
    insta::assert_snapshot!("orphan-translation", run.stderr);
}

#[test]
fn every_section_without_index_is_a_missing_section_index() {
    let (site, before) = site_with("missing-section-index");
    site.remove("content/kontakte/_index.md");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("the section `kontakte` has no `_index.md`")
    );
    assert!(run.stderr.contains("create `content/kontakte/_index.md`"));
    assert!(
        run.stderr
            .contains("the section `veranstaltungen` has no `_index.md`")
    );
    insta::assert_snapshot!("missing-section-index", run.stderr);
}

#[test]
fn references_to_missing_ids_are_reported_with_a_did_you_mean_hint() {
    let (site, before) = site_with("missing-reference");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("there is no contact `buro`"));
    assert!(run.stderr.contains("--> content/projekte/projekt.md:4:10"));
    assert!(run.stderr.contains("help: did you mean `buero`?"));
    assert!(run.stderr.contains("there is no guideline `zwei`"));
    assert!(run.stderr.contains("--> content/projekte/projekt.md:5:20"));
    insta::assert_snapshot!("missing-reference", run.stderr);
}

#[test]
fn a_link_to_a_missing_file_is_a_broken_link() {
    let (site, before) = site_with("broken-link");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("the link `../leitlinien/drei.md` leads to `content/leitlinien/drei.md`, which does not exist"));
    assert!(run.stderr.contains("--> content/projekte/projekt.md:8:21"));
    insta::assert_snapshot!("broken-link", run.stderr);
}

#[test]
fn a_link_to_a_missing_heading_is_a_broken_anchor_with_a_did_you_mean_hint() {
    let (site, before) = site_with("broken-anchor");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("`#ziel` is not a heading"));
    assert!(run.stderr.contains("--> content/projekte/projekt.md:8:21"));
    assert!(run.stderr.contains("help: did you mean `#ziele`?"));
    insta::assert_snapshot!("broken-anchor", run.stderr);
}

#[test]
fn two_pages_with_the_same_slug_are_a_duplicate_url() {
    let (site, before) = site_with("duplicate-url");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("two pages would be published at `/de/projekte/projekt/`")
    );
    assert!(run.stderr.contains("--> content/projekte/projekt2.md:3:1"));
    assert!(run.stderr.contains("::: content/projekte/projekt.md"));
    insta::assert_snapshot!("duplicate-url", run.stderr);
}

#[test]
fn a_ui_string_missing_in_a_translation_comes_from_the_theme() {
    let (site, _) = site_with("missing-i18n-key/translation");
    let run = build_passes(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stderr.contains("missing-i18n-key"),
        "the theme has the key:\n{}",
        run.stderr
    );
    assert_eq!(site.page("fr/").text(".skip-link"), "Aller au contenu");
}

#[test]
fn a_ui_string_missing_in_a_default_language_the_theme_lacks_is_an_error() {
    let (site, before) = site_with("missing-i18n-key/default-language");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("error[missing-i18n-key]: the UI string `site_title` is missing in the default language (it)"));
    assert!(run.stderr.contains("add `site_title: …` to i18n/it.yaml"));
    insta::assert_snapshot!("missing-i18n-key-default-language", run.stderr);
}

#[test]
fn raw_html_outside_the_allowlist_is_removed_and_reported_as_a_warning() {
    let (site, before) = site_with("raw-html");
    let run = build_passes(&site);
    assert_eq!(run.code, 0, "raw HTML is only a warning:\n{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning[raw-html]: raw HTML `<b>` was removed")
    );
    assert!(run.stderr.contains("--> content/impressum.md:4:16"));
    assert!(run.stderr.contains("help: write **bold** in Markdown"));
    assert_eq!(run.stderr.matches("warning[").count(), 1, "{}", run.stderr);
    assert!(site.public_tree() != before, "public/ was not rewritten");
    let page = site.page("de/impressum/");
    assert!(
        page.text("main")
            .contains("Beispielseite, fett gedruckt, vom ZfI."),
        "{}",
        page.text("main")
    );
    assert!(
        page.texts("main b").is_empty(),
        "the tag was passed through"
    );
    assert_eq!(
        page.attrs("main abbr", "title"),
        ["Zentrum für Integration"],
        "an allowed tag was lost"
    );
    insta::assert_snapshot!("raw-html", run.stderr);
}

#[test]
fn an_undefined_variable_in_a_template_names_the_template_and_the_page() {
    let (site, before) = site_with("template/undefined-variable");
    let run = build_fails(&site, &before);
    // Once for the template bug, not once per page and language, and at the
    // line of the site's own template file.
    assert!(
        run.stderr
            .contains("template `page.html` failed while rendering content/impressum.md")
    );
    assert_eq!(run.stderr.matches("error[template]").count(), 1);
    assert!(
        run.stderr
            .contains("--> themes/default/templates/page.html:")
    );
    assert!(
        run.stderr
            .contains("Variable `undefined_variable` is not defined")
    );
    insta::assert_snapshot!("template", run.stderr);
}

#[test]
fn a_template_syntax_error_names_the_template_file() {
    let (site, before) = site_with("template/syntax");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("error[template]: a template does not parse")
    );
    assert!(
        run.stderr
            .contains("--> themes/default/templates/page.html")
    );
    assert!(run.stderr.contains("{% if %}"));
    insta::assert_snapshot!("template-syntax", run.stderr);
}

#[test]
fn all_errors_of_a_build_are_reported_not_just_the_first() {
    let (site, before) = site_with("several");
    let run = build_fails(&site, &before);
    for code in [
        "error[neutral-field]",
        "error[orphan-translation]",
        "error[missing-reference]",
    ] {
        assert!(run.stderr.contains(code), "{code} missing:\n{}", run.stderr);
    }
    let last = run.stderr.lines().last().expect("stderr is not empty");
    assert_eq!(last, "build failed: 3 errors; nothing was written");
    insta::assert_snapshot!("several", run.stderr);
}

#[test]
fn broken_links_are_reported_even_when_other_files_have_errors() {
    let (site, before) = site_with("orphan-translation");
    site.apply("errors/broken-link");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("error[orphan-translation]"));
    assert!(run.stderr.contains("error[broken-link]"), "{}", run.stderr);
}

#[test]
fn errors_are_sorted_by_file_and_line() {
    let (site, before) = site_with("sorting");
    let run = build_fails(&site, &before);
    // Found in another order: parse errors first (and in a file, unknown
    // keys before missing ones), then the orphan, then references.
    assert_eq!(
        places(&run.stderr),
        [
            "content/leitlinien/zwei.fr.md",
            "content/projekte/projekt.en.md:1:1",
            "content/projekte/projekt.en.md:3:1",
            "content/projekte/projekt.md:4:10",
        ]
    );
    insta::assert_snapshot!("sorting", run.stderr);
}

#[test]
fn usage_errors_exit_with_2() {
    let (site, before) = built_site();
    let run = site.run(&["build", "--no-such-flag"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("unexpected argument '--no-such-flag'"));

    let run = site.run(&["build", "--out", "."]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("refusing to replace"));
    assert!(site.path().join("content/impressum.md").exists());
    assert!(site.public_tree() == before, "public/ changed");
    insta::assert_snapshot!("usage-out-is-the-site", run.stderr);
}

#[test]
fn an_output_directory_that_is_part_of_the_sources_is_refused() {
    let (site, before) = built_site();
    let run = site.run(&["build", "--out", "content"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(site.path().join("content/impressum.md").exists());
    assert!(site.public_tree() == before, "public/ changed");
}

// ---------------------------------------------------------------------------
// The bad-input corpus of issue 6: hostile, broken and unusual files. Each
// case checks the exit code, the place (`file:line:col`, or the file where
// the problem is the file itself), the hint, no panic, and an unchanged
// `public/` (in `build_fails`).
// ---------------------------------------------------------------------------

/// The minimal site's `impressum.md`, as bytes with CRLF line endings.
fn crlf(text: &str) -> Vec<u8> {
    text.replace('\n', "\r\n").into_bytes()
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_accepted_everywhere() {
    let site = TestSite::fixture("minimal");
    let bom = |text: &str| [b"\xef\xbb\xbf".as_slice(), &crlf(text)].concat();
    let site_yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write_bytes("site.yaml", &bom(&site_yaml));
    let fr = std::fs::read_to_string(site.path().join("i18n/fr.yaml")).expect("fr.yaml");
    site.write_bytes("i18n/fr.yaml", &bom(&fr));
    site.write_bytes(
        "content/impressum.md",
        &bom("---\ntitle: Impressum\nsummary: Wer \"diese\" Seite verantwortet.\n---\nErster Absatz,\nzweite Zeile.\n\n## Anschrift\n\n- Beispielstraße 1\n- 12345 Beispielstadt\n"),
    );
    site.write_bytes(
        "content/impressum.fr.md",
        &crlf("---\ntitle: Mentions légales\nslug: mentions-legales\n---\nPage d’exemple.\n"),
    );
    site.build_clean();
    let de = site.page("de/impressum/");
    assert_eq!(de.text("h1"), "Impressum");
    assert_eq!(
        de.attr(r#"meta[name="description"]"#, "content"),
        "Wer „diese“ Seite verantwortet."
    );
    assert_eq!(de.attr("h2#anschrift", "id"), "anschrift");
    assert_eq!(
        de.texts("main li"),
        ["Beispielstraße 1", "12345 Beispielstadt"]
    );
    assert!(
        !de.text.contains('\r'),
        "a carriage return reached the page"
    );
    assert!(
        !de.text.contains('\u{feff}'),
        "the byte-order mark reached the page"
    );
    let fr = site.page("fr/mentions-legales/");
    assert_eq!(fr.text("h1"), "Mentions légales");
    assert_eq!(fr.text(".skip-link"), "Aller au contenu");
}

#[test]
fn errors_in_a_crlf_file_with_a_bom_point_at_the_right_line_and_column() {
    let (site, before) = built_site();
    site.write_bytes(
        "content/impressum.md",
        &[
            b"\xef\xbb\xbf".as_slice(),
            &crlf("---\ntitle: Impressum\nsumary: Kurz.\n---\nText mit [Link](nirgends.md).\n"),
        ]
        .concat(),
    );
    let run = build_fails(&site, &before);
    assert_eq!(
        places(&run.stderr),
        ["content/impressum.md:3:1"],
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help: did you mean `summary`?"));
    site.write_bytes(
        "content/impressum.md",
        &crlf("---\ntitle: Impressum\n---\nText mit [Link](nirgends.md).\n"),
    );
    let run = build_fails(&site, &before);
    assert_eq!(places(&run.stderr), ["content/impressum.md:4:10"]);
    insta::assert_snapshot!("crlf-positions", run.stderr);
}

#[test]
fn an_empty_markdown_file_is_a_front_matter_error() {
    let (site, before) = built_site();
    site.write("content/leer.md", "");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("error[front-matter]: the file is empty")
    );
    assert_eq!(places(&run.stderr), ["content/leer.md:1:1"]);
    assert!(
        run.stderr
            .contains("help: start the file with front matter")
    );
}

#[test]
fn an_empty_site_yaml_names_each_required_field() {
    let (site, before) = built_site();
    site.write("site.yaml", "");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("site.yaml has no `languages`"));
    assert!(run.stderr.contains("site.yaml has no `default_language`"));
    assert_eq!(places(&run.stderr), ["site.yaml:1:1", "site.yaml:1:1"]);
    assert!(
        run.stderr
            .contains("help: add a line `languages: …` to site.yaml")
    );
    insta::assert_snapshot!("missing-field-site-yaml", run.stderr);
}

#[test]
fn a_very_large_file_reports_an_error_on_its_last_line() {
    let (site, before) = built_site();
    let mut text = String::from("---\ntitle: Sehr lang\n---\n");
    for i in 0..100_000 {
        text.push_str(&format!(
            "Absatz {i} mit etwas Text, der sich wiederholt.\n\n"
        ));
    }
    text.push_str("[kaputt](fehlt.md)\n");
    assert!(text.len() > 5_000_000);
    site.write("content/lang.md", &text);
    let run = build_fails(&site, &before);
    assert_eq!(places(&run.stderr), ["content/lang.md:200004:1"]);
    assert!(run.stderr.contains("error[broken-link]"));
}

#[test]
fn a_very_long_value_is_shortened_in_the_message() {
    let (site, before) = built_site();
    let long = "x".repeat(200_000);
    site.write(
        "content/impressum.md",
        &format!("---\ntitle: Impressum\nweight: {long}\n---\nText.\n"),
    );
    let run = build_fails(&site, &before);
    assert_eq!(places(&run.stderr), ["content/impressum.md:3:9"]);
    assert!(run.stderr.contains("expected a whole number"));
    assert!(run.stderr.contains("help: write it like `weight: 10`"));
    assert!(
        run.stderr.len() < 2_000,
        "the 200,000-character value was printed ({} bytes)",
        run.stderr.len()
    );
}

#[test]
fn a_site_yaml_saved_as_latin_1_is_an_encoding_error() {
    let (site, before) = built_site();
    site.write_bytes(
        "site.yaml",
        b"languages: [de, fr, en]\ndefault_language: de\n# Stadtverwaltung, Stra\xdfe 1\n",
    );
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("error[encoding]: the file is not valid UTF-8")
    );
    assert_eq!(places(&run.stderr), ["site.yaml:3:24"]);
    assert!(run.stderr.contains("save the file as UTF-8"));
}

#[test]
fn a_misspelt_field_in_site_yaml_is_an_unknown_field_with_a_hint() {
    let (site, before) = site_with("config-site-yaml-fields");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("unknown field `langauges` in site.yaml")
    );
    assert_eq!(places(&run.stderr), ["site.yaml:1:1"], "{}", run.stderr);
    assert!(run.stderr.contains("help: did you mean `languages`?"));
    insta::assert_snapshot!("unknown-field-site-yaml", run.stderr);
}

#[test]
fn a_single_language_instead_of_a_list_is_an_invalid_value_in_site_yaml() {
    let (site, before) = site_with("config-site-yaml-type");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("error[invalid-value]: a value in site.yaml has the wrong form")
    );
    assert_eq!(places(&run.stderr), ["site.yaml:1:12"]);
    assert!(run.stderr.contains("expected a list"));
    assert!(
        run.stderr
            .contains("help: write it like `languages: [de, fr, tr]`")
    );
    insta::assert_snapshot!("invalid-value-site-yaml", run.stderr);
}

#[test]
fn an_unclosed_list_in_site_yaml_is_a_yaml_syntax_error() {
    let (site, before) = site_with("config-site-yaml-syntax");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("error[yaml-syntax]: site.yaml is not valid YAML")
    );
    assert_eq!(places(&run.stderr).len(), 1);
    assert!(places(&run.stderr)[0].starts_with("site.yaml:"));
    insta::assert_snapshot!("yaml-syntax-site-yaml", run.stderr);
}

#[test]
fn a_field_set_twice_a_tab_and_a_list_are_front_matter_mistakes_with_their_own_hints() {
    let (site, before) = site_with("yaml-syntax-details");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("error[yaml-syntax]: `title` is set twice in the front matter")
    );
    assert!(run.stderr.contains("--> content/impressum.md:4:1"));
    assert!(run.stderr.contains("keep one of the `title` lines"));
    assert!(run.stderr.contains("--> content/leitlinien/eins.md:6:1"));
    assert!(run.stderr.contains("indent with spaces"));
    assert!(run.stderr.contains("--> content/_index.en.md:1:1"));
    assert!(
        run.stderr
            .contains("the front matter is not a list of `field: value` lines")
    );
    insta::assert_snapshot!("yaml-syntax-details", run.stderr);
}

#[test]
fn an_alias_bomb_is_a_yaml_syntax_error_and_deep_nesting_a_limit_error() {
    let (site, before) = site_with("yaml-syntax-hostile");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr.contains("repetition limit exceeded"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("nest or repeat too deeply").count(), 1);
    // Nesting is refused before the YAML crate reads it (issue 15): at the
    // bracket that opens level 65, the front matter's mapping being level 1.
    assert!(
        run.stderr
            .contains("error[limit]: the front matter nests deeper than 64 levels")
    );
    let places = places(&run.stderr);
    assert_eq!(places.len(), 2);
    assert_eq!(places[0], "content/_index.fr.md:3:73");
    assert!(places[1].starts_with("content/impressum.md:"));
}

#[test]
fn a_duplicate_ui_string_is_a_yaml_syntax_error_at_its_second_line() {
    let (site, before) = site_with("yaml-syntax-ui-strings");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("error[yaml-syntax]: `home` is set twice in the UI strings file")
    );
    assert_eq!(places(&run.stderr), ["i18n/fr.yaml:60:1"]);
    assert!(
        !run.stderr.contains("warning["),
        "follow-on warnings:\n{}",
        run.stderr
    );
}

#[test]
fn a_nested_ui_string_is_an_invalid_value() {
    let (site, before) = site_with("invalid-value-ui-strings");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("error[invalid-value]"));
    assert_eq!(places(&run.stderr), ["i18n/en.yaml:13:3"]);
    assert!(run.stderr.contains("expected a string"));
    assert!(
        !run.stderr.contains("warning["),
        "follow-on warnings:\n{}",
        run.stderr
    );
}

#[test]
fn a_translated_slug_taking_an_untranslated_pages_url_is_a_duplicate_url() {
    let (site, before) = site_with("duplicate-url-translation");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("two pages would be published at `/fr/mentions/`")
    );
    assert!(run.stderr.contains("--> content/mentions.md:1:1"));
    assert!(
        run.stderr
            .contains("it has no fr translation, so its de text is published there")
    );
    assert!(run.stderr.contains("::: content/impressum.fr.md:3:1"));
    insta::assert_snapshot!("duplicate-url-translation", run.stderr);
}

#[test]
fn two_translations_with_the_same_translated_slug_are_a_duplicate_url() {
    let (site, before) = site_with("duplicate-url-translated-slugs");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("two pages would be published at `/fr/informations/`")
    );
    assert!(run.stderr.contains("--> content/impressum.fr.md:3:1"));
    assert!(run.stderr.contains("::: content/datenschutz.fr.md:3:1"));
    assert_eq!(run.stderr.matches("error[duplicate-url]").count(), 1);
}

#[test]
fn a_page_named_like_a_section_is_a_duplicate_url() {
    let (site, before) = site_with("duplicate-url-section");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("two pages would be published at `/de/projekte/`")
    );
    assert!(run.stderr.contains("content/projekte.md:1:1"));
    assert!(run.stderr.contains("content/projekte/_index.md:1:1"));
}

#[test]
fn slugs_with_dots_slashes_or_reserved_characters_are_invalid_values() {
    let (site, before) = site_with("invalid-value-slugs");
    let run = build_fails(&site, &before);
    assert_eq!(
        places(&run.stderr),
        [
            "content/impressum.en.md:3:7",
            "content/impressum.fr.md:3:7",
            "content/impressum.md:3:7",
        ]
    );
    assert!(run.stderr.contains("`../../etc` cannot be used as a slug"));
    assert!(run.stderr.contains("help: use `etc`"));
    assert!(run.stderr.contains("help: use `mentions-legales`"));
    assert!(run.stderr.contains("help: use `imprint-lang-en-top`"));
    insta::assert_snapshot!("invalid-value-slugs", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_into_its_own_parent_directory_is_an_io_error() {
    let (site, before) = built_site();
    site.symlink("..", "content/projekte/schleife");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains(
        "`content/projekte/schleife` is a symbolic link to `content`, a directory it is itself in"
    ));
    assert_eq!(places(&run.stderr), ["content/projekte/schleife"]);
    assert!(run.stderr.contains("help: remove the link"));
    insta::assert_snapshot!("io-symlink-loop", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_to_itself_is_an_unreadable_file() {
    let (site, before) = built_site();
    site.symlink("selbst.md", "content/selbst.md");
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("error[io]: cannot read content/selbst.md")
    );
    assert_eq!(places(&run.stderr), ["content/selbst.md"]);
    assert!(
        run.stderr
            .contains("a symbolic link that leads back to itself")
    );
}

#[cfg(unix)]
#[test]
fn a_dangling_symbolic_link_is_an_unreadable_file() {
    // As root, `chmod 000` does not stop a read; a link to nothing always does.
    let (site, before) = built_site();
    site.symlink("/nicht/vorhanden.md", "content/weg.md");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("error[io]: cannot read content/weg.md"));
    assert_eq!(places(&run.stderr), ["content/weg.md"]);
    assert!(
        run.stderr
            .contains("help: it is a symbolic link to nothing")
    );
    insta::assert_snapshot!("io-dangling-symlink", run.stderr);
}

#[test]
fn a_ui_strings_path_that_is_a_directory_is_an_unreadable_file() {
    let (site, before) = built_site();
    std::fs::remove_file(site.path().join("i18n/fr.yaml")).expect("remove fr.yaml");
    std::fs::create_dir(site.path().join("i18n/fr.yaml")).expect("directory fr.yaml");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("error[io]: cannot read i18n/fr.yaml"));
    assert_eq!(places(&run.stderr), ["i18n/fr.yaml"]);
    assert!(run.stderr.contains("it is a directory"));
    assert!(
        !run.stderr.contains("warning["),
        "follow-on warnings:\n{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_content_is_refused_without_reading_it() {
    // Reading a FIFO blocks until a writer comes; konzept must not try.
    let (site, before) = built_site();
    let fifo = site.path().join("content/pipe.md");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(status.success());
    let run = build_fails(&site, &before);
    assert!(
        run.stderr
            .contains("error[io]: `content/pipe.md` is not a regular file")
    );
    assert_eq!(places(&run.stderr), ["content/pipe.md"]);
    assert!(run.stderr.contains("help: it is a pipe, socket or device"));
}

#[test]
fn a_javascript_link_is_shown_as_text_and_reported_as_an_unsafe_link() {
    let (site, before) = site_with("unsafe-link");
    let run = build_passes(&site);
    assert!(run.stderr.contains(
        "warning[unsafe-link]: the link `javascript:alert(document.cookie)` would run code"
    ));
    assert_eq!(
        places(&run.stderr),
        ["content/impressum.md:4:19", "content/impressum.md:7:1"]
    );
    assert_every_error_has_a_hint(&run);
    assert!(site.public_tree() != before, "public/ was not rewritten");
    let page = site.page("de/impressum/");
    assert_eq!(page.attrs("main a", "href"), ["https://example.org/"]);
    assert!(page.texts("main img").is_empty());
    assert_eq!(
        page.texts("main .prose p"),
        [
            "Beispielseite mit einem Trick und einem sicheren Link.",
            "Bild"
        ]
    );
    insta::assert_snapshot!("unsafe-link", run.stderr);
}

#[test]
fn a_guideline_numbered_like_another_is_a_duplicate_ordinal() {
    let (site, before) = site_with("duplicate-ordinal");
    let run = build_fails(&site, &before);
    assert_eq!(places(&run.stderr), ["content/leitlinien/zwei.md:4:10"]);
    assert!(run.stderr.contains(" ::: content/leitlinien/eins.md:4:10"));
    insta::assert_snapshot!("duplicate-ordinal", run.stderr);
}

#[test]
fn example_values_left_in_a_contact_are_placeholder_warnings() {
    let (site, _) = site_with("placeholder");
    let run = build_passes(&site);
    assert_eq!(
        run.stderr.matches("warning[placeholder]").count(),
        3,
        "{}",
        run.stderr
    );
    assert_eq!(
        places(&run.stderr),
        [
            "content/kontakte/buero.md:7:8",
            "content/kontakte/buero.md:8:9",
            "content/kontakte/buero.md:10:33",
        ]
    );
    insta::assert_snapshot!("placeholder", run.stderr);
}

#[test]
fn an_accessibility_statement_evaluated_over_a_year_ago_is_a_stale_statement_warning() {
    let (site, _) = site_with("stale-statement");
    let run = build_passes(&site);
    assert!(
        run.stderr.contains("warning[stale-statement]"),
        "{}",
        run.stderr
    );
    assert_eq!(places(&run.stderr), ["content/barrierefreiheit.md:5:15"]);
    insta::assert_snapshot!("stale-statement", run.stderr);
}
