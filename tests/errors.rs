//! Every diagnostic code, triggered the way an editor would trigger it.
//!
//! Each test builds `tests/fixtures/minimal` into `public/`, lays the overlay
//! `tests/fixtures/errors/<code>/` (only the files that differ) over it,
//! builds again and checks what the editor sees: the exit code, the rendered
//! message (snapshot in `tests/snapshots/errors__<code>.snap`: file, line,
//! column, the caret under the offending text, and the hint), and that a
//! failed build left the previous `public/` untouched.

mod common;

use std::collections::BTreeMap;

use common::{Run, TestSite};

/// Every file of `public/` with its bytes.
type Tree = BTreeMap<String, Vec<u8>>;

/// The minimal site, built cleanly, and its `public/` before the mistake.
fn built_site() -> (TestSite, Tree) {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    let before = site.public_tree();
    (site, before)
}

/// The minimal site with the overlay `tests/fixtures/errors/<overlay>`.
fn site_with(overlay: &str) -> (TestSite, Tree) {
    let (site, before) = built_site();
    site.apply(&format!("errors/{overlay}"));
    (site, before)
}

/// Builds a site with content errors: exit code 1, and the previous
/// `public/` stays as it was.
fn build_fails(site: &TestSite, before: &Tree) -> Run {
    let run = site.build();
    assert_eq!(
        run.code, 1,
        "expected content errors (exit 1):\n{}",
        run.stderr
    );
    assert!(
        site.public_tree() == *before,
        "a failed build changed public/"
    );
    run
}

/// The ` --> place` lines of a run, in order.
fn places(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix(" --> "))
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
fn a_ui_string_missing_in_a_translation_is_a_warning_and_falls_back() {
    let (site, before) = site_with("missing-i18n-key/translation");
    let run = site.build();
    assert_eq!(
        run.code, 0,
        "a missing translation of a UI string is only a warning:\n{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning[missing-i18n-key]: the UI string `skip_link` is missing in fr")
    );
    assert!(run.stderr.contains("add `skip_link: …` to i18n/fr.yaml"));
    assert!(site.public_tree() != before, "public/ was not rewritten");
    assert_eq!(site.page("fr/").text(".skip-link"), "Zum Inhalt springen");
    insta::assert_snapshot!("missing-i18n-key", run.stderr);
}

#[test]
fn a_ui_string_missing_in_the_default_language_is_an_error() {
    let (site, before) = site_with("missing-i18n-key/default-language");
    let run = build_fails(&site, &before);
    assert!(run.stderr.contains("error[missing-i18n-key]: the UI string `site_title` is missing in the default language (de)"));
    assert!(run.stderr.contains("add `site_title: …` to i18n/de.yaml"));
    insta::assert_snapshot!("missing-i18n-key-default-language", run.stderr);
}

#[test]
fn raw_html_is_escaped_and_reported_as_a_warning() {
    let (site, before) = site_with("raw-html");
    let run = site.build();
    assert_eq!(run.code, 0, "raw HTML is only a warning:\n{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning[raw-html]: raw HTML `<b>` is shown as text")
    );
    assert!(run.stderr.contains("--> content/impressum.md:4:16"));
    assert!(site.public_tree() != before, "public/ was not rewritten");
    let page = site.page("de/impressum/");
    assert!(page.text.contains("&lt;b&gt;fett&lt;/b&gt;"));
    assert!(
        page.texts("main b").is_empty(),
        "the tag was passed through"
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
