//! Rendering some entries only, for `serve`'s patches.

use super::{Renderer, language_tera};
use crate::config::Config;
use crate::diag::Diagnostics;
use crate::model::{EntryId, Site};
use crate::render::Theme;

/// Renders the pages of `entries` in every language they are published in
/// (their translations and fallbacks), for `serve`'s partial rebuilds:
/// (output path, bytes) per page.
pub fn entries(
    site: &Site,
    config: &Config,
    theme: &Theme,
    entries: &[EntryId],
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let renderer = Renderer {
        site,
        config,
        theme,
    };
    let mut out = Vec::new();
    for lang in &config.languages {
        let published: Vec<EntryId> = entries
            .iter()
            .copied()
            .filter(|e| site.url(*e, lang).is_some())
            .collect();
        if published.is_empty() {
            continue;
        }
        let one = |d| Diagnostics::from_iter([d]);
        let tera = language_tera(site, config, theme, lang).map_err(one)?;
        for entry in published {
            out.push(renderer.entry(entry, lang, &tera).map_err(one)?);
        }
    }
    Ok(out)
}
