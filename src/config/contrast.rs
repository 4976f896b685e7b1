//! Colours as `site.yaml` writes them (`#rgb`, `#rrggbb`) and their
//! contrast by WCAG 2.x: relative luminance, the contrast ratio, and the
//! nearest shade of a hue that reaches a ratio.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rgb(pub(super) [u8; 3]);

impl Rgb {
    /// Parses `#rgb` or `#rrggbb` (either case); `None` for anything else.
    pub(super) fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok();
        match hex.len() {
            3 => Some(Rgb([digit(0)? * 17, digit(1)? * 17, digit(2)? * 17])),
            6 => {
                let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                Some(Rgb([pair(0)?, pair(2)?, pair(4)?]))
            }
            _ => None,
        }
    }

    /// `#rrggbb`, lowercase.
    pub(super) fn hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// The relative luminance (WCAG 2.x), 0 for black to 1 for white.
    pub(super) fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// The same colour with every channel scaled by `factor` (below 1:
    /// darker, same hue).
    pub(super) fn scaled(self, factor: f64) -> Rgb {
        Rgb(self
            .0
            .map(|c| (f64::from(c) * factor).round().clamp(0.0, 255.0) as u8))
    }

    /// The colour with the same hue and saturation at lightness `l` (0–1).
    fn with_lightness(self, l: f64) -> Rgb {
        let (h, s, _) = self.hsl();
        let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
        let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
        let m = l - c / 2.0;
        let (r, g, b) = match h {
            h if h < 60.0 => (c, x, 0.0),
            h if h < 120.0 => (x, c, 0.0),
            h if h < 180.0 => (0.0, c, x),
            h if h < 240.0 => (0.0, x, c),
            h if h < 300.0 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        let to = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
        Rgb([to(r), to(g), to(b)])
    }

    /// Hue (degrees), saturation and lightness (0–1).
    fn hsl(self) -> (f64, f64, f64) {
        let [r, g, b] = self.0.map(|c| f64::from(c) / 255.0);
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        let l = (max + min) / 2.0;
        let d = max - min;
        if d == 0.0 {
            return (0.0, 0.0, l);
        }
        let s = d / (1.0 - (2.0 * l - 1.0).abs());
        let h = if max == r {
            60.0 * (((g - b) / d).rem_euclid(6.0))
        } else if max == g {
            60.0 * ((b - r) / d + 2.0)
        } else {
            60.0 * ((r - g) / d + 4.0)
        };
        (h, s, l)
    }
}

/// The contrast ratio of two colours (WCAG 2.x), from 1 to 21.
pub(super) fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// A ratio as people read it, rounded down so a failing ratio never shows
/// as the one it misses: `4.49` → `4.4:1`.
pub(super) fn shown(ratio: f64) -> String {
    format!("{:.1}:1", (ratio * 10.0).floor() / 10.0)
}

/// The shade of `colour`'s hue (same hue and saturation, another
/// lightness) nearest to it for which `passes` holds, if any.
pub(super) fn nearest_shade(colour: Rgb, passes: impl Fn(Rgb) -> bool) -> Option<Rgb> {
    let (_, _, l) = colour.hsl();
    let steps = 1000;
    (1..=steps)
        .flat_map(|i| {
            let d = f64::from(i) / f64::from(steps);
            [l - d, l + d]
        })
        .filter(|l| (0.0..=1.0).contains(l))
        .map(|l| colour.with_lightness(l))
        .find(|c| passes(*c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_forms_and_nothing_else() {
        assert_eq!(Rgb::parse("#0B4A85"), Some(Rgb([0x0b, 0x4a, 0x85])));
        assert_eq!(Rgb::parse("#fa0"), Some(Rgb([0xff, 0xaa, 0x00])));
        for bad in [
            "0b4a85",
            "#0b4a8",
            "#0b4a8g",
            "#",
            "#ffff",
            "red",
            "#0b4a85ff",
            "#+1+2+3",
        ] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn ratios_match_the_wcag_examples() {
        let white = Rgb([255, 255, 255]);
        assert!((ratio(Rgb([0, 0, 0]), white) - 21.0).abs() < 1e-9);
        assert!((ratio(white, white) - 1.0).abs() < 1e-9);
        // #767676 on white is the lightest grey that passes 4.5:1.
        assert!(ratio(Rgb([0x76, 0x76, 0x76]), white) >= 4.5);
        assert!(ratio(Rgb([0x77, 0x77, 0x77]), white) < 4.5);
        assert_eq!(shown(4.499), "4.4:1");
        assert_eq!(shown(21.0), "21.0:1");
    }

    #[test]
    fn the_nearest_shade_keeps_the_hue_and_passes() {
        let white = Rgb([255, 255, 255]);
        let light = Rgb::parse("#66aadd").unwrap();
        let shade = nearest_shade(light, |c| ratio(c, white) >= 4.5).unwrap();
        assert!(ratio(shade, white) >= 4.5);
        let (h1, _, _) = light.hsl();
        let (h2, _, l2) = shade.hsl();
        assert!((h1 - h2).abs() < 3.0, "{h1} vs {h2}");
        assert!(l2 < light.hsl().2);
        // The nearest: one step lighter fails.
        let lighter = shade.with_lightness(l2 + 0.002);
        assert!(ratio(lighter, white) < 4.5 + 0.05);
    }
}
