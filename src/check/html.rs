//! A small scan of generated HTML for what the link check needs: the
//! `href` and `src` values, and the anchors (`id`, and `name` on `<a>`).
//!
//! The HTML is our own output, so a tag-aware scan suffices; it skips
//! comments and the contents of `<script>` and `<style>`, and decodes
//! character references in attribute values. A full parser (`scraper`) is
//! a dev-dependency only.

use std::collections::HashSet;

/// What one page links to and which anchors it has.
#[derive(Debug, Default)]
pub(super) struct Scan {
    /// `href` and `src` values, in document order, entities decoded.
    pub(super) refs: Vec<String>,
    /// Every `id` (and `<a name>`), entities decoded.
    pub(super) anchors: HashSet<String>,
}

/// Scans one document.
pub(super) fn scan(html: &str) -> Scan {
    let mut out = Scan::default();
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = start + rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let name_end = rest[1..]
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .map_or(rest.len(), |e| e + 1);
        let name = rest[1..name_end].to_ascii_lowercase();
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // `</x>`, `<!doctype>`, or a stray `<` in text.
            i = start + 1;
            continue;
        }
        let (attributes, len) = attributes(&rest[name_end..]);
        i = start + name_end + len;
        for (key, value) in attributes {
            match key.as_str() {
                "href" | "src" => out.refs.push(value),
                "id" => {
                    out.anchors.insert(value);
                }
                "name" if name == "a" => {
                    out.anchors.insert(value);
                }
                _ => {}
            }
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i += html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .unwrap_or(html.len() - i);
        }
    }
    out
}

/// The attributes of a tag, from just after its name; returns them and the
/// length up to and including the closing `>`.
fn attributes(tag: &str) -> (Vec<(String, String)>, usize) {
    let bytes = tag.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let skip_ws = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    loop {
        i = skip_ws(i);
        match bytes.get(i) {
            None => return (out, tag.len()),
            Some(b'>') => return (out, i + 1),
            Some(b'/') => {
                i += 1;
                continue;
            }
            Some(_) => {}
        }
        let key_start = i;
        while i < bytes.len() && !matches!(bytes[i], b'=' | b'>' | b'/') {
            if bytes[i].is_ascii_whitespace() {
                break;
            }
            i += 1;
        }
        let key = tag[key_start..i].to_ascii_lowercase();
        i = skip_ws(i);
        if bytes.get(i) != Some(&b'=') {
            out.push((key, String::new()));
            continue;
        }
        i = skip_ws(i + 1);
        let value = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = tag[i + 1..]
                    .find(q as char)
                    .map_or(tag.len(), |e| i + 1 + e);
                let v = &tag[(i + 1).min(end)..end];
                i = (end + 1).min(tag.len());
                v
            }
            _ => {
                let end = tag[i..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .map_or(tag.len(), |e| i + e);
                let v = &tag[i..end];
                i = end;
                v
            }
        };
        out.push((key, decode_entities(value)));
    }
}

/// Decodes the character references tera and pulldown-cmark write
/// (`&amp;`, `&quot;`, `&#x2F;`, …); unknown ones stay as they are.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_and_anchors_but_not_in_comments_or_scripts() {
        let s = scan(
            r#"<!doctype html><a href="/de/x/" id=top>x</a><!-- <a href="/no/"> -->
            <script>var a = '<a href="/nope/">';</script><img src='/static/a.png' alt="">
            <h2 id="zi&amp;el">Ziel</h2><a name="alt"></a><br/>"#,
        );
        assert_eq!(s.refs, ["/de/x/", "/static/a.png"]);
        let mut anchors: Vec<_> = s.anchors.into_iter().collect();
        anchors.sort();
        assert_eq!(anchors, ["alt", "top", "zi&el"]);
    }

    #[test]
    fn decodes_numeric_references() {
        assert_eq!(decode_entities("&#x2F;de&#47;a &b"), "/de/a &b");
    }
}
