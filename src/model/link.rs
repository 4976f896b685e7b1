//! Links and references: front-matter ids (project → contact, project →
//! guidelines, `site.yaml` → pages), Markdown links to `.md` files and
//! anchors, and the reverse edges (a guideline's projects).

use std::collections::HashMap;

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::site::{Absence, Key};
use super::{EntryData, EntryId, Site, Slug};
use crate::config::{Config, Reference};
use crate::diag::{Code, Diagnostic, Diagnostics, FileId, did_you_mean};
use crate::load::{INDEX, Sources};
use crate::parse::{KindData, ParsedPage};
use crate::urlpath::{PathProblem, decode_lenient, decode_path, join};

/// What an internal Markdown link points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Another page (in the reader's language when rendered), maybe an anchor in it.
    Entry {
        /// The entry.
        entry: EntryId,
        /// The `#fragment`, without `#`.
        anchor: Option<String>,
    },
    /// A non-Markdown file in `content/`.
    Asset {
        /// Its content path, as on disk.
        path: String,
        /// The `#fragment` (`page=2`), without `#`, decoded.
        fragment: Option<String>,
    },
    /// An anchor in the same page (`""`: its top).
    Anchor(String),
    /// Could not be resolved (an error was reported; the build fails).
    Broken,
}

/// Resolves front-matter references while entries are built.
pub(super) struct References<'a> {
    pub(super) keys: &'a HashMap<Key, EntryId>,
    pub(super) absent: &'a HashMap<Key, Absence>,
    pub(super) sources: &'a Sources,
    pub(super) config: &'a Config,
}

