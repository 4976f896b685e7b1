//! The months of the Gregorian calendar: how long each is, and its name
//! in the languages konzept knows (German, French, English).

/// The days of `month` (1–12) in `year`, leap years included.
pub(super) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// The name of `month` (1–12) in `lang` (a bare language code), if konzept
/// knows the language.
pub(super) fn month_name(lang: &str, month: u8) -> Option<&'static str> {
    const DE: [&str; 12] = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let table = match lang {
        "de" => &DE,
        "fr" => &FR,
        "en" => &EN,
        _ => return None,
    };
    table.get(usize::from(month) - 1).copied()
}
