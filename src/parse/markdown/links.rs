//! Link and image destinations: which leave the site, which are refused,
//! and the placeholders internal ones become.
//!
//! An internal link's target depends on the *reader's* language (a
//! fallback page is read in several), so parse leaves a [`placeholder`] in
//! its `href` and `render` fills it per language. A destination that would
//! run code, load a third-party image, name a file on the writer's computer
//! or a broken e-mail address is reported here. The diagnostics have no
//! place: the caller knows where the link stands and adds it.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::LinkType;

use crate::diag::{Code, Diagnostic};
use crate::parse::{external, sanitize};

/// The prefix of the placeholders left in `href`/`src` for internal links:
/// `konzept-<nonce>-link:` with a nonce drawn once per process, so no text an
/// editor writes can be mistaken for one.
pub fn placeholder() -> &'static str {
    static PLACEHOLDER: LazyLock<String> = LazyLock::new(|| {
        use std::hash::{BuildHasher, RandomState};
        let nonce = RandomState::new().hash_one(std::process::id());
        format!("konzept-{nonce:016x}-link:")
    });
    &PLACEHOLDER
}

/// A link to something inside the site, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination as written (`../projekte/ibis.md#ziel`).
    pub dest: String,
    /// Byte range of the link in the file.
    pub span: Range<usize>,
}

/// Where a destination (as pulldown-cmark read it: CommonMark escapes and
/// entities replaced) leads, as far as one file can tell.
pub(super) enum Destination {
    /// Out of the site (a scheme, `//host`, an e-mail address): written as
    /// it is, with what is wrong with it, if anything.
    Outside(Option<Diagnostic>),
    /// A page or file of the site: left as a placeholder.
    Inside,
}

/// Where `dest` leads: e-mail addresses checked, other schemes kept,
/// anything else internal.
pub(super) fn destination(link_type: LinkType, dest: &str) -> Destination {
    // `<zib@saarbruecken.de>`: the HTML writer adds the `mailto:`.
    let address = if link_type == LinkType::Email {
        Some(dest)
    } else {
        dest.get(..7)
            .filter(|s| s.eq_ignore_ascii_case("mailto:"))
            .map(|_| &dest[7..])
    };
    if let Some(address) = address {
        return Destination::Outside(bad_address(address).map(|bad| {
            Diagnostic::error(
                Code::BrokenLink,
                if bad.is_empty() {
                    "the `mailto:` link names no e-mail address".to_owned()
                } else {
                    format!("`{bad}` is not an e-mail address readers can write to")
                },
            )
            .label("not an address")
            .help("write the whole address, e.g. `<zib@saarbruecken.de>` or `[Büro](mailto:zib@saarbruecken.de)`")
        }));
    }
    if !is_external(dest) {
        return Destination::Inside;
    }
    if let Some((message, help)) = external::problem(dest) {
        return Destination::Outside(Some(
            Diagnostic::error(Code::BrokenLink, message)
                .label("leads nowhere")
                .help(help),
        ));
    }
    Destination::Outside(on_this_computer(dest).then(|| {
        Diagnostic::error(
            Code::BrokenLink,
            "the link points to a file on this computer, which readers cannot open",
        )
        .label("a local path")
        .help("copy the file into content/ and link to it relative to this page, e.g. `[Flyer](flyer.pdf)`")
    }))
}

/// A link or image whose URL would run code or embed a document: its
/// text stays, the link goes.
pub(super) fn unsafe_link(dest: &str) -> Diagnostic {
    let shown = dest.chars().take(40).collect::<String>();
    let ellipsis = if shown.len() < dest.len() { "…" } else { "" };
    let (what, help) = if dest
        .trim_start()
        .get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case("data:"))
    {
        (
            "embeds a document instead of linking to a file of the site",
            "save it as a file in content/ and link to that file, e.g. `![Bild](bild.png)`",
        )
    } else {
        (
            "would run code in the reader's browser",
            "link to a page (`../projekte/ibis.md`) or an `https://` address",
        )
    };
    Diagnostic::warning(
        Code::UnsafeLink,
        format!("the link `{shown}{ellipsis}` {what}; only its text is shown"),
    )
    .label("only the text is kept")
    .help(help)
}

