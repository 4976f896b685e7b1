//! Load: walks `content/`, `i18n/` and the site's theme directory, reads every
//! file once into the [`SourceMap`], and classifies each content path into
//! (section, slug, language).
//!
//! `load` never parses: front matter and Markdown are `parse`'s job. It is,
//! with `write`, the only stage that touches the filesystem (including the
//! git history that dates each page, in `history.rs`).

mod active;
mod history;
mod portable;

mod walk;

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::dates::Timestamp;
use crate::diag::{Code, Diagnostic, Diagnostics, FileId, SourceMap};
use crate::ids::{ContentPath, Lang, Slug};
use crate::sitefs::{Refusal, SiteFile};
use active::Origin;
use walk::{Walked, walk};

/// A file's bytes, or why it was not read.
type ReadBytes = Result<Vec<u8>, Refusal>;

/// The name of the index file of a section or of the home page.
pub const INDEX: &str = "_index";

/// One Markdown file of `content/`.
#[derive(Debug, Clone)]
pub struct PageSource {
    /// Its text in the source map.
    pub file: FileId,
    /// Path relative to `content/`.
    pub path: ContentPath,
    /// The section directory, `None` at the top level.
    pub section: Option<Slug>,
    /// The file name without language and `.md`: a slug, or `_index`.
    pub stem: String,
    /// Its language (from the suffix; none means the default language).
    pub lang: Lang,
    /// The text (BOM removed).
    pub text: Arc<str>,
    /// When the last git commit touched the file, if it is committed and
    /// has no uncommitted changes.
    pub committed: Option<Timestamp>,
    /// The file's modification time.
    pub modified: Option<Timestamp>,
}

impl PageSource {
    /// Whether this is an `_index` file (home page or section).
    pub fn is_index(&self) -> bool {
        self.stem == INDEX
    }
}

/// A file in `content/` that is not Markdown (an image, a PDF), copied as is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to `content/`.
    pub path: ContentPath,
    /// Where to copy it from (read through the site boundary).
    pub source: SiteFile,
}

/// `i18n/<lang>.yaml`.
#[derive(Debug, Clone)]
pub struct I18nSource {
    /// The language.
    pub lang: Lang,
    /// Its text in the source map.
    pub file: FileId,
    /// The text.
    pub text: Arc<str>,
}

/// A file of the site's own theme directory, overriding the embedded one.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Path relative to the theme directory (`templates/page.html`).
    pub rel: String,
    /// Its contents.
    pub bytes: Vec<u8>,
    /// Its text in the source map (templates only).
    pub file: Option<FileId>,
}

/// Everything read from disk.
#[derive(Debug, Default)]
pub struct Sources {
    /// Markdown files, sorted by path.
    pub pages: Vec<PageSource>,
    /// Other content files, sorted by path.
    pub assets: Vec<Asset>,
    /// UI string files, in configured language order.
    pub i18n: Vec<I18nSource>,
    /// The site's theme files (may be empty: then the embedded theme is used).
    pub theme: Vec<ThemeFile>,
}

/// Reads the site's files.
pub fn sources(config: &Config, map: &mut SourceMap) -> Result<Sources, Diagnostics> {
    let mut diags = Diagnostics::new();
    let content = config.root.join("content");
    if !content.is_dir() {
        let message = if content.exists() {
            "`content` is a file, not a directory".to_owned()
        } else {
            format!("there is no content directory at {}", content.display())
        };
        diags.push(
            Diagnostic::error(Code::Io, message)
                .help("create the directory `content/` with an `_index.md` for the home page"),
        );
        return Err(diags);
    }
    let root: Arc<Path> = Arc::from(config.root.as_path());
    // Reading git history and walking `content/` are independent.
    let (walked, history) = rayon::join(
        || walk(&content, &root),
        || history::History::read(&config.root),
    );
    type Read = (Walked, ReadBytes, Option<Timestamp>, Option<Timestamp>);
    let read: Vec<Read> = walked
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
        .collect();
    let mut sources = Sources::default();
    for (walked, bytes, modified, committed) in read {
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
            if publishable(&display, Origin::Content, || source.read(), map, &mut diags) {
                sources.assets.push(Asset {
                    path: ContentPath::new(&rel),
                    source,
                });
            }
            continue;
        }
        if let Some((file, text)) = text_of(bytes, &display, map, &mut diags) {
            sources
                .pages
                .extend(
                    classify(&rel, file, text, config, &mut diags).map(|page| PageSource {
                        committed,
                        modified,
                        ..page
                    }),
                );
        }
    }
    let rels = sources.assets.iter().map(|a| a.path.as_str());
    for (display, d) in portable::case_clashes(rels) {
        report_at(display, d, map, &mut diags);
    }
    sources.i18n = i18n(config, map, &mut diags);
    sources.theme = theme(config, map, &mut diags);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(sources)
    }
}

