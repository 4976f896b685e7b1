//! One declaration per field of a YAML mapping: [`mapping!`] turns a list
//! of fields into the raw struct serde reads (and schemars describes) and
//! the [`Field`](super::Field) table [`read_mapping`](super::read_mapping)
//! checks keys against, so the two cannot drift.
//!
//! Each field is written once, as
//!
//! ```text
//! /// Goal (Zielstellung).                        (the JSON Schema's description)
//! pub goal: String [Text, required, "Zielstellung", Text([de, fr, en])],
//! ```
//!
//! giving `pub goal: Option<String>` in the struct and a `Field` with its
//! scope (`Neutral`, `Text`, `PerFile`), whether it is `required` or
//! `optional`, and, for the files `konzept new` writes, the German note
//! beside it and its example value, a variant of [`Example`] (both may be
//! left out: `site.yaml` is not generated).

/// The value `konzept new` writes for a field: a literal, a text in the
/// file's language, or something only the new entry knows (its title,
/// slug, number, the site's contacts, guidelines and languages). Every
/// value must parse as the field's type once its line is uncommented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Example {
    /// `"…"`: a field nothing better is known for.
    Placeholder,
    /// Written as is, on the key's line (`10`, `[de, fr]`).
    Yaml(&'static str),
    /// The lines of a nested value, below the key, indented.
    Lines(&'static [&'static str]),
    /// A literal made up to show the form (`kontakt@example.org`,
    /// `"+49 000 000000"`): each of its strings is a placeholder, which
    /// `build` and `check` report until it is replaced (`parse/placeholder.rs`).
    Dummy(&'static str),
    /// The lines of a nested value whose strings are all placeholders.
    DummyLines(&'static [&'static str]),
    /// A placeholder text in the file's language, quoted: German, French,
    /// and English for every other language. It says what to write, so
    /// `build` and `check` report it until it is replaced.
    Text([&'static str; 3]),
    /// A list of one such text.
    TextList([&'static str; 3]),
    /// A text in the file's language that may well be the true value
    /// (`Stadtrat`): written like [`Example::Text`], never reported.
    Sample([&'static str; 3]),
    /// The entry's title ("Neues Projekt").
    Title,
    /// The entry's file name.
    Slug,
    /// The entry's number (a new guideline comes after the others).
    Ordinal,
    /// The id of a contact of the site, or a placeholder.
    Contact,
    /// A list of one guideline id of the site, or a placeholder.
    Guidelines,
    /// The site's languages.
    Languages,
}

/// Declares a mapping's raw struct and its field table at once.
///
/// ```text
/// mapping! {
///     /// The site's configuration (`site.yaml`).
///     #[derive(Debug)]
///     pub(super) struct RawConfig;
///     pub(super) const FIELDS;
///     {
///         /// Language codes of the site, e.g. `[de, fr, en]`.
///         languages: Vec<String> [Neutral, required],
///         …
///     }
/// }
/// ```
///
/// The struct derives `Deserialize` and `JsonSchema` with
/// `deny_unknown_fields`; every field is an `Option` of the written type,
/// in the order written, which is also the order of the table (and of the
/// field lists in messages). The key in the file is the field's name (the
/// table is built with `stringify!`, so a `#[serde(rename)]` would make
/// the two disagree). Further derives go on the struct's attributes.
macro_rules! mapping {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident;
        $(#[$table_meta:meta])*
        $table_vis:vis const $table:ident;
        {
            $(
                $(#[$field_meta:meta])*
                $field_vis:vis $field:ident: $ty:ty
                    [$scope:ident $($shown:ident)?, $required:ident
                        $(, $note:literal, $example:ident $(($($arg:tt)*))?)?]
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        $vis struct $name {
            $(
                $(#[$field_meta])*
                $field_vis $field: Option<$ty>,
            )*
        }

        $(#[$table_meta])*
        $table_vis const $table: &[$crate::yaml::Field] = &[
            $(
                $crate::yaml::Field {
                    name: stringify!($field),
                    scope: $crate::yaml::Scope::$scope $(.$shown())?,
                    required: $crate::yaml::mapping!(@required $required),
                    note: $crate::yaml::mapping!(@note $($note)?),
                    example: $crate::yaml::mapping!(@example $($example $(($($arg)*))?)?),
                },
            )*
        ];
    };
    (@required required) => { true };
    (@required optional) => { false };
    (@note) => { "" };
    (@note $note:literal) => { $note };
    (@example) => { $crate::yaml::Example::Placeholder };
    (@example $variant:ident $($args:tt)?) => { $crate::yaml::Example::$variant $($args)? };
}

pub(crate) use mapping;

#[cfg(test)]
mod tests {
    use crate::yaml::{Example, Scope};

    mapping! {
        /// A mapping for the test.
        #[derive(Debug)]
        struct RawTest;
        const TEST_FIELDS;
        {
            /// A required text with a note and an example.
            title: String [Text, required, "Titel", Text(["de", "fr", "en"])],
            /// An optional neutral list with neither.
            ids: Vec<String> [Neutral, optional],
        }
    }

    #[test]
    fn one_declaration_gives_the_struct_and_its_table() {
        let raw: RawTest = serde_yaml::from_str("title: A\nids: [x]\n").expect("reads");
        assert_eq!(raw.title.as_deref(), Some("A"));
        assert_eq!(raw.ids, Some(vec!["x".to_owned()]));
        assert!(serde_yaml::from_str::<RawTest>("titel: A\n").is_err());
        let [title, ids] = TEST_FIELDS else {
            panic!("two fields declared, {} in the table", TEST_FIELDS.len())
        };
        assert_eq!(
            (title.name, title.scope, title.required, title.note),
            ("title", Scope::Text, true, "Titel")
        );
        assert_eq!(title.example, Example::Text(["de", "fr", "en"]));
        assert_eq!(
            (ids.name, ids.scope, ids.required, ids.note, ids.example),
            ("ids", Scope::Neutral, false, "", Example::Placeholder)
        );
    }

    #[test]
    fn the_json_schema_describes_each_field_by_its_doc_comment() {
        let schema = serde_json::to_value(schemars::schema_for!(RawTest)).expect("JSON");
        assert_eq!(
            schema["properties"]["ids"]["description"],
            "An optional neutral list with neither."
        );
        assert_eq!(schema["additionalProperties"], false);
    }
}
