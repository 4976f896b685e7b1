//! Relative paths and percent-encoding, shared by link resolution in
//! `model`, the output link check and the preview server's request paths.

/// Joins `rel` to the directory `dir` (both `/`-separated), resolving `.` and
/// `..`. A leading `/` in `rel` starts from the root. Keeps a trailing `/`
/// (also for `x/.` and `x/..`). `None` if the path climbs above the root.
///
/// ```
/// use konzept::urlpath::join;
/// assert_eq!(join("projekte", "../leitlinien/a.md").as_deref(), Some("leitlinien/a.md"));
/// assert_eq!(join("de/a", "../b/").as_deref(), Some("de/b/"));
/// assert_eq!(join("", "../a.md"), None);
/// ```
pub fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = if rel.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    let trailing = rel.ends_with('/') || rel.ends_with("/.") || rel.ends_with("/..");
    for segment in rel.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if trailing && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

/// Decodes `%XX` escapes; `None` if an escape is malformed or the result is
/// not UTF-8.
///
/// ```
/// use konzept::urlpath::percent_decode;
/// assert_eq!(percent_decode("%C3%BCber").as_deref(), Some("über"));
/// assert_eq!(percent_decode("%zz"), None);
/// assert_eq!(percent_decode("%+1"), None);
/// ```
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            // `from_str_radix` would also take a sign (`%+1`).
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Why a link's path names no file konzept could write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathProblem {
    /// The escapes decode to bytes that are not UTF-8 (`%FF`).
    NotUtf8,
    /// A segment decodes to a `/` or `\` (`a%2Fb`): no file name holds one,
    /// and servers disagree on what such a path means.
    EncodedSeparator,
    /// A segment holds a control character (`%00`, a raw tab).
    Control,
    /// A `\`, which browsers read as `/` but file names on Unix do not.
    Backslash,
}

/// Decodes a link's path the way a browser and a static server read it:
/// each `/`-separated segment is percent-decoded on its own (so `%2e%2e`
/// is `..`, as browsers treat it), a `%` not followed by two hex digits
/// stays a `%` (CommonMark renderers write it as `%25`). The segments are
/// returned joined with `/`; `..` and `.` are left for [`join`].
///
/// ```
/// use konzept::urlpath::{decode_path, PathProblem};
/// assert_eq!(decode_path("mein%20flyer.pdf").as_deref(), Ok("mein flyer.pdf"));
/// assert_eq!(decode_path("%2e%2e/100%.pdf").as_deref(), Ok("../100%.pdf"));
/// assert_eq!(decode_path("a%2Fb.pdf"), Err(PathProblem::EncodedSeparator));
/// assert_eq!(decode_path("a%00.pdf"), Err(PathProblem::Control));
/// ```
pub fn decode_path(path: &str) -> Result<String, PathProblem> {
    if path.contains('\\') {
        return Err(PathProblem::Backslash);
    }
    let mut out = String::with_capacity(path.len());
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        let decoded = decode_lenient(segment).ok_or(PathProblem::NotUtf8)?;
        if decoded.contains(['/', '\\']) {
            return Err(PathProblem::EncodedSeparator);
        }
        if decoded.chars().any(char::is_control) {
            return Err(PathProblem::Control);
        }
        out.push_str(&decoded);
    }
    Ok(out)
}

/// Decodes the `%XX` escapes of `text`, keeping a `%` that starts no
/// escape; `None` if the result is not UTF-8.
///
/// ```
/// use konzept::urlpath::decode_lenient;
/// assert_eq!(decode_lenient("%C3%9Cbersicht").as_deref(), Some("Übersicht"));
/// assert_eq!(decode_lenient("50%-Rabatt%2").as_deref(), Some("50%-Rabatt%2"));
/// assert_eq!(decode_lenient("%FF"), None);
/// ```
pub fn decode_lenient(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
        match (bytes[i], hex) {
            (b'%', Some(h)) => {
                out.push(hex_value(h[0]) << 4 | hex_value(h[1]));
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn hex_value(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        _ => digit - b'A' + 10,
    }
}

/// Percent-encodes a path for an `href`/`src`: everything but unreserved
/// characters (RFC 3986) and `/` is escaped, non-ASCII as its UTF-8 bytes,
/// so any browser and server reach the file of exactly this name.
///
/// ```
/// use konzept::urlpath::encode_path;
/// assert_eq!(encode_path("mein flyer (2).pdf"), "mein%20flyer%20%282%29.pdf");
/// assert_eq!(encode_path("dir/Übersicht.pdf"), "dir/%C3%9Cbersicht.pdf");
/// ```
pub fn encode_path(path: &str) -> String {
    encode(path, |b| b == b'/')
}

/// Percent-encodes a `#fragment` (without `#`) for an `href`: browsers
/// decode it again before looking for the element with that `id`.
///
/// ```
/// use konzept::urlpath::encode_fragment;
/// assert_eq!(encode_fragment("page=2"), "page=2");
/// assert_eq!(encode_fragment("über uns"), "%C3%BCber%20uns");
/// ```
pub fn encode_fragment(fragment: &str) -> String {
    encode(fragment, |b| {
        matches!(
            b,
            b'/' | b'?' | b':' | b'@' | b'!' | b'$' | b'\'' | b'(' | b')'
        ) || matches!(b, b'*' | b'+' | b',' | b';' | b'=' | b'&')
    })
}

fn encode(text: &str, also_keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') || also_keep(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
