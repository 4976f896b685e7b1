//! The HTML policy of Markdown (issue 15, reproductions 5 and 9): raw HTML
//! by allowlist, heading attributes limited to `{#id .class}`, and no
//! resource from another host — in `build` and in `check`, with the place
//! and the fix in every message, and the previous `public/` kept when the
//! build fails.

mod common;

use std::collections::BTreeMap;

use common::{Run, TestSite};

/// The minimal site, built cleanly, and its `public/` before the change.
fn built_site() -> (TestSite, BTreeMap<String, Vec<u8>>) {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    let before = site.public_tree();
    (site, before)
}

/// `content/impressum.md` with `body` after its front matter (line 4 on).
fn impressum(site: &TestSite, body: &str) {
    site.write(
        "content/impressum.md",
        &format!("---\ntitle: Impressum\n---\n{body}"),
    );
}

fn set_policy(site: &TestSite, policy: &str) {
    let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &format!("{config}markdown: {{ raw_html: {policy} }}\n"),
    );
}

fn assert_no_panic(run: &Run) {
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

/// A build and a check that fail with content errors (exit 1) and leave
/// `public/` as it was.
fn fails(site: &TestSite, before: &BTreeMap<String, Vec<u8>>) -> Run {
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1, "check passed:\n{}", check.stderr);
    let run = site.build();
    assert_eq!(run.code, 1, "build passed:\n{}", run.stderr);
    assert_no_panic(&run);
    assert!(
        site.public_tree() == *before,
        "a failed build changed public/"
    );
    run
}

#[test]
fn issue_15_heading_attributes_other_than_id_and_class_are_dropped() {
    let (site, _) = built_site();
    impressum(
        &site,
        "Text.\n\n## Zwei {#zwei onmouseover=alert(1) .hinweis style=color:red}\n\n\
         ## Drei {#a\"b}\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_no_panic(&run);
    assert!(
        run.stderr
            .contains("warning[raw-html]: the heading attribute `onmouseover` was removed")
    );
    assert!(
        run.stderr
            .contains("the heading attribute `style` was removed")
    );
    assert!(run.stderr.contains("--> content/impressum.md:6:1"));
    assert!(run.stderr.contains("--> content/impressum.md:8:1"));
    assert!(
        run.stderr
            .contains("help: a heading takes only `{#id}` and `{.class}`")
    );
    let page = site.page("de/impressum/");
    let sel = scraper::Selector::parse("main h2:not(#toc-heading)").expect("selector");
    let headings: Vec<_> = page.html.select(&sel).collect();
    assert_eq!(headings.len(), 2);
    let mut attrs: Vec<_> = headings[0].value().attrs().collect();
    attrs.sort_unstable();
    assert_eq!(attrs, [("class", "hinweis"), ("id", "zwei")]);
    assert_eq!(headings[1].value().attr("id"), Some("a-b"));
    assert!(
        run.stderr
            .contains("the heading id `a\"b` was changed to `a-b`")
    );
}

#[test]
fn issue_15_images_and_frames_from_other_hosts_are_errors() {
    let (site, before) = built_site();
    impressum(
        &site,
        "Zähler: ![](https://tracker.example/p.gif)\n\n\
         ![Logo](//cdn.example/logo.png)\n\n\
         Inline <img src=\"https://tracker.example/q.gif\"> hier.\n\n\
         <iframe src=\"https://video.example/embed/1\"></iframe>\n\n\
         [Ein Link](https://example.org/) und <https://example.org/> bleiben.\n",
    );
    let run = fails(&site, &before);
    assert_eq!(
        run.stderr.matches("error[third-party]").count(),
        4,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(
        "error[third-party]: the image `https://tracker.example/p.gif` would be loaded from another site"
    ));
    assert!(
        run.stderr
            .contains("`<iframe>` would load `https://video.example/embed/1` from another site")
    );
    for place in ["4:9", "6:1", "8:8", "10:1"] {
        assert!(
            run.stderr
                .contains(&format!("--> content/impressum.md:{place}")),
            "{place}: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("help: the site makes no third-party requests")
    );
    insta::assert_snapshot!("third-party", run.stderr);
}

#[test]
fn issue_15_a_local_image_and_links_to_other_sites_pass() {
    let (site, _) = built_site();
    impressum(
        &site,
        "[Ein Link](https://example.org/) und <https://example.org/>, \
         <a href=\"https://example.org/a\">roh</a>.\n",
    );
    site.build_clean();
    let page = site.page("de/impressum/");
    assert_eq!(
        page.attrs("main a", "href"),
        [
            "https://example.org/",
            "https://example.org/",
            "https://example.org/a",
        ]
    );
}

#[test]
fn issue_15_escape_shows_raw_html_as_text() {
    let (site, _) = built_site();
    set_policy(&site, "escape");
    impressum(
        &site,
        "Die <abbr title=\"x\">IR</abbr>.\n\n<div>Block</div>\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning[raw-html]: raw HTML `<abbr title=\"x\">` is shown as text")
    );
    let page = site.page("de/impressum/");
    assert!(page.texts("main abbr").is_empty());
    assert!(
        page.text("main")
            .contains("Die <abbr title=\"x\">IR</abbr>.")
    );
    assert!(page.text("main").contains("<div>Block</div>"));
}

#[test]
fn issue_15_allow_is_a_wider_allowlist_that_still_runs_nothing() {
    let (site, _) = built_site();
    set_policy(&site, "allow");
    impressum(
        &site,
        "<details class=\"box\" open>\n<summary>Mehr</summary>\n\
         <p onclick=\"alert(1)\" style=\"color:red\">Text <strong>fett</strong></p>\n\
         <script>alert(2)</script>\n</details>\n\n\
         Mit <a href=\"javascript:alert(3)\">Trick</a> und <svg onload=alert(4)>.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the attribute `onclick` of `<p>` was removed")
    );
    assert!(run.stderr.contains("raw HTML `<script>` was removed"));
    assert!(
        run.stderr.contains("--> content/impressum.md:7:1"),
        "{}",
        run.stderr
    );
    let page = site.page("de/impressum/");
    assert_eq!(page.attrs("main details", "class"), ["box"]);
    assert_eq!(page.texts("main details strong"), ["fett"]);
    assert!(page.texts("main svg").is_empty());
    assert!(
        !page.text("main").contains("alert"),
        "{}",
        page.text("main")
    );
    assert!(page.attrs("main [onclick]", "onclick").is_empty());
    assert!(page.attrs("main [style]", "style").is_empty());
    assert!(page.attrs("main a[href^='javascript']", "href").is_empty());
}

