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
