//! Render: every page of every language through the theme's templates, into
//! memory, with what goes beside the pages: the contacts' vCards, sitemap,
//! `robots.txt`, Atom feeds, the theme's assets, `_headers` and the search
//! index.
//!
//! Takes the [`Site`], the config and the [`Theme`]; hands every page to a
//! [`Sink`] as soon as it is rendered (memory for `serve` and `check`, the
//! staging directory for `build`) and returns the rest of the output plan
//! ([`Output`]: path → bytes, plus files to copy), or every template error.
//! `render` never reads files; the theme was loaded before.
//!
//! Every file rendered from the site is a [`Job`]; [`Renderer`] builds a
//! job's template name and context in one place and either renders it
//! (`build`, `check`, `serve`) or fingerprints it (`serve`, to find the
//! files an edit changed). `mod.rs` holds only the entry functions; the
//! machinery is in its children (`jobs.rs`, `renderer.rs`, `globals.rs`,
//! `errors.rs`, one file per kind of output).

mod accessibility;
mod archived;
mod assets;
mod bounded;
mod changes;
pub mod chart;
pub mod compare;
mod comparisons;
mod contact;
mod context;
mod credits;
mod date_view;
mod edition_view;
mod editions;
mod errors;
use crate::escape;
mod feeds;
mod fingerprint;
mod full_text;
mod globals;
mod history;
mod indicator;
mod jobs;
mod kinds;
mod links;
mod numbers;
mod pages;
mod picture;
mod redirects;
mod relative;
mod renderer;
mod search;
mod security;
mod seo;
mod sink;
mod statement;
mod text_views;
pub mod theme;
mod theme_settings;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

pub use bounded::MAX_FILE_BYTES;
pub use context::*;
pub use feeds::{FeedContext, FeedEntry, RobotsContext, SitemapContext, SitemapUrl};
pub use full_text::shown_in_full_text;
pub use jobs::{Job, LangIndex};
pub use pages::{Choice, ChooserContext};
pub use renderer::{Fingerprint, JobContext, Rendered, Renderer, TemplateContext};
pub use sink::Sink;
pub use text_views::{
    CompareSide, CompareView, EditionChanges, HistoryEdition, HistoryView, PageLink,
};
pub use theme::Theme;

use errors::dedupe_template_errors;
use sink::Memory;

use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ids::Lang;
use crate::load::Sources;
use crate::model::Site;

/// What `write` puts into the output directory.
#[derive(Debug, Default)]
pub struct Output {
    /// Generated files: path relative to the output directory → bytes, sorted.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Files copied as they are: output path → source path.
    pub copies: BTreeMap<String, crate::sitefs::SiteFile>,
    /// Pages rendered per language, in `site.yaml` order.
    pub pages_per_lang: Vec<(Lang, usize)>,
}

/// Whether [`site`] builds the search index (Pagefind's indexing is by far
/// the costliest step at scale; `serve` runs it in the background and
/// `check` has no use for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchIndex {
    /// Index the pages, as `build` does.
    Build,
    /// Leave the index out (the search pages are still rendered).
    Skip,
}

/// Renders the whole site into memory.
pub fn site(
    site: &Site,
    config: &Config,
    sources: &Sources,
    theme: &Theme,
    index: SearchIndex,
) -> Result<Output, Diagnostics> {
    let pages = Memory::default();
    let mut output = render_all(site, config, sources, theme, &pages)?;
    let mut pages = pages
        .0
        .into_inner()
        .expect("no thread panicked while holding the lock");
    output.files.append(&mut pages);
    if index == SearchIndex::Build {
        let files = search_index(&pick(search_paths(site, config), |p| {
            output.files.get(p).map(Vec::as_slice)
        }))?;
        output.files.extend(files);
    }
    Ok(output)
}

