//! The YAML reader: a mapping checked against a schema of fields
//! ([`read_mapping`]: front matter and `site.yaml`), and flat maps of UI
//! strings ([`read_strings`]).
//!
//! A leaf module shared by `config` and `parse`. It owns every call into the
//! YAML crate, so moving off the archived `serde_yaml` is a local change.
//! It reports positions as byte ranges in the whole file; turning the YAML
//! crate's errors into diagnostics is `messages.rs`'s job.

mod declare;
mod diff;
mod limits;
mod messages;
mod spans;
mod values;

pub use declare::Example;
pub(crate) use declare::mapping;
pub use diff::changed_keys;
pub use limits::{MAX_BYTES as MAX_YAML_BYTES, MAX_DEPTH as MAX_YAML_DEPTH};

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;

use crate::diag::{Code, Diagnostic, Diagnostics, FileId, did_you_mean};
use messages::{duplicate_key, yaml_error};
pub use spans::{KeySpans, line_spans};

/// Whether a field is shared by all languages or written per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Set only in the default-language file; translations inherit it.
    Neutral,
    /// Set by each language's file.
    Text,
    /// Set by each file independently, never inherited (`updated`, `slug`).
    PerFile,
}

impl Scope {
    /// The scope of a field declared `[Neutral shown, …]`: the same scope;
    /// `shown` only tells `kind!` to carry the field to templates as written
    /// (its `shared struct`). Any other word there is a compile error.
    pub const fn shown(self) -> Scope {
        self
    }
}

/// One field of a mapping (a kind's front matter, `site.yaml`), declared
/// with its raw struct by `mapping!` (`declare.rs`).
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The key in the file.
    pub name: &'static str,
    /// Neutral, text or per file.
    pub scope: Scope,
    /// Whether the default-language file (for text fields: every file) must set it.
    pub required: bool,
    /// What the field is, in German, for the comment `konzept new` writes
    /// beside it (empty where nothing is generated: `site.yaml`).
    pub note: &'static str,
    /// The value `konzept new` writes for it.
    pub example: Example,
}

/// What a file is to the checks: the default-language original or a translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The default-language file.
    Original,
    /// A translation of it.
    Translation,
}

/// The result of reading front matter into `T`.
#[derive(Debug)]
pub struct Read<T> {
    /// The typed fields.
    pub value: T,
    /// Where the keys stand, for later diagnostics (references).
    pub spans: KeySpans,
}

