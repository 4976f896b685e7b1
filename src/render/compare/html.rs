//! A comparison as HTML. Every text is escaped: old versions are
//! untrusted, and the markup here is the only markup on the page.

use std::fmt::Write;

use super::{BlockDiff, BlockKind, Change, FieldDiff, Labels, Op, Part};
use crate::render::escape;

/// The blocks, consecutive list items in one list.
pub(super) fn blocks(blocks: &[BlockDiff], labels: Labels<'_>) -> String {
    let mut out = String::new();
    let mut in_list = false;
    for block in blocks {
        let item = block.kind.is_item();
        if item != in_list {
            out.push_str(if item {
                "<ul class=\"compare-list\">\n"
            } else {
                "</ul>\n"
            });
            in_list = item;
        }
        let tag = match block.kind {
            BlockKind::Heading(level) => {
                ["h2", "h3", "h4", "h5", "h6"][usize::from(level.clamp(2, 6)) - 2]
            }
            BlockKind::Paragraph => "p",
            BlockKind::ListItem => "li",
        };
        let class = match block.change {
            Change::Same => "compare-same",
            Change::Added => "compare-added",
            Change::Removed => "compare-removed",
            Change::Changed => "compare-changed",
        };
        let _ = write!(out, "<{tag} class=\"{class}\">");
        parts(&mut out, &block.parts, labels);
        let _ = writeln!(out, "</{tag}>");
    }
    if in_list {
        out.push_str("</ul>\n");
    }
    out
}

/// The changed fields as a description list.
pub(super) fn fields(fields: &[FieldDiff], labels: Labels<'_>) -> String {
    if fields.is_empty() {
        return String::new();
    }
    let mut out = String::from("<dl class=\"compare-fields\">\n");
    for field in fields {
        let _ = write!(out, "<dt>{}</dt><dd>", escape::html(&field.label));
        parts(&mut out, &field.parts, labels);
        out.push_str("</dd>\n");
    }
    out.push_str("</dl>\n");
    out
}

/// Runs of text: changes in `<ins>`/`<del>` with a hidden label and a
/// visible marker.
fn parts(out: &mut String, parts: &[Part], labels: Labels<'_>) {
    for part in parts {
        let text = escape::html(&part.text);
        let (tag, label, mark) = match part.op {
            Op::Same => {
                out.push_str(&text);
                continue;
            }
            Op::Added => ("ins", labels.added, "+"),
            Op::Removed => ("del", labels.removed, "\u{2212}"),
        };
        let _ = write!(
            out,
            "<{tag}><span class=\"visually-hidden\">{} </span>\
             <span class=\"compare-mark\" aria-hidden=\"true\">{mark}</span>{text}</{tag}>",
            escape::html(label)
        );
    }
}
