//! What `load` gives the later stages: the site's files, read and
//! classified, in one [`Sources`]. Nothing here touches the file system.

use std::collections::HashMap;
use std::sync::Arc;

use crate::dates::Timestamp;
use crate::diag::FileId;
use crate::ids::{ContentPath, Lang, Slug};
use crate::sitefs::SiteFile;

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

/// An indicator's data file (`indikatoren/<slug>.csv`): an [`Asset`] that
/// is also read as text, so its problems are shown at their lines.
#[derive(Debug, Clone)]
pub struct DataSource {
    /// Path relative to `content/`.
    pub path: ContentPath,
    /// The file name without `.csv`: the indicator's id.
    pub stem: String,
    /// Its text in the source map.
    pub file: FileId,
    /// The text (BOM removed).
    pub text: Arc<str>,
}

/// An image's credits file (`rathaus.jpg.yaml` beside `rathaus.jpg`): read
/// as text, never published (docs/images.md).
#[derive(Debug, Clone)]
pub struct CreditsSource {
    /// Path of the image it describes, relative to `content/`.
    pub image: ContentPath,
    /// Its text in the source map.
    pub file: FileId,
    /// The text (BOM removed).
    pub text: Arc<str>,
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

/// A page file by its place in [`Sources::pages`] (sorted by path).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceIndex(usize);

impl SourceIndex {
    /// The index of the `i`-th page of [`Sources::pages`].
    pub fn new(i: usize) -> SourceIndex {
        SourceIndex(i)
    }

    /// Its place in [`Sources::pages`].
    pub fn index(self) -> usize {
        self.0
    }
}

/// Everything read from disk.
#[derive(Debug, Default)]
pub struct Sources {
    /// Markdown files, sorted by path.
    pub pages: Vec<PageSource>,
    /// Other content files, sorted by path.
    pub assets: Vec<Asset>,
    /// The indicators' data files (also among `assets`), sorted by path.
    pub data: Vec<DataSource>,
    /// The images' credits files (not among `assets`), sorted by path.
    pub credits: Vec<CreditsSource>,
    /// UI string files, in configured language order.
    pub i18n: Vec<I18nSource>,
    /// The embedded default theme's UI strings of the configured languages
    /// it has, the base each site file overrides key by key.
    pub theme_i18n: Vec<I18nSource>,
    /// The site's theme files (may be empty: then the embedded theme is used).
    pub theme: Vec<ThemeFile>,
    /// The site's `static/` files (`rel`: `static/logo.svg`), sorted.
    pub site_static: Vec<ThemeFile>,
    /// The pages' change dates from git, read for sites with page
    /// histories (an editions section) only.
    pub histories: Histories,
    /// Each paused language (`paused_languages`) with the number of its
    /// files kept but not published.
    pub paused: Vec<(Lang, usize)>,
}

/// When each page file changed, from git (docs/editions.md § Page
/// histories).
#[derive(Debug, Default, Clone)]
pub struct Histories {
    /// Whether the site lies in a git repository that could be read (a
    /// history without one says so).
    pub git: bool,
    /// The dates of the commits that changed each committed page file,
    /// newest first (bounded), by path relative to `content/`.
    pub changes: HashMap<ContentPath, Vec<Timestamp>>,
}

impl Sources {
    /// One line per paused language for build and check to print: which
    /// language is paused and how many of its files are kept.
    pub fn notes(&self) -> Vec<String> {
        self.paused
            .iter()
            .map(|(lang, n)| {
                format!(
                    "note: `{lang}` is paused (`paused_languages` in site.yaml): \
                     {n} file{} kept, not published",
                    if *n == 1 { "" } else { "s" }
                )
            })
            .collect()
    }

    /// The page file at `index`.
    pub fn page(&self, index: SourceIndex) -> &PageSource {
        &self.pages[index.index()]
    }

    /// Every page file with its index, in path order.
    pub fn indexed_pages(&self) -> impl Iterator<Item = (SourceIndex, &PageSource)> {
        self.pages
            .iter()
            .enumerate()
            .map(|(i, p)| (SourceIndex(i), p))
    }
}
