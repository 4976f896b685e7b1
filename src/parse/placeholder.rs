//! Placeholders: the texts and made-up values `konzept new` and `konzept
//! init` write, declared once here (titles, body, the marks of example
//! pages) and with each field (`Example::Text`, `Dummy`, … in
//! `parse/kinds/`), and found again in a page that still holds them
//! (`warning[placeholder]`, an error under `check --strict`).
//!
//! The scaffold writes these constants and the check reads the same ones,
//! so the two cannot drift (`tests` in `scaffold/` runs every file `new`
//! and `init` write through [`scan`]). A field value is a placeholder when
//! it *equals* one (trimmed): an editor who changed it wrote something of
//! their own, and a real value that merely contains a placeholder's words
//! ("Budget de la ville, dans la mesure …") is not reported. A body line is
//! one when it *contains* a placeholder sentence or lead, wherever the
//! editor added text around it. Model calls [`scan`] for the pages a run
//! publishes: a draft left out of the run is not checked (its placeholders
//! are expected while it is written) and is, once `draft: true` goes.

use std::ops::Range;
use std::sync::LazyLock;

use super::front_matter;
use super::kinds::Kind;
use crate::diag::{Code, Diagnostic, Diagnostics, FileId};
use crate::yaml::{self, Example, Field, KeySpans, line_spans};

/// The bold lead of every placeholder paragraph, by language (de, fr, en).
pub const LEADS: [&str; 3] = [
    "**Platzhalter.**",
    "**Texte provisoire.**",
    "**Placeholder.**",
];

/// The sentence after the lead in the body of a new page.
pub const BODY: [&str; 3] = [
    "Ersetzen Sie diesen Text durch den eigentlichen Inhalt.",
    "Remplacez-le par le contenu réel.",
    "Replace this text with the actual content.",
];

/// The mark at the end of the title of an example page `init` writes.
pub const EXAMPLE_MARKS: [&str; 3] = ["(Beispiel)", "(exemple)", "(example)"];

/// The mark at the end of the title of a page `init` leaves to be written
/// (the legal notice, the privacy page).
pub const TODO_MARKS: [&str; 3] = ["(Platzhalter)", "(à compléter)", "(placeholder)"];

/// The titles of a new entry and of `init`'s example of a kind: (kind,
/// new, example), each de, fr, en. The accessibility statement has a real
/// title and is not listed.
pub const TITLES: &[(Kind, [&str; 3], [&str; 3])] = &[
    (
        Kind::Guideline,
        [
            "Neue Leitlinie",
            "Nouvelle ligne directrice",
            "New guideline",
        ],
        [
            "Beispiel-Leitlinie",
            "Ligne directrice (exemple)",
            "Example guideline",
        ],
    ),
    (
        Kind::Project,
        ["Neues Projekt", "Nouveau projet", "New project"],
        ["Beispielprojekt", "Projet (exemple)", "Example project"],
    ),
    (
        Kind::Contact,
        ["Neuer Kontakt", "Nouveau contact", "New contact"],
        ["Beispielkontakt", "Contact (exemple)", "Example contact"],
    ),
    (
        Kind::Edition,
        ["Neue Fortschreibung", "Nouvelle mise à jour", "New edition"],
        [
            "Beispiel-Fortschreibung",
            "Mise à jour (exemple)",
            "Example edition",
        ],
    ),
    (
        Kind::Indicator,
        ["Neuer Indikator", "Nouvel indicateur", "New indicator"],
        [
            "Beispielindikator",
            "Indicateur (exemple)",
            "Example indicator",
        ],
    ),
    (
        Kind::Page,
        ["Neue Seite", "Nouvelle page", "New page"],
        ["Beispielseite", "Page (exemple)", "Example page"],
    ),
];

/// The placeholder values of each kind's fields: (kind, field, values).
static VALUES: LazyLock<Vec<(Kind, &'static Field, Vec<String>)>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for &kind in Kind::ALL {
        for field in kind.fields() {
            let values = values(field);
            if !values.is_empty() {
                out.push((kind, field, values));
            }
        }
    }
    out
});