/// Reads a YAML mapping into `T`, checking its keys against `fields`: unknown
/// keys (with a "did you mean"), neutral keys in translations, and missing
/// required keys are all reported, not only the first.
///
/// `yaml` starts at byte `offset` of the file.
pub fn read_mapping<T: DeserializeOwned>(
    yaml: &str,
    offset: usize,
    file: FileId,
    schema: &Schema<'_>,
    role: Role,
) -> Result<Read<T>, Diagnostics> {
    within_limits(yaml, offset, file, schema.container)?;
    let spans = KeySpans::scan(yaml, offset);
    let mut diags = Diagnostics::new();
    let value: serde_yaml::Value = match serde_yaml::from_str(yaml) {
        Ok(v) => v,
        Err(e) => {
            diags.push(yaml_error(
                &e,
                yaml,
                offset,
                file,
                Code::YamlSyntax,
                schema.container,
            ));
            return Err(diags);
        }
    };
    let mapping = match value {
        serde_yaml::Value::Mapping(m) => m,
        serde_yaml::Value::Null => serde_yaml::Mapping::new(),
        _ => {
            diags.push(
                Diagnostic::error(
                    Code::FrontMatter,
                    "the front matter is not a list of `field: value` lines",
                )
                .at(file, spans.whole.clone())
                .help("write one `field: value` per line, e.g. `title: Willkommenskultur`"),
            );
            return Err(diags);
        }
    };
    let (present, misspelt) = check_keys(&mapping, &spans, file, schema, role, &mut diags);
    let must =
        |field: &Field| field.required && (field.scope != Scope::Neutral || role == Role::Original);
    for field in schema.fields {
        // A missing `title` next to an unknown `titel` is one mistake, reported once.
        if must(field) && !present.contains(&field.name) && !misspelt.contains(&field.name) {
            diags.push(missing(field, &spans, file, schema));
        }
    }
    values::check_empty(&mapping, &spans, file, schema, must, &mut diags);
    // The parsed mapping, not the text again: a second YAML parse of every
    // file is a large share of a build (docs/speed.md). Where the two
    // differ (a bare `2024` read as text), and for errors with a line, the
    // text decides.
    if !diags.has_errors()
        && let Ok(value) = serde_yaml::from_value::<T>(serde_yaml::Value::Mapping(mapping))
    {
        return Ok(Read { value, spans });
    }
    let whole = match serde_yaml::from_str::<T>(yaml) {
        Ok(value) if !diags.has_errors() => return Ok(Read { value, spans }),
        Ok(_) => None,
        Err(e) => Some(e),
    };
    // Every wrong value, not only the first serde meets.
    let found = values::value_errors::<T>(yaml, offset, file, &present, &spans, schema.container);
    if found.is_empty()
        && !diags.has_errors()
        && let Some(e) = whole
    {
        diags.push(yaml_error(
            &e,
            yaml,
            offset,
            file,
            Code::InvalidValue,
            schema.container,
        ));
    }
    for d in found {
        diags.push(d);
    }
    Err(diags)
}

fn missing(field: &Field, spans: &KeySpans, file: FileId, schema: &Schema<'_>) -> Diagnostic {
    let owner = if schema.kind == schema.container {
        schema.kind.to_owned()
    } else {
        format!("the {}", schema.kind)
    };
    Diagnostic::error(
        Code::MissingField,
        format!("{owner} has no `{}`", field.name),
    )
    .at(file, spans.whole.clone())
    .label(format!("`{}` is required here", field.name))
    .help(format!(
        "add a line `{}: …` to {}",
        field.name, schema.container
    ))
}

/// One top-level field of `yaml` read on its own, if it reads: for the
/// checks that still run when other fields of the file are wrong (only on
/// that error path, so the second parse costs a build nothing).
/// YAML past the bounds is not read again (its error is reported).
pub fn field<T: DeserializeOwned>(yaml: &str, key: &str) -> Option<T> {
    limits::check(yaml).ok()?;
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).ok()?;
    serde_yaml::from_value(value.get(key)?.clone()).ok()
}

/// Every scalar (strings, numbers) under the top-level `key` of `yaml`,
/// nested lists and mappings included, as text: for the placeholder check
/// (`parse/placeholder.rs`), which runs only once a key's raw text holds a
/// placeholder, so the second parse costs a build nothing. Empty if the
/// YAML does not read or is past the bounds.
pub fn scalars(yaml: &str, key: &str) -> Vec<String> {
    fn walk(value: &serde_yaml::Value, out: &mut Vec<String>) {
        match value {
            serde_yaml::Value::String(s) => out.push(s.clone()),
            serde_yaml::Value::Number(n) => out.push(n.to_string()),
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| walk(v, out)),
            serde_yaml::Value::Mapping(map) => map.values().for_each(|v| walk(v, out)),
            serde_yaml::Value::Tagged(t) => walk(&t.value, out),
            serde_yaml::Value::Null | serde_yaml::Value::Bool(_) => {}
        }
    }
    let mut out = Vec::new();
    if limits::check(yaml).is_ok()
        && let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(yaml)
        && let Some(v) = value.get(key)
    {
        walk(v, &mut out);
    }
    out
}

