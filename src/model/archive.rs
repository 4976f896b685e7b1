//! Archived editions (issue 17): an edition whose text is a git revision
//! of the site's repository is read in-process (`load::at_revision`),
//! parsed and assembled leniently into a [`Site`] of its own, whose URLs
//! lie below the edition's page (`de/fortschreibungen/<id>/text/…`).
//!
//! Leniency (docs/editions.md § Archived editions): old content that no
//! longer satisfies today's schema never fails today's build. A
//! front-matter field today's schema refuses (unknown, renamed, a value no
//! longer valid, set where it may not be) is dropped and the page read
//! without it; a page that still cannot be read, or whose references lead
//! nowhere in its edition, is left out; a link to a page the edition lacks
//! is shown as plain text; menu, footer and contact ids of `site.yaml` that
//! the edition lacks are left out of its pages. Each is one
//! `archived-content` warning naming the revision, the file and the line.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::ids::EntryId;
use super::site::{Failed, assemble_any};
use super::types::{Archive, Generated, LinkTarget, Page, Site};
use crate::config::{Config, Reference};
use crate::dates::PartialDate;
use crate::diag::{Code, Diagnostic, Diagnostics, FileId, Location, SourceMap};
use crate::ids::Slug;
use crate::load::{INDEX, PageSource, SourceIndex, Sources, at_revision, lenient_as};
use crate::parse::kinds::{EditionSource, Kind};
use crate::parse::{ParsedPage, markdown::placeholder};

/// The path segment below an edition's page that holds its archived text.
pub const ARCHIVE_DIR: &str = "text";

/// Rounds of dropping fields of one page, or pages of one edition, before
/// konzept gives up on it.
const MAX_ROUNDS: usize = 16;

/// An edition to archive: its entry in the current site, its id and the
/// revision that holds its text.
#[derive(Debug, Clone)]
pub struct EditionSpec {
    /// The edition's entry.
    pub entry: EntryId,
    /// Its id (`konzept-2007`).
    pub id: String,
    /// The tag, branch or commit.
    pub revision: String,
    /// When it was adopted, if known.
    pub adopted: Option<PartialDate>,
}

/// The editions whose text is a git revision (`source: git`).
pub fn git_editions(site: &Site) -> Vec<EditionSpec> {
    site.editions()
        .iter()
        .filter_map(|e| match &e.source {
            EditionSource::Git(revision) => Some(EditionSpec {
                entry: e.entry,
                id: e.id.as_str().to_owned(),
                revision: revision.clone(),
                adopted: e.adopted,
            }),
            EditionSource::Current | EditionSource::Elsewhere => None,
        })
        .collect()
}

/// Reads and assembles every edition of `editions` and keeps them in
/// `site.archives`; returns the `archived-content` warnings. An edition
/// that cannot be read at all is left out with a warning.
pub fn attach(
    site: &mut Site,
    config: &Config,
    sources: &Sources,
    map: &mut SourceMap,
    editions: &[EditionSpec],
) -> Diagnostics {
    let mut warnings = Diagnostics::new();
    for spec in editions {
        match archive(site, config, sources, map, spec) {
            Ok((archive, w)) => {
                warnings.extend(w);
                site.archives.push(archive);
            }
            Err(w) => warnings.extend(w),
        }
    }
    warnings
}

