//! Plain pages, sections and the home page: the fields every kind has,
//! nothing more.

use super::{Fields, Reader, Reading};
use crate::diag::Diagnostics;
use crate::parse::{KindData, KindText};

kind! {
    /// Fields every kind has.
    #[derive(Debug, Clone, Default)]
    pub struct RawPage;
    /// Fields of plain pages, sections and the home page.
    pub const PAGE_FIELDS;
    summary optional;
    {}
}

impl Reader for RawPage {
    fn read(mut self, _: &Reading<'_>, _: &mut Diagnostics) -> Fields {
        Fields {
            common: self.take_common(),
            data: KindData::Page,
            text: KindText::Page,
        }
    }
}
