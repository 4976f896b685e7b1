//! A contact (Kontakt), in `kontakte/`: an office or person, its address,
//! ways to reach it and its opening hours.

use serde::Deserialize;

use super::{Fields, Reader, Reading};
use crate::dates::{ClockTime, Weekday};
use crate::diag::Diagnostics;
use crate::parse::{ContactFields, KindData, KindText, plausible};
use crate::yaml;

kind! {
    /// A contact's front matter.
    #[derive(Debug, Clone, Default)]
    pub struct RawContact;
    /// Fields of a contact.
    pub const CONTACT_FIELDS;
    summary optional;
    text struct ContactText;
    shared struct ContactShared;
    {
        /// Organisation.
        pub organisation: String [Text, required, "Organisation", Text([
            "Name der Organisation",
            "Nom de l’organisation",
            "Name of the organisation",
        ])],
        /// Office or department.
        pub unit: String [Text, optional, "Amt oder Abteilung",
            Text(["Amt oder Abteilung", "Service", "Office or department"])],
        /// A person's name.
        pub name: String [Neutral shown, optional, "Name einer Person", Dummy("\"Vorname Nachname\"")],
        /// Street and number.
        pub street: String [Neutral, required, "Straße und Hausnummer", Dummy("\"Musterstraße 1\"")],
        /// Postal code.
        pub postal_code: PostalCode [Neutral, required, "Postleitzahl", Dummy("\"00000\"")],
        /// City.
        pub city: String [Text, required, "Ort",
            Text(["Musterstadt", "Ville exemple", "Example City"])],
        /// Email address.
        pub email: String [Neutral, required, "E-Mail", Dummy("kontakt@example.org")],
        /// Phone number.
        pub phone: String [Neutral, required, "Telefon, international", Dummy("\"+49 000 000000\"")],
        /// Opening hours, as text (notes such as "and by appointment").
        pub opening_hours: String [Text, optional, "Öffnungszeiten als Text, z. B. Hinweise",
            Sample([
                "Termine auch nach Vereinbarung",
                "Rendez-vous également sur demande",
                "Appointments also by arrangement",
            ])],
        /// Regular opening hours, for readers and search engines.
        pub hours: Vec<OpeningHours> [Neutral, optional,
            "regelmäßige Öffnungszeiten: Tage (mo–su), von, bis",
            Lines(&[
                "- { days: [mo, tu, we, th, fr], opens: \"09:00\", closes: \"12:00\" }",
            ])],
        /// Language codes spoken.
        pub languages: Vec<String> [Neutral, optional, "gesprochene Sprachen", Languages],
    }
}

impl Reader for RawContact {
    fn read(mut self, at: &Reading<'_>, diags: &mut Diagnostics) -> Fields {
        plausible::email(self.email.as_deref(), at.spans, at.file, diags);
        plausible::phone(self.phone.as_deref(), at.spans, at.file, diags);
        let common = self.take_common();
        let text = KindText::Contact(self.take_text(at.style));
        let data = KindData::Contact(ContactFields {
            shared: self.take_shared(),
            street: self.street,
            postal_code: self.postal_code.map(|p| p.0),
            email: self.email.map(|e| e.trim().to_owned()),
            phone: self.phone.map(|p| p.trim().to_owned()),
            hours: self.hours.unwrap_or_default(),
            languages: self.languages.unwrap_or_default(),
        });
        Fields { common, data, text }
    }

    fn recover(yaml: &str, at: &Reading<'_>, diags: &mut Diagnostics) {
        let field = |key| yaml::field::<String>(yaml, key);
        plausible::email(field("email").as_deref(), at.spans, at.file, diags);
        plausible::phone(field("phone").as_deref(), at.spans, at.file, diags);
    }
}

/// Regular opening hours: days of the week and one time span
/// (`{ days: [mo, tu, we, th, fr], opens: "08:30", closes: "12:00" }`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpeningHours {
    /// The days (`mo`, `tu`, `we`, `th`, `fr`, `sa`, `su`).
    pub days: Vec<Weekday>,
    /// Opening time, `HH:MM`.
    pub opens: ClockTime,
    /// Closing time, `HH:MM`.
    pub closes: ClockTime,
}

/// A postal code, written as a string or a bare number (`66104`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalCode(pub String);

impl<'de> Deserialize<'de> for PostalCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Text(String),
            Number(u64),
        }
        Ok(PostalCode(match Either::deserialize(d)? {
            Either::Text(s) => s,
            Either::Number(n) => n.to_string(),
        }))
    }
}

/// Mirrors the `Deserialize` impl above: a string or a bare number.
impl schemars::JsonSchema for PostalCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PostalCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A postal code, e.g. \"66111\".",
            "type": ["string", "integer"]
        })
    }
}
