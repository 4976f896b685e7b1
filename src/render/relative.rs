//! `--relative`: every link that starts with the site's path prefix becomes
//! relative to the page it is on, and a link to a directory names its
//! `index.html`, so the site works opened from disk (`file://`), where
//! there is no server to find `index.html` or the site's root.
//!
//! Absolute URLs (with a host) stay as they are: canonical and `hreflang`
//! links name the published site.

use lol_html::{RewriteStrSettings, element, rewrite_str};

use crate::config::{Config, Links};

/// A rendered file as it is written: a page's links made relative if the
/// site says so (`links: relative`), any other file as it is.
pub(super) fn finish(config: &Config, path: &str, bytes: Vec<u8>) -> Vec<u8> {
    match config.links {
        Links::Relative if path.ends_with(".html") => rewrite(&bytes, path, config.base_url.path()),
        _ => bytes,
    }
}

/// Rewrites the links of the HTML page at `path` (relative to the output
/// directory, e.g. `de/projekte/ibis/index.html`).
pub(crate) fn rewrite(html: &[u8], path: &str, base_path: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let handler = element!("[href], [src], [action], [srcset]", |el| {
        for name in ["href", "src", "action"] {
            if let Some(value) = el.get_attribute(name)
                && let Some(relative) = relative_url(&value, path, base_path)
            {
                el.set_attribute(name, &relative)?;
            }
        }
        // An image's variants: `url 480w, url 800w`.
        if let Some(value) = el.get_attribute("srcset") {
            let items: Vec<String> = value
                .split(", ")
                .map(|item| match item.split_once(' ') {
                    Some((url, width)) => match relative_url(url, path, base_path) {
                        Some(relative) => format!("{relative} {width}"),
                        None => item.to_owned(),
                    },
                    None => item.to_owned(),
                })
                .collect();
            el.set_attribute("srcset", &items.join(", "))?;
        }
        Ok(())
    });
    rewrite_str(
        &text,
        RewriteStrSettings::new().append_element_content_handler(handler),
    )
    .expect("rewriting konzept's own HTML has no memory limit and no failing handler")
    .into_bytes()
}

/// The link `url` as seen from the file `from`, if `url` is one of the
/// site's root-relative links.
///
/// ```text
/// /de/projekte/  from de/index.html            → projekte/index.html
/// /assets/a.css  from de/projekte/x/index.html → ../../../assets/a.css
/// /de/#main      from de/kontakte/index.html   → ../index.html#main
/// ```
fn relative_url(url: &str, from: &str, base_path: &str) -> Option<String> {
    if url.starts_with("//") {
        return None;
    }
    let rest = url.strip_prefix(base_path)?;
    let split = rest.find(['#', '?']).unwrap_or(rest.len());
    let (target, suffix) = rest.split_at(split);
    let target = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else {
        target.to_owned()
    };
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let target_parts: Vec<&str> = target.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&target_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(target_parts.len() - 1);
    let mut out = "../".repeat(from_dirs.len() - common);
    out.push_str(&target_parts[common..].join("/"));
    out.push_str(suffix);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_relative_links_become_relative_to_the_page() {
        let r = |url, from| relative_url(url, from, "/");
        assert_eq!(
            r("/de/projekte/", "de/index.html").as_deref(),
            Some("projekte/index.html")
        );
        assert_eq!(
            r("/assets/a.css", "de/projekte/x/index.html").as_deref(),
            Some("../../../assets/a.css")
        );
        assert_eq!(
            r("/de/#main", "de/kontakte/index.html").as_deref(),
            Some("../index.html#main")
        );
        assert_eq!(r("/", "de/index.html").as_deref(), Some("../index.html"));
        assert_eq!(r("/de/", "index.html").as_deref(), Some("de/index.html"));
        assert_eq!(
            r("/de/suche/?q=a", "de/suche/index.html").as_deref(),
            Some("index.html?q=a")
        );
        assert_eq!(r("https://example.org/de/", "de/index.html"), None);
        assert_eq!(r("//example.org/x", "de/index.html"), None);
        assert_eq!(r("#main", "de/index.html"), None);
        assert_eq!(r("mailto:a@b.de", "de/index.html"), None);
    }

    #[test]
    fn a_path_prefix_is_removed_first() {
        assert_eq!(
            relative_url("/konzept/fr/projets/", "fr/index.html", "/konzept/").as_deref(),
            Some("projets/index.html")
        );
        assert_eq!(relative_url("/other/x", "fr/index.html", "/konzept/"), None);
    }

    #[test]
    fn pages_are_rewritten_but_text_is_not() {
        let html = br#"<a href="/de/kontakte/">/de/kontakte/</a><link rel="canonical" href="https://example.org/de/">"#;
        let out = String::from_utf8(rewrite(html, "de/projekte/ibis/index.html", "/")).unwrap();
        assert_eq!(
            out,
            r#"<a href="../../kontakte/index.html">/de/kontakte/</a><link rel="canonical" href="https://example.org/de/">"#
        );
    }
}
