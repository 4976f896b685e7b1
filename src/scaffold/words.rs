//! The words of generated front matter that belong to no field: titles,
//! the body, the scope notes, and the choice of a text by language. Each
//! field's own note and example value are declared with the field
//! (`parse/kinds/`); every example must parse as the field's type once its
//! line is uncommented (`template_lines_parse` in `template.rs` checks that).

use crate::parse::kinds::Kind;
use crate::parse::placeholder;
use crate::yaml::Scope;

/// Whether generated text announces a new entry or an example of `init`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    /// `konzept new`: "Neues Projekt".
    New,
    /// `konzept init`: "Beispielprojekt".
    Example,
}

/// Picks the text of a language; languages without their own text get English.
pub(super) fn pick(lang: &str, [de, fr, en]: [&'static str; 3]) -> &'static str {
    match lang.split('-').next().unwrap_or(lang) {
        "de" => de,
        "fr" => fr,
        _ => en,
    }
}

/// The title of a new or example entry (`parse/placeholder.rs`, where
/// `build` and `check` find it again).
pub(super) fn title(kind: Kind, wording: Wording, lang: &str) -> &'static str {
    let texts = match kind {
        Kind::Accessibility => [
            "Erklärung zur Barrierefreiheit",
            "Déclaration d’accessibilité",
            "Accessibility statement",
        ],
        _ => {
            let kind = match kind {
                Kind::Home | Kind::Section => Kind::Page,
                other => other,
            };
            let (_, new, example) = placeholder::TITLES
                .iter()
                .find(|(k, _, _)| *k == kind)
                .expect("every kind `new` creates has its titles in placeholder::TITLES");
            match wording {
                Wording::New => *new,
                Wording::Example => *example,
            }
        }
    };
    pick(lang, texts)
}

/// The Markdown body below the front matter: a placeholder paragraph.
pub(super) fn body(lang: &str) -> String {
    paragraph(lang, placeholder::BODY)
}

/// A placeholder paragraph: the lead of `lang` and its text of `texts`.
pub(super) fn paragraph(lang: &str, texts: [&'static str; 3]) -> String {
    format!("{} {}", pick(lang, placeholder::LEADS), pick(lang, texts))
}

/// Where a field's value holds, in German.
pub(super) fn scope_note(scope: Scope) -> &'static str {
    match scope {
        Scope::Neutral => "alle Sprachen",
        Scope::Text => "je Sprache",
        Scope::PerFile => "je Datei",
    }
}

/// A YAML double-quoted string.
pub(super) fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Example;

    /// A field added to a kind's declaration needs a note, and a text
    /// field a placeholder in every language.
    #[test]
    fn every_field_has_a_comment_and_text_fields_a_placeholder() {
        for (kind, fields) in crate::parse::kinds::ALL {
            for field in *fields {
                assert!(!field.note.is_empty(), "{kind}.{}", field.name);
                assert_ne!(field.example, Example::Placeholder, "{kind}.{}", field.name);
                if field.scope == Scope::Text && field.name != "title" {
                    // A list of records (a statement's `barriers`) shows
                    // its shape in `Lines`.
                    assert!(
                        matches!(
                            field.example,
                            Example::Text(_)
                                | Example::TextList(_)
                                | Example::Sample(_)
                                | Example::DummyLines(_)
                        ),
                        "{kind}.{}",
                        field.name
                    );
                }
            }
        }
    }
}
