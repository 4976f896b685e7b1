//! The fields every kind has (title, summary, title_lang, slug, weight,
//! draft, updated, aliases, untranslated, image, image_alt), declared once in `kind!`, which each kind's file calls with
//! its own fields.

/// Declares a kind's front matter: its raw struct and field table, with the
/// fields every kind has first (see [`crate::yaml::mapping!`] for the
/// syntax of a field), and `take_common`, which takes those out as a
/// [`RawPage`](super::RawPage). `summary required` or `summary optional` says whether the
/// kind requires a summary. `text struct X;` gathers the kind's `[Text, …]`
/// fields into the struct `X` (`text_fields!`), `shared struct Y;` its
/// `[Neutral shown, …]` fields into `Y` (`shared_fields!`): both are
/// carried to templates as they are, so such a field needs no code beside
/// its declaration.
macro_rules! kind {
    (
        $(#[$meta:meta])*
        pub struct $name:ident;
        $(#[$table_meta:meta])*
        pub const $table:ident;
        summary $summary:ident;
        $(text struct $text:ident;)?
        $(shared struct $shared:ident;)?
        { $($own:tt)* }
    ) => {
        kind! { @text $name [$(
            /// The kind's text fields (declared `[Text, …]`): each
            /// language's own words, typographically finished.
            struct $text
        )?] { $($own)* } }
        kind! { @shared $name [$(
            /// The kind's language-neutral fields shown as written
            /// (declared `[Neutral shown, …]`), inherited by translations.
            struct $shared
        )?] { $($own)* } }
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
                /// The language of the title when it is not the
                /// file's: `de` on a French page whose title is a German name.
                /// Per file: each translation decides whether it keeps the
                /// original's title or translates it.
                pub title_lang: String [PerFile, optional,
                    "Sprache des Titels, wenn nicht die der Datei",
                    Sample(["en", "de", "de"])],
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
                /// Old paths of this page, from the site's root
                /// (`/de/projekte/alter-name/`): each gets a redirect to it.
                /// Per file: each language lists its own old paths.
                pub aliases: Vec<String> [PerFile, optional,
                    "frühere Adressen dieser Seite, leiten hierher um",
                    Dummy("[/de/alter-pfad/]")],
                /// Languages this page is left untranslated in on purpose
                /// (`[en]`): no missing-translation warning, readers of
                /// those languages get the fallback. Only the
                /// default-language file says it.
                pub untranslated: Vec<String> [Neutral, optional,
                    "Sprachen, in die diese Seite bewusst nicht übersetzt wird",
                    Yaml("[en]")],
                /// An image shown with the page: a file of `content/`,
                /// relative to this file, encoded like an image in
                /// Markdown (docs/images.md). Set in the original; every
                /// language describes it in `image_alt`.
                pub image: String [Neutral, optional,
                    "Bild zur Seite: Datei relativ zu dieser",
                    Yaml("bild.jpg")],
                /// What the image shows, in this file's language, for
                /// readers who cannot see it; `-` marks an image that only
                /// decorates.
                pub image_alt: String [Text, optional,
                    "was das Bild zeigt (Alternativtext); - wenn es nur schmückt",
                    Text([
                        "Was auf dem Bild zu sehen ist.",
                        "Ce que montre l’image.",
                        "What the image shows.",
                    ])],
            }
            { $($own)* }
        }
    };
    (@text $name:ident [] { $($own:tt)* }) => {};
    (@shared $name:ident [] { $($own:tt)* }) => {};
    (@shared $name:ident [$(#[$meta:meta])* struct $shared:ident] { $($own:tt)* }) => {
        shared_fields! { @munch $name [$(#[$meta])*] $shared [] $($own)* }
    };
    (@text $name:ident [$(#[$meta:meta])* struct $text:ident] { $($own:tt)* }) => {
        text_fields! { @munch $name [$(#[$meta])*] $text [] $($own)* }
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

/// The struct of a kind's text fields (each language's own words, shown
/// to readers as written): every own field declared `[Text, …]`, with the
/// type [`TextValue::Shown`](super::TextValue) of its declared type, and
/// `take_text`, which takes them out of the raw struct typographically
/// finished. Model and render carry the struct as it is and templates see
/// its fields by name, so a new text field needs no code beside its
/// declaration. Each field of the list ends with a comma.
macro_rules! text_fields {
    (
        @munch $raw:ident [$($meta:tt)*] $name:ident
        [$({ $(#[$field_meta:meta])* $f:ident: $ty:ty })*]
    ) => {
        $($meta)*
        #[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
        pub struct $name {
            $( $(#[$field_meta])* pub $f: <$ty as $crate::parse::kinds::TextValue>::Shown, )*
        }

        impl $raw {
            /// Takes out the text fields, typographically finished.
            pub(crate) fn take_text(&mut self, style: $crate::typography::Style) -> $name {
                $name {
                    $( $f: <$ty as $crate::parse::kinds::TextValue>::shown(self.$f.take(), style), )*
                }
            }
        }
    };
    (
        @munch $raw:ident [$($meta:tt)*] $name:ident [$($done:tt)*]
        $(#[$field_meta:meta])* pub $f:ident: $ty:ty [Text $($spec:tt)*], $($rest:tt)*
    ) => {
        text_fields! {
            @munch $raw [$($meta)*] $name [$($done)* { $(#[$field_meta])* $f: $ty }] $($rest)*
        }
    };
    (
        @munch $raw:ident [$($meta:tt)*] $name:ident [$($done:tt)*]
        $(#[$field_meta:meta])* pub $f:ident: $ty:ty [$($spec:tt)*], $($rest:tt)*
    ) => {
        text_fields! { @munch $raw [$($meta)*] $name [$($done)*] $($rest)* }
    };
}

/// The struct of a kind's language-neutral fields that pages show as
/// written (declared `[Neutral shown, …]`): set in the default-language
/// file, inherited by every translation, given to templates by name with
/// the type [`Written::Shown`](super::Written) of its declared type, and
/// `take_shared`, which takes them out of the raw struct. Fields the model
/// resolves or formats (references, dates, a status) are not `shown`: the
/// kind's `Reader` handles them. Each field of the list ends with a comma.
macro_rules! shared_fields {
    (
        @munch $raw:ident [$($meta:tt)*] $name:ident
        [$({ $(#[$field_meta:meta])* $f:ident: $ty:ty })*]
    ) => {
        $($meta)*
        #[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
        pub struct $name {
            $( $(#[$field_meta])* pub $f: <$ty as $crate::parse::kinds::Written>::Shown, )*
        }

        impl $raw {
            /// Takes out the language-neutral fields shown as written.
            pub(crate) fn take_shared(&mut self) -> $name {
                $name {
                    $( $f: <$ty as $crate::parse::kinds::Written>::shown(self.$f.take()), )*
                }
            }
        }
    };
    (
        @munch $raw:ident [$($meta:tt)*] $name:ident [$($done:tt)*]
        $(#[$field_meta:meta])* pub $f:ident: $ty:ty [Neutral shown $($spec:tt)*], $($rest:tt)*
    ) => {
        shared_fields! {
            @munch $raw [$($meta)*] $name [$($done)* { $(#[$field_meta])* $f: $ty }] $($rest)*
        }
    };
    (
        @munch $raw:ident [$($meta:tt)*] $name:ident [$($done:tt)*]
        $(#[$field_meta:meta])* pub $f:ident: $ty:ty [$($spec:tt)*], $($rest:tt)*
    ) => {
        shared_fields! { @munch $raw [$($meta)*] $name [$($done)*] $($rest)* }
    };
}
