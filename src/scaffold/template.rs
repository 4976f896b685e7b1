//! The files of one entry (guideline, project, contact or page) in several
//! languages, generated from the kind's field table ([`Kind::fields`]):
//! each field's note and example value are declared with the field, so the
//! template cannot drift from the schema.
//!
//! The default-language file gets every field; a translation gets only the
//! fields it may set (text and per-file fields), because the parser rejects
//! language-neutral fields in translations. Required fields carry a
//! placeholder, optional ones are commented out with a value that parses.

use std::fmt::Write as _;

use super::words::{self, Wording};
use crate::ids::{Lang, Slug};
use crate::parse::kinds::Kind;
use crate::yaml::{Example, Field, Scope};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// Guideline, project, contact or page.
    pub kind: Kind,
    /// The file name (and id).
    pub slug: &'a Slug,
    /// The site's default language.
    pub default_lang: &'a Lang,
    /// The site's languages (the example value of a contact's `languages`).
    pub site_langs: &'a [Lang],
    /// A project's contact id, if one is known.
    pub contact: Option<&'a str>,
    /// A guideline id for the commented `guidelines:` example.
    pub guideline: Option<&'a str>,
    /// A guideline's number.
    pub ordinal: u32,
    /// New entry or `init` example.
    pub wording: Wording,
}

/// The placeholder written when no contact exists yet.
pub const CONTACT_PLACEHOLDER: &str = "kontakt-id";

