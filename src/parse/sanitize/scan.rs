//! A small reader of HTML tags, after CommonMark's raw-HTML grammar: tag
//! names, attributes and their values, comments and declarations. It only
//! tells the sanitizer what an editor wrote, for reports and to narrow what
//! passes; what is safe is ammonia's decision, so a tag this reader gets
//! wrong is at worst reported wrongly or dropped, never let through.

use std::ops::Range;

/// A tag (or comment) found by [`scan`].
#[derive(Debug)]
pub(super) struct Token {
    pub(super) kind: Kind,
    /// Lower-case attribute names with their values (entities kept).
    pub(super) attributes: Vec<(String, Option<String>)>,
    pub(super) span: Range<usize>,
}

/// What a [`Token`] is.
#[derive(Debug)]
pub(super) enum Kind {
    /// `<name …>`, the name in lower case.
    Start(String),
    /// `</name>`.
    End(String),
    /// `<!-- … -->`.
    Comment,
    /// `<?…?>`, `<!DOCTYPE …>`, CDATA: its start, for the report.
    Other(String),
}

/// The tags of `html` as CommonMark's raw-HTML grammar reads them, skipping
/// the text inside `<script>`, `<style>` and `<textarea>`. For reports
/// (and to narrow what passes): what is safe is ammonia's decision.
pub(super) fn scan(html: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &html.as_bytes()[at..]) {
        let start = at + lt;
        let Some(token) = token_at(html, start) else {
            at = start + 1;
            continue;
        };
        at = token.span.end;
        if let Kind::Start(name) = &token.kind
            && matches!(name.as_str(), "script" | "style" | "textarea" | "title")
        {
            let close = format!("</{name}");
            at = find_ascii_ci(&html[at..], &close).map_or(html.len(), |i| at + i);
        }
        tokens.push(token);
    }
    tokens
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn token_at(html: &str, start: usize) -> Option<Token> {
    let rest = &html[start..];
    let other = |end: &str, kind: Kind| {
        rest.find(end).map(|i| Token {
            kind,
            attributes: Vec::new(),
            span: start..start + i + end.len(),
        })
    };
    if rest.starts_with("<!--") {
        return other("-->", Kind::Comment);
    }
    if rest.starts_with("<?") || rest.starts_with("<!") {
        let text: String = rest.chars().take_while(|c| *c != '>').take(40).collect();
        let end = if rest.starts_with("<![CDATA[") {
            "]]>"
        } else if rest.starts_with("<?") {
            "?>"
        } else {
            ">"
        };
        return other(end, Kind::Other(format!("{text}>")));
    }
    let mut cursor = Cursor { text: rest, at: 1 };
    let closing = cursor.eat("/");
    let name = cursor.name(|c| c.is_ascii_alphanumeric() || c == '-')?;
    let mut attributes = Vec::new();
    loop {
        let spaced = cursor.spaces();
        if cursor.eat(">") || (!closing && cursor.eat("/>")) {
            break;
        }
        if closing || !spaced {
            return None;
        }
        let attribute = cursor.name(|c| c.is_ascii_alphanumeric() || "_.:-".contains(c))?;
        let value = cursor.value().ok()?;
        attributes.push((attribute, value));
    }
    let kind = if closing {
        Kind::End(name)
    } else {
        Kind::Start(name)
    };
    Some(Token {
        kind,
        attributes,
        span: start..start + cursor.at,
    })
}

/// A position in a tag being read.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn eat(&mut self, s: &str) -> bool {
        let found = self.text[self.at..].starts_with(s);
        if found {
            self.at += s.len();
        }
        found
    }

    fn spaces(&mut self) -> bool {
        let n = self.text[self.at..]
            .bytes()
            .take_while(u8::is_ascii_whitespace)
            .count();
        self.at += n;
        n > 0
    }

    /// A name starting with a letter (or `_`/`:` for attributes), in lower case.
    fn name(&mut self, more: impl Fn(char) -> bool) -> Option<String> {
        let rest = &self.text[self.at..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == ':') {
            return None;
        }
        let n = rest.find(|c: char| !more(c)).unwrap_or(rest.len());
        self.at += n;
        Some(rest[..n].to_ascii_lowercase())
    }

    /// `= value` after an attribute name, if there is one (`Ok(None)`: a
    /// bare attribute); `Err` if what follows the `=` is no value, so the
    /// text is not a tag.
    fn value(&mut self) -> Result<Option<String>, NotATag> {
        let before = self.at;
        self.spaces();
        if !self.eat("=") {
            self.at = before;
            return Ok(None);
        }
        self.spaces();
        let rest = &self.text[self.at..];
        let (value, used) = match rest.chars().next().ok_or(NotATag)? {
            q @ ('"' | '\'') => {
                let end = rest[1..].find(q).ok_or(NotATag)?;
                (&rest[1..=end], end + 2)
            }
            _ => {
                let n = rest
                    .find(|c: char| c.is_ascii_whitespace() || "\"'=<>`".contains(c))
                    .unwrap_or(rest.len());
                (&rest[..n], n)
            }
        };
        if used == 0 {
            return Err(NotATag);
        }
        self.at += used;
        Ok(Some(value.to_owned()))
    }
}

/// Text that starts like a tag but is none (an attribute's `=` without a
/// value, an unclosed quote): it stays text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NotATag;
