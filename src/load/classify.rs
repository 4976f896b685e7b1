//! The classification of a content path: `section/stem.lang.md` split into
//! its section, stem and language, and checked: section and stem become
//! part of the page's URL, and the language must be one the site has.

use std::sync::Arc;

use super::types::{INDEX, PageSource};
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics, FileId};
use crate::ids::{ContentPath, Slug};

/// Splits `section/stem.lang.md` and validates each part.
pub(super) fn classify(
    rel: &str,
    file: FileId,
    text: Arc<str>,
    config: &Config,
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
                diags.push(
                    crate::config::unknown_lang(code, 0..0, file, &config.languages).in_file(file),
                );
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
