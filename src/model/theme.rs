//! Light or dark: which palette the app paints with, from what the page or host asked
//! (`theme=light|dark|auto`), the colour behind the app on a host page, and the system's
//! preference. Pure: `edge/color_scheme.rs` reads the system, `embed.js` and `frame.js`
//! tell the host's background, `app.rs` puts the answer on the app's root
//! (`data-theme`, which `www/style.css` keys its palettes on) and in a context the canvas
//! repaints on.

use serde::Deserialize;

/// What the page or host asked for (`AppProps::theme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(from = "String")]
pub enum Theme {
    /// Follow the host page where there is one (the colour behind the app), else the system.
    #[default]
    Auto,
    Light,
    Dark,
}

impl From<String> for Theme {
    fn from(value: String) -> Theme {
        Theme::parse(&value)
    }
}

impl Theme {
    /// `light`, `dark` or `auto` in any case; anything else is `auto` (a typo in a host
    /// page must not stop the app).
    pub fn parse(value: &str) -> Theme {
        match value.trim().to_ascii_lowercase().as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    /// The palette to paint with: an explicit theme wins; `auto` follows the host's
    /// background when a host told it, else the system.
    pub fn resolve(self, host: Option<Scheme>, system_dark: bool) -> Scheme {
        match self {
            Theme::Light => Scheme::Light,
            Theme::Dark => Scheme::Dark,
            Theme::Auto => host.unwrap_or(if system_dark {
                Scheme::Dark
            } else {
                Scheme::Light
            }),
        }
    }
}

/// The palette the app paints with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    #[default]
    Light,
    Dark,
}

impl Scheme {
    /// The value of the root's `data-theme` attribute.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Light => "light",
            Scheme::Dark => "dark",
        }
    }

    /// The scheme that suits a background colour as `getComputedStyle` writes it
    /// (`rgb(20, 24, 30)`, `rgba(…)`, `rgb(20 24 30 / 0.5)`, `color(srgb 0.1 0.1 0.1)`,
    /// `oklch(…)`, `oklab(…)`, `lab(…)`, `lch(…)`): dark when black text would
    /// contrast less with it than white text does (relative luminance below 0.179, the
    /// WCAG crossover). A colour it cannot read, or a transparent one, is `None`.
    pub fn of_background(colour: &str) -> Option<Scheme> {
        let colour = colour.trim().to_ascii_lowercase();
        let (function, args) = colour.strip_suffix(')')?.split_once('(')?;
        let args = args.replace(['/', ','], " ");
        let mut parts = args.split_whitespace();
        let luminance = match function.trim() {
            "rgb" | "rgba" => {
                let mut channel = || parts.next().and_then(|p| number(p, 255.0));
                let (r, g, b) = (channel()?, channel()?, channel()?);
                relative_luminance(r, g, b)
            }
            "color" => {
                if parts.next()? != "srgb" {
                    return None;
                }
                let mut channel = || parts.next().and_then(|p| number(p, 1.0));
                let (r, g, b) = (channel()?, channel()?, channel()?);
                relative_luminance(r, g, b)
            }
            // Perceptual lightness: L (0–1, or 0–100 for lab/lch) cubed is roughly the
            // luminance (oklab's L is the cube root of it).
            "oklch" | "oklab" | "lab" | "lch" => {
                let full = if function.starts_with("ok") {
                    1.0
                } else {
                    100.0
                };
                let lightness = number(parts.next()?, full)?;
                parts.next()?;
                parts.next()?;
                lightness.powi(3)
            }
            _ => return None,
        };
        let alpha = parts.next().map_or(Some(1.0), |a| number(a, 1.0))?;
        if alpha <= 0.0 {
            return None;
        }
        Some(if luminance < 0.179 {
            Scheme::Dark
        } else {
            Scheme::Light
        })
    }
}

/// A CSS number, or a percentage of `full`, as a fraction of `full`.
fn number(text: &str, full: f64) -> Option<f64> {
    let value = match text.strip_suffix('%') {
        Some(percent) => percent.parse::<f64>().ok()? / 100.0,
        None => text.parse::<f64>().ok()? / full,
    };
    value.is_finite().then_some(value.clamp(0.0, 1.0))
}

