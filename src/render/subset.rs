//! Rendering some entries only, for `serve`'s patches.

use rayon::prelude::*;

use super::assets::Assets;
use super::pages::Generated;
use super::{Renderer, language_tera};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{EntryId, Lang, Site};
use crate::parse::kinds::Kind;
use crate::render::Theme;

/// Renders the pages of `entries` in every language they are published in
/// (their translations and fallbacks), for `serve`'s partial rebuilds:
/// (output path, bytes) per page. The full-text pages, which may show them
/// too, are [`full_text`]'s.
pub fn entries(
    site: &Site,
    config: &Config,
    theme: &Theme,
    entries: &[EntryId],
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    each_language(site, config, theme, |renderer, lang, tera| {
        entries
            .iter()
            .filter(|e| site.url(**e, lang).is_some())
            .map(|e| renderer.entry(*e, lang, tera))
            .collect()
    })
}

/// Renders the full-text pages of every language, the languages in
/// parallel: (output path, bytes) per page.
pub fn full_text(
    site: &Site,
    config: &Config,
    theme: &Theme,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    each_language(site, config, theme, |renderer, lang, tera| {
        if site.full_text_url(lang).is_none() {
            return Ok(Vec::new());
        }
        Ok(vec![renderer.generated(Generated::FullText, lang, tera)?])
    })
}

/// Whether the full-text pages show one of `entries`.
pub fn shown_in_full_text(site: &Site, entries: &[EntryId]) -> bool {
    entries.iter().any(|e| in_full_text(site, *e))
}

/// Runs `render` for every language, in parallel, with the language's
/// templates; the pages in language order.
fn each_language(
    site: &Site,
    config: &Config,
    theme: &Theme,
    render: impl Fn(&Renderer<'_>, &Lang, &tera::Tera) -> Result<Vec<(String, Vec<u8>)>, Diagnostic>
    + Sync,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let renderer = Renderer {
        site,
        config,
        theme,
    };
    let assets = Assets::place(&theme.statics);
    let pages: Vec<Vec<(String, Vec<u8>)>> = config
        .languages
        .par_iter()
        .map(|lang| {
            let tera = language_tera(site, config, theme, &assets, lang)?;
            render(&renderer, lang, &tera)
        })
        .collect::<Result<_, _>>()
        .map_err(|d| Diagnostics::from_iter([d]))?;
    Ok(pages.into_iter().flatten().collect())
}

/// Whether the full-text page shows `entry`: it is named in `full_text`, or
/// its section is.
fn in_full_text(site: &Site, entry: EntryId) -> bool {
    site.full_text.contains(&entry)
        || site
            .entry(entry)
            .parent
            .is_some_and(|p| site.entry(p).kind == Kind::Section && site.full_text.contains(&p))
}