/// Refuses YAML past the bounds of `limits.rs` before the YAML crate,
/// whose time grows with the square of the nesting, reads it.
fn within_limits(
    yaml: &str,
    offset: usize,
    file: FileId,
    container: &str,
) -> Result<(), Diagnostics> {
    let diag = match limits::check(yaml) {
        Ok(()) => return Ok(()),
        Err(limits::Exceeded::Depth(at)) => Diagnostic::error(
            Code::Limit,
            format!("{container} nests deeper than {MAX_YAML_DEPTH} levels"),
        )
        .at(file, offset + at.start..offset + at.end)
        .label(format!("level {} opens here", MAX_YAML_DEPTH + 1))
        .help(format!(
            "konzept reads YAML nested at most {MAX_YAML_DEPTH} levels deep (lists, mappings and brackets together); close the brackets you opened or write the value flatter"
        )),
        Err(limits::Exceeded::Size(at)) => Diagnostic::error(
            Code::Limit,
            format!("{container} is longer than {} KiB", MAX_YAML_BYTES >> 10),
        )
        .at(file, offset + at.start..offset + at.end)
        .label("the limit ends here")
        .help(format!(
            "konzept reads at most {} KiB of YAML per file; move long text into the Markdown body or split the file",
            MAX_YAML_BYTES >> 10
        )),
    };
    Err(Diagnostics::from(diag))
}

/// The fields of a kind, and the fields of all other kinds for hints.
#[derive(Debug, Clone, Copy)]
pub struct Schema<'a> {
    /// "project", "guideline", …
    pub kind: &'static str,
    /// Where the fields stand, for messages ("project front matter", "site.yaml").
    pub place: &'static str,
    /// What holds them, for messages: "the front matter" or "site.yaml".
    pub container: &'static str,
    /// Its fields.
    pub fields: &'a [Field],
    /// Other kinds and their fields.
    pub others: &'a [(&'static str, &'a [Field])],
}

/// Checks every key; returns the fields present and the fields that unknown
/// keys look like misspellings of.
fn check_keys<'s>(
    mapping: &serde_yaml::Mapping,
    spans: &KeySpans,
    file: FileId,
    schema: &Schema<'s>,
    role: Role,
    diags: &mut Diagnostics,
) -> (Vec<&'s str>, Vec<&'s str>) {
    let mut present = Vec::new();
    let mut misspelt = Vec::new();
    let mut unknown = 0;
    for key in mapping.keys() {
        let known = key
            .as_str()
            .is_some_and(|k| schema.fields.iter().any(|f| f.name == k));
        if !known {
            unknown += 1;
            // Each shown error costs time in the size of its file, so a
            // file of 100,000 made-up keys is reported by its first ones.
            if unknown > MAX_KEY_ERRORS {
                continue;
            }
        }
        let Some(key) = key.as_str() else {
            diags.push(
                Diagnostic::error(Code::UnknownField, "a front-matter key is not a name")
                    .at(file, spans.whole.clone())
                    .help("keys are words like `title` or `summary`"),
            );
            continue;
        };
        match schema.fields.iter().find(|f| f.name == key) {
            Some(field) => {
                present.push(field.name);
                if field.scope == Scope::Neutral && role == Role::Translation {
                    diags.push(neutral_in_translation(key, spans, file));
                }
            }
            None => {
                let (diag, suggestion) = unknown_field(key, spans, file, schema);
                diags.push(diag);
                misspelt.extend(suggestion);
            }
        }
    }
    if unknown > MAX_KEY_ERRORS {
        diags.push(
            Diagnostic::error(
                Code::UnknownField,
                format!(
                    "{} more unknown keys in {}",
                    unknown - MAX_KEY_ERRORS,
                    schema.container
                ),
            )
            .at(file, spans.whole.clone())
            .help(format!(
                "konzept lists the first {MAX_KEY_ERRORS} unknown keys of a file; {} fields are: {}",
                schema.kind,
                list(schema.fields)
            )),
        );
    }
    (present, misspelt)
}

