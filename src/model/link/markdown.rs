//! Markdown links and images: each destination, as pulldown-cmark read it
//! by CommonMark's rules, resolved to a page, an anchor or a file of
//! `content/`, or refused with an error that says what would fix it.
//! Percent-escapes are decoded per path segment as browsers do, and file
//! names match in either Unicode normalization form.

use std::collections::HashMap;

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::super::keys::{Absence, Key};
use super::super::types::{LinkTarget, Page, Site};
use super::{References, list};
use crate::diag::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::ids::Slug;
use crate::load::INDEX;
use crate::urlpath::{PathProblem, decode_lenient, decode_path, join};

/// Resolves every Markdown link of every page and checks anchors.
pub(crate) fn resolve_links(site: &mut Site, refs: &References<'_>, diags: &mut Diagnostics) {
    let sources = refs.sources;
    // Keyed by the NFC form: an editor types `Übersicht.pdf` composed, a
    // file saved on macOS may be named decomposed, and both mean one file.
    let assets: HashMap<String, &str> = sources
        .assets
        .iter()
        .map(|a| (a.path.as_str().nfc().collect(), a.path.as_str()))
        .collect();
    let resolver = Resolver {
        site,
        refs,
        assets: &assets,
    };
    let results: Vec<(Vec<LinkTarget>, Diagnostics)> =
        site.pages.par_iter().map(|p| resolver.page(p)).collect();
    // The image field of entries, resolved relative to the original.
    let images: Vec<(usize, Result<String, Refusal>)> = site
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let image = e.image.as_ref()?;
            let page = site.page(site.original(e.id));
            let found = resolver
                .image(page, &image.written)
                .map_err(|r| r.at(page.file, image.span.clone()));
            Some((i, found))
        })
        .collect();
    super::image::check_alts(site, diags);
    for (page, (links, d)) in site.pages.iter_mut().zip(results) {
        page.links = links;
        diags.extend(d);
    }
    for (i, found) in images {
        let image = site.entries[i].image.as_mut().expect("collected above");
        match found {
            Ok(path) => image.path = Some(path),
            Err(d) => diags.push(d),
        }
    }
}

/// Why a link was refused: an error without its place, which
/// [`Resolver::page`] adds (the link's span in the page).
pub(super) type Refusal = Diagnostic;

/// A refusal with its code, message and what would fix it.
fn refusal(code: Code, message: impl Into<String>, help: impl Into<String>) -> Refusal {
    Diagnostic::error(code, message).help(help)
}

pub(super) struct Resolver<'a> {
    site: &'a Site,
    refs: &'a References<'a>,
    /// NFC content path → the asset's path as on disk.
    assets: &'a HashMap<String, &'a str>,
}

