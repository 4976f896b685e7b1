//! A page's HTML body into the blocks a comparison aligns: headings,
//! paragraphs and list items (and the other block elements a body has:
//! quotations, table cells, definitions, code), each as its plain text.
//!
//! The body is konzept's own output (pulldown-cmark's HTML, raw HTML through
//! the sanitizer), so a small scanner suffices: tags are recognised, never
//! kept; text is unescaped and whitespace collapsed as a browser shows it.

/// What a block is, for its markup on the comparison page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BlockKind {
    /// A heading of level 1 to 6.
    Heading(u8),
    /// A paragraph, or any other block of running text.
    Paragraph,
    /// An item of a list.
    ListItem,
}

impl BlockKind {
    /// Whether blocks of this kind are list items.
    pub(super) fn is_item(self) -> bool {
        self == BlockKind::ListItem
    }
}

/// One block of a page's text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Its plain text, whitespace collapsed, never empty.
    pub text: String,
}

/// The block a tag opens, if it opens one.
fn block_kind(name: &str) -> Option<BlockKind> {
    Some(match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading(name.as_bytes()[1] - b'0'),
        "li" => BlockKind::ListItem,
        "p" | "blockquote" | "pre" | "td" | "th" | "dt" | "dd" | "figcaption" | "caption"
        | "div" | "section" | "aside" | "details" | "summary" | "tr" | "table" | "ul" | "ol"
        | "dl" | "hr" | "br" => BlockKind::Paragraph,
        _ => return None,
    })
}

/// The blocks of `html`, in document order. Text outside any block (a
/// body that is one line of text) is a paragraph.
pub fn blocks(html: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut kind = BlockKind::Paragraph;
    let mut text = String::new();
    // Inside a list item, its paragraphs are still the item's.
    let mut items = 0usize;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut text, &rest[..lt]);
        let after = &rest[lt + 1..];
        // A comment, or a tag up to its `>` (attribute values in konzept's
        // output never hold a raw `>`: it is escaped).
        let (tag, next) = if let Some(comment) = after.strip_prefix("!--") {
            let end = comment.find("-->").map_or(comment.len(), |i| i + 3);
            ("", &comment[end..])
        } else {
            match after.find('>') {
                Some(gt) => (&after[..gt], &after[gt + 1..]),
                None => (after, ""),
            }
        };
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        if name == "li" {
            items = if closing {
                items.saturating_sub(1)
            } else {
                items + 1
            };
        }
        if let Some(opened) = block_kind(&name) {
            flush(&mut out, kind, &mut text);
            kind = match opened {
                BlockKind::Heading(_) if !closing => opened,
                _ if items > 0 => BlockKind::ListItem,
                _ => BlockKind::Paragraph,
            };
        }
        rest = next;
    }
    push_text(&mut text, rest);
    flush(&mut out, kind, &mut text);
    out
}

/// Ends the block being read, if it has text.
fn flush(out: &mut Vec<Block>, kind: BlockKind, text: &mut String) {
    let trimmed = text.trim_matches(' ');
    if !trimmed.is_empty() {
        out.push(Block {
            kind,
            text: trimmed.to_owned(),
        });
    }
    text.clear();
}

/// Adds raw HTML text to `text`: entities decoded, ASCII whitespace runs
/// as one space (no-break spaces are kept: they are typography).
fn push_text(text: &mut String, raw: &str) {
    let mut rest = raw;
    while !rest.is_empty() {
        let (c, len) = match rest.strip_prefix('&').and_then(entity) {
            Some((c, len)) => (c, len + 1),
            None => {
                let c = rest.chars().next().expect("rest is not empty");
                (c, c.len_utf8())
            }
        };
        rest = &rest[len..];
        if c.is_ascii_whitespace() {
            if !text.ends_with(' ') {
                text.push(' ');
            }
        } else if !c.is_control() {
            text.push(c);
        }
    }
}

/// The character an entity after `&` stands for, and the bytes it takes
/// up to its `;`. Unknown entities are left as text.
fn entity(after: &str) -> Option<(char, usize)> {
    let end = after.get(..12.min(after.len()))?.find(';')?;
    let name = &after[..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code).filter(|c| *c != '\0')?
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(html: &str) -> Vec<(BlockKind, String)> {
        blocks(html).into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn headings_paragraphs_and_list_items_are_blocks() {
        let html = "<h2 id=\"ziele\">Ziele</h2>\n<p>Teilhabe <em>für alle</em>.</p>\n\
                    <ul>\n<li>Sprache</li>\n<li><p>Arbeit</p></li>\n</ul>";
        assert_eq!(
            pairs(html),
            [
                (BlockKind::Heading(2), "Ziele".to_owned()),
                (BlockKind::Paragraph, "Teilhabe für alle.".to_owned()),
                (BlockKind::ListItem, "Sprache".to_owned()),
                (BlockKind::ListItem, "Arbeit".to_owned()),
            ]
        );
    }

    #[test]
    fn entities_are_decoded_and_whitespace_collapsed() {
        assert_eq!(
            pairs("<p>a &amp;\n  b &lt;i&gt; &#x201E;c&#8220;&nbsp;d &bogus; &#0;</p>"),
            [(
                BlockKind::Paragraph,
                "a & b <i> „c“\u{A0}d &bogus; &#0;".to_owned()
            )]
        );
    }

    #[test]
    fn comments_and_broken_tags_end_cleanly() {
        assert_eq!(
            pairs("<!-- <p>x</p> --><p>y"),
            [(BlockKind::Paragraph, "y".to_owned())]
        );
        assert_eq!(
            pairs("<p>z</p><a href=\"x"),
            [(BlockKind::Paragraph, "z".to_owned())]
        );
    }
}
