//! A guideline (Leitlinie), in `leitlinien/`: its number in the concept
//! and its fields of action.

use super::{RawPage, Reader, Reading};
use crate::diag::Diagnostics;
use crate::parse::KindData;

kind! {
    /// A guideline's front matter.
    #[derive(Debug, Clone, Default)]
    pub struct RawGuideline;
    /// Fields of a guideline.
    pub const GUIDELINE_FIELDS;
    summary required;
    {
        /// Number in the concept.
        pub ordinal: u32 [Neutral, required, "Nummer im Konzept", Ordinal],
        /// Fields of action (Handlungsfelder).
        pub fields_of_action: Vec<String> [Text, optional, "Handlungsfelder",
            TextList(["Handlungsfeld", "Champ d’action", "Field of action"])],
    }
}

impl Reader for RawGuideline {
    fn read(mut self, at: &Reading<'_>, _: &mut Diagnostics) -> (RawPage, KindData) {
        let common = self.take_common();
        let data = KindData::Guideline {
            ordinal: self.ordinal,
            fields_of_action: at.texts(self.fields_of_action),
        };
        (common, data)
    }
}