impl Resolver<'_> {
    fn page(&self, page: &Page) -> (Vec<LinkTarget>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let links = page
            .body
            .links
            .iter()
            .map(|link| match self.link(page, &link.dest) {
                Ok(target) => target,
                Err(refusal) => {
                    diags.push(refusal.at(page.file, link.span.clone()));
                    LinkTarget::Broken
                }
            })
            .collect();
        (links, diags)
    }

    /// Resolves a destination as pulldown-cmark read it (escapes and
    /// entities already replaced, percent-escapes as written).
    pub(super) fn link(&self, page: &Page, dest: &str) -> Result<LinkTarget, Refusal> {
        let (rest, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(decode_fragment(dest, f)?)),
            None => (dest, None),
        };
        if let Some((_, query)) = rest.split_once('?') {
            return Err(query_refusal(dest, query));
        }
        if rest.is_empty() {
            let Some(anchor) = fragment else {
                return Err(refusal(
                    Code::BrokenLink,
                    "the link has no destination",
                    "write where it leads between the parentheses: a page (`impressum.md`), \
                     a file (`flyer.pdf`), a heading (`#ziele`) or an `https://` address",
                ));
            };
            // `#` and `#top` lead to the top of the page (HTML's rule),
            // kept as `""` so the full-text document can point them at
            // the start of this page's part.
            let heading = page.body.headings.iter().any(|h| h.id == anchor);
            if !heading && (anchor.is_empty() || anchor.eq_ignore_ascii_case("top")) {
                return Ok(LinkTarget::Anchor(String::new()));
            }
            check_anchor(page, &anchor, "this page")?;
            return Ok(LinkTarget::Anchor(anchor));
        }
        let decoded = decode_path(rest).map_err(|p| path_refusal(dest, p))?;
        let resolved = join(page.path.dir(), &decoded).ok_or_else(|| {
            refusal(
                Code::BrokenLink,
                format!("the link `{dest}` points outside content/"),
                "link to a file inside content/, relative to this file",
            )
        })?;
        if let Some(target) = self.entry(page, dest, &resolved, fragment.as_deref())? {
            return Ok(target);
        }
        let nfc: String = resolved.nfc().collect();
        if let Some(path) = self.assets.get(&nfc) {
            return Ok(LinkTarget::Asset {
                path: (*path).to_owned(),
                fragment,
            });
        }
        Err(refusal(
            Code::BrokenLink,
            format!("the link `{dest}` leads to `content/{resolved}`, which does not exist"),
            self.missing_file_help(page, &resolved),
        ))
    }

    /// The page a resolved content path names, if it names one; an error
    /// if it names a draft or lacks the anchor.
    fn entry(
        &self,
        page: &Page,
        dest: &str,
        resolved: &str,
        anchor: Option<&str>,
    ) -> Result<Option<LinkTarget>, Refusal> {
        let Some(key) = self.key_for(resolved) else {
            return Ok(None);
        };
        if let Some(&entry) = self.refs.keys.get(&key) {
            if let Some(anchor) = anchor {
                let (target, _) = self
                    .site
                    .page_for(entry, &page.lang)
                    .unwrap_or((self.site.original(entry), true));
                let target = self.site.page(target);
                check_anchor(target, anchor, &format!("content/{}", target.path))?;
            }
            return Ok(Some(LinkTarget::Entry {
                entry,
                anchor: anchor.map(str::to_owned),
            }));
        }
        match self.refs.absent.get(&key) {
            // The target's own errors are reported; this link is not another one.
            Some(Absence::Failed) => Ok(Some(LinkTarget::Broken)),
            Some(Absence::Draft) => Err(refusal(
                Code::BrokenLink,
                format!("the link `{dest}` leads to a draft, which is not published"),
                "remove `draft: true` from the target, or build with `--drafts` to preview",
            )),
            None => Ok(None),
        }
    }

    /// Suggests an existing file whose name is close to the missing one's.
    fn missing_file_help(&self, page: &Page, resolved: &str) -> String {
        let name = resolved.rsplit('/').next().unwrap_or(resolved);
        if name.contains('@') && email_address::EmailAddress::is_valid(name) {
            return format!("for an e-mail address write `<{name}>` or `mailto:{name}`");
        }
        if resolved.starts_with("www.") {
            let host = resolved.trim_end_matches('/');
            return format!("for another website write the whole address: `https://{host}`");
        }
        if !self.refs.suggest {
            return String::new();
        }
        let name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_owned();
        let candidates: Vec<&str> = self
            .refs
            .sources
            .pages
            .iter()
            .map(|p| p.path.as_str())
            .chain(self.assets.values().copied())
            .filter(|p| !p.ends_with("_index.md") || resolved.ends_with("_index.md"))
            .collect();
        let names: Vec<String> = candidates.iter().map(|c| name(c)).collect();
        let wanted = name(resolved);
        match did_you_mean(&wanted, names.iter().map(String::as_str)) {
            Some(best) => {
                let c = candidates[names
                    .iter()
                    .position(|n| n == best)
                    .expect("suggestion is a candidate")];
                let errors = if self.failed(c) {
                    " (it has errors of its own, see above)"
                } else {
                    ""
                };
                format!(
                    "did you mean `content/{c}`{errors}? Link to it relative to this file: `{}`",
                    written(&relative(page.path.dir(), c))
                )
            }
            None => "link to an existing file, relative to this one (e.g. `../projekte/ibis.md`)"
                .to_owned(),
        }
    }

    /// Whether the page file at `path` (relative to `content/`) is on disk
    /// but did not parse: a suggestion of it must not read as if it were
    /// fine. An original is recorded as absent; a translation is missing
    /// from its entry although its original is there.
    fn failed(&self, path: &str) -> bool {
        let Some(source) = self
            .refs
            .sources
            .pages
            .iter()
            .find(|p| p.path.as_str() == path)
        else {
            return false;
        };
        let key = (source.section.clone(), source.stem.clone());
        if self.refs.absent.get(&key) == Some(&Absence::Failed) {
            return true;
        }
        self.refs
            .keys
            .get(&key)
            .is_some_and(|&entry| self.site.translation(entry, &source.lang).is_none())
    }

    /// The entry key a content path names: `x.md`, `x.fr.md`, `_index.md`,
    /// or a section directory.
    fn key_for(&self, path: &str) -> Option<Key> {
        let path = path.trim_end_matches('/');
        if path.is_empty() {
            // `/` or `./` from the top: the home page.
            return Some((None, INDEX.to_owned()));
        }
        let (dir, name) = match path.rsplit_once('/') {
            Some((d, n)) => (Some(d), n),
            None => (None, path),
        };
        let key = if let Some(base) = name.strip_suffix(".md") {
            let stem = match base.rsplit_once('.') {
                // A paused language's file stands for its entry too.
                Some((stem, code))
                    if self.site.languages.iter().any(|l| l.as_str() == code)
                        || self.refs.config.paused(code).is_some() =>
                {
                    stem
                }
                _ => base,
            };
            (dir.and_then(Slug::parse), stem.to_owned())
        } else if dir.is_none() {
            // Only a section directory; any other name (`flyer.pdf`) is
            // not the home page, whatever it is.
            (Some(Slug::parse(name)?), INDEX.to_owned())
        } else {
            return None;
        };
        if dir.is_some() && key.0.is_none() {
            return None;
        }
        Some(key)
    }
}

