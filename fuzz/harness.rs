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
