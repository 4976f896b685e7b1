//! Reading one file into the [`SourceMap`], and reporting what cannot be
//! read or published: steps shared by every directory `load` walks.

use std::sync::Arc;

use super::active::{self, Origin};
use crate::dates::Timestamp;
use crate::diag::{Diagnostic, Diagnostics, FileId, SourceMap};
use crate::sitefs::Refusal;

/// A file's bytes, or why it was not read.
pub(super) type ReadBytes = Result<Vec<u8>, Refusal>;

/// Whether a file may be published as is (`active.rs`): not of an active
/// type, and, if it is an SVG image, a passive one (its text is read with
/// `bytes` and checked, with its problems reported at their lines).
pub(super) fn publishable(
    display: &str,
    origin: Origin,
    bytes: impl FnOnce() -> ReadBytes,
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
pub(super) fn report_at(
    display: String,
    d: Diagnostic,
    map: &mut SourceMap,
    diags: &mut Diagnostics,
) {
    let file = map.add(display, Arc::from(""));
    diags.push(d.in_file(file));
}

/// Reads one file's bytes into the source map; an unreadable file or text
/// that is not UTF-8 is reported, and `None` returned.
pub(super) fn text_of(
    bytes: ReadBytes,
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

/// A file's modification time (UTC), if the file system keeps one.
pub(crate) fn modified(path: &std::path::Path) -> Option<Timestamp> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    let seconds = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(Timestamp {
        seconds: i64::try_from(seconds).ok()?,
        offset_minutes: 0,
    })
}
