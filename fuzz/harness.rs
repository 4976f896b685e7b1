//! What the fuzz targets run, shared with `tests/fuzz_regressions.rs` (which
//! includes this file) so that `cargo test` replays every committed
//! regression input through exactly the code the fuzzer found it with.
//!
//! Each function takes arbitrary bytes, runs them through konzept's public
//! pipeline in memory (the stages `build` runs; nothing touches the disk),
//! renders every diagnostic, and checks what must hold for any input: no
//! panic, and no output that would reach a reader with a script or an
//! unfilled link placeholder in it.

#![allow(dead_code)]

use konzept::diag::{Diagnostics, SourceMap, Style, render_all};

/// `tests/fixtures/minimal`: the smallest site that builds, with the UI strings of the repository.
const SITE_YAML: &str = include_str!("../tests/fixtures/minimal/site.yaml");
const MINIMAL: &[(&str, &str)] = &[
    (
        "content/_index.md",
        include_str!("../tests/fixtures/minimal/content/_index.md"),
    ),
    (
        "content/_index.fr.md",
        include_str!("../tests/fixtures/minimal/content/_index.fr.md"),
    ),
    (
        "content/_index.en.md",
        include_str!("../tests/fixtures/minimal/content/_index.en.md"),
    ),
    (
        "content/impressum.md",
        include_str!("../tests/fixtures/minimal/content/impressum.md"),
    ),
    (
        "content/kontakte/_index.md",
        include_str!("../tests/fixtures/minimal/content/kontakte/_index.md"),
    ),
    (
        "content/kontakte/buero.md",
        include_str!("../tests/fixtures/minimal/content/kontakte/buero.md"),
    ),
    (
        "content/leitlinien/_index.md",
        include_str!("../tests/fixtures/minimal/content/leitlinien/_index.md"),
    ),
    (
        "content/leitlinien/eins.md",
        include_str!("../tests/fixtures/minimal/content/leitlinien/eins.md"),
    ),
    (
        "content/projekte/_index.md",
        include_str!("../tests/fixtures/minimal/content/projekte/_index.md"),
    ),
    (
        "content/projekte/projekt.md",
        include_str!("../tests/fixtures/minimal/content/projekte/projekt.md"),
    ),
    ("i18n/de.yaml", include_str!("../i18n/de.yaml")),
    ("i18n/fr.yaml", include_str!("../i18n/fr.yaml")),
    ("i18n/en.yaml", include_str!("../i18n/en.yaml")),
];

/// The minimal site's files, with `extra` added (or replacing a file of the same path).
fn site_with<'a>(extra: &[(&'a str, &'a [u8])]) -> Vec<(&'a str, &'a [u8])> {
    let mut files: Vec<(&str, &[u8])> = MINIMAL
        .iter()
        .filter(|(p, _)| !extra.iter().any(|(e, _)| e == p))
        .map(|(p, t)| (*p, t.as_bytes()))
        .collect();
    files.extend_from_slice(extra);
    files
}

/// Renders diagnostics in every style, as `build` and `check` would print them.
fn show(diagnostics: &Diagnostics, sources: &SourceMap) {
    for style in [Style::Plain, Style::Color, Style::Short] {
        let text = render_all(diagnostics, sources, style);
        assert!(diagnostics.is_empty() || !text.is_empty());
    }
}

/// Builds a site in memory and checks every generated page. The search
/// index is left out: Pagefind reads only the pages checked here, and it
/// took the markdown target from about 100 inputs a second to 6.
fn build(site_yaml: &str, files: &[(&str, &[u8])]) {
    let mut sources = SourceMap::new();
    let index = konzept::render::SearchIndex::Skip;
    match konzept::render_in_memory(site_yaml, files, &mut sources, index) {
        Ok(konzept::InMemory {
            output, warnings, ..
        }) => {
            show(&warnings, &sources);
            let placeholder = konzept::parse::markdown::placeholder();
            for (path, bytes) in &output.files {
                if !path.ends_with(".html") {
                    continue;
                }
                let html = String::from_utf8_lossy(bytes).to_ascii_lowercase();
                assert!(
                    !html.contains(placeholder),
                    "{path}: an unfilled link placeholder"
                );
                // The theme's own scripts only: JSON-LD data and the search
                // page's script file; anything else came from the input.
                for (i, _) in html.match_indices("<script") {
                    let tag = &html[i..];
                    let own_file = tag.strip_prefix("<script src=\"").is_some_and(|rest| {
                        rest.split('"')
                            .next()
                            .is_some_and(|src| src.contains("/assets/search."))
                    });
                    assert!(
                        tag.starts_with("<script type=\"application/ld+json\">") || own_file,
                        "{path}: a script reached the page"
                    );
                }
                assert!(
                    !html.contains("href=\"javascript:"),
                    "{path}: a javascript: link reached the page"
                );
            }
        }
        Err(failure) => {
            assert!(failure.diagnostics.has_errors() || !failure.diagnostics.is_empty());
            show(&failure.diagnostics, &sources);
        }
    }
}

