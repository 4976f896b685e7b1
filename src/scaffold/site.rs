//! `konzept init`: a new site in German, French and English that builds
//! clean at once. Every text is marked as an example or placeholder; there
//! is no real data. The UI strings come from the embedded theme
//! (`themes/default/i18n/`), the example entries from [`Entry`], so they
//! show every field of their kind.

use std::path::{Path, PathBuf};

use super::ci::Ci;
use super::template::Entry;
use super::words::{Wording, pick};
use crate::diag::{Code, Diagnostic};
use crate::ids::{Lang, Slug};
use crate::parse::kinds::{Kind, STATEMENT_STEM};
use crate::parse::placeholder;

const SITE_YAML: &str = "\
# Einstellungen der Website (Beispiel, bitte anpassen).
languages: [de, fr, en]
default_language: de
# fallback: fehlende Übersetzungen zeigen die deutsche Fassung mit Hinweis; omit: weglassen.
missing_translations: fallback
# base_url: https://example.org/konzept/
contact: beispiel-kontakt
menu: [leitlinien, projekte, indikatoren, kontakte]
footer: [impressum, datenschutz, barrierefreiheit]
# Aussehen (docs/theming.md); Dateien liegen in static/:
# accent: \"#00577a\"
# logo: {file: static/logo.svg, alt: {de: …, fr: …, en: …}}
# favicon: static/favicon.png
# stylesheet: static/site.css
";

const GITIGNORE: &str = "/public/\n/.public.*\n/.konzept-cache/\n";

/// A page of the skeleton: path below `content/` without `.md`, language,
/// title, how the title is marked, translated slug, and the body after
/// its placeholder lead.
struct Page {
    stem: &'static str,
    lang: &'static str,
    title: &'static str,
    mark: Mark,
    slug: Option<&'static str>,
    body: &'static str,
}

/// The mark after a title (`parse/placeholder.rs`).
#[derive(Clone, Copy)]
enum Mark {
    /// A real title (a section's).
    None,
    /// An example page: "(Beispiel)".
    Example,
    /// A page to be written: "(Platzhalter)".
    Todo,
}