impl References<'_> {
    /// The neutral data of an entry, from its original's parsed fields.
    pub(super) fn entry_data(&self, original: &ParsedPage, diags: &mut Diagnostics) -> EntryData {
        let source = &self.sources.pages[original.source];
        let text: &str = &source.text;
        match &original.data {
            KindData::Page => EntryData::Page,
            KindData::Guideline { ordinal, .. } => EntryData::Guideline {
                ordinal: ordinal.expect("parse invariant: originals have `ordinal`"),
            },
            KindData::Project(p) => {
                let id = p
                    .contact
                    .as_deref()
                    .expect("parse invariant: originals have `contact`");
                let span = original.spans.item(text, "contact", id);
                let contact = self.reference(id, "kontakte", "contact", source.file, span, diags);
                let guidelines = p
                    .guidelines
                    .iter()
                    .map(|g| {
                        let span = original.spans.item(text, "guidelines", g);
                        self.reference(g, "leitlinien", "guideline", source.file, span, diags)
                    })
                    .collect();
                EntryData::Project {
                    duration: p.duration,
                    contact,
                    guidelines,
                    districts: p.districts.clone(),
                    status: p.status,
                }
            }
            KindData::Contact(c) => {
                for code in &c.languages {
                    if super::i18n::endonym(code).is_none() {
                        let span = original.spans.item(text, "languages", code);
                        diags.push(unknown_language_code(code, source.file, span));
                    }
                }
                for (i, h) in c.hours.iter().enumerate() {
                    if let Some(d) = bad_hours(h, i, &original.spans, source.file) {
                        diags.push(d);
                    }
                }
                let req = |v: &Option<String>| {
                    v.clone()
                        .expect("parse invariant: required contact field present")
                };
                EntryData::Contact {
                    name: c.name.clone(),
                    street: req(&c.street),
                    postal_code: req(&c.postal_code),
                    email: req(&c.email),
                    phone: req(&c.phone),
                    hours: c.hours.clone(),
                    languages: c.languages.clone(),
                }
            }
        }
    }

    /// Resolves a front-matter id to an entry of `section`.
    fn reference(
        &self,
        id: &str,
        section: &str,
        what: &str,
        file: FileId,
        span: std::ops::Range<usize>,
        diags: &mut Diagnostics,
    ) -> EntryId {
        let section_slug = Slug::parse(section).expect("kind sections are valid slugs");
        let key = (Some(section_slug.clone()), id.to_owned());
        if let Some(entry) = self.keys.get(&key).filter(|_| id != INDEX) {
            return *entry;
        }
        if let Some(d) = self.absent_diagnostic(&key, file, span.clone()) {
            diags.extend(d.into_iter().collect());
            return EntryId(0);
        }
        let candidates: Vec<&str> = self
            .keys
            .keys()
            .filter(|(s, stem)| s.as_ref() == Some(&section_slug) && stem != INDEX)
            .map(|(_, stem)| stem.as_str())
            .collect();
        let help = match did_you_mean(id, candidates.iter().copied()) {
            Some(c) => format!("did you mean `{c}`?"),
            None if candidates.is_empty() => format!("create `content/{section}/{id}.md`"),
            None => format!("the {what} ids are: {}", list(&candidates)),
        };
        diags.push(
            Diagnostic::error(Code::MissingReference, format!("there is no {what} `{id}`"))
                .at(file, span)
                .label(format!("no file content/{section}/{id}.md"))
                .help(help),
        );
        EntryId(0)
    }

    /// For a key that exists on disk but is not in the site: nothing to add
    /// if its own errors were reported, or an error saying it is a draft.
    /// `None` if the key does not exist at all.
    fn absent_diagnostic(
        &self,
        key: &Key,
        file: FileId,
        span: std::ops::Range<usize>,
    ) -> Option<Option<Diagnostic>> {
        match self.absent.get(key)? {
            Absence::Failed => Some(None),
            Absence::Draft => {
                let path = match &key.0 {
                    Some(s) => format!("content/{s}/{}.md", key.1),
                    None => format!("content/{}.md", key.1),
                };
                Some(Some(
                    Diagnostic::error(
                        Code::MissingReference,
                        format!("`{path}` is a draft and is not published"),
                    )
                    .at(file, span)
                    .help("remove `draft: true` from it, or build with `--drafts` to preview"),
                ))
            }
        }
    }

    /// Resolves the ids in `site.yaml` and computes reverse edges.
    pub(super) fn site_references(&self, site: &mut Site, diags: &mut Diagnostics) {
        site.contact = self.config.contact.as_ref().map(|r| {
            let file = self.config.file;
            self.reference(&r.id, "kontakte", "contact", file, r.span.clone(), diags)
        });
        site.menu = self
            .config
            .menu
            .iter()
            .map(|r| self.page_ref(r, diags))
            .collect();
        site.footer = self
            .config
            .footer
            .iter()
            .map(|r| self.page_ref(r, diags))
            .collect();
        site.full_text = match &self.config.full_text {
            Some(refs) => refs.iter().map(|r| self.page_ref(r, diags)).collect(),
            None => site.menu.clone(),
        };
        let mut edges: Vec<(EntryId, EntryId)> = Vec::new();
        for e in &site.entries {
            if let EntryData::Project {
                contact,
                guidelines,
                ..
            } = &e.data
            {
                edges.push((*contact, e.id));
                edges.extend(guidelines.iter().map(|g| (*g, e.id)));
            }
        }
        for (target, project) in edges {
            site.entries[target.index()].referenced_by.push(project);
        }
        for i in 0..site.entries.len() {
            let mut list = std::mem::take(&mut site.entries[i].referenced_by);
            list.sort_unstable();
            list.dedup();
            list.sort_by_cached_key(|id| super::site::sort_key(site, *id));
            site.entries[i].referenced_by = list;
        }
    }

    /// A menu or footer id: a section directory, a top-level page, or `section/page`.
    fn page_ref(&self, r: &Reference, diags: &mut Diagnostics) -> EntryId {
        let key = match r.id.split_once('/') {
            Some((s, p)) => Slug::parse(s).map(|s| (Some(s), p.to_owned())),
            None => match Slug::parse(&r.id) {
                Some(s)
                    if self.keys.contains_key(&(Some(s.clone()), INDEX.to_owned()))
                        || self
                            .absent
                            .contains_key(&(Some(s.clone()), INDEX.to_owned())) =>
                {
                    Some((Some(s), INDEX.to_owned()))
                }
                _ => Some((None, r.id.clone())),
            },
        };
        if let Some(key) = key {
            if let Some(id) = self.keys.get(&key) {
                return *id;
            }
            if let Some(d) = self.absent_diagnostic(&key, self.config.file, r.span.clone()) {
                diags.extend(d.into_iter().collect());
                return EntryId(0);
            }
        }
        let candidates: Vec<String> = self
            .keys
            .keys()
            .filter_map(|(s, stem)| match (s, stem.as_str()) {
                (Some(s), INDEX) => Some(s.to_string()),
                (None, INDEX) => None,
                (None, stem) => Some(stem.to_owned()),
                (Some(s), stem) => Some(format!("{s}/{stem}")),
            })
            .collect();
        let help = match did_you_mean(&r.id, candidates.iter().map(String::as_str)) {
            Some(c) => format!("did you mean `{c}`?"),
            None => "name a section directory (`projekte`), a top-level page (`impressum`) or `section/page`".to_owned(),
        };
        diags.push(
            Diagnostic::error(
                Code::MissingReference,
                format!("there is no page or section `{}`", r.id),
            )
            .at(self.config.file, r.span.clone())
            .help(help),
        );
        EntryId(0)
    }
}