/// Front matter (and the file around it) as each kind and as a translation:
/// `front_matter::split`, the YAML, the kind's schema, the parse stage.
pub(crate) fn front_matter(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut sources = SourceMap::new();
        let file = sources.add("content/x.md".into(), text.into());
        let _ = konzept::parse::front_matter::split(text, file);
    }
    let mut sources = SourceMap::new();
    let config = konzept::config::from_text(
        SITE_YAML,
        std::path::Path::new(""),
        &konzept::config::Overrides::default(),
        &mut sources,
    )
    .expect("the minimal site.yaml is valid");
    let files: Vec<(&str, &[u8])> = [
        "content/_index.md",
        "content/seite.md",
        "content/seite.fr.md",
        "content/leitlinien/neu.md",
        "content/projekte/neu.md",
        "content/projekte/projekt.en.md",
        "content/kontakte/neu.md",
        "content/kontakte/buero.fr.md",
    ]
    .iter()
    .map(|p| (*p, data))
    .collect();
    match konzept::load::from_memory(&config, &files, &mut sources) {
        Ok(loaded) => {
            let (_, diagnostics) = konzept::parse::all(&loaded, &config);
            show(&diagnostics, &sources);
        }
        Err(diagnostics) => show(&diagnostics, &sources),
    }
}

/// A Markdown body on a page and its translation in the minimal site, with
/// links resolved against the other pages and filled per reader language.
pub(crate) fn markdown(data: &[u8]) {
    let mut original = b"---\ntitle: Fuzz\n---\n".to_vec();
    original.extend_from_slice(data);
    let mut translation = b"---\ntitle: Fuzz\nslug: fuzz-fr\n---\n".to_vec();
    translation.extend_from_slice(data);
    let mut project = b"---\ntitle: Ein Projekt\ngoal: Ein Ziel.\ncontact: buero\n---\n".to_vec();
    project.extend_from_slice(data);
    let files = site_with(&[
        ("content/fuzz.md", &original),
        ("content/fuzz.fr.md", &translation),
        ("content/projekte/projekt.md", &project),
    ]);
    build(SITE_YAML, &files);
}

/// `site.yaml` from arbitrary text, then the minimal site built with it.
pub(crate) fn site_yaml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        let mut sources = SourceMap::new();
        if let Err(e) = sources.add_bytes("site.yaml".into(), data.to_vec()) {
            show(&Diagnostics::from_iter([e]), &sources);
        }
        return;
    };
    build(text, &site_with(&[]));
}

/// Tags the Markdown renderer may emit: pulldown-cmark's own and the raw
/// HTML the sanitizer lets through (README § Security). Anything else in a
/// body is a hole in the HTML policy.
const RENDERED_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes the renderer may emit.
const RENDERED_ATTRIBUTES: &[&str] = &[
    "alt", "class", "colspan", "datetime", "dir", "href", "id", "lang", "open", "rel", "reversed",
    "rowspan", "scope", "src", "start", "style", "title", "value",
];

/// One Markdown body through the Markdown renderer alone (no site around
/// it: thousands of inputs a second), in each language and raw-HTML
/// policy. Checks the policy on the HTML itself: only known tags and
/// attributes, no URL that runs code or loads from another host, unique
/// heading ids, and a link for every placeholder.
pub(crate) fn renderer(data: &[u8]) {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let mut sources = SourceMap::new();
    let file = sources.add("content/fuzz.md".into(), body.into());
    for lang in ["de", "fr", "en"] {
        for policy in [
            konzept::config::RawHtml::Escape,
            konzept::config::RawHtml::default(),
        ] {
            let (markdown, diagnostics) =
                konzept::parse::markdown::render(body, 0, file, lang, policy);
            show(&diagnostics, &sources);
            // A page with errors is never published: only then may a
            // resource from another host stay in the HTML (as an error).
            check_rendered(&markdown, !diagnostics.has_errors());
        }
    }
}

fn check_rendered(markdown: &konzept::parse::Markdown, published: bool) {
    let html = &markdown.html;
    let mut ids = std::collections::HashSet::new();
    for heading in &markdown.headings {
        assert!(
            ids.insert(heading.id.as_str()),
            "heading id `{}` twice",
            heading.id
        );
    }
    let placeholder = konzept::parse::markdown::placeholder();
    for (i, _) in html.match_indices(placeholder) {
        let n: String = html[i + placeholder.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let n: usize = n.parse().expect("a placeholder ends in its link's number");
        assert!(n < markdown.links.len(), "placeholder {n} has no link");
    }
    let bytes = html.as_bytes();
    for (i, _) in html.match_indices('<') {
        let rest = &html[i + 1..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name: String = rest
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        assert!(
            !name.is_empty() || bytes.get(i + 1).is_none_or(|b| !b.is_ascii_alphabetic()),
            "`<` starts a tag the check cannot read"
        );
        if name.is_empty() {
            continue;
        }
        assert!(
            RENDERED_TAGS.contains(&name.as_str()),
            "a <{name}> reached the page"
        );
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        check_attributes(&name, tag, published);
    }
}

/// The attributes of one tag as the renderer writes them: `name="value"`,
/// values escaped, so a `"` ends each value.
fn check_attributes(tag_name: &str, tag: &str, published: bool) {
    let mut rest = &tag[tag_name.len()..];
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim().to_ascii_lowercase();
        let value_end = rest[eq + 2..].find('"').map_or(rest.len(), |e| eq + 2 + e);
        let value = rest[eq + 2..value_end].to_ascii_lowercase();
        assert!(
            RENDERED_ATTRIBUTES.contains(&name.as_str()),
            "attribute `{name}` on <{tag_name}>"
        );
        if name == "href" || name == "src" {
            assert!(
                !konzept::parse::markdown::is_script_url(&value),
                "a script URL in {name}"
            );
        }
        if name == "src" && published {
            assert!(
                !value.starts_with("//") && !value.contains("://"),
                "an image from another host"
            );
        }
        if name == "style" {
            assert!(
                value.starts_with("text-align:"),
                "a style attribute `{value}`"
            );
        }
        rest = rest.get(value_end + 1..).unwrap_or("");
    }
}
