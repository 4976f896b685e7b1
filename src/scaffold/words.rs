//! The words of generated front matter that belong to no field: titles,
//! the body, the scope notes, and the choice of a text by language. Each
//! field's own note and example value are declared with the field
//! (`parse/kinds/`); every example must parse as the field's type once its
//! line is uncommented (`template_lines_parse` in `template.rs` checks that).

use crate::parse::kinds::Kind;
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

/// The title of a new or example entry.
pub(super) fn title(kind: Kind, wording: Wording, lang: &str) -> &'static str {
    let texts = match (kind, wording) {
        (Kind::Guideline, Wording::New) => [
            "Neue Leitlinie",
            "Nouvelle ligne directrice",
            "New guideline",
        ],
        (Kind::Guideline, Wording::Example) => [
            "Beispiel-Leitlinie",
            "Ligne directrice (exemple)",
            "Example guideline",
        ],
        (Kind::Project, Wording::New) => ["Neues Projekt", "Nouveau projet", "New project"],
        (Kind::Project, Wording::Example) => {
            ["Beispielprojekt", "Projet (exemple)", "Example project"]
        }
        (Kind::Contact, Wording::New) => ["Neuer Kontakt", "Nouveau contact", "New contact"],
        (Kind::Contact, Wording::Example) => {
            ["Beispielkontakt", "Contact (exemple)", "Example contact"]
        }
        (Kind::Edition, Wording::New) => {
            ["Neue Fortschreibung", "Nouvelle mise à jour", "New edition"]
        }
        (Kind::Edition, Wording::Example) => [
            "Beispiel-Fortschreibung",
            "Mise à jour (exemple)",
            "Example edition",
        ],
        (Kind::Accessibility, _) => [
            "Erklärung zur Barrierefreiheit",
            "Déclaration d’accessibilité",
            "Accessibility statement",
        ],
        (Kind::Home | Kind::Section | Kind::Page, Wording::New) => {
            ["Neue Seite", "Nouvelle page", "New page"]
        }
        (Kind::Home | Kind::Section | Kind::Page, Wording::Example) => {
            ["Beispielseite", "Page (exemple)", "Example page"]
        }
    };
    pick(lang, texts)
}

/// The Markdown body below the front matter.
pub(super) fn body(lang: &str) -> &'static str {
    pick(
        lang,
        [
            "**Platzhalter.** Ersetzen Sie diesen Text durch den eigentlichen Inhalt.",
            "**Texte provisoire.** Remplacez-le par le contenu réel.",
            "**Placeholder.** Replace this text with the actual content.",
        ],
    )
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
                            Example::Text(_) | Example::TextList(_) | Example::Lines(_)
                        ),
                        "{kind}.{}",
                        field.name
                    );
                }
            }
        }
    }
}
