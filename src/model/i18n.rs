//! UI strings: the embedded theme's `i18n/<lang>.yaml` (de, fr, en) with the
//! site's `i18n/<lang>.yaml` over it key by key, each language completed
//! from the default language, with a warning for every key a language lacks
//! (an error for a key the generator requires that neither the site nor the
//! theme has in the default language).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ids::Lang;
pub use crate::ids::{LANGUAGE_CODES, endonym};
use crate::load::Sources;
use crate::yaml;

/// Keys the generator itself uses to build template values; the default
/// language must have them.
pub const REQUIRED_KEYS: &[&str] = &[
    "site_title",
    "site_description",
    "choose_language",
    "home",
    "not_found_title",
    "fallback_notice",
    "status_planned",
    "status_running",
    "status_completed",
    "status_ongoing",
    "duration_since",
    "duration_until",
    "duration_ongoing",
    "full_text_slug",
    "full_text_title",
    "search_slug",
    "search_title",
    "outdated_notice",
];

/// The UI strings of every language, each complete (missing keys filled from
/// the default language). Shared, not copied, by every page.
#[derive(Debug, Default, Clone)]
pub struct UiStrings {
    by_lang: BTreeMap<Lang, Arc<BTreeMap<String, String>>>,
}

impl UiStrings {
    /// The strings of a language.
    pub fn strings(&self, lang: &Lang) -> &Arc<BTreeMap<String, String>> {
        self.by_lang
            .get(lang)
            .expect("UI strings exist for every configured language")
    }

    /// One string; empty if the key does not exist at all.
    pub fn get<'a>(&'a self, lang: &Lang, key: &str) -> &'a str {
        self.strings(lang).get(key).map_or("", String::as_str)
    }
}

/// Reads and completes the UI strings, reporting missing keys: the
/// embedded theme's strings of a language are its base, the site's file
/// overrides them key by key, and a key neither has is taken from the
/// default language with a warning.
pub(super) fn load(sources: &Sources, config: &Config, diags: &mut Diagnostics) -> UiStrings {
    let mut raw: BTreeMap<Lang, BTreeMap<String, String>> = BTreeMap::new();
    let mut files = BTreeMap::new();
    let mut failed = std::collections::BTreeSet::new();
    for source in &sources.i18n {
        match yaml::read_strings(&source.text, source.file) {
            Ok((map, _)) => {
                raw.insert(source.lang.clone(), map);
                files.insert(source.lang.clone(), source.file);
            }
            Err(e) => {
                // Its error is reported; no follow-on warnings about its keys.
                failed.insert(source.lang.clone());
                diags.extend(e);
            }
        }
    }
    let mut theme: BTreeMap<Lang, BTreeMap<String, String>> = BTreeMap::new();
    for source in &sources.theme_i18n {
        // The theme's files read without problems (a unit test in `load`).
        if let Ok((map, _)) = yaml::read_strings(&source.text, source.file) {
            theme.insert(source.lang.clone(), map);
        }
    }
    let mut merged = |lang: &Lang| {
        let mut strings = theme.remove(lang).unwrap_or_default();
        strings.extend(raw.remove(lang).unwrap_or_default());
        strings
    };
    let theme_has = |lang: &Lang| sources.theme_i18n.iter().any(|s| s.lang == *lang);
    let default = merged(&config.default_lang);
    let default_file = files.get(&config.default_lang).copied();
    for key in REQUIRED_KEYS {
        if !default.contains_key(*key) && !failed.contains(&config.default_lang) {
            let d = Diagnostic::error(
                Code::MissingI18nKey,
                format!(
                    "the UI string `{key}` is missing in the default language ({})",
                    config.default_lang
                ),
            )
            .help(format!(
                "add `{key}: …` to i18n/{}.yaml",
                config.default_lang
            ));
            diags.push(match default_file {
                Some(f) => d.in_file(f),
                None => d,
            });
        }
    }
    let mut by_lang = BTreeMap::new();
    for lang in &config.languages {
        if *lang == config.default_lang {
            continue;
        }
        let mut own = merged(lang);
        let file = files.get(lang).copied();
        let whole_file_missing = file.is_none() && !theme_has(lang);
        if whole_file_missing && !failed.contains(lang) {
            diags.push(
                Diagnostic::warning(
                    Code::MissingI18nKey,
                    format!(
                        "there is no i18n/{lang}.yaml; every UI string in {lang} falls back to {}",
                        config.default_lang
                    ),
                )
                .help(format!(
                    "create i18n/{lang}.yaml with the translated strings of i18n/{}.yaml",
                    config.default_lang
                )),
            );
        }
        let report = !whole_file_missing && !failed.contains(lang);
        for (key, text) in &default {
            if !own.contains_key(key) {
                if report {
                    let d = Diagnostic::warning(
                        Code::MissingI18nKey,
                        format!(
                            "the UI string `{key}` is missing in {lang}; the {} text is used",
                            config.default_lang
                        ),
                    )
                    .help(format!("add `{key}: …` to i18n/{lang}.yaml"));
                    diags.push(match file {
                        Some(f) => d.in_file(f),
                        None => d,
                    });
                }
                own.insert(key.clone(), text.clone());
            }
        }
        by_lang.insert(lang.clone(), Arc::new(own));
    }
    by_lang.insert(config.default_lang.clone(), Arc::new(default));
    UiStrings { by_lang }
}
