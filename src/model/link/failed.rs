//! The references of a default-language file that did not parse: its
//! other mistakes (a wrong date, an unknown field) keep it out of the
//! site, but an unknown contact or guideline it names is reported in the
//! same run, not in the next one after the first are fixed.

use std::collections::HashSet;

use super::References;
use crate::diag::Diagnostics;
use crate::load::SourceIndex;
use crate::parse::front_matter;
use crate::parse::kinds::Kind;
use crate::yaml::{self, KeySpans};

impl References<'_> {
    /// Checks the ids each original that is not in `parsed` names in
    /// `contact` and `guidelines`, as far as those fields read on their own.
    pub(in crate::model) fn failed_references(
        &self,
        parsed: &HashSet<SourceIndex>,
        diags: &mut Diagnostics,
    ) {
        for (i, source) in self.sources.pages.iter().enumerate() {
            if parsed.contains(&SourceIndex::new(i)) || !self.config.is_default(&source.lang) {
                continue;
            }
            let kind = Kind::of_section(source.section.as_ref().map(|s| s.as_str()));
            if !matches!(kind, Kind::Project | Kind::Indicator) || source.is_index() {
                continue;
            }
            let Ok(split) = front_matter::split(&source.text, source.file) else {
                continue;
            };
            let spans = KeySpans::of(split.yaml, split.yaml_offset);
            let text: &str = &source.text;
            if kind == Kind::Project
                && let Some(id) = yaml::field::<String>(split.yaml, "contact")
            {
                let span = spans.item(text, "contact", &id);
                self.reference(&id, Kind::Contact, source.file, span, diags);
            }
            for id in yaml::field::<Vec<String>>(split.yaml, "guidelines").unwrap_or_default() {
                let span = spans.item(text, "guidelines", &id);
                self.reference(&id, Kind::Guideline, source.file, span, diags);
            }
        }
    }
}
