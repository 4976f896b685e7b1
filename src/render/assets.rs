//! The theme's static files in the output: stylesheets and scripts get a
//! content hash in their name (`assets/style.3f9c2a1b7e.css`), so a host can
//! let browsers cache them forever (`_headers`); every other static file is
//! copied under `static/` with its own name.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::config::BaseUrl;

/// The directory of fingerprinted files, cacheable forever.
pub(crate) const ASSETS_DIR: &str = "assets";

/// Where each static file of the theme ends up.
#[derive(Debug, Default)]
pub(crate) struct Assets {
    /// Output path → bytes.
    pub(crate) files: Vec<(String, Vec<u8>)>,
    /// Name in the theme's `static/` (`style.css`) → site-relative path.
    pub(crate) paths: BTreeMap<String, String>,
    /// A file of the site's own `static/`, by its path from the site
    /// (`static/logo.svg`) → site-relative path.
    pub(crate) site_paths: BTreeMap<String, String>,
}

impl Assets {
    /// Places every static file of the theme, and of the site's own
    /// `static/`: those `named` (in `site.yaml`: logo, favicon, stylesheet)
    /// get a content hash and go to `assets/`, the others keep their path.
    pub(crate) fn place(
        statics: &BTreeMap<String, Vec<u8>>,
        site_statics: &BTreeMap<String, Vec<u8>>,
        named: &[&str],
    ) -> Assets {
        let mut assets = Assets::default();
        for (rel, bytes) in site_statics {
            let path = if named.contains(&rel.as_str()) {
                let name = rel.rsplit('/').next().unwrap_or(rel);
                format!("{ASSETS_DIR}/{}", fingerprinted_name(name, bytes))
            } else {
                rel.clone()
            };
            assets.site_paths.insert(rel.clone(), path.clone());
            assets.files.push((path, bytes.clone()));
        }
        for (name, bytes) in statics {
            let path = if is_fingerprinted(name) {
                format!("{ASSETS_DIR}/{}", fingerprinted_name(name, bytes))
            } else {
                format!("static/{name}")
            };
            assets.paths.insert(name.clone(), path.clone());
            assets.files.push((path, bytes.clone()));
        }
        assets
    }

    /// The link to a static file by its name in the theme, if it exists.
    pub(crate) fn href(&self, name: &str, base: &BaseUrl) -> Option<String> {
        self.paths.get(name).map(|p| base.href(p))
    }

    /// The link to a file of the site's `static/` by its path from the site.
    pub(crate) fn site_href(&self, rel: &str, base: &BaseUrl) -> Option<String> {
        self.site_paths.get(rel).map(|p| base.href(p))
    }

    /// Every static file's link, by its name in the theme.
    pub(crate) fn hrefs(&self, base: &BaseUrl) -> BTreeMap<String, String> {
        self.paths
            .iter()
            .map(|(name, path)| (name.clone(), base.href(path)))
            .collect()
    }
}

fn is_fingerprinted(name: &str) -> bool {
    name.ends_with(".css") || name.ends_with(".js")
}

/// `dir/name.<10 hex digits of SHA-256>.ext`.
///
/// ```text
/// style.css → style.0f1e2d3c4b.css
/// ```
fn fingerprinted_name(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{name}.{hash}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_and_js_get_a_content_hash_and_other_files_keep_their_name() {
        let mut statics = BTreeMap::new();
        statics.insert("style.css".to_owned(), b"body{}".to_vec());
        statics.insert("logo.svg".to_owned(), b"<svg/>".to_vec());
        let assets = Assets::place(&statics, &BTreeMap::new(), &[]);
        let css = &assets.paths["style.css"];
        assert!(
            css.starts_with("assets/style.") && css.ends_with(".css"),
            "{css}"
        );
        assert_eq!(css.len(), "assets/style.0123456789.css".len());
        assert_eq!(assets.paths["logo.svg"], "static/logo.svg");
        let mut changed = statics.clone();
        changed.insert("style.css".to_owned(), b"body{color:red}".to_vec());
        let changed = Assets::place(&changed, &BTreeMap::new(), &[]);
        assert_ne!(changed.paths["style.css"], *css);
    }
}
