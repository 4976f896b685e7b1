//! [`Timestamp`]s of file changes (git commits, file times) and the
//! calendar arithmetic that turns one into the committer's calendar day.
//!
//! The day a page shows as its last change is the one on the calendar of
//! the place where the change was made, so a timestamp keeps its UTC
//! offset beside the seconds.

use super::PartialDate;

/// A moment, as git or the file system report it: seconds since 1970 (UTC)
/// and the UTC offset of the place it happened, so the date shown is the
/// committer's own calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub seconds: i64,
    /// UTC offset in minutes (`+60` for CET).
    pub offset_minutes: i16,
}

impl Timestamp {
    /// The calendar day in the timestamp's own offset.
    ///
    /// ```
    /// use konzept::dates::Timestamp;
    /// // 2026-11-30T23:30:00Z is already 1 December in Saarbrücken (+01:00).
    /// let t = Timestamp { seconds: 1_796_081_400, offset_minutes: 60 };
    /// assert_eq!(t.date().iso(), "2026-12-01");
    /// ```
    pub fn date(&self) -> PartialDate {
        let local = self.seconds + i64::from(self.offset_minutes) * 60;
        let (y, m, d) = civil_from_days(local.div_euclid(86_400));
        PartialDate {
            year: u16::try_from(y.clamp(1000, 9999)).expect("clamped to four digits"),
            month: Some(m),
            day: Some(d),
        }
    }

    /// RFC 3339 with the offset (`2026-12-01T00:30:00+01:00`).
    ///
    /// ```
    /// use konzept::dates::Timestamp;
    /// let t = Timestamp { seconds: 1_796_081_400, offset_minutes: 60 };
    /// assert_eq!(t.rfc3339(), "2026-12-01T00:30:00+01:00");
    /// assert_eq!(Timestamp { seconds: 0, offset_minutes: 0 }.rfc3339(), "1970-01-01T00:00:00Z");
    /// ```
    pub fn rfc3339(&self) -> String {
        let local = self.seconds + i64::from(self.offset_minutes) * 60;
        let (y, m, d) = civil_from_days(local.div_euclid(86_400));
        let secs = local.rem_euclid(86_400);
        let time = format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        );
        match self.offset_minutes {
            0 => format!("{time}Z"),
            o => format!(
                "{time}{}{:02}:{:02}",
                if o < 0 { '-' } else { '+' },
                o.unsigned_abs() / 60,
                o.unsigned_abs() % 60
            ),
        }
    }

    /// Parses the offset of an RFC 3339 time (`…+01:00`, `…Z`), as git's
    /// `%cI` prints it, for a timestamp given in seconds.
    pub fn with_rfc3339_offset(seconds: i64, rfc3339: &str) -> Option<Timestamp> {
        let text = rfc3339.trim();
        if text.ends_with('Z') {
            return Some(Timestamp {
                seconds,
                offset_minutes: 0,
            });
        }
        let tail = text.get(text.len().checked_sub(6)?..)?;
        let sign = match tail.as_bytes().first()? {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let hours: i16 = tail.get(1..3)?.parse().ok()?;
        let minutes: i16 = tail.get(4..6)?.parse().ok()?;
        Some(Timestamp {
            seconds,
            offset_minutes: sign * (hours * 60 + minutes),
        })
    }
}

/// Year, month, day of a day count since 1970-01-01 (proleptic Gregorian;
/// H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u8::try_from(doy - (153 * mp + 2) / 5 + 1).expect("day of month is 1..=31");
    let month = u8::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).expect("month is 1..=12");
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_give_calendar_days() {
        let leap = Timestamp {
            seconds: 951_782_400, // 2000-02-29T00:00:00Z
            offset_minutes: 0,
        };
        assert_eq!(leap.date().iso(), "2000-02-29");
        let before = Timestamp {
            seconds: 951_782_399,
            offset_minutes: 0,
        };
        assert_eq!(before.date().iso(), "2000-02-28");
        let west = Timestamp {
            seconds: 951_782_400,
            offset_minutes: -300,
        };
        assert_eq!(west.date().iso(), "2000-02-28");
        assert_eq!(west.rfc3339(), "2000-02-28T19:00:00-05:00");
        assert_eq!(
            Timestamp::with_rfc3339_offset(5, "2026-11-25T04:45:40+01:00"),
            Some(Timestamp {
                seconds: 5,
                offset_minutes: 60
            })
        );
        assert_eq!(Timestamp::with_rfc3339_offset(5, "nonsense"), None);
    }
}
