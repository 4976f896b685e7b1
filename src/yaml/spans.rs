//! Where the top-level keys of a YAML mapping stand in the file, found
//! from its lines: serde_yaml reports no positions for values it read, and
//! diagnostics point at the key or value an editor has to change.

use std::collections::BTreeMap;
use std::ops::Range;

/// Byte ranges of each line, without the `\n`.
pub fn line_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let span = start..end;
        start = end + 1;
        Some(span)
    })
}

/// Where each top-level key of a YAML mapping stands in the file.
#[derive(Debug, Clone, Default)]
pub struct KeySpans {
    keys: BTreeMap<String, (Range<usize>, Range<usize>)>,
    /// The whole front matter, for errors about absent keys.
    pub whole: Range<usize>,
}

impl KeySpans {
    /// Scans the top-level keys of `yaml` (which starts at `offset`).
    pub(super) fn scan(yaml: &str, offset: usize) -> KeySpans {
        let mut keys = BTreeMap::new();
        let mut current: Option<(String, Range<usize>, usize)> = None;
        for line in line_spans(yaml) {
            let text = &yaml[line.clone()];
            let top_level =
                text.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '"');
            if !top_level {
                continue;
            }
            let Some(colon) = text.find(':') else {
                continue;
            };
            let key = text[..colon].trim().trim_matches('"').to_owned();
            if let Some((k, key_span, value_start)) = current.take() {
                keys.insert(
                    k,
                    (key_span, value_start..offset + line.start.saturating_sub(1)),
                );
            }
            let key_span = offset + line.start..offset + line.start + colon;
            let blanks =
                text[colon + 1..].len() - text[colon + 1..].trim_start_matches([' ', '\t']).len();
            current = Some((key, key_span, offset + line.start + colon + 1 + blanks));
        }
        if let Some((k, key_span, value_start)) = current {
            keys.insert(
                k,
                (
                    key_span,
                    value_start..(offset + yaml.trim_end().len()).max(value_start),
                ),
            );
        }
        KeySpans {
            keys,
            whole: offset.saturating_sub(4)..offset.saturating_sub(1),
        }
    }

    /// Scans the top-level keys of `yaml`, which starts at byte `offset`
    /// of its file (0 for a whole YAML file such as UI strings).
    pub fn of(yaml: &str, offset: usize) -> KeySpans {
        KeySpans::scan(yaml, offset)
    }

    /// The top-level keys in the order they stand in the file.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<(&str, usize)> = self
            .keys
            .iter()
            .map(|(k, (span, _))| (k.as_str(), span.start))
            .collect();
        names.sort_by_key(|(_, start)| *start);
        names.into_iter().map(|(k, _)| k).collect()
    }

    /// Whether `key` stands at the top level.
    pub fn has(&self, key: &str) -> bool {
        self.keys.contains_key(key)
    }

    /// The span of a key's name, or the whole front matter if it is absent.
    pub fn key(&self, key: &str) -> Range<usize> {
        self.keys
            .get(key)
            .map_or(self.whole.clone(), |(k, _)| k.clone())
    }

    /// The span of a key's value (all its lines), or of the whole front matter.
    pub fn value(&self, key: &str) -> Range<usize> {
        self.keys
            .get(key)
            .map_or(self.whole.clone(), |(_, v)| v.clone())
    }

    /// The span of a key's whole line(s): its name and its value.
    pub fn block(&self, key: &str) -> Option<Range<usize>> {
        self.keys.get(key).map(|(k, v)| k.start..v.end.max(k.end))
    }

    /// The span of the second top-level occurrence of `key` in `yaml`
    /// (which starts at `offset`), for duplicate keys.
    pub(super) fn repeated(&self, yaml: &str, offset: usize, key: &str) -> Option<Range<usize>> {
        line_spans(yaml)
            .filter(|line| {
                let text = &yaml[line.clone()];
                text.strip_prefix(key)
                    .or_else(|| {
                        text.strip_prefix('"')
                            .and_then(|t| t.strip_prefix(key))
                            .and_then(|t| t.strip_prefix('"'))
                    })
                    .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(':'))
            })
            .nth(1)
            .map(|line| offset + line.start..offset + line.start + key.len())
    }

    /// The span of `needle` inside a key's value (an id in a list), or the value.
    pub fn item(&self, text: &str, key: &str, needle: &str) -> Range<usize> {
        self.nth_item(text, key, needle, 0)
    }

    /// The span of the `n`th (from 0) whole-word occurrence of `needle` in a
    /// key's value, or the key's span.
    pub fn nth_item(&self, text: &str, key: &str, needle: &str, n: usize) -> Range<usize> {
        let value = self.value(key);
        let end = value.end.min(text.len());
        let start = value.start.min(end);
        let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
        let hay = &text[start..end];
        let found = hay
            .match_indices(needle)
            .filter(|(i, _)| {
                let before = hay[..*i].chars().next_back();
                let after = hay[i + needle.len()..].chars().next();
                !before.is_some_and(word) && !after.is_some_and(word)
            })
            .nth(n);
        match found {
            Some((i, _)) => start + i..start + i + needle.len(),
            None => self.key(key),
        }
    }
}
