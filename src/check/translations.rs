//! Missing translations: one warning per page and language, and the table
//! of page × language that `check` prints after the diagnostics.

use crate::config::{Config, MissingTranslations};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ids::Lang;
use crate::model::Site;

/// The pages with at least one missing language.
#[derive(Debug, Clone)]
pub struct TranslationTable {
    /// Configured languages, in `site.yaml` order (the table's columns).
    pub languages: Vec<Lang>,
    /// The default language, shown where a translation is missing under the
    /// fallback policy.
    pub default_lang: Lang,
    /// What readers get for a missing translation.
    pub policy: MissingTranslations,
    /// One row per page lacking a language, in content-path order.
    pub rows: Vec<TranslationRow>,
}

/// One page of the table.
#[derive(Debug, Clone)]
pub struct TranslationRow {
    /// The page without language and extension (`content/projekte/monitoring`).
    pub page: String,
    /// Per language of [`TranslationTable::languages`]: whether it is translated.
    pub present: Vec<bool>,
}

impl TranslationRow {
    /// The languages this page lacks.
    pub fn missing<'a>(&'a self, languages: &'a [Lang]) -> impl Iterator<Item = &'a Lang> {
        languages
            .iter()
            .zip(&self.present)
            .filter(|(_, present)| !**present)
            .map(|(l, _)| l)
    }
}

/// Builds the table and adds a `missing-translation` warning per gap.
pub(super) fn table(site: &Site, config: &Config, diags: &mut Diagnostics) -> TranslationTable {
    let mut rows = Vec::new();
    for entry in &site.entries {
        let present: Vec<bool> = site
            .languages
            .iter()
            .map(|l| site.translation(entry.id, l).is_some())
            .collect();
        if present.iter().all(|p| *p) {
            continue;
        }
        let original = site.page(site.original(entry.id));
        let dir = original.path.dir();
        let base = if dir.is_empty() {
            entry.stem.clone()
        } else {
            format!("{dir}/{}", entry.stem)
        };
        for (lang, _) in site.languages.iter().zip(&present).filter(|(_, p)| !**p) {
            let help = match config.missing_translations {
                MissingTranslations::Fallback => format!(
                    "readers of the {lang} site get the {} page with a notice; \
                     create `content/{base}.{lang}.md` to translate it",
                    site.default_lang
                ),
                MissingTranslations::Omit => format!(
                    "the page is left out of the {lang} site; \
                     create `content/{base}.{lang}.md` to publish it there"
                ),
            };
            diags.push(
                Diagnostic::warning(
                    Code::MissingTranslation,
                    format!("`content/{}` has no {lang} translation", original.path),
                )
                .in_file(original.file)
                .help(help),
            );
        }
        rows.push(TranslationRow {
            page: format!("content/{base}"),
            present,
        });
    }
    rows.sort_by(|a, b| a.page.cmp(&b.page));
    TranslationTable {
        languages: site.languages.clone(),
        default_lang: site.default_lang.clone(),
        policy: config.missing_translations,
        rows,
    }
}
