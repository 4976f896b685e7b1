//! The value checks of a front matter (or `site.yaml`) that serde cannot
//! make in one pass: empty values, and every wrong value of a file at once.
//!
//! serde stops at the first value it cannot read, so an editor with four
//! mistakes would need four builds. When the whole mapping does not
//! deserialize, each known field is read again on its own, from a copy of
//! the YAML in which every other field is blanked out byte for byte: the
//! positions (and so serde_yaml's messages and spans) stay those of the
//! file, and every field that fails is reported.

use std::ops::Range;

use serde::de::DeserializeOwned;

use super::messages::yaml_error;
use super::{Field, KeySpans, Schema, Scope};
use crate::diag::{Code, Diagnostic, Diagnostics, FileId};

/// Reports required fields left empty (`title:` or `title: "  "`) and any
/// text value, or text in a list, that is only blanks.
pub(super) fn check_empty(
    mapping: &serde_yaml::Mapping,
    spans: &KeySpans,
    file: FileId,
    schema: &Schema<'_>,
    must: impl Fn(&Field) -> bool,
    diags: &mut Diagnostics,
) {
    for (key, value) in mapping {
        let Some(field) = key
            .as_str()
            .and_then(|k| schema.fields.iter().find(|f| f.name == k))
        else {
            continue;
        };
        let blank = match value {
            // site.yaml (whose kind is its container) says more about its
            // required lists left empty in `config`.
            serde_yaml::Value::Null => must(field) && schema.kind != schema.container,
            serde_yaml::Value::String(s) => looks_empty(s),
            serde_yaml::Value::Sequence(items) => {
                items.iter().any(|i| i.as_str().is_some_and(looks_empty))
            }
            _ => false,
        };
        if blank {
            diags.push(empty(field, value, spans, file, schema));
        } else if let Some(c) = first_control(value) {
            diags.push(control_in(field.name, c, spans, file));
        }
    }
}

/// Whether a text shows nothing: blanks and invisible characters only
/// (a zero-width space or joiner, a soft hyphen, a byte order mark or a
/// direction mark, as pasted from office programs), so `<h1>` stays empty.
fn looks_empty(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || matches!(c, '\u{ad}' | '\u{34f}' | '\u{180e}' | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
                | '\u{feff}')
    })
}

/// A control character in the text of `name`.
fn control_in(name: &str, c: char, spans: &KeySpans, file: FileId) -> Diagnostic {
    Diagnostic::error(
        Code::InvalidValue,
        format!("`{name}` holds the control character `{}`", c.escape_unicode()),
    )
    .at(file, spans.value(name))
    .label("invisible here, and not allowed in XML (the feed and sitemap)")
    .help("delete it (it comes from pasting out of another program, or from a `\\e`, `\\a` or `\\x..` escape in quotes)")
}

/// Control characters in UI strings (`i18n/<lang>.yaml`), one error each.
pub(super) fn controls_in_strings(
    map: &std::collections::BTreeMap<String, String>,
    spans: &KeySpans,
    file: FileId,
) -> Vec<Diagnostic> {
    map.iter()
        .filter_map(|(key, text)| {
            let value = serde_yaml::Value::String(text.clone());
            first_control(&value).map(|c| control_in(key, c, spans, file))
        })
        .collect()
}

/// The first control character (other than tab and line breaks) of a
/// text value or of a text in a list.
fn first_control(value: &serde_yaml::Value) -> Option<char> {
    let control = |s: &str| {
        s.chars()
            .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    };
    match value {
        serde_yaml::Value::String(s) => control(s),
        serde_yaml::Value::Sequence(items) => {
            items.iter().filter_map(|i| i.as_str()).find_map(control)
        }
        _ => None,
    }
}

fn empty(
    field: &Field,
    value: &serde_yaml::Value,
    spans: &KeySpans,
    file: FileId,
    schema: &Schema<'_>,
) -> Diagnostic {
    let name = field.name;
    let (what, span) = match value {
        serde_yaml::Value::Sequence(_) => ("lists an empty text", spans.value(name)),
        serde_yaml::Value::String(_) => ("is empty", spans.value(name)),
        _ => ("has no value", spans.key(name)),
    };
    let help = match (value, field.required) {
        (serde_yaml::Value::Sequence(_), _) => {
            format!("remove the empty item from `{name}`, or write its text")
        }
        (_, true) => format!(
            "write the {} after `{name}:`; it is required{}",
            if field.scope == Scope::Text {
                "text"
            } else {
                "value"
            },
            if schema.container == "the front matter" {
                " and shown on the page"
            } else {
                ""
            }
        ),
        (_, false) => format!("write a value after `{name}:`, or remove the line"),
    };
    Diagnostic::error(Code::InvalidValue, format!("`{name}` {what}"))
        .at(file, span)
        .label("nothing here")
        .help(help)
}

/// Every value error of the mapping: each field in `present` read on its
/// own. `whole` is the error of reading all of them at once, reported if no
/// single field fails (a mistake only the combination makes).
pub(super) fn value_errors<T: DeserializeOwned>(
    yaml: &str,
    offset: usize,
    file: FileId,
    present: &[&str],
    spans: &KeySpans,
    container: &str,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for key in present {
        let Some(block) = spans.block(key) else {
            continue;
        };
        let alone = only(yaml, block.start - offset..block.end - offset);
        if let Err(e) = serde_yaml::from_str::<T>(&alone) {
            found.push(yaml_error(
                &e,
                yaml,
                offset,
                file,
                Code::InvalidValue,
                container,
            ));
        }
    }
    found
}

/// `yaml` with every byte outside `keep` (but line ends) turned into a
/// space: same length, same lines, one field.
fn only(yaml: &str, keep: Range<usize>) -> String {
    let mut out = String::with_capacity(yaml.len());
    for (i, c) in yaml.char_indices() {
        if keep.contains(&i) || c == '\n' || c == '\r' {
            out.push(c);
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_keeps_positions() {
        let yaml = "title: Ä\ndate: x\n";
        let kept = only(yaml, 10..17);
        assert_eq!(kept.len(), yaml.len());
        assert_eq!(kept, "         \ndate: x\n");
    }
}
