//! A guideline (Leitlinie), in `leitlinien/`: its number in the concept
//! and its fields of action.

use super::{Fields, Reader, Reading};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::parse::{KindData, KindText};

kind! {
    /// A guideline's front matter.
    #[derive(Debug, Clone, Default)]
    pub struct RawGuideline;
    /// Fields of a guideline.
    pub const GUIDELINE_FIELDS;
    summary required;
    text struct GuidelineText;
    {
        /// Number in the concept.
        pub ordinal: u32 [Neutral, required, "Nummer im Konzept", Ordinal],
        /// Fields of action (Handlungsfelder).
        pub fields_of_action: Vec<String> [Text, optional, "Handlungsfelder",
            TextList(["Handlungsfeld", "Champ d’action", "Field of action"])],
    }
}

/// The largest guideline number: a concept has tens of guidelines, so a
/// larger number is a typo, shown to readers as „Leitlinie 10000“.
const MAX_ORDINAL: u32 = 999;

impl Reader for RawGuideline {
    fn read(mut self, at: &Reading<'_>, diags: &mut Diagnostics) -> Fields {
        if let Some(n) = self.ordinal.filter(|n| *n == 0 || *n > MAX_ORDINAL) {
            diags.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!(
                        "{n} cannot be a guideline's number: they count from 1 to {MAX_ORDINAL}"
                    ),
                )
                .at(at.file, at.spans.value("ordinal"))
                .label(format!("readers would see guideline {n}"))
                .help("write the guideline's number in the concept: 1, 2, 3, …"),
            );
        }
        Fields {
            common: self.take_common(),
            text: KindText::Guideline(self.take_text(at.style)),
            data: KindData::Guideline {
                ordinal: self.ordinal,
            },
        }
    }
}
