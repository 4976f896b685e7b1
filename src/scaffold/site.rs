//! `konzept init`: a new site in German, French and English that builds
//! clean at once. Every text is marked as an example or placeholder; there
//! is no real data. The UI strings come from the embedded theme
//! (`themes/default/i18n/`), the example entries from [`Entry`], so they
//! show every field of their kind.

use std::path::{Path, PathBuf};

use super::ci::Ci;
use super::template::Entry;
use super::words::Wording;
use crate::diag::{Code, Diagnostic};
use crate::ids::{Lang, Slug};
use crate::parse::kinds::{Kind, STATEMENT_STEM};

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
/// title, translated slug, body.
struct Page {
    stem: &'static str,
    lang: &'static str,
    title: &'static str,
    slug: Option<&'static str>,
    body: &'static str,
}

const fn page(
    stem: &'static str,
    lang: &'static str,
    title: &'static str,
    slug: Option<&'static str>,
    body: &'static str,
) -> Page {
    Page {
        stem,
        lang,
        title,
        slug,
        body,
    }
}

const HOME_DE: &str = "Willkommen. Diese Website wurde mit `konzept init` angelegt; alle Inhalte sind **Beispiele** und Platzhalter.\n\nSie finden hier die [Leitlinien](leitlinien/_index.md), die [Projekte](projekte/_index.md) und die [Kontakte](kontakte/_index.md).";
const HOME_FR: &str = "Bienvenue. Ce site a été créé avec `konzept init` ; tous les contenus sont des **exemples** provisoires.\n\nVous y trouverez les [lignes directrices](leitlinien/_index.md), les [projets](projekte/_index.md) et les [contacts](kontakte/_index.md).";
const HOME_EN: &str = "Welcome. This site was created with `konzept init`; all content is **examples** and placeholders.\n\nHere you find the [guidelines](leitlinien/_index.md), the [projects](projekte/_index.md) and the [contacts](kontakte/_index.md).";
const PLACEHOLDER_DE: &str =
    "**Platzhalter.** Ersetzen Sie diesen Text durch den eigentlichen Inhalt.";
const PLACEHOLDER_FR: &str = "**Texte provisoire.** Remplacez-le par le contenu réel.";
const PLACEHOLDER_EN: &str = "**Placeholder.** Replace this text with the actual content.";

const PAGES: &[Page] = &[
    page(
        "_index",
        "de",
        "Integrationskonzept (Beispiel)",
        None,
        HOME_DE,
    ),
    page(
        "_index",
        "fr",
        "Concept d’intégration (exemple)",
        None,
        HOME_FR,
    ),
    page(
        "_index",
        "en",
        "Integration concept (example)",
        None,
        HOME_EN,
    ),
    page(
        "leitlinien/_index",
        "de",
        "Leitlinien",
        None,
        PLACEHOLDER_DE,
    ),
    page(
        "leitlinien/_index",
        "fr",
        "Lignes directrices",
        Some("lignes-directrices"),
        PLACEHOLDER_FR,
    ),
    page(
        "leitlinien/_index",
        "en",
        "Guidelines",
        Some("guidelines"),
        PLACEHOLDER_EN,
    ),
    page("projekte/_index", "de", "Projekte", None, PLACEHOLDER_DE),
    page(
        "projekte/_index",
        "fr",
        "Projets",
        Some("projets"),
        PLACEHOLDER_FR,
    ),
    page(
        "projekte/_index",
        "en",
        "Projects",
        Some("projects"),
        PLACEHOLDER_EN,
    ),
    page(
        "indikatoren/_index",
        "de",
        "Indikatoren",
        None,
        PLACEHOLDER_DE,
    ),
    page(
        "indikatoren/_index",
        "fr",
        "Indicateurs",
        Some("indicateurs"),
        PLACEHOLDER_FR,
    ),
    page(
        "indikatoren/_index",
        "en",
        "Indicators",
        Some("indicators"),
        PLACEHOLDER_EN,
    ),
    page("kontakte/_index", "de", "Kontakte", None, PLACEHOLDER_DE),
    page(
        "kontakte/_index",
        "fr",
        "Contacts",
        Some("contacts"),
        PLACEHOLDER_FR,
    ),
    page(
        "kontakte/_index",
        "en",
        "Contacts",
        Some("contacts"),
        PLACEHOLDER_EN,
    ),
    page(
        "impressum",
        "de",
        "Impressum (Platzhalter)",
        None,
        "**Platzhalter.** Tragen Sie hier Anbieter, Anschrift, Vertretung und Kontakt ein.",
    ),
    page(
        "impressum",
        "fr",
        "Mentions légales (à compléter)",
        Some("mentions-legales"),
        "**Texte provisoire.** Indiquez ici l’éditeur, son adresse, son représentant et ses coordonnées.",
    ),
    page(
        "impressum",
        "en",
        "Legal notice (placeholder)",
        Some("legal-notice"),
        "**Placeholder.** Enter the publisher, address, representative and contact details here.",
    ),
    page(
        "datenschutz",
        "de",
        "Datenschutz (Platzhalter)",
        None,
        "**Platzhalter.** Beschreiben Sie hier, welche Daten beim Besuch der Website verarbeitet werden.",
    ),
    page(
        "datenschutz",
        "fr",
        "Protection des données (à compléter)",
        Some("protection-des-donnees"),
        "**Texte provisoire.** Décrivez ici les données traitées lors de la visite du site.",
    ),
    page(
        "datenschutz",
        "en",
        "Privacy (placeholder)",
        Some("privacy"),
        "**Placeholder.** Describe here which data are processed when the site is visited.",
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
        let title = super::words::quote(p.title);
        files.push((
            format!("content/{}{suffix}.md", p.stem),
            format!("---\ntitle: {title}\n{slug}---\n{}\n", p.body),
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
