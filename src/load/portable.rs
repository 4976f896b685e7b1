//! File names every editor can check out (issue 15, careless input): a
//! site lives in a git repository that editors clone on Windows and macOS
//! too. There, `Flyer.pdf` and `flyer.pdf` are one file (one overwrites
//! the other, and a link silently shows the wrong one), and `nul/plan.pdf`
//! or `aux.pdf` cannot be checked out at all. Pages are held to this by
//! their slugs; this holds the files published under `/files/` to it.

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic};
use crate::ids::is_reserved_on_windows;

/// Characters Windows does not allow in a file name (`\` also separates
/// directories there, and konzept reads it as `/`).
const FORBIDDEN: &[char] = &['<', '>', ':', '"', '|', '?', '*', '\\'];

/// The problem with a file's path below `content/`, if a checkout on
/// Windows could not hold it.
pub(super) fn problem(rel: &str) -> Option<Diagnostic> {
    if let Some(c) = rel.chars().find(|c| is_bidi_control(*c)) {
        return Some(
            Diagnostic::error(
                Code::UnsupportedPath,
                format!(
                    "the name of `content/{rel}` holds `{}`, a text-direction control that shows it in another order than it is",
                    c.escape_unicode()
                ),
            )
            .help("rename it with letters, digits and `-` (e.g. `plan-1.pdf`), and update the links to it"),
        );
    }
    let part = rel.split('/').find(|part| {
        is_reserved_on_windows(part) || part.contains(FORBIDDEN) || part.ends_with(['.', ' '])
    })?;
    let why = if is_reserved_on_windows(part) {
        let stem = part.split('.').next().unwrap_or(part);
        format!("Windows reserves `{stem}` for a device")
    } else {
        format!(
            "Windows does not allow `{part}` as a name (no `<>:\"|?*\\`, no `.` or space at its end)"
        )
    };
    Some(
        Diagnostic::error(
            Code::UnsupportedPath,
            format!("`content/{rel}` cannot be checked out on every computer: {why}"),
        )
        .help("rename it with letters, digits and `-` (e.g. `plan-1.pdf`), and update the links to it"),
    )
}

/// Characters that reorder how text around them is shown (embeddings,
/// overrides, isolates and marks).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Pairs of published files whose paths differ only in case: the later
/// one (in `rels`' order) with a diagnostic naming both.
pub(super) fn case_clashes<'a>(rels: impl Iterator<Item = &'a str>) -> Vec<(String, Diagnostic)> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut found = Vec::new();
    for rel in rels {
        match seen.get(&rel.to_lowercase()) {
            Some(first) => found.push((
                format!("content/{rel}"),
                Diagnostic::error(
                    Code::UnsupportedPath,
                    format!("`content/{rel}` and `content/{first}` differ only in upper and lower case"),
                )
                .help("rename one of them: on Windows and macOS they are one file, and one would replace the other"),
            )),
            None => {
                seen.insert(rel.to_lowercase(), rel);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_windows_cannot_hold() {
        for bad in [
            "nul/plan.pdf",
            "x/AUX.pdf",
            "con.tar.gz",
            "a:b.pdf",
            "x./a.pdf",
            "a\\b.pdf",
            "a.pdf ",
            "rechnung\u{202e}fdp.exe",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
        for good in [
            "flyer.pdf",
            "bilder/plakat-2.png",
            "auxiliar.pdf",
            "console/x.pdf",
        ] {
            assert!(problem(good).is_none(), "{good}");
        }
    }

    #[test]
    fn case_clashes_name_both() {
        let found = case_clashes(["Flyer.pdf", "a.png", "flyer.pdf", "A.PNG"].into_iter());
        let shown: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(shown, ["content/flyer.pdf", "content/A.PNG"]);
    }
}
