//! Load: walks `content/`, `i18n/` and the site's theme directory, reads every
//! file once into the [`SourceMap`], and classifies each content path into
//! (section, slug, language).
//!
//! `load` never parses: front matter and Markdown are `parse`'s job. It is,
//! with `write`, the only stage that touches the filesystem (including the
//! git history that dates each page, in `history.rs`).

mod history;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::dates::Timestamp;
use crate::diag::{Code, Diagnostic, Diagnostics, FileId, SourceMap};
use crate::model::{ContentPath, Lang, Slug};
use crate::parse::slugify;

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
    /// Where to copy it from.
    pub source: PathBuf,
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
    let paths = walk(&content, &mut diags);
    let history = history::History::read(&config.root);
    let read: Vec<Read> = paths
        .into_par_iter()
        .map(|(abs, rel)| {
            let (bytes, modified) = if rel.ends_with(".md") {
                (std::fs::read(&abs), modified(&abs))
            } else {
                (Ok(Vec::new()), None)
            };
            Read {
                abs,
                rel,
                bytes,
                modified,
            }
        })
        .collect();
    let mut sources = Sources::default();
    for Read {
        abs,
        rel,
        bytes,
        modified,
    } in read
    {
        let display = format!("content/{rel}");
        if !rel.ends_with(".md") {
            sources.assets.push(Asset {
                path: ContentPath::new(&rel),
                source: abs,
            });
            continue;
        }
        let Some(text) = text_of(bytes, &display, map, &mut diags) else {
            continue;
        };
        let committed = history.last_commit(&display);
        let file = map.add(display, text.clone());
        if let Some(mut page) = classify(&rel, file, text, config, &mut diags) {
            page.committed = committed;
            page.modified = modified;
            sources.pages.push(page);
        }
    }
    sources.i18n = i18n(config, map, &mut diags);
    sources.theme = theme(config, map, &mut diags);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(sources)
    }
}

/// One file of `content/` as read (Markdown only; other files are copied
/// later, not read).
struct Read {
    abs: PathBuf,
    rel: String,
    bytes: std::io::Result<Vec<u8>>,
    modified: Option<Timestamp>,
}

/// Every file below `dir` as (absolute, relative `/`-path), sorted; hidden
/// files and directories are skipped (logged at debug level).
fn walk(dir: &Path, diags: &mut Diagnostics) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            if hidden {
                log::debug!("skipping hidden path {}", e.path().display());
            }
            !hidden
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .expect("walkdir yields paths below its root");
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                if is_editor_temp(&rel) {
                    log::debug!("skipping editor temporary file {rel}");
                    continue;
                }
                out.push((e.path().to_path_buf(), rel));
            }
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                diags.push(
                    Diagnostic::error(Code::Io, format!("cannot read {path}"))
                        .help("check the file's permissions, and that no symbolic link points back into its own directory")
                        .source(e),
                );
            }
        }
    }
    out
}

fn is_editor_temp(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name.starts_with('#')
}

fn text_of(
    bytes: std::io::Result<Vec<u8>>,
    display: &str,
    map: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Option<Arc<str>> {
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error(Code::Io, format!("cannot read {display}"))
                    .help("check that the file exists and is readable")
                    .source(e),
            );
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = text
                .strip_prefix('\u{feff}')
                .map(str::to_owned)
                .unwrap_or(text);
            Some(Arc::from(text))
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy: Arc<str> = Arc::from(String::from_utf8_lossy(e.as_bytes()).as_ref());
            let file = map.add(display.to_owned(), lossy);
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).len();
            diags.push(
                Diagnostic::error(Code::Encoding, "the file is not valid UTF-8")
                    .at(file, prefix..prefix + 1)
                    .label("this byte is not UTF-8")
                    .help("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)"),
            );
            None
        }
    }
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
    let (stem, lang) = match base.rsplit_once('.') {
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
fn modified(path: &Path) -> Option<Timestamp> {
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
                "rename it to `{}`: lowercase letters a–z, digits and `-` only",
                slugify(text)
            )),
        );
    }
    slug
}

fn i18n(config: &Config, map: &mut SourceMap, diags: &mut Diagnostics) -> Vec<I18nSource> {
    let mut out = Vec::new();
    for lang in &config.languages {
        let display = format!("i18n/{lang}.yaml");
        let path = config.root.join("i18n").join(format!("{lang}.yaml"));
        if !path.exists() {
            log::debug!("no {display}; the theme's built-in strings are used");
            continue;
        }
        if let Some(text) = text_of(std::fs::read(&path), &display, map, diags) {
            let file = map.add(display, text.clone());
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
    for (abs, rel) in walk(&dir, diags) {
        let display = format!("themes/{}/{rel}", config.theme);
        if rel.starts_with("templates/") {
            let Some(text) = text_of(std::fs::read(&abs), &display, map, diags) else {
                continue;
            };
            let file = map.add(display, text.clone());
            out.push(ThemeFile {
                rel,
                bytes: text.as_bytes().to_vec(),
                file: Some(file),
            });
        } else if rel.starts_with("static/") {
            match std::fs::read(&abs) {
                Ok(bytes) => out.push(ThemeFile {
                    rel,
                    bytes,
                    file: None,
                }),
                Err(e) => diags
                    .push(Diagnostic::error(Code::Io, format!("cannot read {display}")).source(e)),
            }
        } else {
            log::debug!("skipping {display}: theme files live in templates/ or static/");
        }
    }
    out
}
