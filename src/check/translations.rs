//! Missing translations: one warning per page and language, and the table
//! of page × language that `check` prints after the diagnostics.

use crate::config::{Config, MissingTranslations};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ids::Lang;
use crate::load::Sources;
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
    /// Per language: whether the page is left untranslated in it on
    /// purpose (`untranslated` in its front matter).
    pub on_purpose: Vec<bool>,
}

impl TranslationRow {
    /// The languages this page lacks, not counting those it is left
    /// untranslated in on purpose.
    pub fn missing<'a>(&'a self, languages: &'a [Lang]) -> impl Iterator<Item = &'a Lang> {
        languages
            .iter()
            .zip(self.present.iter().zip(&self.on_purpose))
            .filter(|(_, (present, on_purpose))| !**present && !**on_purpose)
            .map(|(l, _)| l)
    }

    /// The languages this page is left untranslated in on purpose.
    pub fn untranslated<'a>(&'a self, languages: &'a [Lang]) -> impl Iterator<Item = &'a Lang> {
        languages
            .iter()
            .zip(&self.on_purpose)
            .filter(|(_, on_purpose)| **on_purpose)
            .map(|(l, _)| l)
    }
}

/// Builds the table and adds a `missing-translation` warning per gap that
/// is not on purpose.
/// A translation file that exists but did not parse is not missing: its
/// own errors say what to fix.
pub(super) fn table(
    site: &Site,
    config: &Config,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> TranslationTable {
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
        let on_purpose: Vec<bool> = site
            .languages
            .iter()
            .map(|l| entry.untranslated.contains(l))
            .collect();
        let original = site.page(site.original(entry.id));
        let dir = original.path.dir();
        let base = if dir.is_empty() {
            entry.stem.clone()
        } else {
            format!("{dir}/{}", entry.stem)
        };
        let gaps = site.languages.iter().zip(present.iter().zip(&on_purpose));
        let on_disk = |lang: &Lang| {
            sources
                .pages
                .iter()
                .any(|p| p.lang == *lang && p.stem == entry.stem && p.section == entry.section)
        };
        for (lang, _) in gaps.filter(|(l, (p, o))| !**p && !**o && !on_disk(l)) {
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
            on_purpose,
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
