//! Links in the rendered output: every internal `href`/`src` must lead to a
//! generated or copied file, and every `#anchor` to an `id` on the target
//! page. The same scan finds orphan pages: entries no page of another entry
//! links to.
//!
//! Markdown links were checked against the model already; this catches what
//! templates produce (menus, footers, overrides), which only the output
//! shows.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use super::html::{Scan, scan};
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{EntryId, Site};
use crate::render::Output;
use crate::urlpath::{decode_lenient, decode_path, join};

/// Checks every generated page; returns `broken-output-link` errors (one per
/// distinct broken URL) and `orphan-page` warnings.
pub(super) fn check(output: &Output, site: &Site, config: &Config) -> Diagnostics {
    let pages: BTreeMap<&str, Scan> = output
        .files
        .par_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path.as_str(), scan(&String::from_utf8_lossy(bytes))))
        .collect();
    let entries = entry_files(site);
    let base = Base {
        path: config.base_url.path(),
        absolute: config.base_url.absolute(""),
    };
    // Broken URL as written → the pages it is on, in path order.
    let mut broken: BTreeMap<(String, &'static str), Vec<&str>> = BTreeMap::new();
    let mut linked: HashSet<EntryId> = HashSet::new();
    for (&from, page) in &pages {
        let from_entry = entries.get(from);
        for href in &page.refs {
            let problem = match resolve(from, href, &base) {
                Resolved::External => continue,
                Resolved::Outside => "leads outside the site",
                Resolved::Undecodable => {
                    "has an escape no file name matches (`%2F`, `%00`, not UTF-8)"
                }
                Resolved::Internal { path, fragment } => match target(output, &path) {
                    None => "leads to no generated page or file",
                    Some(file) => {
                        if let Some(&to) = entries.get(file.as_str())
                            && from_entry != Some(&to)
                        {
                            linked.insert(to);
                        }
                        match (fragment, pages.get(file.as_str())) {
                            (Some(f), Some(target)) if !target.anchors.contains(&f) => {
                                "leads to an anchor the page does not have"
                            }
                            _ => continue,
                        }
                    }
                },
            };
            broken
                .entry((href.clone(), problem))
                .or_default()
                .push(from);
        }
    }
    let mut diags: Diagnostics = broken
        .into_iter()
        .map(|((href, problem), on)| broken_link(&href, problem, &on))
        .collect();
    for entry in &site.entries {
        if entry.id != site.home && !linked.contains(&entry.id) {
            diags.push(orphan(site, entry.id));
        }
    }
    diags
}

/// Output file (`de/projekte/ibis/index.html`) → the entry rendered there.
fn entry_files(site: &Site) -> HashMap<String, EntryId> {
    let mut files = HashMap::new();
    for entry in &site.entries {
        for lang in &site.languages {
            if let Some(url) = site.url(entry.id, lang) {
                files.insert(format!("{url}index.html"), entry.id);
            }
        }
    }
    files
}

struct Base<'a> {
    /// `/` or `/sub/`.
    path: &'a str,
    /// `https://host/sub/`, or the same as `path` without an origin.
    absolute: String,
}

#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    /// Another site, `mailto:`, `tel:`, …
    External,
    /// Root-relative, but not below the base path, or climbing above it.
    Outside,
    /// A path no file can have: `%2F`, a control character, not UTF-8.
    Undecodable,
    /// A path below the output directory, percent-decoded, and the anchor.
    Internal {
        path: String,
        fragment: Option<String>,
    },
}

/// Resolves `href` as written on the output file `from`.
fn resolve(from: &str, href: &str, base: &Base<'_>) -> Resolved {
    let href = href.trim();
    let (rest, fragment) = match href.split_once('#') {
        Some((r, f)) => (r, Some(decode(f)).filter(|f| !f.is_empty())),
        None => (href, None),
    };
    let rest = rest.split_once('?').map_or(rest, |(r, _)| r);
    let below_base = if base.absolute.contains("://") {
        rest.strip_prefix(base.absolute.as_str())
    } else {
        None
    };
    if below_base.is_none() && (rest.starts_with("//") || has_scheme(rest)) {
        return Resolved::External;
    }
    // Decoded segment by segment before `..` is resolved, as a browser
    // does (`%2e%2e` is `..`); a `%2F` names no file.
    let Ok(decoded) = decode_path(below_base.unwrap_or(rest)) else {
        return Resolved::Undecodable;
    };
    let joined = if below_base.is_some() {
        join("", &decoded)
    } else if rest.is_empty() {
        Some(from.to_owned())
    } else if let Some(rel) = decoded.strip_prefix('/') {
        match format!("/{rel}").strip_prefix(base.path) {
            Some(rel) => join("", rel),
            None if format!("/{rel}/") == base.path => Some(String::new()),
            None => return Resolved::Outside,
        }
    } else {
        join(from.rsplit_once('/').map_or("", |(d, _)| d), &decoded)
    };
    match joined {
        Some(path) => Resolved::Internal { path, fragment },
        None => Resolved::Outside,
    }
}

