//! What entries are found and sorted by: the [`Key`] naming an entry in
//! every language, why a key on disk may be [`Absent`](Absence) from the
//! site, and the reading order of entries ([`sort_key`]).
//!
//! Assembling (`site.rs`) makes keys and absences, resolving references
//! (`link/`) reads them; both sort lists of entries the same way.

use super::ids::EntryId;
use super::types::{EntryData, Site};
use crate::ids::Slug;

/// (section, stem): what identifies an entry across its languages.
pub(super) type Key = (Option<Slug>, String);

/// Why content that exists on disk is not in the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Absence {
    /// Its file has errors (already reported); references to it stay quiet.
    Failed,
    /// It is a draft and drafts are not built.
    Draft,
}

/// Where an entry stands in a list: guidelines by ordinal, editions
/// newest first (those in preparation, undated, before all), then by
/// weight, then by the original's title, then by file name.
pub fn sort_key(site: &Site, id: EntryId) -> (u32, i32, String, String) {
    let e = site.entry(id);
    let ordinal = match &e.data {
        EntryData::Guideline { ordinal } => *ordinal,
        EntryData::Edition {
            adopted: Some(date),
            ..
        } => u32::MAX - date.sort_number(),
        _ => 0,
    };
    let title = site.page(site.original(id)).title.to_lowercase();
    (ordinal, e.weight, title, e.stem.clone())
}