const fn page(
    stem: &'static str,
    lang: &'static str,
    (title, mark): (&'static str, Mark),
    slug: Option<&'static str>,
    body: &'static str,
) -> Page {
    Page {
        stem,
        lang,
        title,
        mark,
        slug,
        body,
    }
}

const fn real(title: &'static str) -> (&'static str, Mark) {
    (title, Mark::None)
}

const fn example(title: &'static str) -> (&'static str, Mark) {
    (title, Mark::Example)
}

const fn todo(title: &'static str) -> (&'static str, Mark) {
    (title, Mark::Todo)
}

const HOME_DE: &str = "Willkommen. Diese Website wurde mit `konzept init` angelegt; alle Inhalte sind Beispiele.\n\nSie finden hier die [Leitlinien](leitlinien/_index.md), die [Projekte](projekte/_index.md) und die [Kontakte](kontakte/_index.md).";
const HOME_FR: &str = "Bienvenue. Ce site a été créé avec `konzept init` ; tous les contenus sont des exemples.\n\nVous y trouverez les [lignes directrices](leitlinien/_index.md), les [projets](projekte/_index.md) et les [contacts](kontakte/_index.md).";
const HOME_EN: &str = "Welcome. This site was created with `konzept init`; all content is examples.\n\nHere you find the [guidelines](leitlinien/_index.md), the [projects](projekte/_index.md) and the [contacts](kontakte/_index.md).";
const PLACEHOLDER_DE: &str = placeholder::BODY[0];
const PLACEHOLDER_FR: &str = placeholder::BODY[1];
const PLACEHOLDER_EN: &str = placeholder::BODY[2];

const PAGES: &[Page] = &[
    page(
        "_index",
        "de",
        example("Integrationskonzept"),
        None,
        HOME_DE,
    ),
    page(
        "_index",
        "fr",
        example("Concept d’intégration"),
        None,
        HOME_FR,
    ),
    page(
        "_index",
        "en",
        example("Integration concept"),
        None,
        HOME_EN,
    ),
    page(
        "leitlinien/_index",
        "de",
        real("Leitlinien"),
        None,
        PLACEHOLDER_DE,
    ),
    page(
        "leitlinien/_index",
        "fr",
        real("Lignes directrices"),
        Some("lignes-directrices"),
        PLACEHOLDER_FR,
    ),
    page(
        "leitlinien/_index",
        "en",
        real("Guidelines"),
        Some("guidelines"),
        PLACEHOLDER_EN,
    ),
    page(
        "projekte/_index",
        "de",
        real("Projekte"),
        None,
        PLACEHOLDER_DE,
    ),
    page(
        "projekte/_index",
        "fr",
        real("Projets"),
        Some("projets"),
        PLACEHOLDER_FR,
    ),
    page(
        "projekte/_index",
        "en",
        real("Projects"),
        Some("projects"),
        PLACEHOLDER_EN,
    ),
    page(
        "indikatoren/_index",
        "de",
        real("Indikatoren"),
        None,
        PLACEHOLDER_DE,
    ),
    page(
        "indikatoren/_index",
        "fr",
        real("Indicateurs"),
        Some("indicateurs"),
        PLACEHOLDER_FR,
    ),
    page(
        "indikatoren/_index",
        "en",
        real("Indicators"),
        Some("indicators"),
        PLACEHOLDER_EN,
    ),
    page(
        "kontakte/_index",
        "de",
        real("Kontakte"),
        None,
        PLACEHOLDER_DE,
    ),
    page(
        "kontakte/_index",
        "fr",
        real("Contacts"),
        Some("contacts"),
        PLACEHOLDER_FR,
    ),
    page(
        "kontakte/_index",
        "en",
        real("Contacts"),
        Some("contacts"),
        PLACEHOLDER_EN,
    ),
    page(
        "impressum",
        "de",
        todo("Impressum"),
        None,
        "Tragen Sie hier Anbieter, Anschrift, Vertretung und Kontakt ein.",
    ),
    page(
        "impressum",
        "fr",
        todo("Mentions légales"),
        Some("mentions-legales"),
        "Indiquez ici l’éditeur, son adresse, son représentant et ses coordonnées.",
    ),
    page(
        "impressum",
        "en",
        todo("Legal notice"),
        Some("legal-notice"),
        "Enter the publisher, address, representative and contact details here.",
    ),
    page(
        "datenschutz",
        "de",
        todo("Datenschutz"),
        None,
        "Beschreiben Sie hier, welche Daten beim Besuch der Website verarbeitet werden.",
    ),
    page(
        "datenschutz",
        "fr",
        todo("Protection des données"),
        Some("protection-des-donnees"),
        "Décrivez ici les données traitées lors de la visite du site.",
    ),
    page(
        "datenschutz",
        "en",
        todo("Privacy"),
        Some("privacy"),
        "Describe here which data are processed when the site is visited.",
    ),
];

/// Creates a new site in `dir`, which must be empty or absent (a fresh
/// clone's `.git` alone is allowed), with the publishing recipe for `ci`.
/// Returns the files written.
pub fn init(dir: &Path, ci: Ci) -> Result<Vec<PathBuf>, Diagnostic> {
    let non_empty = std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.file_name() != ".git")
    });
    if non_empty || dir.is_file() {
        return Err(Diagnostic::error(
            Code::Io,
            format!("{} is not empty; nothing was written", dir.display()),
        )
        .help("name a new or empty directory (a fresh clone holding only .git is fine)"));
    }
    let mut files = files();
    files.extend(super::ci::recipe(ci));
    super::create_files(dir, &files)
}