/// Like [`sources`], for a site held in memory: `files` are (path relative
/// to the site's directory, bytes), e.g. `("content/impressum.md", …)` and
/// `("i18n/fr.yaml", …)`. Markdown files and UI strings are classified and
/// checked exactly as on disk; other files (assets, themes) are not read
/// from memory and are skipped with a debug message. Used by the fuzz
/// targets and by embedders that keep content elsewhere.
pub fn from_memory(
    config: &Config,
    files: &[(&str, &[u8])],
    map: &mut SourceMap,
) -> Result<Sources, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut files = files.to_vec();
    files.sort_by_key(|(path, _)| *path);
    let mut sources = Sources::default();
    for (path, bytes) in &files {
        match path.strip_prefix("content/") {
            Some(rel) if rel.ends_with(".md") => {
                if let Some((file, text)) = text_of(Ok(bytes.to_vec()), path, map, &mut diags) {
                    sources
                        .pages
                        .extend(classify(rel, file, text, config, &mut diags));
                }
            }
            _ => log::debug!("in-memory build: skipping {path}"),
        }
    }
    for lang in &config.languages {
        let display = format!("i18n/{lang}.yaml");
        let Some((_, bytes)) = files.iter().find(|(p, _)| *p == display) else {
            continue;
        };
        if let Some((file, text)) = text_of(Ok(bytes.to_vec()), &display, map, &mut diags) {
            sources.i18n.push(I18nSource {
                lang: lang.clone(),
                file,
                text,
            });
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(sources)
    }
}

/// Whether a file may be published as is (`active.rs`): not of an active
/// type, and, if it is an SVG image, a passive one (its text is read with
/// `bytes` and checked, with its problems reported at their lines).
fn publishable(
    display: &str,
    origin: Origin,
    bytes: impl FnOnce() -> Result<Vec<u8>, Refusal>,
    map: &mut SourceMap,
    diags: &mut Diagnostics,
) -> bool {
    if let Some(d) = active::refused_type(display, origin) {
        report_at(display.to_owned(), d, map, diags);
        return false;
    }
    if !active::is_svg(display) {
        return true;
    }
    let Some((file, text)) = text_of(bytes(), display, map, diags) else {
        return false;
    };
    let found = active::check_svg(&text, file);
    let passive = found.is_empty();
    found.into_iter().for_each(|d| diags.push(d));
    passive
}

/// Reports a problem at a file that has no text to show.
fn report_at(display: String, d: Diagnostic, map: &mut SourceMap, diags: &mut Diagnostics) {
    let file = map.add(display, Arc::from(""));
    diags.push(d.in_file(file));
}

/// Reads one file's bytes into the source map; an unreadable file or text
/// that is not UTF-8 is reported, and `None` returned.
fn text_of(
    bytes: Result<Vec<u8>, Refusal>,
    display: &str,
    map: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Option<(FileId, Arc<str>)> {
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            report_at(display.to_owned(), e.diagnostic(display), map, diags);
            return None;
        }
    };
    map.add_bytes(display.to_owned(), bytes)
        .map_err(|d| diags.push(d))
        .ok()
}

/// Splits `section/stem.lang.md` and validates each part.
fn classify(
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

/// A file's modification time (UTC), if the file system keeps one.
pub(crate) fn modified(path: &std::path::Path) -> Option<Timestamp> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    let seconds = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(Timestamp {
        seconds: i64::try_from(seconds).ok()?,
        offset_minutes: 0,
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

fn i18n(config: &Config, map: &mut SourceMap, diags: &mut Diagnostics) -> Vec<I18nSource> {
    let mut out = Vec::new();
    for lang in &config.languages {
        let display = format!("i18n/{lang}.yaml");
        let path = config.root.join(&display);
        if std::fs::symlink_metadata(&path).is_err() {
            log::debug!("no {display}; the theme's built-in strings are used");
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

fn theme(config: &Config, map: &mut SourceMap, diags: &mut Diagnostics) -> Vec<ThemeFile> {
    let dir = config.root.join("themes").join(&config.theme);
    if !dir.is_dir() {
        if config.theme != "default" {
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    format!("there is no theme directory themes/{}", config.theme),
                )
                .at(config.file, 0..0)
                .help("create it, or remove `theme` from site.yaml to use the built-in theme"),
            );
        }
        return Vec::new();
    }
    let mut out = Vec::new();
    let root: Arc<Path> = Arc::from(config.root.as_path());
    for walked in walk(&dir, &root) {
        let (source, rel) = match walked {
            Walked::File { file, rel } => (file, rel),
            Walked::Problem(display, d) => {
                report_at(display, d, map, diags);
                continue;
            }
        };
        let display = format!("themes/{}/{rel}", config.theme);
        if rel.starts_with("templates/") {
            let Some((file, text)) = text_of(source.read(), &display, map, diags) else {
                continue;
            };
            out.push(ThemeFile {
                rel,
                bytes: text.as_bytes().to_vec(),
                file: Some(file),
            });
        } else if rel.starts_with("static/") {
            match source.read() {
                Ok(bytes) => {
                    if publishable(&display, Origin::Theme, || Ok(bytes.clone()), map, diags) {
                        out.push(ThemeFile {
                            rel,
                            bytes,
                            file: None,
                        });
                    }
                }
                Err(e) => report_at(display.clone(), e.diagnostic(&display), map, diags),
            }
        } else {
            log::debug!("skipping {display}: theme files live in templates/ or static/");
        }
    }
    out
}
