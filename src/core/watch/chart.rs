//! The arithmetic of the job's line charts (behaviour §15): scales, tick values a person reads
//! easily, time labels, and where each point goes. The page only draws what this returns.
//!
//! ```
//! use tjs::core::watch::chart::nice_ticks;
//! assert_eq!(nice_ticks(0.13, 0.92, 5), vec![0.2, 0.4, 0.6, 0.8]);
//! ```

/// A linear map from data values (`domain`) to pixels (`range`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The data values at either end.
    pub domain: (f64, f64),
    /// The pixels they go to.
    pub range: (f64, f64),
}

impl Scale {
    /// The pixel of value `v`. A domain of no width maps everything to the middle.
    pub fn at(&self, v: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if (d1 - d0).abs() < f64::EPSILON {
            return (r0 + r1) / 2.0;
        }
        r0 + (v - d0) / (d1 - d0) * (r1 - r0)
    }

    /// The value at pixel `p` (for the value under the pointer).
    pub fn value_at(&self, p: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if (r1 - r0).abs() < f64::EPSILON {
            return d0;
        }
        d0 + (p - r0) / (r1 - r0) * (d1 - d0)
    }
}

/// A round step near `span / count`: 1, 2 or 5 times a power of ten.
fn nice_step(span: f64, count: usize) -> f64 {
    let raw = span / count.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// Round tick values inside `[min, max]`, about `count` of them.
pub fn nice_ticks(min: f64, max: f64, count: usize) -> Vec<f64> {
    if !min.is_finite() || !max.is_finite() || max < min {
        return Vec::new();
    }
    if (max - min).abs() < f64::EPSILON {
        return vec![min];
    }
    let step = nice_step(max - min, count);
    let first = (min / step).ceil();
    let last = (max / step).floor();
    // Written from whole multiples, so 0.30000000000000004 comes out as 0.3.
    let decimals = (-step.log10().floor()).max(0.0) as i32;
    let round = |v: f64| {
        let f = 10f64.powi(decimals);
        (v * f).round() / f
    };
    (first as i64..=last as i64).map(|i| round(i as f64 * step)).collect()
}

/// The value range a chart shows for `values`, on round numbers: from 0 when `from_zero` and all
/// are positive (a use of 40% should not look like 100%), padded when there is one value only.
pub fn value_domain(values: &[f64], from_zero: bool) -> (f64, f64) {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let (min, max) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if !min.is_finite() {
        return (0.0, 1.0);
    }
    if (max - min).abs() < f64::EPSILON {
        let pad = if max == 0.0 { 1.0 } else { max.abs() * 0.1 };
        return (min - pad, max + pad);
    }
    let min = if from_zero && min > 0.0 { 0.0 } else { min };
    let step = nice_step(max - min, 5);
    // A value a hair above a multiple of the step (0.55 / 0.01 = 55.000000000000007) is on it.
    let (low, high) = ((min / step + 1e-9).floor(), (max / step - 1e-9).ceil());
    let decimals = (-step.log10().floor()).max(0.0) as i32;
    let round = |v: f64| (v * 10f64.powi(decimals)).round() / 10f64.powi(decimals);
    (round(low * step), round(high * step))
}

/// How far apart time ticks may be, in seconds.
const TIME_STEPS: [i64; 14] = [1, 5, 10, 30, 60, 300, 600, 900, 1800, 3600, 7200, 21_600, 43_200, 86_400];

/// Time ticks inside `[start, end]` (seconds since 1970), about `count` of them, with UTC labels:
/// `14:05`, or `14:05:30` when the step is under a minute.
pub fn time_ticks(start: f64, end: f64, count: usize) -> Vec<(f64, String)> {
    if !start.is_finite() || !end.is_finite() || end < start {
        return Vec::new();
    }
    let wanted = ((end - start) / count.max(1) as f64).max(1.0);
    let step = TIME_STEPS.iter().copied().find(|s| *s as f64 >= wanted).unwrap_or(86_400);
    let first = (start / step as f64).ceil() as i64;
    let last = (end / step as f64).floor() as i64;
    (first..=last)
        .map(|i| {
            let t = i * step;
            let of_day = t.rem_euclid(86_400);
            let label = if step < 60 {
                format!("{:02}:{:02}:{:02}", of_day / 3600, of_day / 60 % 60, of_day % 60)
            } else {
                format!("{:02}:{:02}", of_day / 3600, of_day / 60 % 60)
            };
            (t as f64, label)
        })
        .collect()
}

/// A value for people: `0.0421`, `12.5`, `1,234`, `3.2e-7`.
pub fn format_value(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let a = v.abs();
    if a != 0.0 && !(1e-4..1e9).contains(&a) {
        return format!("{v:.2e}");
    }
    let text = if a >= 1000.0 {
        format!("{v:.0}")
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.4}")
    };
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text };
    // Thousands separated for whole numbers.
    if a >= 1000.0 {
        let (sign, digits) = if let Some(d) = text.strip_prefix('-') { ("-", d) } else { ("", text.as_str()) };
        let grouped: Vec<String> =
            digits.as_bytes().rchunks(3).rev().map(|c| String::from_utf8_lossy(c).into_owned()).collect();
        return format!("{sign}{}", grouped.join(","));
    }
    text
}

/// One point of a series on the chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// Seconds since 1970.
    pub x: f64,
    /// The value.
    pub y: f64,
    /// Where it is drawn.
    pub px: f64,
    /// Where it is drawn.
    pub py: f64,
}

/// The lines of one series: its points split where more than `gap` seconds pass between two
/// (the metric was not written then), so that no line is drawn across a gap.
pub fn segments(points: &[Placed], gap: f64) -> Vec<&[Placed]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..points.len() {
        if points[i].x - points[i - 1].x > gap {
            out.push(&points[start..i]);
            start = i;
        }
    }
    if start < points.len() {
        out.push(&points[start..]);
    }
    out
}

/// The SVG path (`M x y L x y ...`) through `points`.
pub fn path(points: &[Placed]) -> String {
    let mut out = String::new();
    for (i, p) in points.iter().enumerate() {
        out.push_str(&format!("{}{:.1} {:.1}", if i == 0 { "M" } else { " L" }, p.px, p.py));
    }
    out
}
