//! The text of every file a run read, by [`FileId`].
//!
//! `config` (`site.yaml`) and `load` (everything else) fill it, `serve`
//! replaces the text of an edited file; diagnostics point into it, and line
//! and column are computed from byte offsets only when a diagnostic is
//! shown.

use std::sync::Arc;

use super::{Code, Diagnostic};

/// Index of a file in the [`SourceMap`]. Ids are handed out in reading
/// order: `site.yaml`, `content/` in sorted path order, the UI strings in
/// `site.yaml`'s language order, the theme's files. Sorting by id sorts in
/// that order.
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

    /// Adds a file read as bytes: a UTF-8 byte-order mark is removed; text
    /// that is not UTF-8 is added lossily (so the error can show the line)
    /// and an `encoding` error pointing at the first bad byte is returned.
    pub fn add_bytes(
        &mut self,
        display: String,
        bytes: Vec<u8>,
    ) -> Result<(FileId, Arc<str>), Diagnostic> {
        match String::from_utf8(bytes) {
            Ok(text) => {
                let text: Arc<str> = Arc::from(text.strip_prefix('\u{feff}').unwrap_or(&text));
                Ok((self.add(display, text.clone()), text))
            }
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let bytes = e.as_bytes();
                let bom = usize::from(bytes.starts_with(b"\xef\xbb\xbf")) * 3;
                let lossy = String::from_utf8_lossy(&bytes[bom..]);
                let at = String::from_utf8_lossy(&bytes[bom..valid.max(bom)]).len();
                let file = self.add(display, Arc::from(lossy.as_ref()));
                Err(
                    Diagnostic::error(Code::Encoding, "the file is not valid UTF-8")
                        .at(file, at..at + 1)
                        .label("this byte is not UTF-8")
                        .help(
                            "save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)",
                        ),
                )
            }
        }
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

    #[test]
    fn add_bytes_removes_a_bom_and_points_at_the_first_bad_byte() {
        let mut map = SourceMap::new();
        let (_, text) = map
            .add_bytes("a".into(), b"\xef\xbb\xbfHallo".to_vec())
            .unwrap();
        assert_eq!(&*text, "Hallo");
        let e = map
            .add_bytes("b".into(), b"\xef\xbb\xbfab\nc\xfcd".to_vec())
            .unwrap_err();
        let loc = e.location.expect("a place");
        assert_eq!(
            map.line_col(loc.file, loc.span.expect("a span").start),
            (2, 2)
        );
    }
}
