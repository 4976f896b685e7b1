//! Assembling the [`Site`] from parsed pages: grouping translations into
//! entries, inheriting neutral fields, resolving references, ordering.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::aliases;
use super::editions;
use super::i18n;
use super::ids::{EntryId, PageId};
use super::keys::{Absence, Key, sort_key};
use super::link;
use super::types::{Entry, EntryImage, LastChange, Page, Site};
use super::untranslated;
use super::urls;
use crate::config::{Config, Drafts, MissingTranslations};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ids::{Lang, Slug};
use crate::load::{INDEX, PageSource, SourceIndex, Sources};
use crate::parse::ParsedPage;
use crate::parse::kinds::Kind;

/// Builds the site. Returns it with warnings, or every error found.
pub fn assemble(
    parsed: Vec<ParsedPage>,
    sources: &Sources,
    config: &Config,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let (mut site, mut diags) = assemble_any(parsed, sources, config, Failed::Checked)?;
    site.text_changes = super::outdated::text_changes(&site, &config.root);
    super::ordinals::check(&site, &mut diags);
    diags.extend(placeholders(&site, sources));
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok((site, diags))
    }
}

/// Whether the references of originals that did not parse are checked
/// and broken links get a "did you mean" (today's site: every mistake in
/// one run, with its fix), or not (an archived edition, whose pages are
/// left out one round after another and whose warnings say "nothing to
/// do").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Failed {
    /// Checked.
    Checked,
    /// Not looked at.
    Ignored,
}

/// The placeholders left in the pages the site publishes (drafts left out
/// of this run are not among them): `parse/placeholder.rs`.
fn placeholders(site: &Site, sources: &Sources) -> Diagnostics {
    use rayon::prelude::*;
    let texts: HashMap<crate::diag::FileId, &str> =
        sources.pages.iter().map(|p| (p.file, &*p.text)).collect();
    let found: Vec<Diagnostics> = site
        .pages
        .par_iter()
        .filter_map(|page| {
            let text = texts.get(&page.file)?;
            let kind = site.entry(page.entry).kind;
            Some(crate::parse::placeholder::scan(text, page.file, kind))
        })
        .collect();
    found.into_iter().flatten().collect()
}

/// [`assemble`], returning the site even if errors were found (an archived
/// edition's, read leniently: `archive.rs`); `Err` only without a home page.
/// A reference that was not found names entry 0 and a broken link is
/// [`LinkTarget::Broken`](super::LinkTarget::Broken): the caller must leave
/// out what the errors name.
pub(super) fn assemble_any(
    parsed: Vec<ParsedPage>,
    sources: &Sources,
    config: &Config,
    failed: Failed,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let absent = absent_keys(&parsed, sources, config);
    let parsed_sources: HashSet<SourceIndex> = parsed.iter().map(|p| p.source).collect();
    let groups = group(parsed, sources, config, &absent, &mut diags);
    let keys: HashMap<Key, EntryId> = groups
        .iter()
        .enumerate()
        .map(|(i, (key, _))| {
            (
                key.clone(),
                EntryId(u32::try_from(i).expect("fewer than 2^32 entries")),
            )
        })
        .collect();
    let mut entries = Vec::with_capacity(groups.len());
    let mut pages: Vec<Page> = Vec::new();
    let refs = link::References {
        keys: &keys,
        absent: &absent,
        sources,
        config,
        suggest: failed == Failed::Checked,
    };
    if failed == Failed::Checked {
        refs.failed_references(&parsed_sources, &mut diags);
    }
    for (i, (key, group)) in groups.into_iter().enumerate() {
        let id = EntryId(u32::try_from(i).expect("fewer than 2^32 entries"));
        let original = &group[0];
        let data = refs.entry_data(original, &mut diags);
        let kind = original.kind;
        let weight = original.common.weight.unwrap_or(0);
        let untranslated = untranslated::check(original, sources, &mut diags);
        let image = original.common.image.clone().map(|written| EntryImage {
            span: original.spans.value("image"),
            written,
            path: None,
        });
        let mut translations = Vec::new();
        for parsed in group {
            let source = sources.page(parsed.source);
            let page_id = PageId(u32::try_from(pages.len()).expect("fewer than 2^32 pages"));
            translations.push((source.lang.clone(), page_id));
            pages.push(page(page_id, id, parsed, sources, &key));
        }
        translations.sort_by_key(|(l, _)| config.languages.iter().position(|c| c == l));
        entries.push(Entry {
            id,
            kind,
            section: key.0.clone(),
            stem: key.1.clone(),
            translations,
            weight,
            data,
            children: Vec::new(),
            parent: None,
            referenced_by: Vec::new(),
            untranslated,
            image,
        });
    }
    let Some(&home) = keys.get(&(None, INDEX.to_owned())) else {
        diags.push(
            Diagnostic::error(Code::MissingSectionIndex, "the site has no home page")
                .help("create `content/_index.md` with a `title` (and `_index.fr.md`, … for the other languages)"),
        );
        return Err(diags);
    };
    // No early return from here on: every check runs, so an editor sees all
    // problems at once (a missing reference does not hide a broken link).
    check_sections(&entries, &pages, &keys, &mut diags);
    let mut site = Site {
        entries,
        pages,
        home,
        languages: config.languages.clone(),
        default_lang: config.default_lang.clone(),
        fallback: config.missing_translations == MissingTranslations::Fallback,
        urls: Vec::new(),
        menu: Vec::new(),
        footer: Vec::new(),
        contact: None,
        full_text: Vec::new(),
        generated: Vec::new(),
        editions: Vec::new(),
        histories: sources.histories.clone(),
        ui: i18n::load(sources, config, &mut diags),
        archives: Vec::new(),
        images: Default::default(),
        text_changes: HashMap::new(),
    };
    site.editions = editions::collect(&site, &mut diags);
    order(&mut site, &keys);
    refs.site_references(&mut site, &mut diags);
    site.generated = urls::generated(&site, config, sources, &mut diags);
    site.urls = urls::compute(&site, &mut diags);
    aliases::check(&site, &mut diags);
    if failed == Failed::Ignored {
        // An archived edition shows no entry images (it has no image
        // table): its image fields are dropped, never a reason to leave
        // a page out.
        site.entries.iter_mut().for_each(|e| e.image = None);
        site.pages.iter_mut().for_each(|p| p.image_alt = None);
    }
    link::resolve_links(&mut site, &refs, &mut diags);
    Ok((site, diags))
}

