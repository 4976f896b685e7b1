//! The text of every file a run read, by [`FileId`].
//!
//! `load` fills it once; diagnostics point into it, and line and column are
//! computed from byte offsets only when a diagnostic is shown.

use std::sync::Arc;

/// Index of a file in the [`SourceMap`]. Ids are handed out in sorted path
/// order, so sorting by id sorts by path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(u32);

#[derive(Debug)]
struct SourceEntry {
    /// The path as the editor knows it, relative to the site root, `/`-separated.
    display: String,
    text: Arc<str>,
}

/// Owner of the text of every file read.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceEntry>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, display: String, text: Arc<str>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 2^32 source files"));
        self.files.push(SourceEntry { display, text });
        id
    }

    /// Replaces a file's text (`serve`, after an edit), keeping its id.
    pub fn replace(&mut self, id: FileId, text: Arc<str>) {
        self.files[id.0 as usize].text = text;
    }

    /// The path shown to users (`content/projekte/ibis.md`).
    pub fn path(&self, id: FileId) -> &str {
        &self.files[id.0 as usize].display
    }

    /// The file's text (BOM removed, otherwise as read).
    pub fn text(&self, id: FileId) -> &Arc<str> {
        &self.files[id.0 as usize].text
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        line_col(self.text(id), offset)
    }
}

/// 1-based line and column (in characters) of `offset` in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one_in_characters() {
        let text = "ab\nüx\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 5), (2, 2));
    }
}
