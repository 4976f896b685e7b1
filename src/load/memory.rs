//! The loader for a site held in memory (the fuzz targets, embedders that
//! keep content elsewhere): the same classification and checks as on disk,
//! without a file system.

use super::classify::classify;
use super::read::text_of;
use super::types::{I18nSource, Sources};
use crate::config::Config;
use crate::diag::{Diagnostics, SourceMap};

/// Like [`sources`](super::sources), for a site held in memory: `files` are (path relative
/// to the site's directory, bytes), e.g. `("content/impressum.md", …)` and
/// `("i18n/fr.yaml", …)`. Markdown files and UI strings are classified and
/// checked exactly as on disk; other files (assets, themes) are not read
/// from memory and are skipped with a debug message. Used by the fuzz
/// targets and by embedders that keep content elsewhere.
pub fn from_memory(
    config: &Config,
    files: &[(&str, &[u8])],
    map: &mut SourceMap,
) -> Result<Sources, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut files = files.to_vec();
    files.sort_by_key(|(path, _)| *path);
    let mut sources = Sources::default();
    let mut tally = super::classify::Tally::default();
    for (path, bytes) in &files {
        match path.strip_prefix("content/") {
            Some(rel) if rel.ends_with(".md") => {
                if let Some((file, text)) = text_of(Ok(bytes.to_vec()), path, map, &mut diags) {
                    sources
                        .pages
                        .extend(classify(rel, file, text, config, &mut tally, &mut diags));
                }
            }
            _ => log::debug!("in-memory build: skipping {path}"),
        }
    }
    sources.paused = tally.finish(config, &mut diags);
    for lang in &config.languages {
        let display = format!("i18n/{lang}.yaml");
        let Some((_, bytes)) = files.iter().find(|(p, _)| *p == display) else {
            continue;
        };
        if let Some((file, text)) = text_of(Ok(bytes.to_vec()), &display, map, &mut diags) {
            sources.i18n.push(I18nSource {
                lang: lang.clone(),
                file,
                text,
            });
        }
    }
    sources.theme_i18n = super::embedded::theme_strings(config, map);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(sources)
    }
}