/// Keys of originals that are on disk but did not parse, or are drafts
/// left out of this build.
fn absent_keys(parsed: &[ParsedPage], sources: &Sources, config: &Config) -> HashMap<Key, Absence> {
    let mut absent: HashMap<Key, Absence> = sources
        .pages
        .iter()
        .filter(|p| config.is_default(&p.lang))
        .map(|p| ((p.section.clone(), p.stem.clone()), Absence::Failed))
        .collect();
    // A section directory without `_index.md` is reported once, by
    // `check_sections`; menus naming it stay quiet.
    for p in &sources.pages {
        if let Some(section) = &p.section {
            absent
                .entry((Some(section.clone()), INDEX.to_owned()))
                .or_insert(Absence::Failed);
        }
    }
    for p in parsed {
        let s = sources.page(p.source);
        if !config.is_default(&s.lang) {
            continue;
        }
        let key = (s.section.clone(), s.stem.clone());
        if p.common.draft && config.drafts == Drafts::Exclude {
            absent.insert(key, Absence::Draft);
        } else {
            absent.remove(&key);
        }
    }
    absent
}

/// Groups parsed pages by entry key, original first; reports orphans and
/// drops drafts.
fn group(
    parsed: Vec<ParsedPage>,
    sources: &Sources,
    config: &Config,
    absent: &HashMap<Key, Absence>,
    diags: &mut Diagnostics,
) -> BTreeMap<Key, Vec<ParsedPage>> {
    let mut groups: BTreeMap<Key, Vec<ParsedPage>> = BTreeMap::new();
    for p in parsed {
        let s = sources.page(p.source);
        groups
            .entry((s.section.clone(), s.stem.clone()))
            .or_default()
            .push(p);
    }
    for group in groups.values_mut() {
        drop_twins(group, sources, config, diags);
    }
    groups.retain(|key, group| {
        let Some(pos) = group
            .iter()
            .position(|p| config.is_default(&sources.page(p.source).lang))
        else {
            // An original with errors of its own is not missing.
            if absent.get(key) == Some(&Absence::Failed) {
                return false;
            }
            for p in group.iter() {
                diags.push(orphan(p, sources, config));
            }
            return false;
        };
        group.swap(0, pos);
        if group[0].common.draft && config.drafts == Drafts::Exclude {
            log::debug!(
                "skipping draft {} and its translations",
                sources.page(group[0].source).path
            );
            return false;
        }
        true
    });
    groups
}

/// Reports two files of one entry in one language (`impressum.md` beside
/// `impressum.de.md`, `de` the default language): one would be dropped
/// silently, so both are named and the one with the suffix is left out.
fn drop_twins(
    group: &mut Vec<ParsedPage>,
    sources: &Sources,
    config: &Config,
    diags: &mut Diagnostics,
) {
    let path_len = |p: &ParsedPage| sources.page(p.source).path.as_str().len();
    // For each language, the index of the file kept: the shorter name,
    // the one without a suffix.
    let mut kept: Vec<(&Lang, usize)> = Vec::new();
    let mut twins = Vec::new();
    for (i, p) in group.iter().enumerate() {
        let lang = &sources.page(p.source).lang;
        match kept.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, k)) => {
                let (keep, drop) = if path_len(p) < path_len(&group[*k]) {
                    (i, *k)
                } else {
                    (*k, i)
                };
                *k = keep;
                twins.push((keep, drop));
            }
            None => kept.push((lang, i)),
        }
    }
    for &(keep, drop) in &twins {
        diags.push(twin(
            sources.page(group[keep].source),
            sources.page(group[drop].source),
            config,
        ));
    }
    let mut dropped: Vec<usize> = twins.into_iter().map(|(_, d)| d).collect();
    dropped.sort_unstable();
    for i in dropped.into_iter().rev() {
        group.remove(i);
    }
}

