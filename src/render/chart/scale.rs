//! The value axis: a domain widened to "nice" ticks (1, 2 or 5 × 10ⁿ) and
//! the linear map from values to coordinates.

/// Values beyond this magnitude are not plotted (like a non-finite value).
/// No indicator comes near it, and below it differences and tick steps stay
/// finite and exact to well under a pixel (f64 is exact for integers up to
/// 2⁵³ ≈ 9 × 10¹⁵).
pub(super) const MAX_MAGNITUDE: f64 = 1e15;

/// The ticks an axis aims at; the nice step gives between 3 and 10.
const TARGET_TICKS: f64 = 5.0;

/// Whether a value is drawn: finite and within [`MAX_MAGNITUDE`].
pub(super) fn plottable(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite() && v.abs() <= MAX_MAGNITUDE)
}

/// A value axis: its ticks (lowest first; the first and last are the
/// domain's ends) and the map from values onto `[from, to]`.
#[derive(Debug, Clone)]
pub(super) struct Axis {
    /// The tick values, evenly spaced, lowest first.
    pub(super) ticks: Vec<f64>,
    low: f64,
    high: f64,
    from: f64,
    to: f64,
}

/// Whether the axis must include zero (bars start at zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Zero {
    /// Always include zero.
    Include,
    /// Include zero only where it costs at most half the axis (the data
    /// reach down to half their largest magnitude): a line stays readable,
    /// and a small change is not blown up into a cliff.
    WhenNear,
}

impl Axis {
    /// The axis over `min..=max` (finite, within [`MAX_MAGNITUDE`], `min <=
    /// max`), mapped onto `from` (the lowest tick) … `to` (the highest).
    pub(super) fn new(min: f64, max: f64, zero: Zero, from: f64, to: f64) -> Axis {
        let (mut low, mut high) = (min, max);
        let near = |a: f64, b: f64| a <= 0.0 || a <= b / 2.0;
        let include = match zero {
            Zero::Include => true,
            Zero::WhenNear => (low >= 0.0 && near(low, high)) || (high <= 0.0 && near(-high, -low)),
        };
        if include {
            low = low.min(0.0);
            high = high.max(0.0);
        }
        let span = high - low;
        if span <= high.abs().max(low.abs()) * 1e-9 || span < 1e-9 {
            // One value (or values equal to nine digits): a band around it.
            // Zero stays an end of the axis where it is one.
            let size = high.abs().max(low.abs());
            let pad = if size < 1e-9 { 1.0 } else { size / 10.0 };
            if !(include && low == 0.0) {
                low -= pad;
            }
            if !(include && high == 0.0) || low == 0.0 {
                high += pad;
            }
        }
        let step = nice_step((high - low) / TARGET_TICKS);
        let first = (low / step).floor() as i64;
        let last = (high / step).ceil() as i64;
        let ticks: Vec<f64> = (first..=last).map(|k| tick(k, step)).collect();
        Axis {
            low: ticks[0],
            high: ticks[ticks.len() - 1],
            ticks,
            from,
            to,
        }
    }

    /// The coordinate of `value`.
    pub(super) fn at(&self, value: f64) -> f64 {
        self.from + (value - self.low) / (self.high - self.low) * (self.to - self.from)
    }

    /// The coordinate of zero, or of the domain's end nearest to it.
    pub(super) fn baseline(&self) -> f64 {
        self.at(0.0_f64.clamp(self.low, self.high))
    }
}

/// The smallest of 1, 2, 5 × 10ⁿ that is at least `raw` (> 0).
fn nice_step(raw: f64) -> f64 {
    let exponent = raw.log10().floor();
    let base = 10f64.powi(exponent as i32);
    let fraction = raw / base;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * base
}

/// The `k`th multiple of `step`, computed so that 0.1 × 3 is 0.3 and not
/// 0.30000000000000004: a step below 1 is divided, not multiplied, by its
/// power of ten.
fn tick(k: i64, step: f64) -> f64 {
    if step >= 1.0 {
        return k as f64 * step;
    }
    let digits = (-step.log10()).ceil() as i32;
    let scale = 10f64.powi(digits);
    (k as f64 * (step * scale).round()) / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticks(min: f64, max: f64, zero: Zero) -> Vec<f64> {
        Axis::new(min, max, zero, 0.0, 100.0).ticks
    }

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(
            ticks(0.0, 10.0, Zero::Include),
            [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        assert_eq!(ticks(0.0, 0.3, Zero::Include), [0.0, 0.1, 0.2, 0.3]);
        assert_eq!(ticks(0.0, 7.0, Zero::Include), [0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(
            ticks(120.0, 180.0, Zero::WhenNear),
            [120.0, 140.0, 160.0, 180.0]
        );
        assert_eq!(
            ticks(120.0, 160.0, Zero::WhenNear),
            [120.0, 130.0, 140.0, 150.0, 160.0]
        );
        assert_eq!(
            ticks(-3.0, 4.0, Zero::WhenNear),
            [-4.0, -2.0, 0.0, 2.0, 4.0]
        );
    }

    #[test]
    fn bars_start_at_zero_and_lines_only_when_near() {
        assert_eq!(ticks(50.0, 60.0, Zero::Include)[0], 0.0);
        assert_eq!(ticks(50.0, 60.0, Zero::WhenNear)[0], 50.0);
        assert_eq!(ticks(20.0, 60.0, Zero::WhenNear)[0], 0.0);
        assert_eq!(*ticks(-60.0, -50.0, Zero::Include).last().unwrap(), 0.0);
    }

    #[test]
    fn one_value_gets_a_band_around_it() {
        assert_eq!(
            ticks(0.0, 0.0, Zero::Include),
            [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
        );
        let t = ticks(5.0, 5.0, Zero::WhenNear);
        assert!(t[0] < 5.0 && *t.last().unwrap() > 5.0, "{t:?}");
        let t = ticks(5.0, 5.0, Zero::Include);
        assert!(t[0] == 0.0 && *t.last().unwrap() >= 5.0, "{t:?}");
    }

    #[test]
    fn extreme_ranges_stay_finite_and_short() {
        for (min, max) in [
            (-MAX_MAGNITUDE, MAX_MAGNITUDE),
            (1e-12, 2e-12),
            (1.0, 1.0 + 1e-12),
        ] {
            let t = ticks(min, max, Zero::WhenNear);
            assert!(t.len() >= 2 && t.len() <= 12, "{min} {max}: {t:?}");
            assert!(t.iter().all(|v| v.is_finite()));
            assert!(
                t[0] <= min && *t.last().unwrap() >= max,
                "{min} {max}: {t:?}"
            );
        }
    }
}
