//! The classification of a content path: `section/stem.lang.md` split into
//! its section, stem and language, and checked: section and stem become
//! part of the page's URL, and the language must be one the site has.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::types::{INDEX, PageSource};
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics, FileId};
use crate::ids::{ContentPath, Lang, Slug};

/// The files [`classify`] set aside by their language code: those of a
/// paused language (kept, not published), and those of a language the site
/// does not have, reported once per language by [`Tally::finish`].
#[derive(Debug, Default)]
pub(super) struct Tally {
    paused: BTreeMap<Lang, usize>,
    unknown: BTreeMap<String, Vec<(FileId, String)>>,
}

impl Tally {
    /// Reports the files of languages the site does not have: one error
    /// per language code (a language removed from `languages` is one
    /// mistake, not one per file). Returns each paused language with its
    /// number of files, in `paused_languages` order.
    pub(super) fn finish(self, config: &Config, diags: &mut Diagnostics) -> Vec<(Lang, usize)> {
        for (code, files) in self.unknown {
            if files.len() == 1 || Lang::parse(&code).is_none() {
                for (file, _) in &files {
                    let d = crate::config::unknown_lang(&code, 0..0, *file, &config.languages);
                    diags.push(d.in_file(*file));
                }
                continue;
            }
            let (first, path) = &files[0];
            let mut d = Diagnostic::error(
                Code::UnknownLanguage,
                format!(
                    "{} files are in `{code}` (`content/{path}` and others), which is not one of the site's languages",
                    files.len()
                ),
            )
            .in_file(*first)
            .help(format!(
                "add `{code}` to `languages` in site.yaml to publish them, \
                 or to `languages` and `paused_languages` to keep them unpublished"
            ));
            for (file, _) in files.iter().skip(1).take(MAX_NAMED) {
                d = d.secondary(*file, None, format!("also in `{code}`"));
            }
            diags.push(d);
        }
        config
            .paused
            .iter()
            .map(|l| (l.clone(), self.paused.get(l).copied().unwrap_or(0)))
            .collect()
    }
}

/// How many further files of an unknown language an error names.
const MAX_NAMED: usize = 4;

/// Splits `section/stem.lang.md` and validates each part. A file of a
/// paused language, or of a language the site does not have, is counted
/// in `tally` and left out.
pub(super) fn classify(
    rel: &str,
    file: FileId,
    text: Arc<str>,
    config: &Config,
    tally: &mut Tally,
    diags: &mut Diagnostics,
) -> Option<PageSource> {
    let parts: Vec<&str> = rel.split('/').collect();
    let (section, name) = match parts.as_slice() {
        [name] => (None, *name),
        [section, name] => (Some(*section), *name),
        _ => {
            diags.push(
                Diagnostic::error(Code::UnsupportedPath, format!("`content/{rel}` is nested too deeply"))
                    .in_file(file)
                    .help("pages live in `content/` or one section directory below it, e.g. `content/projekte/name.md`"),
            );
            return None;
        }
    };
    let base = name
        .strip_suffix(".md")
        .expect("only .md files are classified");
    // `bericht..md` has no language code: its name is wrong, reported below.
    let (stem, lang) = match base.rsplit_once('.').filter(|(_, code)| !code.is_empty()) {
        Some((stem, code)) => match config.lang(code) {
            Some(lang) => (stem, lang.clone()),
            None => {
                match config.paused(code) {
                    Some(lang) => *tally.paused.entry(lang.clone()).or_default() += 1,
                    None => tally
                        .unknown
                        .entry(code.to_owned())
                        .or_default()
                        .push((file, rel.to_owned())),
                }
                return None;
            }
        },
        None => (base, config.default_lang.clone()),
    };
    let section = match section {
        Some(s) => Some(valid_slug(s, "section directory", file, diags)?),
        None => None,
    };
    if stem != INDEX {
        valid_slug(stem, "file name", file, diags)?;
    }
    Some(PageSource {
        file,
        path: ContentPath::new(rel),
        section,
        stem: stem.to_owned(),
        lang,
        text,
        committed: None,
        modified: None,
    })
}

fn valid_slug(text: &str, what: &str, file: FileId, diags: &mut Diagnostics) -> Option<Slug> {
    let slug = Slug::parse(text);
    if slug.is_none() {
        diags.push(
            Diagnostic::error(
                Code::UnsupportedPath,
                format!("`{text}` cannot be used as a {what}: it becomes part of the URL"),
            )
            .in_file(file)
            .help(format!(
                "rename it to `{}`: {}",
                Slug::suggestion(text),
                Slug::rule(text)
            )),
        );
    }
    slug
}