/// One archived edition, assembled.
fn archive(
    current: &Site,
    config: &Config,
    sources: &Sources,
    map: &mut SourceMap,
    spec: &EditionSpec,
) -> Result<(Archive, Diagnostics), Diagnostics> {
    let rev = spec.revision.as_str();
    let (at, mut warnings) = at_revision(config, &sources.i18n, rev, map)?;
    let mut old = at.sources;
    old.theme_i18n = sources.theme_i18n.clone();
    // Parsed in parallel as the current site's pages are; only the pages
    // that fail go through the lenient rounds, one by one.
    let first: Vec<Result<ParsedPage, Diagnostics>> = old
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, s)| crate::parse::page(SourceIndex::new(i), s, config).map(|(p, _)| p))
        .collect();
    let mut parsed = Vec::with_capacity(first.len());
    for (i, result) in first.into_iter().enumerate() {
        match result {
            Ok(page) => parsed.push(page),
            Err(errors) => parsed.extend(lenient_page(
                i,
                &mut old.pages[i],
                errors,
                config,
                map,
                rev,
                &mut warnings,
            )),
        }
    }
    let mut cfg = archived_config(config, &old, &parsed);
    let mut site = None;
    for _ in 0..MAX_ROUNDS {
        let (s, diags) = match assemble_any(parsed.clone(), &old, &cfg, Failed::Ignored) {
            Ok(assembled) => assembled,
            Err(d) => {
                for d in d {
                    warnings.push(lenient_as(d, rev, "the edition is not published"));
                }
                return Err(warnings);
            }
        };
        let mut dropped: HashSet<FileId> = HashSet::new();
        let mut in_config = false;
        let mut tolerated = Vec::new();
        let mut stuck = Vec::new();
        for d in diags.into_iter().filter(Diagnostic::is_error) {
            match d.location.as_ref().map(|l| l.file) {
                Some(f) if f == cfg.file => {
                    in_config = true;
                    stuck.push(d);
                }
                Some(_) if matches!(d.code, Code::BrokenLink | Code::BrokenAnchor) => {
                    tolerated.push(d);
                }
                Some(f) => {
                    dropped.insert(f);
                    warnings.push(lenient_as(
                        d,
                        rev,
                        "the page is left out of the archived edition",
                    ));
                }
                None => stuck.push(d),
            }
        }
        if dropped.is_empty() && stuck.is_empty() {
            for d in tolerated {
                warnings.push(lenient_as(d, rev, "the link is shown as plain text"));
            }
            site = Some(s);
            break;
        }
        if in_config && !cfg.menu.is_empty() | !cfg.footer.is_empty() | cfg.contact.is_some() {
            cfg.menu.clear();
            cfg.footer.clear();
            cfg.contact = None;
            warnings.push(
                Diagnostic::warning(
                    Code::ArchivedContent,
                    format!("{rev}: the edition's pages show no menu, footer links or footer contact: site.yaml names pages it lacks"),
                )
                .help("nothing to do: the archived edition keeps its text as it was"),
            );
        } else if dropped.is_empty() {
            for d in stuck {
                warnings.push(lenient_as(d, rev, "the edition is not published"));
            }
            return Err(warnings);
        }
        let before = parsed.len();
        drop_pages(&mut parsed, &old, config, &dropped);
        if parsed.len() == before && !in_config {
            // The errors name no page that could be left out.
            break;
        }
    }
    let Some(mut site) = site else {
        warnings.push(
            Diagnostic::warning(
                Code::ArchivedContent,
                format!("{rev}: too many pages of the edition cannot be read; it is not published"),
            )
            .help("nothing to do; or name another revision in the edition's `revision:`"),
        );
        return Err(warnings);
    };
    for page in &mut site.pages {
        unlink_broken(page);
    }
    // Matched by the URLs as the edition had them, before they move.
    let current_ids = counterparts(&site, current);
    move_under(&mut site, current, spec);
    Ok((
        Archive {
            edition: spec.entry,
            revision: spec.revision.clone(),
            commit: at.commit,
            adopted: spec.adopted,
            config: cfg,
            site,
            sources: old,
            current: current_ids,
        },
        warnings,
    ))
}

/// Parses page `i`, dropping each front-matter field today's schema
/// refuses (one warning each, at the field's line in the revision's
/// text) until it parses; `None` (with warnings) if it still does not.
fn lenient_page(
    i: usize,
    source: &mut PageSource,
    errors: Diagnostics,
    config: &Config,
    map: &mut SourceMap,
    rev: &str,
    warnings: &mut Diagnostics,
) -> Option<ParsedPage> {
    let original = source.file;
    let original_text = Arc::clone(&source.text);
    let mut lines: Vec<String> = source
        .text
        .split_inclusive('\n')
        .map(str::to_owned)
        .collect();
    let mut errors = errors;
    for _ in 0..MAX_ROUNDS {
        let mut progress = false;
        let mut left = Vec::new();
        for d in errors.into_iter().filter(Diagnostic::is_error) {
            let line = d
                .location
                .as_ref()
                .filter(|l| l.file == source.file)
                .and_then(|l| l.span.clone())
                .and_then(|span| line_of(&lines, span.start));
            match line.and_then(|l| key_block(&lines, l)) {
                Some((start, end, key)) => {
                    let span = line_span(&original_text, start);
                    let mut w = lenient_as(d, rev, &format!("the field `{key}` is left out"));
                    w.location = Some(Location {
                        file: original,
                        span: Some(span),
                    });
                    warnings.push(w);
                    for l in &mut lines[start..end] {
                        l.clear();
                        l.push('\n');
                    }
                    progress = true;
                }
                None => left.push(d),
            }
        }
        if !progress || !left.is_empty() {
            for d in left {
                warnings.push(lenient_as(
                    d,
                    rev,
                    "the page is left out of the archived edition",
                ));
            }
            return None;
        }
        let text: Arc<str> = Arc::from(lines.concat());
        source.file = map.add(map.path(original).to_owned(), Arc::clone(&text));
        source.text = text;
        errors = match crate::parse::page(SourceIndex::new(i), source, config) {
            Ok((page, _)) => return Some(page),
            Err(errors) => errors,
        };
    }
    None
}