/// WCAG 2 relative luminance of an sRGB colour, channels from 0 to 1.
fn relative_luminance(r: f64, g: f64, b: f64) -> f64 {
    let linear = |c: f64| {
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_parse_leniently() {
        assert_eq!(Theme::parse("dark"), Theme::Dark);
        assert_eq!(Theme::parse(" Light "), Theme::Light);
        assert_eq!(Theme::parse("auto"), Theme::Auto);
        assert_eq!(Theme::parse("purple"), Theme::Auto);
        assert_eq!(Theme::parse(""), Theme::Auto);
    }

    #[test]
    fn an_explicit_theme_wins_auto_follows_the_host_then_the_system() {
        for host in [None, Some(Scheme::Light), Some(Scheme::Dark)] {
            for system_dark in [false, true] {
                assert_eq!(Theme::Light.resolve(host, system_dark), Scheme::Light);
                assert_eq!(Theme::Dark.resolve(host, system_dark), Scheme::Dark);
            }
        }
        assert_eq!(Theme::Auto.resolve(Some(Scheme::Dark), false), Scheme::Dark);
        assert_eq!(
            Theme::Auto.resolve(Some(Scheme::Light), true),
            Scheme::Light
        );
        assert_eq!(Theme::Auto.resolve(None, true), Scheme::Dark);
        assert_eq!(Theme::Auto.resolve(None, false), Scheme::Light);
    }

    #[test]
    fn backgrounds_of_real_docs_themes() {
        // sphinx-book-theme (pydata-sphinx-theme) light and dark, as Chromium reports them.
        assert_eq!(
            Scheme::of_background("rgb(255, 255, 255)"),
            Some(Scheme::Light)
        );
        assert_eq!(Scheme::of_background("rgb(18, 18, 18)"), Some(Scheme::Dark));
        assert_eq!(Scheme::of_background("rgb(20, 24, 30)"), Some(Scheme::Dark));
        // Mid greys fall where black or white text reads better.
        assert_eq!(
            Scheme::of_background("rgb(110, 110, 110)"),
            Some(Scheme::Dark)
        );
        assert_eq!(
            Scheme::of_background("rgb(128, 128, 128)"),
            Some(Scheme::Light)
        );
        assert_eq!(
            Scheme::of_background("rgba(13, 17, 23, 0.9)"),
            Some(Scheme::Dark)
        );
        assert_eq!(
            Scheme::of_background("rgb(13 17 23 / 50%)"),
            Some(Scheme::Dark)
        );
        assert_eq!(
            Scheme::of_background("RGB(250,250,250)"),
            Some(Scheme::Light)
        );
    }

    #[test]
    fn other_colour_spaces() {
        assert_eq!(
            Scheme::of_background("color(srgb 0.05 0.07 0.09)"),
            Some(Scheme::Dark)
        );
        assert_eq!(
            Scheme::of_background("color(srgb 0.95 0.95 0.9)"),
            Some(Scheme::Light)
        );
        assert_eq!(
            Scheme::of_background("oklch(0.2 0.02 250)"),
            Some(Scheme::Dark)
        );
        assert_eq!(
            Scheme::of_background("oklch(0.98 0.01 90)"),
            Some(Scheme::Light)
        );
        assert_eq!(Scheme::of_background("oklab(20% 0 0)"), Some(Scheme::Dark));
        assert_eq!(Scheme::of_background("lab(12 2 -8)"), Some(Scheme::Dark));
        assert_eq!(Scheme::of_background("lch(96 3 90)"), Some(Scheme::Light));
        assert_eq!(Scheme::of_background("oklch(0.2 0.02 250 / 0)"), None);
        assert_eq!(Scheme::of_background("color(display-p3 0 0 0)"), None);
    }

    #[test]
    fn transparent_or_unreadable_says_nothing() {
        for colour in [
            "rgba(0, 0, 0, 0)",
            "rgb(0 0 0 / 0%)",
            "transparent",
            "",
            "rgb(",
            "rgb(1, 2)",
            "rgb(a, b, c)",
            "hsl(0 0% 0%)",
            "rgb(NaN, 0, 0)",
            "oklch(0.2)",
        ] {
            assert_eq!(Scheme::of_background(colour), None, "{colour}");
        }
    }
}
