//! The placeholder values and German field comments of generated front
//! matter. Every value here must parse as the field's type once the line is
//! uncommented (`template_lines_parse` in `template.rs` checks that).

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
fn pick(lang: &str, [de, fr, en]: [&'static str; 3]) -> &'static str {
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
        (_, Wording::New) => ["Neue Seite", "Nouvelle page", "New page"],
        (_, Wording::Example) => ["Beispielseite", "Page (exemple)", "Example page"],
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

/// The placeholder of a text field in a language, as YAML.
pub(super) fn text_value(field: &str, lang: &str) -> Option<String> {
    let quoted = |texts| Some(quote(pick(lang, texts)));
    let list = |texts| Some(format!("[{}]", quote(pick(lang, texts))));
    match field {
        "summary" => quoted([
            "Ein bis zwei Sätze für Listen und Suchmaschinen.",
            "Une ou deux phrases pour les listes et les moteurs de recherche.",
            "One or two sentences for lists and search engines.",
        ]),
        "fields_of_action" => list(["Handlungsfeld", "Champ d’action", "Field of action"]),
        "goal" => quoted([
            "Was das Projekt erreichen soll, in einem Satz.",
            "Ce que le projet doit atteindre, en une phrase.",
            "What the project is meant to achieve, in one sentence.",
        ]),
        "participants" => list(["Beteiligte Stelle", "Partenaire", "Partner"]),
        "costs" => quoted(["10.000 € pro Jahr", "10 000 € par an", "€10,000 a year"]),
        "funding" => quoted(["Haushalt der Stadt", "Budget de la ville", "City budget"]),
        "organisation" => quoted([
            "Name der Organisation",
            "Nom de l’organisation",
            "Name of the organisation",
        ]),
        "unit" => quoted(["Amt oder Abteilung", "Service", "Office or department"]),
        "city" => quoted(["Musterstadt", "Ville exemple", "Example City"]),
        "opening_hours" => quoted([
            "Termine auch nach Vereinbarung",
            "Rendez-vous également sur demande",
            "Appointments also by arrangement",
        ]),
        _ => None,
    }
}

/// What a field is, in German, for the comment beside it.
pub(super) fn describe(field: &str) -> &'static str {
    match field {
        "title" => "Titel",
        "summary" => "Kurzfassung",
        "slug" => "URL-Teil dieser Sprache, Standard: Dateiname",
        "weight" => "Reihenfolge, kleiner zuerst",
        "draft" => "true: nur mit --drafts gebaut",
        "updated" => "letzte Änderung, JJJJ-MM-TT",
        "ordinal" => "Nummer im Konzept",
        "fields_of_action" => "Handlungsfelder",
        "goal" => "Zielstellung",
        "participants" => "Beteiligte",
        "duration" => "Laufzeit: start, end, ongoing",
        "costs" => "Kosten",
        "funding" => "Finanzierung",
        "contact" => "Id eines Eintrags in kontakte/",
        "guidelines" => "Ids von Leitlinien",
        "districts" => "Stadtteile",
        "status" => "planned, running, completed oder ongoing",
        "organisation" => "Organisation",
        "unit" => "Amt oder Abteilung",
        "name" => "Name einer Person",
        "street" => "Straße und Hausnummer",
        "postal_code" => "Postleitzahl",
        "city" => "Ort",
        "email" => "E-Mail",
        "phone" => "Telefon, international",
        "opening_hours" => "Öffnungszeiten als Text, z. B. Hinweise",
        "hours" => "regelmäßige Öffnungszeiten: Tage (mo–su), von, bis",
        "languages" => "gesprochene Sprachen",
        _ => "",
    }
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

    /// A field added to a kind's table needs a comment here, and a text
    /// field a placeholder in every language.
    #[test]
    fn every_field_has_a_comment_and_text_fields_a_placeholder() {
        for (kind, fields) in crate::parse::kinds::ALL {
            for field in *fields {
                assert!(!describe(field.name).is_empty(), "{kind}.{}", field.name);
                if field.scope == Scope::Text && field.name != "title" {
                    assert!(
                        text_value(field.name, "fr").is_some(),
                        "{kind}.{}",
                        field.name
                    );
                }
            }
        }
    }
}