/// The line (0-based) that holds byte `offset` of the text `lines`.
fn line_of(lines: &[String], offset: usize) -> Option<usize> {
    let mut at = 0;
    for (i, l) in lines.iter().enumerate() {
        at += l.len();
        if offset < at {
            return Some(i);
        }
    }
    None
}

/// The byte range of line `n` of `text`, without its line break.
fn line_span(text: &str, n: usize) -> std::ops::Range<usize> {
    let mut start = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i == n {
            return start..start + l.trim_end_matches(['\n', '\r']).len();
        }
        start += l.len();
    }
    start..start
}

/// The lines of the top-level front-matter field that holds line `n`
/// (start, end exclusive) and its key: the key's line and the indented or
/// list lines below it. `None` outside the front matter.
fn key_block(lines: &[String], n: usize) -> Option<(usize, usize, String)> {
    let fence = |l: &String| l.trim_end() == "---";
    if !lines.first().is_some_and(fence) {
        return None;
    }
    let close = lines
        .iter()
        .skip(1)
        .position(|l| fence(l) || l.trim_end() == "...")?
        + 1;
    if n == 0 || n >= close {
        return None;
    }
    let is_key = |l: &String| !l.starts_with([' ', '\t', '-', '#', '\n', '\r']) && l.contains(':');
    let start = (1..=n).rev().find(|&i| is_key(&lines[i]))?;
    let key = lines[start]
        .split(':')
        .next()?
        .trim()
        .trim_matches(['"', '\''])
        .to_owned();
    let end = (start + 1..close)
        .find(|&i| !lines[i].starts_with([' ', '\t', '-']))
        .unwrap_or(close);
    Some((start, end, key))
}

/// Today's config as the edition's pages use it: no search and no full
/// text (neither is published for an archived edition), and only the menu,
/// footer and contact ids the edition has.
fn archived_config(config: &Config, old: &Sources, parsed: &[ParsedPage]) -> Config {
    let keys: HashSet<(Option<&str>, &str)> = parsed
        .iter()
        .map(|p| old.page(p.source))
        .filter(|s| config.is_default(&s.lang))
        .map(|s| (s.section.as_ref().map(Slug::as_str), s.stem.as_str()))
        .collect();
    let has = |r: &Reference| match r.id.split_once('/') {
        Some((s, p)) => keys.contains(&(Some(s), p)),
        None => {
            keys.contains(&(Some(r.id.as_str()), INDEX)) || keys.contains(&(None, r.id.as_str()))
        }
    };
    let mut cfg = config.clone();
    cfg.search = false;
    cfg.full_text = Some(Vec::new());
    cfg.menu.retain(|r| has(r));
    cfg.footer.retain(|r| has(r));
    let contacts = Kind::Contact.section();
    cfg.contact = cfg
        .contact
        .filter(|r| contacts.is_some_and(|s| keys.contains(&(Some(s), r.id.as_str()))));
    cfg
}

/// Leaves out the parsed pages in `files`, and with an original its
/// translations.
fn drop_pages(
    parsed: &mut Vec<ParsedPage>,
    old: &Sources,
    config: &Config,
    files: &HashSet<FileId>,
) {
    let entries: HashSet<(Option<Slug>, String)> = parsed
        .iter()
        .map(|p| old.page(p.source))
        .filter(|s| files.contains(&s.file) && config.is_default(&s.lang))
        .map(|s| (s.section.clone(), s.stem.clone()))
        .collect();
    parsed.retain(|p| {
        let s = old.page(p.source);
        !files.contains(&s.file) && !entries.contains(&(s.section.clone(), s.stem.clone()))
    });
}

