//! Load: walks `content/`, `i18n/` and the site's theme directory, reads every
//! file once into the [`SourceMap`], and classifies each content path into
//! (section, slug, language).
//!
//! `load` never parses: front matter and Markdown are `parse`'s job. It
//! reads the site's files (through `sitefs`) and the git history that dates
//! each page (`history/`); of the other stages only `config` reads a file
//! (`site.yaml`) and only `write` writes.
//!
//! This file holds the entry functions; what they return is in `types`,
//! the steps in the children: `walk` (the directory walk), `read` (one
//! file into the source map), `classify` (a content path's parts),
//! `portable` and `active` (names and files refused), `history` (git
//! dates), `theme` (the theme directory) and `memory` (a site without a
//! file system).

mod active;
mod archived;
mod classify;
mod embedded;
mod history;
mod memory;
mod portable;
mod read;
mod site_static;
mod theme;
mod types;
mod walk;

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::dates::Timestamp;
use crate::diag::{Code, Diagnostic, Diagnostics, SourceMap};
use crate::ids::ContentPath;
use active::Origin;
pub use archived::{AtRevision, at_revision, lenient_as};
use classify::classify;
pub use embedded::embedded_files;
pub use history::{
    FileLog, MAX_COMMITS as MAX_PAST_COMMITS, MAX_LOG_CHANGES, MAX_LOG_COMMITS, PastFile,
    head_holds, past_files,
};
pub use memory::from_memory;
pub(crate) use read::modified;
use read::{ReadBytes, publishable, report_at, text_of};
pub use site_static::STATIC_DIR;
pub use types::{
    Asset, CreditsSource, DataSource, Histories, I18nSource, INDEX, PageSource, SourceIndex,
    Sources, ThemeFile,
};
use walk::{Walked, walk};

/// The content section of editions (`Kind::Edition`'s): a site that has
/// it gets page histories.
pub const EDITIONS_SECTION: &str = "fortschreibungen";

/// Reads the site's files.
pub fn sources(config: &Config, map: &mut SourceMap) -> Result<Sources, Diagnostics> {
    let mut diags = Diagnostics::new();
    let content = config.root.join("content");
    if !content.is_dir() {
        diags.push(no_content_dir(&content));
        return Err(diags);
    }
    let root: Arc<Path> = Arc::from(config.root.as_path());
    // A site with editions shows every page's history: the walk then reads
    // every change, not only the last.
    let histories = content.join(EDITIONS_SECTION).is_dir();
    // Reading git history and walking `content/` are independent.
    let (walked, history) = rayon::join(
        || walk(&content, &root),
        || {
            if histories {
                history::History::read_all(&config.root)
            } else {
                history::History::read(&config.root)
            }
        },
    );
    let mut sources = Sources::default();
    let mut tally = classify::Tally::default();
    sources.histories.git = histories && history.found();
    for (walked, bytes, modified, committed) in read_pages(walked, &history) {
        let (source, rel) = match walked {
            Walked::File { file, rel } => (file, rel),
            Walked::Problem(display, d) => {
                report_at(display, d, map, &mut diags);
                continue;
            }
        };
        let display = format!("content/{rel}");
        if !rel.ends_with(".md") {
            if let Some(d) = portable::problem(&rel) {
                report_at(display, d, map, &mut diags);
                continue;
            }
            if let Some(image) = credits_of(&rel) {
                if let Some((file, text)) = text_of(source.read(), &display, map, &mut diags) {
                    sources.credits.push(CreditsSource {
                        image: ContentPath::new(image),
                        file,
                        text,
                    });
                }
                continue;
            }
            if publishable(&display, Origin::Content, || source.read(), map, &mut diags) {
                if let Some(stem) = data_stem(&rel)
                    && let Some((file, text)) = text_of(source.read(), &display, map, &mut diags)
                {
                    let stem = stem.to_owned();
                    let path = ContentPath::new(&rel);
                    sources.data.push(DataSource {
                        path,
                        stem,
                        file,
                        text,
                    });
                }
                sources.assets.push(Asset {
                    path: ContentPath::new(&rel),
                    source,
                });
            }
            continue;
        }
        let changes = history.changes(&display);
        if !changes.is_empty() {
            sources
                .histories
                .changes
                .insert(ContentPath::new(&rel), changes.to_vec());
        }
        if let Some((file, text)) = text_of(bytes, &display, map, &mut diags) {
            sources.pages.extend(
                classify(&rel, file, text, config, &mut tally, &mut diags).map(|page| PageSource {
                    committed,
                    modified,
                    ..page
                }),
            );
        }
    }
    sources.paused = tally.finish(config, &mut diags);
    let rels = sources.assets.iter().map(|a| a.path.as_str());
    for (display, d) in portable::case_clashes(rels) {
        report_at(display, d, map, &mut diags);
    }
    sources.i18n = i18n(config, map, &mut diags);
    sources.theme_i18n = embedded::theme_strings(config, map);
    sources.theme = theme::files(config, map, &mut diags);
    sources.site_static = site_static::files(config, map, &mut diags);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(sources)
    }
}