/// Renders the whole site, handing every page to `sink` as soon as it is
/// rendered (vCards too); the returned [`Output`] holds everything else
/// (assets, `_headers`, the search index, files to copy, page counts). An
/// error of the sink (a full disk) is reported once, after the pages that
/// were already being rendered.
pub fn site_into(
    site: &Site,
    config: &Config,
    sources: &Sources,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<Output, Diagnostics> {
    let paths = search_paths(site, config);
    if paths.is_empty() {
        return render_all(site, config, sources, theme, sink);
    }
    // The index needs the entries' pages: they are kept as they go by.
    let keeping = sink::Keeping::new(sink, paths.iter().flat_map(|(_, p)| p));
    let mut output = render_all(site, config, sources, theme, &keeping)?;
    let mut kept = keeping.into_kept();
    let files = search_index(&pick(paths, |p| kept.remove(p)))?;
    output.files.extend(files);
    Ok(output)
}

/// The pages the search index holds, per language (code, output paths
/// sorted), in `site.yaml` order: every entry's page in every language it
/// is published in (fallbacks included, so a reader finds every page of
/// their language); none without search.
pub fn search_paths(site: &Site, config: &Config) -> Vec<(String, Vec<String>)> {
    if !config.search {
        return Vec::new();
    }
    config
        .languages
        .iter()
        .map(|l| {
            let mut paths: Vec<String> = site
                .entries
                .iter()
                .filter_map(|e| site.url(e.id, l).map(|u| format!("{u}index.html")))
                .collect();
            paths.sort();
            (l.as_str().to_owned(), paths)
        })
        .filter(|(_, paths)| !paths.is_empty())
        .collect()
}

/// The pages of [`search_paths`] with their HTML, as `get` finds it.
pub(crate) fn pick<B>(
    paths: Vec<(String, Vec<String>)>,
    mut get: impl FnMut(&str) -> Option<B>,
) -> Vec<(String, Vec<(String, B)>)> {
    paths
        .into_iter()
        .map(|(lang, paths)| {
            let pages = paths
                .into_iter()
                .filter_map(|p| get(&p).map(|b| (p, b)))
                .collect();
            (lang, pages)
        })
        .collect()
}

/// The search index (Pagefind's runtime and index files under `pagefind/`)
/// of `pages`: per language (code, pages as output path and HTML).
pub fn search_index<B: AsRef<[u8]> + Sync>(
    pages: &[(String, Vec<(String, B)>)],
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    search::index(pages).map_err(Diagnostics::from)
}

/// Every page and file but the search index.
fn render_all(
    site: &Site,
    config: &Config,
    sources: &Sources,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<Output, Diagnostics> {
    let renderer = Renderer::new(site, config, theme)?;
    // The archived editions' pages go into the same job list: one pass.
    let archived = site
        .archives
        .iter()
        .map(|a| Renderer::archived(a, &renderer))
        .collect::<Result<Vec<_>, _>>()?;
    let renderers: Vec<&Renderer<'_>> = std::iter::once(&renderer).chain(&archived).collect();
    let jobs: Vec<(&Renderer<'_>, Job)> = renderers
        .iter()
        .flat_map(|r| r.jobs().into_iter().map(move |j| (*r, j)))
        .collect();
    let failed = AtomicBool::new(false);
    let mut output = Output::default();
    let mut errors: Vec<Diagnostic> = jobs
        .into_par_iter()
        .filter_map(|(renderer, job)| {
            if failed.load(Ordering::Relaxed) {
                return None;
            }
            let (path, bytes) = match renderer.render(job) {
                Ok(rendered) => rendered,
                Err(d) => {
                    // A template past the output bound is past it on every
                    // page that uses it: stop rather than write 64 MiB each.
                    if d.code == Code::Limit {
                        failed.store(true, Ordering::Relaxed);
                    }
                    return Some(d);
                }
            };
            let error = sink.put(path, bytes).err();
            if error.is_some() {
                // A sink that cannot take a file will not take the next one.
                failed.store(true, Ordering::Relaxed);
            }
            error
        })
        .collect();
    let (io, rest): (Vec<_>, Vec<_>) = errors.drain(..).partition(|d| d.code == Code::Io);
    if let Some(io) = io.into_iter().next() {
        return Err(Diagnostics::from(io));
    }
    if !rest.is_empty() {
        return Err(dedupe_template_errors(rest));
    }
    output.files.extend(renderer.into_asset_files());
    output.files.insert(
        "_headers".to_owned(),
        security::headers(config.base_url.path()).into_bytes(),
    );
    if let Some(redirects) = redirects::file(site, &config.base_url) {
        output
            .files
            .insert("_redirects".to_owned(), redirects.into_bytes());
    }
    // Images are published as encoded again (metadata removed), never
    // copied as they are.
    for asset in &sources.assets {
        if !site.images.pictures.contains_key(asset.path.as_str()) {
            output
                .copies
                .insert(format!("files/{}", asset.path), asset.source.clone());
        }
    }
    for (path, bytes) in &site.images.files {
        output.files.insert(path.clone(), bytes.clone());
    }
    for e in &site.entries {
        if let crate::model::EntryData::Indicator(ind) = &e.data {
            let (_, json) = indicator::download_paths(ind, &e.stem);
            output
                .files
                .insert(json, indicator::data_json(&e.stem, ind).into_bytes());
        }
    }
    output.pages_per_lang = pages_per_lang(site, config);
    Ok(output)
}

/// How many entries are published in each language, in `site.yaml` order.
fn pages_per_lang(site: &Site, config: &Config) -> Vec<(Lang, usize)> {
    config
        .languages
        .iter()
        .map(|l| {
            let n = site.entries.iter().filter(|e| site.url(e.id, l).is_some());
            (l.clone(), n.count())
        })
        .collect()
}
