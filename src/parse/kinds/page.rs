//! Plain pages, sections and the home page: the fields every kind has,
//! nothing more.

use super::{Reader, Reading};
use crate::diag::Diagnostics;
use crate::parse::KindData;

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
    fn read(mut self, _: &Reading<'_>, _: &mut Diagnostics) -> (RawPage, KindData) {
        (self.take_common(), KindData::Page)
    }
}