/// The section of the indicators, whose `.csv` files are their data.
pub const DATA_SECTION: &str = "indikatoren";

/// The indicator id of a data file (`indikatoren/<id>.csv`).
fn data_stem(rel: &str) -> Option<&str> {
    rel.strip_prefix(DATA_SECTION)?
        .strip_prefix('/')?
        .strip_suffix(".csv")
        .filter(|stem| !stem.contains('/'))
}

/// The image a credits file describes (`a/b.jpg` for `a/b.jpg.yaml`), if
/// `rel` is one: a `.yaml` file named after a JPEG, PNG, GIF, WebP or SVG
/// file (never published).
fn credits_of(rel: &str) -> Option<&str> {
    let image = rel.strip_suffix(".yaml")?;
    let ext = image.rsplit_once('.')?.1.to_ascii_lowercase();
    matches!(
        ext.as_str(),
        "jpg" | "jpeg" | "png" | "gif" | "webp" | "svg"
    )
    .then_some(image)
}

/// Why `content` (not a directory) cannot be loaded.
fn no_content_dir(content: &Path) -> Diagnostic {
    let message = if content.exists() {
        "`content` is a file, not a directory".to_owned()
    } else {
        format!("there is no content directory at {}", content.display())
    };
    Diagnostic::error(Code::Io, message)
        .help("create the directory `content/` with an `_index.md` for the home page")
}

/// A walked entry of `content/`, with a Markdown file's bytes, modification
/// time and last commit (other entries get none of them).
type Read = (Walked, ReadBytes, Option<Timestamp>, Option<Timestamp>);

/// Reads and dates the Markdown files of `walked`, in parallel.
fn read_pages(walked: Vec<Walked>, history: &history::History) -> Vec<Read> {
    walked
        .into_par_iter()
        .map(|w| {
            let (bytes, modified, committed) = match &w {
                Walked::File { file, rel } if rel.ends_with(".md") => {
                    let bytes = file.read();
                    let committed = bytes
                        .as_ref()
                        .ok()
                        .and_then(|b| history.last_commit(&format!("content/{rel}"), b));
                    (bytes, modified(&file.path()), committed)
                }
                _ => (Ok(Vec::new()), None, None),
            };
            (w, bytes, modified, committed)
        })
        .collect()
}

/// Reads `i18n/<lang>.yaml` of each configured language that has one.
fn i18n(config: &Config, map: &mut SourceMap, diags: &mut Diagnostics) -> Vec<I18nSource> {
    let mut out = Vec::new();
    for lang in &config.languages {
        let display = format!("i18n/{lang}.yaml");
        let path = config.root.join(&display);
        if std::fs::symlink_metadata(&path).is_err() {
            log::debug!("no {display}; the built-in theme's strings are used");
            continue;
        }
        let bytes = crate::sitefs::read(&config.root, Path::new(&display));
        if let Some((file, text)) = text_of(bytes, &display, map, diags) {
            out.push(I18nSource {
                lang: lang.clone(),
                file,
                text,
            });
        }
    }
    out
}