/// `[Text][label]` whose label has no definition: an error, since
/// the reader would see brackets where the writer meant a link.
pub(super) fn undefined_reference(label: &str) -> Diagnostic {
    Diagnostic::error(
        Code::BrokenLink,
        format!("the reference `[{label}]` has no definition"),
    )
    .label("shown as text, not as a link")
    .help(format!(
        "add a line `[{label}]: datei.pdf` (or a page, `seite.md`) below the paragraph, or write the destination in parentheses: `[Text](datei.pdf)`"
    ))
}

/// An image whose destination names a page, not a picture.
pub(super) fn image_of_a_page(dest: &str) -> Option<Diagnostic> {
    names_a_page(dest).then(|| {
        Diagnostic::error(
            Code::BrokenLink,
            format!("the image `{dest}` is a page, not a picture"),
        )
        .label("not an image file")
        .help("an image names a picture file in content/ (`![Plakat](plakat.png)`); to link to the page write `[text](…)` without `!`")
    })
}

/// An image from another host: an error (and the image is left out),
/// since the site makes no third-party requests and its own CSP would
/// block it anyway.
pub(super) fn third_party_image(dest: &str) -> Option<Diagnostic> {
    if !sanitize::is_remote(dest) {
        return None;
    }
    let shown: String = dest.chars().take(60).collect();
    Some(
        Diagnostic::error(
            Code::ThirdParty,
            format!("the image `{shown}` would be loaded from another site"),
        )
        .label("third-party image")
        .help(sanitize::third_party_help()),
    )
}

/// Whether following a URL would run code or show a document the site did
/// not publish: `javascript:`, `vbscript:` and `data:` URLs. Spelled the way
/// browsers read them: any case, with leading control characters and
/// embedded tabs or line breaks ignored.
///
/// ```
/// use konzept::parse::markdown::is_script_url;
/// assert!(is_script_url("JavaScript:alert(1)"));
/// assert!(is_script_url(" \u{1}java\tscript:alert(1)"));
/// assert!(!is_script_url("https://example.org/javascript:"));
/// assert!(!is_script_url("../javascript.md"));
/// ```
pub fn is_script_url(dest: &str) -> bool {
    // Most links are relative and have no scheme at all.
    if memchr::memchr(b':', dest.as_bytes()).is_none() {
        return false;
    }
    let scheme: String = dest
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|c| *c != ':')
        .take(11)
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

/// Whether an internal destination names a page (`x.md`, a directory,
/// an anchor) rather than a file: wrong for an image.
fn names_a_page(dest: &str) -> bool {
    if is_external(dest) {
        return false;
    }
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    path.is_empty() || path.ends_with('/') || path.to_ascii_lowercase().ends_with(".md")
}

/// The first address of a `mailto:` destination (without the scheme) that
/// is not a valid e-mail address, if any. `?subject=…` is allowed.
fn bad_address(to: &str) -> Option<String> {
    let to = to.split_once('?').map_or(to, |(to, _)| to);
    let to = crate::urlpath::decode_lenient(to).unwrap_or_else(|| to.to_owned());
    to.split(',')
        .map(str::trim)
        .find(|a| !email_address::EmailAddress::is_valid(a))
        .map(str::to_owned)
}

/// Whether a destination names a file on the writer's computer: a
/// `file:` URL or a Windows drive (`C:\\Users\\…`, read as a scheme).
fn on_this_computer(dest: &str) -> bool {
    dest.split_once(':').is_some_and(|(scheme, _)| {
        scheme.eq_ignore_ascii_case("file")
            || (scheme.len() == 1 && scheme.starts_with(|c: char| c.is_ascii_alphabetic()))
    })
}

/// Whether a link leaves the site: a scheme (`https:`, `mailto:`, `tel:`) or a
/// protocol-relative `//host`.
pub fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}