fn check_anchor(target: &Page, anchor: &str, what: &str) -> Result<(), Refusal> {
    if target.body.headings.iter().any(|h| h.id == anchor) {
        return Ok(());
    }
    let ids = target.body.headings.iter().map(|h| h.id.as_str());
    let help = match did_you_mean(anchor, ids) {
        Some(id) => format!("did you mean `#{id}`?"),
        None if target.body.headings.is_empty() => {
            format!("{what} has no headings; link to the page without `#{anchor}`")
        }
        None => format!(
            "the headings of {what} have the ids {}",
            list(
                &target
                    .body
                    .headings
                    .iter()
                    .map(|h| h.id.as_str())
                    .collect::<Vec<_>>()
            )
        ),
    };
    Err(refusal(
        Code::BrokenAnchor,
        format!("`#{anchor}` is not a heading in {what}"),
        help,
    ))
}

/// A destination as an editor writes it in Markdown: in `<…>` if it has
/// spaces or parentheses.
fn written(dest: &str) -> String {
    if dest.contains([' ', '(', ')']) {
        format!("<{dest}>")
    } else {
        dest.to_owned()
    }
}

/// The decoded `#fragment` of `dest`.
fn decode_fragment(dest: &str, fragment: &str) -> Result<String, Refusal> {
    decode_lenient(fragment).ok_or_else(|| path_refusal(dest, PathProblem::NotUtf8))
}

fn path_refusal(dest: &str, problem: PathProblem) -> Refusal {
    let (what, help) = match problem {
        PathProblem::NotUtf8 => (
            "has percent-escapes that are not UTF-8 text",
            "write the file name as it is (`Übersicht.pdf`) or encode it as UTF-8 (`%C3%9Cbersicht.pdf`)",
        ),
        PathProblem::EncodedSeparator => (
            "hides a `/` or `\\` in a percent-escape (`%2F`, `%5C`), which no file name holds",
            "write the path with plain `/` between directories",
        ),
        PathProblem::Control => (
            "holds a control character (such as `%00`), which no file name holds",
            "remove the escape; link to the file by its name",
        ),
        PathProblem::Backslash => (
            "has a `\\`, which browsers read as `/` and file names do not",
            "separate directories with `/` (`bilder/plakat.png`)",
        ),
    };
    refusal(Code::BrokenLink, format!("the link `{dest}` {what}"), help)
}

fn query_refusal(dest: &str, query: &str) -> Refusal {
    refusal(
        Code::BrokenLink,
        format!("the link `{dest}` has a query `?{query}`, which the published site ignores"),
        format!("remove `?{query}`: link to the page or file itself"),
    )
}

fn relative(from_dir: &str, to: &str) -> String {
    let up = from_dir.split('/').filter(|s| !s.is_empty()).count();
    format!("{}{to}", "../".repeat(up))
}
