//! Today's date, for checks that depend on it (an accessibility statement
//! whose evaluation is more than a year old). `KONZEPT_TODAY=YYYY-MM-DD`
//! sets it, so builds and tests can be repeated on any day; otherwise it is
//! the system clock's day in UTC.

use super::{PartialDate, Timestamp};

/// The environment variable that sets today's date.
pub const TODAY_VAR: &str = "KONZEPT_TODAY";

/// Today: `KONZEPT_TODAY` if it holds a full date, else the UTC day of the
/// system clock.
pub fn today() -> PartialDate {
    if let Some(date) = std::env::var(TODAY_VAR)
        .ok()
        .and_then(|v| PartialDate::parse(&v))
        .filter(PartialDate::is_full)
    {
        return date;
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    Timestamp {
        seconds,
        offset_minutes: 0,
    }
    .date()
}

impl PartialDate {
    /// Whether `self` lies more than twelve months before `today`: the same
    /// day a year later is still in time, the day after is not. A partial
    /// date counts as its last day.
    ///
    /// ```
    /// use konzept::dates::PartialDate;
    /// let d = |s| PartialDate::parse(s).unwrap();
    /// assert!(!d("2025-12-07").older_than_a_year(d("2026-12-07")));
    /// assert!(d("2025-12-06").older_than_a_year(d("2026-12-07")));
    /// assert!(!d("2025-12").older_than_a_year(d("2026-12-07")));
    /// ```
    pub fn older_than_a_year(&self, today: PartialDate) -> bool {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or(31);
        let then = (self.year + 1, month, day);
        let now = (today.year, today.month.unwrap_or(1), today.day.unwrap_or(1));
        then < now
    }
}
