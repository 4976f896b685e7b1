//! Model: the whole site as one arena of entries and pages, with every
//! reference and link resolved.
//!
//! Takes the parsed pages, the sources and the config; returns a [`Site`] or
//! all the problems found (missing references, broken links and anchors,
//! orphan translations, duplicate URLs). Translation inheritance happens here,
//! once: a translation's [`Page`] carries its own text, and its entry carries
//! the neutral data every language shares.
//!
//! The files depend on each other one way, lowest first: `ids` (the arena
//! indexes) and `i18n` (UI strings); `types` (the [`Site`] and what it
//! holds); `keys` (how entries are named and sorted while assembling);
//! `urls` and `link/` (URLs, references and links, resolved against the
//! types); `site` ([`assemble`], which runs them all). This file is only
//! the façade: it defines nothing.

mod aliases;
mod archive;
mod editions;
mod i18n;
mod ids;
mod images;
mod keys;
mod link;
mod ordinals;
mod outdated;
mod pictures;
mod site;
mod types;
mod untranslated;
mod urls;

pub use crate::parse::kinds::{EditionSource, EditionStatus};
pub use archive::{ARCHIVE_DIR, EditionSpec, attach as attach_archives, git_editions};
pub use i18n::{LANGUAGE_CODES, REQUIRED_KEYS, UiStrings, endonym};
pub use ids::{EntryId, PageId};
pub(crate) use images::is_svg;
pub use images::{CACHE_DIR, Credits, Drawing, Images, Picture, PictureVariant, VARIANTS_DIR};
pub use keys::sort_key;
pub use pictures::attach_images;
pub use site::assemble;
pub use types::{
    Archive, ChangeSource, Edition, Entry, EntryData, EntryImage, Indicator, LastChange,
    LinkTarget, Page, Site, Statement, TextChange,
};
