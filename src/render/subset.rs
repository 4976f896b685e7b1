//! Rendering some entries only, for `serve`'s patches.

use super::assets::Assets;
use super::pages::Generated;
use super::{Renderer, language_tera};
use crate::config::Config;
use crate::diag::Diagnostics;
use crate::model::{EntryId, Site};
use crate::parse::kinds::Kind;
use crate::render::Theme;

/// Renders the pages of `entries` in every language they are published in
/// (their translations and fallbacks), and the full-text pages if one of
/// them is part of the full text, for `serve`'s partial rebuilds: (output
/// path, bytes) per page.
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
    let full_text = entries.iter().any(|e| in_full_text(site, *e));
    let assets = Assets::place(&theme.statics);
    let mut out = Vec::new();
    for lang in &config.languages {
        let published: Vec<EntryId> = entries
            .iter()
            .copied()
            .filter(|e| site.url(*e, lang).is_some())
            .collect();
        let full_text = full_text && site.full_text_url(lang).is_some();
        if published.is_empty() && !full_text {
            continue;
        }
        let one = |d| Diagnostics::from_iter([d]);
        let tera = language_tera(site, config, theme, &assets, lang).map_err(one)?;
        for entry in published {
            out.push(renderer.entry(entry, lang, &tera).map_err(one)?);
        }
        if full_text {
            out.push(
                renderer
                    .generated(Generated::FullText, lang, &tera)
                    .map_err(one)?,
            );
        }
    }
    Ok(out)
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
