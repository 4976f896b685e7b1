//! The search index: every page's rendered HTML indexed with Pagefind, used
//! as a library (no Node step), one index per language (the language each
//! page was rendered in), the languages in parallel. Only the element marked `data-pagefind-body` (the
//! article) is indexed, so navigation, footer and notices are not.
//!
//! The output is Pagefind's runtime (`pagefind.js`, its worker and WebAssembly)
//! and index files under `pagefind/`. Pagefind's own UI files are left out:
//! the theme's `search.js` is a small accessible UI that uses the runtime's
//! API, with its strings in `i18n/`.

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use rayon::prelude::*;

use crate::diag::{Code, Diagnostic};

/// The directory of the search runtime and index.
pub(crate) const SEARCH_DIR: &str = "pagefind";

/// Pagefind's prebuilt UIs, which konzept does not use.
const UNUSED: &[&str] = &[
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// Indexes `pages` (per language: code, pages as output path
/// `de/projekte/ibis/index.html` and HTML) and returns the files to write
/// (output path, bytes), sorted.
///
/// Each language is indexed on its own, in parallel: Pagefind's index is
/// one per language anyway, and its API indexes one page after another.
/// The languages' outputs are then put together: the runtime files are the
/// same in each, and `pagefind-entry.json` lists every language.
pub(crate) fn index<B: AsRef<[u8]> + Sync>(
    pages: &[(String, Vec<(String, B)>)],
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let parts: Vec<Vec<(String, Vec<u8>)>> = pages
        .par_iter()
        .map(|(lang, pages)| index_language(lang, pages))
        .collect::<Result<_, _>>()?;
    let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut entry: Option<serde_json::Value> = None;
    for (name, contents) in parts.into_iter().flatten() {
        if name == ENTRY {
            let part: serde_json::Value = serde_json::from_slice(&contents)
                .map_err(|e| failed("cannot read Pagefind's entry file", e))?;
            entry = Some(match entry {
                None => part,
                Some(mut all) => {
                    merge_languages(&mut all, part)?;
                    all
                }
            });
            continue;
        }
        match out.get(&name) {
            Some(existing) if *existing != contents => {
                return Err(failed(
                    "the languages' indexes disagree",
                    format!("two different files named {name}"),
                ));
            }
            _ => {
                out.insert(name, contents);
            }
        }
    }
    if let Some(entry) = entry {
        out.insert(ENTRY.to_owned(), entry.to_string().into_bytes());
    }
    Ok(out
        .into_iter()
        .map(|(name, contents)| (format!("{SEARCH_DIR}/{name}"), contents))
        .collect())
}

/// The file that lists the languages and their index files.
const ENTRY: &str = "pagefind-entry.json";

/// Adds the languages of `part`'s entry file to those of `all`.
fn merge_languages(all: &mut serde_json::Value, part: serde_json::Value) -> Result<(), Diagnostic> {
    let languages = |v: serde_json::Value| match v {
        serde_json::Value::Object(mut o) => match o.remove("languages") {
            Some(serde_json::Value::Object(l)) => Some(l),
            _ => None,
        },
        _ => None,
    };
    let malformed = || failed("cannot read Pagefind's entry file", "no `languages` object");
    let part = languages(part).ok_or_else(malformed)?;
    let Some(serde_json::Value::Object(all)) = all.get_mut("languages") else {
        return Err(malformed());
    };
    for (lang, meta) in part {
        if all.insert(lang.clone(), meta).is_some() {
            return Err(failed(
                "the languages' indexes disagree",
                format!("two indexes for {lang}"),
            ));
        }
    }
    Ok(())
}

/// Indexes the pages of one language, as `lang`; returns Pagefind's files
/// (name below `pagefind/`, bytes) without the UIs konzept does not use.
fn index_language<B: AsRef<[u8]>>(
    lang: &str,
    pages: &[(String, B)],
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failed("cannot start the indexer", e))?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .keep_index_url(false)
            .force_language(lang.to_owned())
            .build();
        let mut index = PagefindIndex::new(Some(options))
            .map_err(|e| failed("cannot start the indexer", e.into_boxed_dyn_error()))?;
        let start = std::time::Instant::now();
        for (path, html) in pages {
            let url = path.strip_suffix("index.html").unwrap_or(path);
            let html = String::from_utf8_lossy(html.as_ref()).into_owned();
            index
                .add_html_file(None, Some(format!("/{url}")), html)
                .await
                .map_err(|e| failed(&format!("cannot index /{url}"), e.into_boxed_dyn_error()))?;
        }
        log::debug!(
            "search: read {} {lang} pages in {:?}",
            pages.len(),
            start.elapsed()
        );
        let start = std::time::Instant::now();
        let files = index
            .get_files()
            .await
            .map_err(|e| failed("cannot write the index", e.into_boxed_dyn_error()))?;
        log::debug!(
            "search: {} {lang} index files in {:?}",
            files.len(),
            start.elapsed()
        );
        Ok(files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                (!UNUSED.contains(&name.as_str())).then_some((name, f.contents))
            })
            .collect())
    })
}

fn failed(what: &str, e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Diagnostic {
    Diagnostic::error(Code::Io, format!("the search index could not be built: {what}"))
        .help("this is a bug in konzept or Pagefind; build with `search: false` in site.yaml to publish without search meanwhile")
        .source(e.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lang: &str, word: &str) -> (String, Vec<u8>) {
        let html = format!(
            "<!doctype html><html lang=\"{lang}\"><head><title>{word}</title></head>\
             <body><article data-pagefind-body><h1>{word}</h1><p>{word} {word}</p></article></body></html>"
        );
        (format!("{lang}/{word}/index.html"), html.into_bytes())
    }

    #[test]
    fn the_languages_indexed_apart_make_one_index_that_lists_each() {
        let pages = vec![
            (
                "de".to_owned(),
                vec![page("de", "Leitlinie"), page("de", "Teilhabe")],
            ),
            ("fr".to_owned(), vec![page("fr", "participation")]),
            ("en".to_owned(), vec![page("en", "guideline")]),
        ];
        let files = index(&pages).expect("an index");
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names
                .iter()
                .filter(|n| **n == "pagefind/pagefind.js")
                .count(),
            1
        );
        assert!(!names.contains(&"pagefind/pagefind-ui.js"), "{names:?}");
        let entry = &files
            .iter()
            .find(|(n, _)| n == "pagefind/pagefind-entry.json")
            .expect("an entry file")
            .1;
        let entry: serde_json::Value = serde_json::from_slice(entry).expect("JSON");
        for (lang, count) in [("de", 2), ("fr", 1), ("en", 1)] {
            assert_eq!(entry["languages"][lang]["page_count"], count, "{entry}");
        }
        // Each language's index files are there (named by the hash the entry gives).
        for lang in ["de", "fr", "en"] {
            let hash = entry["languages"][lang]["hash"].as_str().expect("a hash");
            let meta = format!("pagefind/pagefind.{hash}.pf_meta");
            assert!(names.contains(&meta.as_str()), "{meta} not in {names:?}");
        }
        // The same input gives the same bytes.
        assert_eq!(index(&pages).expect("an index"), files);
    }
}