/// The placeholders a field's declaration writes.
fn values(field: &Field) -> Vec<String> {
    let dummy = |yaml: String| yaml::scalars(&yaml, "x");
    let mut out = match field.example {
        Example::Text(texts) | Example::TextList(texts) => {
            texts.iter().map(|&t| t.to_owned()).collect()
        }
        Example::Dummy(value) => dummy(format!("x: {value}\n")),
        Example::DummyLines(lines) => dummy(format!("x:\n  {}\n", lines.join("\n  "))),
        _ => Vec::new(),
    };
    if field.name == "title" {
        for (_, new, example) in TITLES {
            out.extend(new.iter().chain(example).map(|&t| t.to_owned()));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Every placeholder left in the page `text` (of `kind`, file `file`): one
/// warning per field value and per body line, at its place.
pub fn scan(text: &str, file: FileId, kind: Kind) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let Ok(split) = front_matter::split(text, file) else {
        return diags;
    };
    let spans = KeySpans::of(split.yaml, split.yaml_offset);
    for key in spans.names() {
        let field = VALUES.iter().find(|(k, f, _)| *k == kind && f.name == key);
        let raw = text.get(spans.value(key)).unwrap_or_default();
        let marked = key == "title" && marks().any(|m| raw.contains(m));
        let hit = field.is_some_and(|(_, _, vs)| vs.iter().any(|v| raw.contains(v.as_str())));
        if !marked && !hit {
            continue;
        }
        for value in yaml::scalars(split.yaml, key) {
            let value = value.trim();
            let listed = field.is_some_and(|(_, _, vs)| vs.iter().any(|v| v == value));
            let mark = (key == "title")
                .then(|| marks().find(|m| value.ends_with(m)))
                .flatten();
            if listed || mark.is_some() {
                let at = spans.item(text, key, value);
                diags.push(in_field(
                    kind,
                    key,
                    field.map(|f| f.1),
                    value,
                    mark,
                    file,
                    at,
                ));
            }
        }
    }
    for line in line_spans(split.body) {
        let words = &split.body[line.clone()];
        let found = LEADS
            .iter()
            .chain(&BODY)
            .filter_map(|m| words.find(m).map(|i| (i, *m)))
            .min();
        if let Some((i, marker)) = found {
            let start = split.body_offset + line.start + i;
            diags.push(in_body(marker, file, start..start + marker.len()));
        }
    }
    diags
}

fn marks() -> impl Iterator<Item = &'static str> {
    EXAMPLE_MARKS.into_iter().chain(TODO_MARKS)
}

fn in_field(
    kind: Kind,
    key: &str,
    field: Option<&Field>,
    value: &str,
    mark: Option<&str>,
    file: FileId,
    at: Range<usize>,
) -> Diagnostic {
    let noun = kind.noun();
    let d = Diagnostic::warning(
        Code::Placeholder,
        format!("`{key}` still holds the placeholder “{value}”"),
    )
    .at(file, at);
    if let Some(mark) = mark {
        return d
            .label(format!("“{mark}” marks a page still to be written"))
            .help("write the page's own title and text (without the mark), or delete the page");
    }
    let d = d.label("written by `konzept new` or `konzept init`, not the page's own words");
    match field {
        Some(f) if key == "title" || !f.required => d.help(format!(
            "write the {noun}'s own {key} ({}){}",
            f.note,
            if f.required {
                ""
            } else {
                ", or delete the line: the field is optional"
            }
        )),
        Some(f) => d.help(format!("write the {noun}'s real {key} ({})", f.note)),
        None => d.help("write the page's own words"),
    }
}

fn in_body(marker: &str, file: FileId, at: Range<usize>) -> Diagnostic {
    Diagnostic::warning(
        Code::Placeholder,
        format!("the text still holds the placeholder “{marker}”"),
    )
    .at(file, at)
    .label("written by `konzept new` or `konzept init`")
    .help("replace the placeholder paragraph with the page's own text")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceMap;

    fn scan_text(text: &str, kind: Kind) -> Vec<String> {
        let file = SourceMap::new().add("x.md".into(), text.into());
        scan(text, file, kind)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn a_value_is_a_placeholder_only_when_it_equals_one() {
        let text = "---\ntitle: Sprachcafé\ngoal: \"Was das Projekt erreichen soll, in einem Satz.\"\nfunding: Haushalt der Stadt\nparticipants: [Jobcenter, \"Beteiligte Stelle\"]\n---\nText.\n";
        let found = scan_text(text, Kind::Project);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("`goal`"));
        assert!(found[1].contains("Beteiligte Stelle"));
        let own = "---\ntitle: Projekt\nfunding: Budget de la ville, dans la mesure où celui-ci le permet\n---\n";
        assert!(scan_text(own, Kind::Project).is_empty());
    }

    #[test]
    fn a_body_line_is_one_wherever_the_placeholder_stands_in_it() {
        let text = "---\ntitle: Seite\n---\nEigener Text.\n\nMehr. **Platzhalter.** Ersetzen Sie diesen Text durch den eigentlichen Inhalt.\n";
        let found = scan_text(text, Kind::Page);
        assert_eq!(
            found,
            ["the text still holds the placeholder “**Platzhalter.**”"]
        );
    }

    #[test]
    fn a_title_marked_as_example_is_one() {
        let found = scan_text("---\ntitle: \"Impressum (Platzhalter)\"\n---\n", Kind::Page);
        assert_eq!(found.len(), 1);
        assert!(scan_text("---\ntitle: Impressum\n---\n", Kind::Page).is_empty());
    }
}
