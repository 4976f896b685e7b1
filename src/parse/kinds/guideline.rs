//! A guideline (Leitlinie), in `leitlinien/`: its number in the concept
//! and its fields of action.

use super::{Fields, Reader, Reading};
use crate::diag::Diagnostics;
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

impl Reader for RawGuideline {
    fn read(mut self, at: &Reading<'_>, _: &mut Diagnostics) -> Fields {
        Fields {
            common: self.take_common(),
            text: KindText::Guideline(self.take_text(at.style)),
            data: KindData::Guideline {
                ordinal: self.ordinal,
            },
        }
    }
}