/// Every file of the new site: (path, text).
fn files() -> Vec<(String, String)> {
    let mut files = vec![
        ("site.yaml".to_owned(), SITE_YAML.to_owned()),
        (".gitignore".to_owned(), GITIGNORE.to_owned()),
    ];
    files.extend(
        crate::render::theme::embedded_files()
            .filter(|(rel, _)| rel.starts_with("i18n/"))
            .map(|(rel, bytes)| {
                let text = std::str::from_utf8(bytes).expect("the embedded UI strings are UTF-8");
                (rel.to_owned(), text.to_owned())
            }),
    );
    for p in PAGES {
        let suffix = if p.lang == "de" {
            String::new()
        } else {
            format!(".{}", p.lang)
        };
        let slug = p.slug.map(|s| format!("slug: {s}\n")).unwrap_or_default();
        let title = match p.mark {
            Mark::None => p.title.to_owned(),
            Mark::Example => format!("{} {}", p.title, pick(p.lang, placeholder::EXAMPLE_MARKS)),
            Mark::Todo => format!("{} {}", p.title, pick(p.lang, placeholder::TODO_MARKS)),
        };
        let title = super::words::quote(&title);
        let lead = pick(p.lang, placeholder::LEADS);
        files.push((
            format!("content/{}{suffix}.md", p.stem),
            format!("---\ntitle: {title}\n{slug}---\n{lead} {}\n", p.body),
        ));
    }
    let langs: Vec<Lang> = ["de", "fr", "en"]
        .map(|l| Lang::parse(l).expect("de, fr and en are language codes"))
        .into();
    let examples = [
        (Kind::Guideline, "beispiel-leitlinie"),
        (Kind::Project, "beispiel-projekt"),
        (Kind::Contact, "beispiel-kontakt"),
        (Kind::Accessibility, STATEMENT_STEM),
        (Kind::Indicator, EXAMPLE_INDICATOR),
    ];
    for (kind, id) in examples {
        let slug = Slug::parse(id).expect("the example ids are slugs");
        let entry = Entry {
            kind,
            slug: &slug,
            default_lang: &langs[0],
            site_langs: &langs,
            contact: Some("beispiel-kontakt"),
            guideline: Some("beispiel-leitlinie"),
            ordinal: 1,
            wording: Wording::Example,
        };
        files.extend(langs.iter().map(|l| {
            let text = entry.render(l);
            (
                entry.path(l),
                if kind == Kind::Indicator {
                    example_data(&text)
                } else {
                    text
                },
            )
        }));
    }
    files.push((
        format!("content/indikatoren/{EXAMPLE_INDICATOR}.csv"),
        EXAMPLE_CSV.to_owned(),
    ));
    files
}

/// The example indicator's id.
const EXAMPLE_INDICATOR: &str = "beispiel-indikator";

/// The example indicator's data: made up, and marked `example: true`.
const EXAMPLE_CSV: &str = "period,value\n2021,10.4\n2022,11.0\n2023,11.9\n2024,12.3\n";

/// The example indicator's front matter with `example: true` and its
/// guideline set, not commented out: its figures are made up, and every
/// page showing them says so.
fn example_data(text: &str) -> String {
    text.replace("# example: true", "example: true").replace(
        "# guidelines: [beispiel-leitlinie]",
        "guidelines: [beispiel-leitlinie]",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page `init` writes holds a placeholder that `build` and
    /// `check` report, so `check --strict` fails on a site nobody has
    /// written yet (`parse/placeholder.rs`).
    #[test]
    fn every_page_init_writes_is_reported_as_a_placeholder() {
        for (path, text) in files() {
            let Some(rel) = path
                .strip_prefix("content/")
                .and_then(|p| p.strip_suffix(".md"))
            else {
                continue;
            };
            let (section, name) = rel
                .rsplit_once('/')
                .map_or((None, rel), |(s, n)| (Some(s), n));
            let stem = name.split('.').next().expect("a stem");
            let kind = match (section, stem) {
                (None, "_index") => Kind::Home,
                (Some(_), "_index") => Kind::Section,
                (None, STATEMENT_STEM) => Kind::Accessibility,
                (section, _) => Kind::of_section(section),
            };
            let file = crate::diag::SourceMap::new().add(path.clone(), text.as_str().into());
            let found = crate::parse::placeholder::scan(&text, file, kind);
            assert!(!found.is_empty(), "{path}: nothing reported\n{text}");
        }
    }
}
