//! A page's `aliases:`: old site-relative paths that redirect to it. Each
//! is checked here on its own (its form); `model` checks them against every
//! URL and against each other, `render` writes a redirect page per alias
//! and `_redirects`.
//!
//! An alias becomes a file in `public/`, so its form is strict: a path from
//! the site's root made of ASCII letters, digits, `-`, `_` and `~` between
//! slashes, ending in `/` (a directory: its `index.html`) or in a last
//! segment `name.html`. Nothing else can be spelt: no `.` or `..` segment
//! or dot-file, no percent-encoding, no query or fragment, no scheme or
//! host, no backslash, no control or non-ASCII character, no empty segment,
//! no other file type (it would pass for a feed or an asset). So an alias
//! can neither leave `public/` nor name a file konzept writes in another
//! form; collisions with what konzept writes are `model`'s.

use std::ops::Range;

use crate::diag::{Code, Diagnostic, Diagnostics, FileId};

/// The longest alias accepted, in bytes (a path, not a document).
const MAX_LEN: usize = 512;

/// How many aliases one file may have.
pub const MAX_ALIASES: usize = 64;

/// One old path of a page, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The path as a site-relative URL path without the leading slash,
    /// with a trailing slash for a directory (`de/projekte/alt/`).
    pub path: String,
    /// The file it is written to in `public/` (`de/projekte/alt/index.html`).
    pub file: String,
    /// Where it is written in the file.
    pub span: Range<usize>,
}

/// Checks each alias of a file; reports every bad one at `span_of(alias)`.
pub(super) fn check(
    raw: Vec<String>,
    span_of: impl Fn(&str, usize) -> Range<usize>,
    file: FileId,
    diags: &mut Diagnostics,
) -> Vec<Alias> {
    if raw.len() > MAX_ALIASES {
        diags.push(
            Diagnostic::error(
                Code::Limit,
                format!(
                    "{} aliases on one page; at most {MAX_ALIASES} are read",
                    raw.len()
                ),
            )
            .at(file, span_of("", 0))
            .help("keep the old paths that are still linked from elsewhere"),
        );
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for text in &raw {
        let n = seen.iter().filter(|s| **s == text.as_str()).count();
        seen.push(text);
        let span = span_of(text, n);
        match form(text.trim()) {
            Ok(path) => {
                let file_path = if path.ends_with('/') {
                    format!("{path}index.html")
                } else {
                    path.clone()
                };
                out.push(Alias {
                    path,
                    file: file_path,
                    span,
                });
            }
            Err((why, help)) => diags.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("the alias `{}` {why}", shown(text)),
                )
                .at(file, span)
                .label("not an old path of this site")
                .help(help),
            ),
        }
    }
    out
}

/// The text with control characters made visible, for messages.
fn shown(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", u32::from(c))
                    .chars()
                    .collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .take(120)
        .collect()
}

const FORM: &str = "write the old path from the site's root, e.g. `/de/projekte/alter-name/`: letters, digits, `-`, `_` between slashes, ending in `/` or `.html`";

/// The normalized path (no leading slash), or why it is not one.
fn form(text: &str) -> Result<String, (String, String)> {
    let fail = |why: &str, help: &str| Err((why.to_owned(), help.to_owned()));
    if text.is_empty() {
        return fail("is empty", FORM);
    }
    if text.len() > MAX_LEN {
        return fail(&format!("is longer than {MAX_LEN} bytes"), FORM);
    }
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return fail(
            &format!("contains the control character U+{:04X}", u32::from(c)),
            "retype the path: an invisible character was pasted with it",
        );
    }
    if text.contains("://") || text.starts_with("//") || text.contains(':') {
        return fail(
            "names a scheme or a host",
            "an alias is a path of this site only, e.g. `/de/projekte/alt/`; leave out `https://` and the host",
        );
    }
    if text.contains(['?', '#']) {
        return fail(
            "has a query or a fragment",
            "a static host serves files by path only: leave out everything from `?` or `#` on",
        );
    }
    if text.contains('%') {
        return fail(
            "is percent-encoded",
            "write the path decoded; only letters, digits, `-`, `_` and `~` are allowed between slashes",
        );
    }
    if text.contains('\\') {
        return fail(
            "contains a backslash",
            "separate the parts of a path with `/`",
        );
    }
    if !text.starts_with('/') {
        return fail(
            "does not start with `/`",
            "write the old path from the site's root, starting with `/`, e.g. `/de/projekte/alt/`",
        );
    }
    let body = &text[1..];
    if body.is_empty() {
        return fail(
            "is the site's root",
            "the root is the language chooser; name an old page's path",
        );
    }
    let segments: Vec<&str> = body.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            if i == last {
                break; // the trailing slash of a directory
            }
            return fail("has an empty part (`//`)", FORM);
        }
        if *segment == "." || *segment == ".." {
            return fail(
                "has a `.` or `..` part",
                "write the old path as it was, without `.` or `..`: an alias can only name a path inside the site",
            );
        }
        let name = if i == last {
            segment
                .strip_suffix(".html")
                .or_else(|| segment.strip_suffix(".htm"))
                .unwrap_or(segment)
        } else {
            segment
        };
        if name.is_empty() || name.starts_with('.') && i != last {
            return fail("has a part that starts with `.`", FORM);
        }
        if let Some(c) = name
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '~')))
        {
            let why = if c == '.' {
                "names a file that is not a page (an alias ends in `/` or `.html`)".to_owned()
            } else if c.is_ascii() {
                format!("contains `{c}`")
            } else {
                format!("contains `{c}`, which is not ASCII")
            };
            return Err((why, FORM.to_owned()));
        }
    }
    let mut path = body.to_owned();
    let is_page = path.ends_with(".html") || path.ends_with(".htm");
    if !path.ends_with('/') && !is_page {
        // `/de/alt` is served as the directory `/de/alt/` by static hosts.
        path.push('/');
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::form;

    #[test]
    fn good_paths_are_normalized() {
        assert_eq!(form("/de/projekte/alt/").unwrap(), "de/projekte/alt/");
        assert_eq!(form("/de/projekte/alt").unwrap(), "de/projekte/alt/");
        assert_eq!(form("/alt.html").unwrap(), "alt.html");
        assert_eq!(form("/Alt_Seite~2/").unwrap(), "Alt_Seite~2/");
    }

    #[test]
    fn anything_that_could_leave_public_or_name_another_file_is_refused() {
        for bad in [
            "",
            "de/alt/",
            "/",
            "//host/x/",
            "https://example.org/x/",
            "/de/../../etc/",
            "/de/./x/",
            "/de//x/",
            "/de/%2e%2e/x/",
            "/de/x?y=1",
            "/de/x#top",
            "/de\\x/",
            "/.git/config",
            "/de/feed.xml",
            "/de/bild.png",
            "/de/ü/",
            "/de/a b/",
            "/de/x\u{0}/",
            "/de/x\u{202e}/",
            "/de/.hidden/",
            "/javascript:alert(1)",
            "/de/.html",
        ] {
            assert!(form(bad).is_err(), "{bad:?} passed");
        }
    }
}
