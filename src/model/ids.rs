//! The arena ids: [`EntryId`] and [`PageId`], typed indexes into
//! [`Site::entries`](super::Site::entries) and [`Site::pages`](super::Site::pages).

/// Index of an [`Entry`](super::Entry) (one piece of content in all its
/// languages) in [`Site::entries`](super::Site::entries).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryId(pub(crate) u32);

/// Index of a [`Page`](super::Page) (one language file of an entry) in
/// [`Site::pages`](super::Site::pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageId(pub(crate) u32);

impl EntryId {
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }
}

impl PageId {
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }
}