/// Turns the links of `page` that lead nowhere in its edition into plain
/// text: `<a href="…">text</a>` becomes `text`, an image its `alt` text.
fn unlink_broken(page: &mut Page) {
    if !page.links.contains(&LinkTarget::Broken) {
        return;
    }
    let mut html = std::mem::take(&mut page.body.html);
    for (n, _) in page
        .links
        .iter()
        .enumerate()
        .filter(|(_, t)| **t == LinkTarget::Broken)
    {
        let href = format!("<a href=\"{}{n}\"", placeholder());
        while let Some(start) = html.find(&href) {
            let Some(open_end) = html[start..].find('>').map(|i| start + i + 1) else {
                break;
            };
            let close = html[open_end..].find("</a>").map(|i| open_end + i);
            match close {
                Some(close) => {
                    html.replace_range(close..close + 4, "");
                    html.replace_range(start..open_end, "");
                }
                None => html.replace_range(start..open_end, ""),
            }
        }
        let src = format!("<img src=\"{}{n}\"", placeholder());
        while let Some(start) = html.find(&src) {
            let Some(end) = html[start..].find('>').map(|i| start + i + 1) else {
                break;
            };
            let alt = html[start..end]
                .split_once(" alt=\"")
                .and_then(|(_, rest)| rest.split_once('"'))
                .map_or(String::new(), |(alt, _)| alt.to_owned());
            html.replace_range(start..end, &alt);
        }
    }
    page.body.html = html;
}

/// Moves every URL of the archived `site` below the edition's page:
/// `de/projekte/a/` becomes `de/fortschreibungen/<id>/text/projekte/a/`.
fn move_under(site: &mut Site, current: &Site, spec: &EditionSpec) {
    let prefixes: Vec<String> = site
        .languages
        .iter()
        .map(|lang| match current.url(spec.entry, lang) {
            Some(url) => format!("{url}{ARCHIVE_DIR}/"),
            None => format!("{lang}/fortschreibungen/{}/{ARCHIVE_DIR}/", spec.id),
        })
        .collect();
    for urls in &mut site.urls {
        for ((url, lang), prefix) in urls.iter_mut().zip(&site.languages).zip(&prefixes) {
            if let Some(u) = url {
                let rest = u
                    .strip_prefix(lang.as_str())
                    .and_then(|r| r.strip_prefix('/'))
                    .unwrap_or(u);
                *u = format!("{prefix}{rest}");
            }
        }
    }
    site.generated = vec![Generated::default(); site.languages.len()];
}

/// For each entry of the archived `site` (its URLs not yet moved), the
/// current entry with the same content path, or else the one whose
/// `aliases` name one of its URLs (a page renamed since).
fn counterparts(site: &Site, current: &Site) -> Vec<Option<EntryId>> {
    let by_key: HashMap<(Option<&Slug>, &str), EntryId> = current
        .entries
        .iter()
        .map(|e| ((e.section.as_ref(), e.stem.as_str()), e.id))
        .collect();
    let by_alias: HashMap<&str, EntryId> = current
        .pages
        .iter()
        .flat_map(|p| p.aliases.iter().map(move |a| (a.path.as_str(), p.entry)))
        .collect();
    site.entries
        .iter()
        .map(|e| {
            by_key
                .get(&(e.section.as_ref(), e.stem.as_str()))
                .copied()
                .or_else(|| {
                    site.languages
                        .iter()
                        .find_map(|l| by_alias.get(site.url(e.id, l)?).copied())
                })
        })
        .collect()
}

impl Archive {
    /// The page of the archived edition written in `lang` at `path`
    /// (relative to `content/`, as in the revision: `projekte/ibis.md`).
    pub fn page_at(&self, lang: &crate::ids::Lang, path: &str) -> Option<&Page> {
        self.site
            .pages
            .iter()
            .find(|p| p.lang == *lang && p.path.as_str() == path)
    }

    /// The current site's entry for an archived entry, if one exists.
    pub fn counterpart(&self, entry: EntryId) -> Option<EntryId> {
        self.current.get(entry.index()).copied().flatten()
    }

    /// A page's body as plain text (tags removed, entities kept as
    /// written), for comparing editions word by word.
    pub fn plain_text(page: &Page) -> String {
        let mut out = String::with_capacity(page.body.html.len());
        let mut in_tag = false;
        for c in page.body.html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => {
                    in_tag = false;
                    out.push(' ');
                }
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}
