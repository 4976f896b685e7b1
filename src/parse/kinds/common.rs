//! The fields every kind has (title, summary, slug, weight, draft,
//! updated), declared once in [`kind!`], which each kind's file calls with
//! its own fields.

/// Declares a kind's front matter: its raw struct and field table, with the
/// fields every kind has first (see [`crate::yaml::mapping!`] for the
/// syntax of a field), and `take_common`, which takes those out as a
/// [`RawPage`]. `summary required` or `summary optional` says whether the
/// kind requires a summary.
macro_rules! kind {
    (
        $(#[$meta:meta])*
        pub struct $name:ident;
        $(#[$table_meta:meta])*
        pub const $table:ident;
        summary $summary:ident;
        { $($own:tt)* }
    ) => {
        kind! { @common $name
            [$(#[$meta])* pub struct $name; $(#[$table_meta])* pub const $table;]
            {
                /// Page title.
                pub title: String [Text, required, "Titel", Title],
                /// Short summary.
                pub summary: String [Text, $summary, "Kurzfassung", Text([
                    "Ein bis zwei Sätze für Listen und Suchmaschinen.",
                    "Une ou deux phrases pour les listes et les moteurs de recherche.",
                    "One or two sentences for lists and search engines.",
                ])],
                /// This language's URL slug.
                pub slug: String [PerFile, optional,
                    "URL-Teil dieser Sprache, Standard: Dateiname", Slug],
                /// Sort order.
                pub weight: i32 [Neutral, optional, "Reihenfolge, kleiner zuerst", Yaml("10")],
                /// Left out of builds unless `--drafts`.
                pub draft: bool [Neutral, optional, "true: nur mit --drafts gebaut", Yaml("true")],
                /// Date of the last content change.
                pub updated: $crate::dates::PartialDate [PerFile, optional,
                    "letzte Änderung, JJJJ-MM-TT", Yaml("2025-01-31")],
            }
            { $($own)* }
        }
    };
    (
        @common $name:ident [$($head:tt)*]
        { $( $(#[$common_meta:meta])* pub $common:ident: $ty:ty [$($spec:tt)*], )* }
        { $($own:tt)* }
    ) => {
        $crate::yaml::mapping! {
            $($head)*
            {
                $( $(#[$common_meta])* pub $common: $ty [$($spec)*], )*
                $($own)*
            }
        }

        impl $name {
            /// Takes out the fields every kind has.
            pub(crate) fn take_common(&mut self) -> $crate::parse::kinds::RawPage {
                $crate::parse::kinds::RawPage {
                    $( $common: self.$common.take(), )*
                }
            }
        }
    };
}