fn unknown_language_code(code: &str, file: FileId, span: std::ops::Range<usize>) -> Diagnostic {
    let help = match did_you_mean(code, super::i18n::LANGUAGE_CODES.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None => "use an ISO 639-1 code such as `de`, `fr`, `en`, `tr`, `ar`".to_owned(),
    };
    Diagnostic::error(
        Code::InvalidValue,
        format!("`{code}` is not a language code konzept knows"),
    )
    .at(file, span)
    .help(help)
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Resolves every Markdown link of every page and checks anchors.
pub(super) fn resolve_links(site: &mut Site, refs: &References<'_>, diags: &mut Diagnostics) {
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
    for (page, (links, d)) in site.pages.iter_mut().zip(results) {
        page.links = links;
        diags.extend(d);
    }
}

/// Why a link was refused: code, message, help.
type Refusal = (Code, String, String);

struct Resolver<'a> {
    site: &'a Site,
    refs: &'a References<'a>,
    /// NFC content path → the asset's path as on disk.
    assets: &'a HashMap<String, &'a str>,
}

impl Resolver<'_> {
    fn page(&self, page: &super::Page) -> (Vec<LinkTarget>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let links = page
            .body
            .links
            .iter()
            .map(|link| match self.link(page, &link.dest) {
                Ok(target) => target,
                Err((code, message, help)) => {
                    diags.push(
                        Diagnostic::error(code, message)
                            .at(page.file, link.span.clone())
                            .help(help),
                    );
                    LinkTarget::Broken
                }
            })
            .collect();
        (links, diags)
    }

    /// Resolves a destination as pulldown-cmark read it (escapes and
    /// entities already replaced, percent-escapes as written).
    fn link(&self, page: &super::Page, dest: &str) -> Result<LinkTarget, Refusal> {
        let (rest, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(decode_fragment(dest, f)?)),
            None => (dest, None),
        };
        if let Some((_, query)) = rest.split_once('?') {
            return Err(query_refusal(dest, query));
        }
        if rest.is_empty() {
            let Some(anchor) = fragment else {
                return Err((
                    Code::BrokenLink,
                    "the link has no destination".to_owned(),
                    "write where it leads between the parentheses: a page (`impressum.md`), \
                     a file (`flyer.pdf`), a heading (`#ziele`) or an `https://` address"
                        .to_owned(),
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
            (
                Code::BrokenLink,
                format!("the link `{dest}` points outside content/"),
                "link to a file inside content/, relative to this file".to_owned(),
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
        Err((
            Code::BrokenLink,
            format!("the link `{dest}` leads to `content/{resolved}`, which does not exist"),
            self.missing_file_help(page, &resolved),
        ))
    }

    /// The page a resolved content path names, if it names one; an error
    /// if it names a draft or lacks the anchor.
    fn entry(
        &self,
        page: &super::Page,
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
            Some(Absence::Draft) => Err((
                Code::BrokenLink,
                format!("the link `{dest}` leads to a draft, which is not published"),
                "remove `draft: true` from the target, or build with `--drafts` to preview"
                    .to_owned(),
            )),
            None => Ok(None),
        }
    }

    /// Suggests an existing file whose name is close to the missing one's.
    fn missing_file_help(&self, page: &super::Page, resolved: &str) -> String {
        let name = resolved.rsplit('/').next().unwrap_or(resolved);
        if name.contains('@') && email_address::EmailAddress::is_valid(name) {
            return format!("for an e-mail address write `<{name}>` or `mailto:{name}`");
        }
        if resolved.starts_with("www.") {
            let host = resolved.trim_end_matches('/');
            return format!("for another website write the whole address: `https://{host}`");
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
                format!(
                    "did you mean `content/{c}`? Link to it relative to this file: `{}`",
                    written(&relative(page.path.dir(), c))
                )
            }
            None => "link to an existing file, relative to this one (e.g. `../projekte/ibis.md`)"
                .to_owned(),
        }
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
                Some((stem, code)) if self.site.languages.iter().any(|l| l.as_str() == code) => {
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

fn check_anchor(
    target: &super::Page,
    anchor: &str,
    what: &str,
) -> Result<(), (Code, String, String)> {
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
    Err((
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
    (
        Code::BrokenLink,
        format!("the link `{dest}` {what}"),
        help.to_owned(),
    )
}

fn query_refusal(dest: &str, query: &str) -> Refusal {
    (
        Code::BrokenLink,
        format!("the link `{dest}` has a query `?{query}`, which the published site ignores"),
        format!("remove `?{query}`: link to the page or file itself"),
    )
}

fn relative(from_dir: &str, to: &str) -> String {
    let up = from_dir.split('/').filter(|s| !s.is_empty()).count();
    format!("{}{to}", "../".repeat(up))
}

/// Opening hours that close before they open, or name no day.
fn bad_hours(
    h: &crate::parse::kinds::OpeningHours,
    index: usize,
    spans: &crate::parse::front_matter::KeySpans,
    file: FileId,
) -> Option<Diagnostic> {
    let span = spans.value("hours");
    let which = format!("entry {} of `hours`", index + 1);
    if h.days.is_empty() {
        return Some(
            Diagnostic::error(Code::InvalidValue, format!("{which} names no day"))
                .at(file, span)
                .help("list the days it applies to, e.g. `days: [mo, tu, we, th, fr]`"),
        );
    }
    (h.closes <= h.opens).then(|| {
        Diagnostic::error(
            Code::InvalidValue,
            format!(
                "{which} closes at {} but opens at {}",
                h.closes, h.opens
            ),
        )
        .at(file, span)
        .help("`opens` is the earlier time: swap the two, or write separate entries for the morning and the afternoon")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_resolves_dots_and_refuses_to_escape() {
        assert_eq!(
            join("projekte", "../leitlinien/a.md").as_deref(),
            Some("leitlinien/a.md")
        );
        assert_eq!(join("", "./a.md").as_deref(), Some("a.md"));
        assert_eq!(
            join("projekte", "/impressum.md").as_deref(),
            Some("impressum.md")
        );
        assert_eq!(join("", "../a.md"), None);
    }
}
