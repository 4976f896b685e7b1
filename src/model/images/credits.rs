//! An image's credits: author, licence and source, in a file beside the
//! image named after it with `.yaml` added (`rathaus.jpg.yaml` for
//! `rathaus.jpg`), checked field by field like front matter.

use crate::diag::{Diagnostics, FileId};
use crate::yaml::{Role, Schema, read_mapping};

/// What is added to an image's file name to name its credits file.
pub(crate) const CREDITS_SUFFIX: &str = ".yaml";

crate::yaml::mapping! {
    /// An image's credits file (`<image>.yaml`).
    #[derive(Debug)]
    struct RawCredits;
    /// Its fields.
    const FIELDS;
    {
        /// Who made the image (a person or an office).
        author: String [Neutral, required],
        /// Under what licence it is published, e.g. `CC BY 4.0`, or the
        /// rights holder's permission.
        licence: String [Neutral, required],
        /// Where it comes from: a web address or a description (optional).
        source: String [Neutral, optional],
    }
}

/// An image's credits, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credits {
    /// Who made the image.
    pub author: String,
    /// Under what licence it is published.
    pub licence: String,
    /// Where it comes from, if said.
    pub source: Option<String>,
}

/// Reads a credits file, or every problem of it at its line.
pub(crate) fn read(text: &str, file: FileId) -> Result<Credits, Diagnostics> {
    let schema = Schema {
        kind: "image credits",
        place: "image credits file",
        container: "the credits file",
        fields: FIELDS,
        others: &[],
    };
    let read = read_mapping::<RawCredits>(text, 0, file, &schema, Role::Original)?;
    let RawCredits {
        author,
        licence,
        source,
    } = read.value;
    Ok(Credits {
        author: author.unwrap_or_default(),
        licence: licence.unwrap_or_default(),
        source: source.filter(|s| !s.trim().is_empty()),
    })
}
