//! The search index: every page's rendered HTML indexed with Pagefind, used
//! as a library (no Node step), one index per language (Pagefind reads
//! `<html lang>`). Only the element marked `data-pagefind-body` (the
//! article) is indexed, so navigation, footer and notices are not.
//!
//! The output is Pagefind's runtime (`pagefind.js`, its worker and WebAssembly)
//! and index files under `pagefind/`. Pagefind's own UI files are left out:
//! the theme's `search.js` is a small accessible UI that uses the runtime's
//! API, with its strings in `i18n/`.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

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

/// Indexes `pages` (output path `de/projekte/ibis/index.html`, HTML), in the
/// order given, and returns the files to write (output path, bytes).
pub(crate) fn index<B: AsRef<[u8]>>(
    pages: &[(String, B)],
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failed("cannot start the indexer", e))?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .keep_index_url(false)
            .build();
        let mut index = PagefindIndex::new(Some(options))
            .map_err(|e| failed("cannot start the indexer", e.into_boxed_dyn_error()))?;
        for (path, html) in pages {
            let url = path.strip_suffix("index.html").unwrap_or(path);
            let html = String::from_utf8_lossy(html.as_ref()).into_owned();
            index
                .add_html_file(None, Some(format!("/{url}")), html)
                .await
                .map_err(|e| failed(&format!("cannot index /{url}"), e.into_boxed_dyn_error()))?;
        }
        let files = index
            .get_files()
            .await
            .map_err(|e| failed("cannot write the index", e.into_boxed_dyn_error()))?;
        let mut out: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                (!UNUSED.contains(&name.as_str()))
                    .then(|| (format!("{SEARCH_DIR}/{name}"), f.contents))
            })
            .collect();
        out.sort();
        Ok(out)
    })
}

fn failed(what: &str, e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Diagnostic {
    Diagnostic::error(Code::Io, format!("the search index could not be built: {what}"))
        .help("this is a bug in konzept or Pagefind; build with `search: false` in site.yaml to publish without search meanwhile")
        .source(e.into())
}
