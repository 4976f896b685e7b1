//! `untranslated: [en]` against the files on disk: a page left
//! untranslated on purpose must not have a translation file in that
//! language (the two say opposite things; which one is meant only the
//! editor knows). Looked up among all loaded files, so a translation that
//! failed to parse counts too.

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ids::Lang;
use crate::load::Sources;
use crate::parse::ParsedPage;

/// The languages the original leaves untranslated; reports each one a
/// translation file exists for.
pub(super) fn check(
    original: &ParsedPage,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> Vec<Lang> {
    let source = sources.page(original.source);
    for lang in &original.common.untranslated {
        let Some(translation) = sources
            .pages
            .iter()
            .find(|p| p.lang == *lang && p.section == source.section && p.stem == source.stem)
        else {
            continue;
        };
        let at = original
            .spans
            .item(&source.text, "untranslated", lang.as_str());
        diags.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!(
                    "`content/{}` says it is left untranslated in `{lang}`, but `content/{}` exists",
                    source.path, translation.path
                ),
            )
            .at(source.file, at)
            .label(format!("`{lang}` left untranslated here"))
            .secondary(translation.file, None, format!("the {lang} translation"))
            .help(format!(
                "remove `{lang}` from `untranslated` to publish `content/{}`, \
                 or delete that file to leave the page untranslated",
                translation.path
            )),
        );
    }
    original.common.untranslated.clone()
}