#[test]
fn issue_15_cleaned_raw_html_survives_the_full_text_page() {
    let (site, _) = built_site();
    site.write(
        "content/leitlinien/eins.md",
        &std::fs::read_to_string(site.path().join("content/leitlinien/eins.md"))
            .expect("eins.md")
            .replace(
                "\n---\n",
                "\n---\nDie <abbr title=\"a > <h2 b\">IR</abbr> tagt.\n\n## Ziel {#ziel}\n\n[Ziel](#ziel)\n",
            ),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let full: Vec<_> = site
        .public_tree()
        .into_keys()
        .filter(|p| p.starts_with("de/") && p.contains("volltext"))
        .collect();
    let Some(path) = full.first() else {
        panic!("no full-text page: {:?}", site.public_tree().keys());
    };
    let page = site.page(path);
    assert_eq!(page.attrs("main abbr", "title"), ["a > <h2 b"]);
    let ids = page.attrs("main [id$='_ziel']", "id");
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(
        page.attrs(&format!("main a[href='#{}']", ids[0]), "href")
            .len(),
        1
    );
}

#[test]
fn issue_15_nesting_beyond_the_limit_fails_with_its_place() {
    let (site, before) = built_site();
    impressum(&site, &format!("Text.\n\n{} tief\n", "> ".repeat(200_000)));
    let run = fails(&site, &before);
    assert!(
        run.stderr
            .contains("error[limit]: the text nests more than 100 levels deep here"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> content/impressum.md:6:"));
    assert!(
        run.stderr
            .contains("help: quotes (`>`), lists and emphasis may nest at most 100 levels")
    );
}

/// Issue 19 (WCAG 3.1.2): a phrase in another language is marked with
/// `<span lang>`, which `sanitize` (the default) and `allow` keep without a
/// warning, in the page and in the full text; `escape` shows it as text
/// (such a site cannot mark phrases, as docs/content-format.md says).
#[test]
fn issue_19_span_lang_marks_a_phrase_under_sanitize_and_allow_not_escape() {
    let body = "Das Wort <span lang=\"fr\">quartier</span> ist französisch.\n";
    for policy in ["sanitize", "allow"] {
        let (site, _) = built_site();
        set_policy(&site, policy);
        impressum(&site, body);
        let run = site.build();
        assert_eq!(run.code, 0, "{policy}: {}", run.stderr);
        assert!(!run.stderr.contains("raw-html"), "{policy}: {}", run.stderr);
        let page = site.page("de/impressum/");
        assert_eq!(
            page.texts(".prose span[lang=\"fr\"]"),
            ["quartier"],
            "{policy}"
        );
    }
    let (site, _) = built_site();
    set_policy(&site, "escape");
    impressum(&site, body);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[raw-html]"), "{}", run.stderr);
    let page = site.page("de/impressum/");
    assert!(page.texts("main span[lang]").is_empty());
    assert!(
        page.text("main")
            .contains("<span lang=\"fr\">quartier</span>")
    );
}
