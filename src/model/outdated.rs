//! When an original's translated text last changed, for the notice on its
//! translations ([`Site::outdated_by`]): a commit that changed only
//! language-neutral fields (`untranslated`, `weight`, `status`, …) or
//! per-file ones (`slug`, `aliases`, `updated`) gave translators nothing
//! to translate (docs/design.md § Translations).
//!
//! Only originals dated by git whose last commit is newer than one of
//! their translations are looked at, so most pages need no walk; for
//! those, the file's versions are compared newest first
//! ([`crate::load::FileLog`]) until one changed the body or a `Text` field
//! (title, summary, a kind's text fields). A change of comments,
//! formatting or key order in the front matter does not count; neither
//! does a body that differs only in line endings or trailing blank lines.
//! Where the answer is unknown (a bound reached, no repository) the last
//! commit counts, as it did before.

use std::collections::HashMap;
use std::path::Path;

use super::ids::PageId;
use super::types::{ChangeSource, LastChange, Site, TextChange};
use crate::diag::FileId;
use crate::parse::front_matter::split;
use crate::yaml::{self, Field, Scope};

/// The originals whose last commit changed no translated text and that
/// look newer than a translation because of it, with the last commit that
/// did change their text.
pub(super) fn text_changes(site: &Site, root: &Path) -> HashMap<PageId, TextChange> {
    let mut out = HashMap::new();
    let mut log = None;
    for entry in &site.entries {
        let id = site.original(entry.id);
        let original = site.page(id);
        let Some(last) = original.last_change else {
            continue;
        };
        let newer = entry.translations.iter().any(|&(_, page)| {
            page != id
                && site
                    .page(page)
                    .last_change
                    .is_some_and(|ours| last.is_after(&ours))
        });
        if last.source != ChangeSource::Git || !newer {
            continue;
        }
        let Some(log) = log.get_or_insert_with(|| crate::load::FileLog::open(root)) else {
            break;
        };
        let fields = entry.kind.fields();
        let path = format!("content/{}", original.path);
        let mut counts = |new: &[u8], old: &[u8]| text_differs(fields, original.file, new, old);
        let Some(time) = log.newest_change(&path, &mut counts) else {
            continue;
        };
        let older = last.at.is_some_and(|at| time.seconds < at.seconds);
        if older {
            let text = LastChange {
                date: time.date(),
                at: Some(time),
                source: ChangeSource::Git,
            };
            out.insert(id, TextChange { of: last, text });
        }
    }
    out
}

/// Whether two versions of a page file (of a kind with the front-matter
/// `fields`) differ in what translators translate: the body, or a field
/// that is not declared `Neutral` or `PerFile` (a key the kind does not
/// declare counts too). Files that cannot be read as front matter and
/// body differ (`file` only names them in errors nobody sees).
fn text_differs(fields: &[Field], file: FileId, new: &[u8], old: &[u8]) -> bool {
    let (Ok(new), Ok(old)) = (std::str::from_utf8(new), std::str::from_utf8(old)) else {
        return true;
    };
    let (new, old) = (
        new.strip_prefix('\u{feff}').unwrap_or(new),
        old.strip_prefix('\u{feff}').unwrap_or(old),
    );
    let (Ok(new), Ok(old)) = (split(new, file), split(old, file)) else {
        return true;
    };
    if body(new.body) != body(old.body) {
        return true;
    }
    let Some(changed) = yaml::changed_keys(old.yaml, new.yaml) else {
        return true;
    };
    changed.iter().any(|key| {
        fields
            .iter()
            .find(|f| f.name == key.as_str())
            .is_none_or(|f| f.scope == Scope::Text)
    })
}

/// A body as compared: line endings and trailing blank lines do not count.
fn body(text: &str) -> String {
    text.replace("\r\n", "\n").trim_end().to_owned()
}