fn twin(kept: &PageSource, other: &PageSource, config: &Config) -> Diagnostic {
    Diagnostic::error(
        Code::UnsupportedPath,
        format!(
            "`content/{}` and `content/{}` are both the {} version of one page",
            kept.path, other.path, other.lang
        ),
    )
    .in_file(other.file)
    .label("one of two files for the same page and language")
    .help(format!(
        "keep one of the two files and delete the other; `{}` is the default language, so `content/{}` needs no language suffix",
        config.default_lang, kept.path
    ))
}

fn orphan(p: &ParsedPage, sources: &Sources, config: &Config) -> Diagnostic {
    let s = sources.page(p.source);
    let original = match &s.section {
        Some(sec) => format!("content/{sec}/{}.md", s.stem),
        None => format!("content/{}.md", s.stem),
    };
    Diagnostic::error(
        Code::OrphanTranslation,
        format!("this {} translation has no {} original", s.lang, config.default_lang),
    )
    .in_file(s.file)
    .help(format!(
        "create `{original}` (translations take their shared data from it), or rename this file if its name is misspelt"
    ))
}

fn page(id: PageId, entry: EntryId, parsed: ParsedPage, sources: &Sources, key: &Key) -> Page {
    let source = sources.page(parsed.source);
    let slug = parsed
        .common
        .slug
        .clone()
        .unwrap_or_else(|| default_slug(key));
    Page {
        id,
        entry,
        lang: source.lang.clone(),
        file: source.file,
        path: source.path.clone(),
        slug,
        title: parsed.common.title,
        summary: parsed.common.summary,
        title_lang: parsed.common.title_lang,
        last_change: LastChange::of(source.committed, parsed.common.updated, source.modified),
        text: parsed.text,
        body: parsed.body,
        links: Vec::new(),
        aliases: parsed.common.aliases,
        image_alt: parsed.common.image_alt,
        spans: parsed.spans,
    }
}

/// The slug of an entry when its file sets none: the file name, or for an
/// `_index` the section directory (the home page has none).
fn default_slug(key: &Key) -> Slug {
    match key {
        (Some(section), stem) if stem == INDEX => section.clone(),
        (None, stem) if stem == INDEX => Slug::parse("home").expect("`home` is a valid slug"),
        (_, stem) => Slug::parse(stem).expect("load invariant: file names are valid slugs"),
    }
}

fn check_sections(
    entries: &[Entry],
    pages: &[Page],
    keys: &HashMap<Key, EntryId>,
    diags: &mut Diagnostics,
) {
    let mut reported = std::collections::BTreeSet::new();
    for e in entries {
        if let Some(section) = &e.section
            && e.stem != INDEX
            && !keys.contains_key(&(Some(section.clone()), INDEX.to_owned()))
            && reported.insert(section.clone())
        {
            let file = pages[e.translations[0].1.index()].file;
            diags.push(
                Diagnostic::error(Code::MissingSectionIndex, format!("the section `{section}` has no `_index.md`"))
                    .in_file(file)
                    .help(format!(
                        "create `content/{section}/_index.md` with the section's `title` (it names the section in menus and its URL)"
                    )),
            );
        }
    }
}

/// Fills `children` of the home page and sections, in reading order:
/// guidelines by ordinal, everything else by weight, then by original title.
fn order(site: &mut Site, keys: &HashMap<Key, EntryId>) {
    let mut children: BTreeMap<EntryId, Vec<EntryId>> = BTreeMap::new();
    for e in &site.entries {
        let parent = match (&e.section, e.stem == INDEX) {
            (None, true) => continue,
            (Some(_), true) | (None, false) => site.home,
            (Some(section), false) => match keys.get(&(Some(section.clone()), INDEX.to_owned())) {
                Some(index) => *index,
                None => continue, // reported by `check_sections`
            },
        };
        if parent == site.home && e.kind == Kind::Page {
            continue;
        }
        children.entry(parent).or_default().push(e.id);
    }
    for (parent, mut list) in children {
        list.sort_by_cached_key(|id| sort_key(site, *id));
        for child in &list {
            site.entries[child.index()].parent = Some(parent);
        }
        site.entries[parent.index()].children = list;
    }
}
