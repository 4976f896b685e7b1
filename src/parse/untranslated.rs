//! `untranslated: [en]`: the languages a default-language file is left
//! untranslated in on purpose. Each code must be one of the site's
//! languages (a paused one too) other than the file's own. That no
//! translation file exists beside it is checked in `model`, which sees
//! the other files.

use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ids::Lang;
use crate::load::PageSource;
use crate::yaml::KeySpans;

/// The checked languages of `untranslated` (as written, in order, each
/// once); every wrong code is reported. A translation file that sets the
/// field is reported by the front-matter checks (`neutral-field`).
pub(super) fn check(
    codes: Option<&[String]>,
    spans: &KeySpans,
    source: &PageSource,
    config: &Config,
    diags: &mut Diagnostics,
) -> Vec<Lang> {
    let mut langs: Vec<Lang> = Vec::new();
    for code in codes.unwrap_or_default() {
        let code = code.trim();
        let at = spans.item(&source.text, "untranslated", code);
        let known = config.lang(code).or_else(|| config.paused(code));
        let Some(lang) = known else {
            let mut all = config.languages.clone();
            all.extend(config.paused.iter().cloned());
            diags.push(crate::config::unknown_lang(code, at, source.file, &all));
            continue;
        };
        if *lang == source.lang {
            diags.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("`{code}` is this file's own language"),
                )
                .at(source.file, at)
                .help(format!(
                    "remove `{code}` from `untranslated`: it lists the other languages \
                     this page is left untranslated in on purpose"
                )),
            );
            continue;
        }
        if !langs.contains(lang) {
            langs.push(lang.clone());
        }
    }
    langs
}