impl Entry<'_> {
    /// The directory of the kind below the site root.
    pub fn dir(&self) -> String {
        match self.kind.section() {
            Some(section) => format!("content/{section}"),
            None => "content".to_owned(),
        }
    }

    /// The file of a language, relative to the site root
    /// (`content/projekte/x.fr.md`).
    pub fn path(&self, lang: &Lang) -> String {
        if lang == self.default_lang {
            format!("{}/{}.md", self.dir(), self.slug)
        } else {
            format!("{}/{}.{lang}.md", self.dir(), self.slug)
        }
    }

    /// The text of the file in `lang`.
    pub fn render(&self, lang: &Lang) -> String {
        let original = lang == self.default_lang;
        let mut out = String::from("---\n");
        out.push_str(&self.header(lang, original));
        for field in self.kind.fields() {
            // New pages are written in every language: none is left
            // untranslated yet.
            if (!original && field.scope == Scope::Neutral) || field.name == "untranslated" {
                continue;
            }
            self.write_field(&mut out, field, lang);
        }
        out.push_str("---\n");
        out.push_str(&words::body(lang.as_str()));
        out.push('\n');
        out
    }

    fn header(&self, lang: &Lang, original: bool) -> String {
        let kind = match self.kind {
            Kind::Guideline => "Leitlinie",
            Kind::Project => "Projekt",
            Kind::Contact => "Kontakt",
            Kind::Accessibility => "Erklärung zur Barrierefreiheit",
            Kind::Edition => "Fortschreibung",
            Kind::Indicator => "Indikator",
            Kind::Home | Kind::Section | Kind::Page => "Seite",
        };
        if original {
            format!(
                "# {kind} ({lang}). Pflichtfelder sind gesetzt, optionale auskommentiert (#).\n\
                 # Felder für „alle Sprachen“ stehen nur hier; Übersetzungen erben sie.\n"
            )
        } else {
            format!(
                "# {kind}, Übersetzung ({lang}) von {}.md: nur Felder „je Sprache“ und „je Datei“.\n",
                self.slug
            )
        }
    }

    fn write_field(&self, out: &mut String, field: &Field, lang: &Lang) {
        let lines = self.value(field, lang);
        let (first, rest) = lines.split_first().expect("every value has a first line");
        let note = format!(
            "{} ({}; {})",
            field.note,
            if field.required {
                "Pflicht"
            } else {
                "optional"
            },
            words::scope_note(field.scope)
        );
        // A new entry is a draft until its placeholders are replaced
        // (`parse/placeholder.rs`): `build` leaves it out, `check` passes.
        let draft = field.name == "draft" && self.wording == Wording::New;
        let hash = if field.required || draft { "" } else { "# " };
        let sep = if first.is_empty() { "" } else { " " };
        writeln!(out, "{hash}{}:{sep}{first}  # {note}", field.name)
            .expect("writing to a String cannot fail");
        for line in rest {
            writeln!(out, "{hash}  {line}").expect("writing to a String cannot fail");
        }
    }

    /// The YAML value of a field: one line, or an empty first line and the
    /// lines of a nested value.
    fn value(&self, field: &Field, lang: &Lang) -> Vec<String> {
        let one = |s: String| vec![s];
        let lang = lang.as_str();
        match field.example {
            Example::Placeholder => one(words::quote("…")),
            Example::Yaml(value) | Example::Dummy(value) => one(value.to_owned()),
            Example::Lines(lines) | Example::DummyLines(lines) => std::iter::once(String::new())
                .chain(lines.iter().map(|&line| line.to_owned()))
                .collect(),
            Example::Text(texts) | Example::Sample(texts) => {
                one(words::quote(words::pick(lang, texts)))
            }
            Example::TextList(texts) => {
                one(format!("[{}]", words::quote(words::pick(lang, texts))))
            }
            Example::Title => one(words::quote(words::title(self.kind, self.wording, lang))),
            Example::Slug => one(self.slug.to_string()),
            Example::Ordinal => one(self.ordinal.to_string()),
            Example::Contact => one(self.contact.unwrap_or(CONTACT_PLACEHOLDER).to_owned()),
            Example::Guidelines => one(format!("[{}]", self.guideline.unwrap_or("leitlinie-id"))),
            Example::Languages => {
                let codes: Vec<&str> = self.site_langs.iter().map(Lang::as_str).collect();
                one(format!("[{}]", codes.join(", ")))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::kinds::{RawContact, RawGuideline, RawPage, RawProject};

    /// The front matter with every optional line uncommented.
    fn uncommented(text: &str, kind: Kind) -> String {
        let front = text.split("---\n").nth(1).expect("front matter");
        front
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest)
                    if rest.starts_with("  ")
                        || kind
                            .fields()
                            .iter()
                            .any(|f| rest.starts_with(&format!("{}:", f.name))) =>
                {
                    rest
                }
                _ => line,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn parses<T: serde::de::DeserializeOwned>(kind: Kind) {
        let slug = Slug::parse("x").expect("valid slug");
        let langs: Vec<Lang> = ["de", "fr", "en"]
            .map(|l| Lang::parse(l).expect("valid"))
            .into();
        let entry = Entry {
            kind,
            slug: &slug,
            default_lang: &langs[0],
            site_langs: &langs,
            contact: None,
            guideline: None,
            ordinal: 1,
            wording: Wording::New,
        };
        for lang in &langs {
            let yaml = uncommented(&entry.render(lang), kind);
            let parsed: Result<T, _> = serde_yaml::from_str(&yaml);
            assert!(
                parsed.is_ok(),
                "{kind:?} {lang}: {:?}\n{yaml}",
                parsed.err()
            );
        }
    }

    /// Every placeholder `konzept new` and `init` write is found again by
    /// the check of `build` and `check` (`parse/placeholder.rs`): the
    /// title, each field whose example is a placeholder (its line
    /// uncommented), and the body, in every kind and language.
    #[test]
    fn every_placeholder_the_scaffold_writes_is_reported() {
        let slug = Slug::parse("x").expect("valid slug");
        let langs: Vec<Lang> = ["de", "fr", "en"]
            .map(|l| Lang::parse(l).expect("valid"))
            .into();
        for &kind in Kind::ALL {
            for wording in [Wording::New, Wording::Example] {
                let entry = Entry {
                    kind,
                    slug: &slug,
                    default_lang: &langs[0],
                    site_langs: &langs,
                    contact: None,
                    guideline: None,
                    ordinal: 1,
                    wording,
                };
                for lang in &langs {
                    let written = entry.render(lang);
                    let body = written.split("---\n").nth(2).expect("a body");
                    let text = format!("---\n{}\n---\n{body}", uncommented(&written, kind));
                    let file =
                        crate::diag::SourceMap::new().add("x.md".into(), text.as_str().into());
                    let found: Vec<String> = crate::parse::placeholder::scan(&text, file, kind)
                        .into_iter()
                        .map(|d| d.message)
                        .collect();
                    let mut expected: Vec<&str> = kind
                        .fields()
                        .iter()
                        .filter(|f| lang == &langs[0] || f.scope != Scope::Neutral)
                        .filter(|f| match f.example {
                            Example::Text(_)
                            | Example::TextList(_)
                            | Example::Dummy(_)
                            | Example::DummyLines(_) => true,
                            Example::Title => kind != Kind::Accessibility,
                            _ => false,
                        })
                        .map(|f| f.name)
                        .collect();
                    expected.push("the text");
                    for name in expected {
                        let what = if name == "the text" {
                            name.to_owned()
                        } else {
                            format!("`{name}`")
                        };
                        assert!(
                            found.iter().any(|m| m.starts_with(&what)),
                            "{kind:?} {wording:?} {lang}: {what} not reported: {found:?}\n{text}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn template_lines_parse() {
        parses::<RawPage>(Kind::Page);
        parses::<RawGuideline>(Kind::Guideline);
        parses::<RawProject>(Kind::Project);
        parses::<RawContact>(Kind::Contact);
    }
}