/// How many unknown keys of one file are reported one by one.
const MAX_KEY_ERRORS: usize = 50;

fn neutral_in_translation(key: &str, spans: &KeySpans, file: FileId) -> Diagnostic {
    Diagnostic::error(
        Code::NeutralField,
        format!("`{key}` is the same in every language and cannot be set in a translation"),
    )
    .at(file, spans.key(key))
    .label("set in a translation")
    .help(format!(
        "remove this line; translations inherit `{key}` from the default-language file, change it there"
    ))
}

fn unknown_field<'s>(
    key: &str,
    spans: &KeySpans,
    file: FileId,
    schema: &Schema<'s>,
) -> (Diagnostic, Option<&'s str>) {
    let names = schema.fields.iter().map(|f| f.name);
    let suggestion = did_you_mean(key, names);
    let help = match suggestion {
        Some(name) => format!("did you mean `{name}`?"),
        None => match schema
            .others
            .iter()
            .find(|(_, fs)| fs.iter().any(|f| f.name == key))
        {
            Some((other, _)) => format!(
                "`{key}` is a field of a {other}, not of a {}; {} fields are: {}",
                schema.kind,
                schema.kind,
                list(schema.fields)
            ),
            None => format!("{} fields are: {}", schema.kind, list(schema.fields)),
        },
    };
    let diag = Diagnostic::error(
        Code::UnknownField,
        format!("unknown field `{key}` in {}", schema.place),
    )
    .at(file, spans.key(key))
    .label(format!("not a {} field", schema.kind))
    .help(help);
    (diag, suggestion)
}

fn list(fields: &[Field]) -> String {
    fields
        .iter()
        .map(|f| format!("`{}`", f.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a flat `key: "text"` YAML map (UI strings). Returns the map and
/// where its keys stand.
pub fn read_strings(
    text: &str,
    file: FileId,
) -> Result<(BTreeMap<String, String>, KeySpans), Diagnostics> {
    within_limits(text, 0, file, "the UI strings file")?;
    let spans = KeySpans::scan(text, 0);
    // Typed maps keep the last of two equal keys silently; the untyped
    // parse reports the duplicate.
    let parsed = serde_yaml::from_str::<serde_yaml::Value>(text)
        .and_then(|_| serde_yaml::from_str::<Option<BTreeMap<String, String>>>(text));
    match parsed {
        Ok(map) => {
            let map = map.unwrap_or_default();
            let found = values::controls_in_strings(&map, &spans, file);
            if found.is_empty() {
                Ok((map, spans))
            } else {
                Err(Diagnostics::from_iter(found))
            }
        }
        Err(e) => {
            let code = if e.location().is_some() && e.to_string().contains("invalid type") {
                Code::InvalidValue
            } else {
                Code::YamlSyntax
            };
            let container = "the UI strings file";
            let mut found = vec![yaml_error(&e, text, 0, file, code, container)];
            if code == Code::InvalidValue {
                // Every value that is not a text, not only the first.
                let each = values::value_errors::<Option<BTreeMap<String, String>>>(
                    text,
                    0,
                    file,
                    &spans.names(),
                    &spans,
                    container,
                );
                if !each.is_empty() {
                    found = each;
                }
            }
            let message = e.to_string();
            if duplicate_key(&message).is_none()
                && !message.contains("control characters are not allowed")
            {
                found = found.into_iter().map(|d| d.help("each line is `key: text`; quote texts that contain `: ` or start with a special character")).collect();
            }
            Err(Diagnostics::from_iter(found))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn key_spans_find_keys_and_values() {
        let yaml = "title: A\nguidelines:\n  - one\n  - two\nstatus: x\n";
        let spans = KeySpans::scan(yaml, 4);
        assert_eq!(spans.key("status"), 4 + 37..4 + 43);
        let text = format!("---\n{yaml}---\n");
        let r = spans.item(&text, "guidelines", "two");
        assert_eq!(&text[r], "two");
    }
}
