//! The embedded default theme (`themes/default/`, built into the binary by
//! `build.rs`): its files for `render` (templates, static files) and
//! `scaffold` (`init`, `theme eject`), and its UI strings, which are the
//! base the site's `i18n/<lang>.yaml` overrides key by key.

use super::types::I18nSource;
use crate::config::Config;
use crate::diag::SourceMap;

mod files {
    include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));
}

/// The files of the embedded default theme, by path in the theme.
pub fn embedded_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    files::FILES.iter().copied()
}

/// How the theme's strings are named in messages (they are no file of the
/// site, so no path the editor could open).
pub(super) const DISPLAY_PREFIX: &str = "(konzept's default theme) ";

/// The theme's UI strings of each configured language it has
/// (`i18n/<lang>.yaml`), in configured language order.
pub(super) fn theme_strings(config: &Config, map: &mut SourceMap) -> Vec<I18nSource> {
    let mut out = Vec::new();
    for lang in &config.languages {
        let rel = format!("i18n/{lang}.yaml");
        let Some((_, bytes)) = embedded_files().find(|(path, _)| *path == rel) else {
            continue;
        };
        // The theme's files are checked to be UTF-8 by a unit test below.
        if let Ok((file, text)) = map.add_bytes(format!("{DISPLAY_PREFIX}{rel}"), bytes.to_vec()) {
            out.push(I18nSource {
                lang: lang.clone(),
                file,
                text,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_has_strings_for_de_fr_and_en_that_read_without_problems() {
        for lang in ["de", "fr", "en"] {
            let rel = format!("i18n/{lang}.yaml");
            let (_, bytes) = embedded_files()
                .find(|(p, _)| *p == rel)
                .unwrap_or_else(|| panic!("the theme has {rel}"));
            let text = std::str::from_utf8(bytes).expect("UTF-8");
            let mut map = SourceMap::default();
            let file = map.add(rel.clone(), text.into());
            let (strings, _) = crate::yaml::read_strings(text, file)
                .unwrap_or_else(|e| panic!("{rel} reads: {e:?}"));
            assert!(strings.contains_key("site_title"), "{rel} has strings");
        }
    }
}
