//! [`DateView`], a date as templates show it: a leaf the views of
//! `context.rs` and `statement.rs` share.

use serde::Serialize;

/// A localised date.
#[derive(Debug, Serialize)]
pub struct DateView {
    /// ISO form for `<time datetime>`.
    pub iso: String,
    /// In the reader's language ("12. Oktober 2009").
    pub display: String,
}