/// `scheme:` as in RFC 3986: a letter, then letters, digits, `+`, `-`, `.`.
fn has_scheme(href: &str) -> bool {
    href.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// The output file a resolved path names: `x/` is `x/index.html`, and a
/// directory without the slash is accepted too (servers redirect it).
fn target(output: &Output, path: &str) -> Option<String> {
    let exists = |p: &str| output.files.contains_key(p) || output.copies.contains_key(p);
    if path.is_empty() || path.ends_with('/') {
        let index = format!("{path}index.html");
        return exists(&index).then_some(index);
    }
    if exists(path) {
        return Some(path.to_owned());
    }
    let index = format!("{path}/index.html");
    exists(&index).then_some(index)
}

/// Decodes `%XX` escapes; a `%` that starts no escape is kept, as in
/// Markdown links.
fn decode(text: &str) -> String {
    decode_lenient(text).unwrap_or_else(|| text.to_owned())
}

fn broken_link(href: &str, problem: &str, on: &[&str]) -> Diagnostic {
    let first = on.first().copied().unwrap_or_default();
    let pages = match on.len() {
        1 => format!("`{first}`"),
        2 => format!("`{first}` and 1 other page"),
        n => format!("`{first}` and {} other pages", n - 1),
    };
    Diagnostic::error(
        Code::BrokenOutputLink,
        format!("the link `{href}` on {pages} {problem}"),
    )
    .help(
        "the link is in the generated HTML, not in Markdown: if it comes from a template \
         in `themes/`, fix the template; if it is in `site.yaml`, fix the entry there",
    )
}

fn orphan(site: &Site, entry: EntryId) -> Diagnostic {
    let page = site.page(site.original(entry));
    let url = site.url(entry, &site.default_lang).unwrap_or_default();
    Diagnostic::warning(
        Code::OrphanPage,
        format!("no other page links to `/{url}` or its translations"),
    )
    .in_file(page.file)
    .help(
        "link to it from another page, list it in a section, or add it to `menu` or \
         `footer` in site.yaml",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Base<'static> {
        Base {
            path: "/sub/",
            absolute: "https://example.org/sub/".to_owned(),
        }
    }

    fn internal(path: &str, fragment: Option<&str>) -> Resolved {
        Resolved::Internal {
            path: path.to_owned(),
            fragment: fragment.map(str::to_owned),
        }
    }

    #[test]
    fn resolves_root_relative_relative_and_absolute_links() {
        let from = "de/projekte/ibis/index.html";
        assert_eq!(
            resolve(from, "/sub/de/#main", &base()),
            internal("de/", Some("main"))
        );
        assert_eq!(
            resolve(from, "../monitoring/", &base()),
            internal("de/projekte/monitoring/", None)
        );
        assert_eq!(
            resolve(from, "https://example.org/sub/fr/", &base()),
            internal("fr/", None)
        );
        assert_eq!(
            resolve(from, "#ziel", &base()),
            internal(from, Some("ziel"))
        );
        assert_eq!(
            resolve(from, "/sub/files/a%20b.pdf", &base()),
            internal("files/a b.pdf", None)
        );
    }

    #[test]
    fn escapes_are_decoded_per_segment_like_a_browser_does() {
        let from = "de/projekte/ibis/index.html";
        assert_eq!(
            resolve(from, "/sub/files/mein%20flyer.pdf", &base()),
            internal("files/mein flyer.pdf", None)
        );
        assert_eq!(
            resolve(from, "../../../files/%C3%9Cbersicht.pdf", &base()),
            internal("files/Übersicht.pdf", None)
        );
        assert_eq!(
            resolve(
                from,
                "https://example.org/sub/files/100%25.pdf#page=2",
                &base()
            ),
            internal("files/100%.pdf", Some("page=2"))
        );
        // `%2e%2e` is `..` to a browser, so it climbs like one.
        assert_eq!(
            resolve(from, "%2e%2e/monitoring/", &base()),
            internal("de/projekte/monitoring/", None)
        );
        assert_eq!(
            resolve("de/index.html", "%2E%2E/%2e%2e/x", &base()),
            Resolved::Outside
        );
        for href in ["../a%2Fb.pdf", "/sub/a%2fb/", "x%00.pdf", "%FF.pdf", "a\\b"] {
            assert_eq!(
                resolve(from, href, &base()),
                Resolved::Undecodable,
                "{href}"
            );
        }
    }

    #[test]
    fn other_sites_and_schemes_are_external() {
        let from = "de/index.html";
        for href in [
            "https://saarbruecken.de/",
            "mailto:a@b.de",
            "tel:+49",
            "//cdn.x/y",
        ] {
            assert_eq!(resolve(from, href, &base()), Resolved::External, "{href}");
        }
        assert_eq!(resolve(from, "/de/", &base()), Resolved::Outside);
        assert_eq!(resolve(from, "../../x", &base()), Resolved::Outside);
    }
}
