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
    let power = 10f64.powi(raw.log10().floor() as i32);
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
const TIME_STEPS: [i64; 15] = [1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21_600, 43_200, 86_400];

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

/// `v` with `decimals` digits after the point, rounded; with `trim`, without trailing zeros (and
/// without the point if none are left). Written with integers, so that the module drawing charts
/// carries none of the standard library's float formatting.
///
/// ```
/// use tjs::core::watch::chart::fixed;
/// assert_eq!(fixed(2.25, 1, false), "2.3");
/// assert_eq!(fixed(-0.5, 3, true), "-0.5");
/// assert_eq!(fixed(600.0, 1, false), "600.0");
/// ```
pub fn fixed(v: f64, decimals: u32, trim: bool) -> String {
    let decimals = decimals.min(17);
    let scaled = (v * 10f64.powi(decimals as i32)).round();
    if !scaled.is_finite() || scaled.abs() >= 1e36 {
        return if v.is_nan() {
            "NaN".into()
        } else if v < 0.0 {
            "-1e36".into()
        } else {
            "1e36".into()
        };
    }
    let digits = (scaled.abs() as i128).to_string();
    let width = decimals as usize + 1;
    let digits = if digits.len() < width { format!("{}{digits}", "0".repeat(width - digits.len())) } else { digits };
    let (whole, fraction) = digits.split_at(digits.len() - decimals as usize);
    let fraction = if trim { fraction.trim_end_matches('0') } else { fraction };
    let sign = if scaled < 0.0 { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// `v` with nine significant digits at most: what a chart's `data-y` carries.
///
/// ```
/// use tjs::core::watch::chart::number;
/// assert_eq!(number(0.447213595499958), "0.447213595");
/// assert_eq!(number(1796639520.0), "1796639520");
/// assert_eq!(number(-3.2e-7), "-0.00000032");
/// ```
pub fn number(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return fixed(v, 0, true);
    }
    let magnitude = v.abs().log10().floor() as i32;
    fixed(v, (8 - magnitude).clamp(0, 17) as u32, true)
}

/// A value for people: `0.0421`, `12.5`, `1,234`, `3.20e-7`.
pub fn format_value(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let a = v.abs();
    if a != 0.0 && !(1e-4..1e9).contains(&a) {
        let mut exponent = a.log10().floor() as i32;
        let mut mantissa = (v / 10f64.powi(exponent) * 100.0).round() / 100.0;
        if mantissa.abs() >= 10.0 {
            mantissa /= 10.0;
            exponent += 1;
        }
        return format!("{}e{exponent}", fixed(mantissa, 2, false));
    }
    if a >= 1000.0 {
        let text = fixed(v, 0, true);
        let (sign, digits) = if let Some(d) = text.strip_prefix('-') { ("-", d) } else { ("", text.as_str()) };
        let grouped: Vec<String> =
            digits.as_bytes().rchunks(3).rev().map(|c| String::from_utf8_lossy(c).into_owned()).collect();
        return format!("{sign}{}", grouped.join(","));
    }
    fixed(v, if a >= 10.0 { 1 } else { 4 }, true)
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
        out.push_str(&format!(
            "{}{} {}",
            if i == 0 { "M" } else { " L" },
            fixed(p.px, 1, false),
            fixed(p.py, 1, false)
        ));
    }
    out
}

/// The space around the plot for the axes' labels, in pixels: left, top, right, bottom.
const MARGINS: (f64, f64, f64, f64) = (56.0, 10.0, 14.0, 24.0);

/// One series as drawn: its points placed, and the lines through them (split at gaps).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The instance (`algo-1`), or `None` for the job's own metric.
    pub instance: Option<String>,
    /// Every point, placed.
    pub points: Vec<Placed>,
    /// An SVG path for each run of points without a gap.
    pub paths: Vec<String>,
}

/// A chart laid out: where the plot is, its ticks with their labels, and its lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The plot's box: left, top, right, bottom.
    pub plot: (f64, f64, f64, f64),
    /// Time (seconds since 1970) to pixels.
    pub x: Scale,
    /// Value to pixels.
    pub y: Scale,
    /// Time ticks: pixel and label (`14:05`, UTC).
    pub x_ticks: Vec<(f64, String)>,
    /// Value ticks: pixel and label (`0.25`, or `40%` for a percentage).
    pub y_ticks: Vec<(f64, String)>,
    /// One per series.
    pub lines: Vec<Line>,
}

/// Lays out `series` (one metric's, each oldest first) in a chart `size` (width, height) pixels,
/// over the times `span` (the job's life, so that every chart of a job lines up; widened to the
/// points if they fall outside). `period` is the seconds between points: a line breaks where
/// more than two periods pass without one. A `percent` chart starts at 0.
pub fn lay_out(
    series: &[&super::metrics::Series],
    span: (f64, f64),
    size: (f64, f64),
    percent: bool,
    period: f64,
) -> Layout {
    let (left, top, right, bottom) = MARGINS;
    let plot = (left, top, (size.0 - right).max(left + 1.0), (size.1 - bottom).max(top + 1.0));
    let times = series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
    let (first, last) = times.fold(span, |(lo, hi), t| (lo.min(t), hi.max(t)));
    let values: Vec<f64> = series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).collect();
    let x = Scale { domain: (first, last), range: (plot.0, plot.2) };
    let y = Scale { domain: value_domain(&values, percent), range: (plot.3, plot.1) };
    let x_count = ((plot.2 - plot.0) / 90.0).floor().max(2.0) as usize;
    let y_count = ((plot.3 - plot.1) / 36.0).floor().max(2.0) as usize;
    let x_ticks = time_ticks(first, last, x_count).into_iter().map(|(t, label)| (x.at(t), label)).collect();
    let unit = if percent { "%" } else { "" };
    let y_ticks = nice_ticks(y.domain.0, y.domain.1, y_count)
        .into_iter()
        .map(|v| (y.at(v), format!("{}{unit}", format_value(v))))
        .collect();
    let lines = series
        .iter()
        .map(|s| {
            let points: Vec<Placed> =
                s.points.iter().map(|&(t, v)| Placed { x: t, y: v, px: x.at(t), py: y.at(v) }).collect();
            let paths = segments(&points, 2.0 * period.max(1.0)).into_iter().map(path).collect();
            Line { instance: s.instance.clone(), points, paths }
        })
        .collect();
    Layout { plot, x, y, x_ticks, y_ticks, lines }
}

/// What the pointer is over: the time of the points nearest it and each series' value then.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// Seconds since 1970.
    pub time: f64,
    /// Where that time is drawn.
    pub px: f64,
    /// Each series that has a point then: its instance and value.
    pub values: Vec<(Option<String>, f64)>,
}

/// The reading at pixel `px`: the points of the time drawn nearest to it.
pub fn reading_at(layout: &Layout, px: f64) -> Option<Reading> {
    let nearest = layout
        .lines
        .iter()
        .flat_map(|l| l.points.iter())
        .min_by(|a, b| (a.px - px).abs().total_cmp(&(b.px - px).abs()))?;
    let values = layout
        .lines
        .iter()
        .filter_map(|l| {
            let p = l.points.iter().find(|p| p.x == nearest.x)?;
            Some((l.instance.clone(), p.y))
        })
        .collect();
    Some(Reading { time: nearest.x, px: nearest.px, values })
}

/// `14:05:30` (UTC) for seconds since 1970.
pub fn clock(t: f64) -> String {
    let of_day = (t.floor() as i64).rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", of_day / 3600, of_day / 60 % 60, of_day % 60)
}

/// The chart in words, for a screen reader: the metric, its times, and for each series its first,
/// last, lowest and highest value.
///
/// ```
/// use tjs::core::watch::{chart::summary, metrics::Series};
/// let s = Series { metric: "train:loss".into(), instance: None, points: vec![(0.0, 0.9), (60.0, 0.5)] };
/// assert_eq!(summary("train:loss", &[&s], false),
///     "train:loss from 00:00:00 to 00:01:00 UTC. The job: 2 points, first 0.9, last 0.5, lowest 0.5, highest 0.9.");
/// ```
pub fn summary(metric: &str, series: &[&super::metrics::Series], percent: bool) -> String {
    let unit = if percent { "%" } else { "" };
    let times = series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
    let (first, last) = times.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), t| (lo.min(t), hi.max(t)));
    if !first.is_finite() {
        return format!("{metric}: no points yet.");
    }
    let mut text = format!("{metric} from {} to {} UTC.", clock(first), clock(last));
    for s in series.iter().filter(|s| !s.points.is_empty()) {
        let values = s.points.iter().map(|p| p.1);
        let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let name = s.instance.as_deref().unwrap_or("The job");
        let count = s.points.len();
        let v = |v: f64| format!("{}{unit}", format_value(v));
        text.push_str(&format!(
            " {name}: {count} point{}, first {}, last {}, lowest {}, highest {}.",
            if count == 1 { "" } else { "s" },
            v(s.points[0].1),
            v(s.points[count - 1].1),
            v(low),
            v(high)
        ));
    }
    text
}

/// Text for SVG markup: `&`, `<`, `>` and quotes escaped.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The chart's SVG content: value grid and labels, the time axis and its labels, then each
/// series as a `<g data-series="<instance or job>">` of paths and one `<circle>` per point with
/// `data-x` (seconds since 1970) and `data-y` (the value). Series `n` is drawn in
/// `colours[n % len]`; colours and text are the only inputs that reach attributes, and both are
/// escaped. The page puts it inside an `<svg>` of the layout's size.
///
/// ```
/// use tjs::core::watch::{chart::{lay_out, markup}, metrics::Series};
/// let s = Series { metric: "m".into(), instance: Some("algo-1".into()), points: vec![(0.0, 1.0)] };
/// let svg = markup(&lay_out(&[&s], (0.0, 60.0), (300.0, 200.0), false, 60.0), &["#123456"]);
/// assert!(svg.contains(r#"<g data-series="algo-1">"#));
/// assert!(svg.contains(r#"data-x="0" data-y="1""#));
/// ```
pub fn markup(layout: &Layout, colours: &[&str]) -> String {
    use std::fmt::Write;
    let n = |v: f64| fixed(v, 1, true);
    let (left, top, right, bottom) = layout.plot;
    let (l, r, b) = (n(left), n(right), n(bottom));
    let mut out = String::new();
    for (py, label) in &layout.y_ticks {
        let y = n(*py);
        let _ = write!(
            out,
            r#"<line x1="{l}" x2="{r}" y1="{y}" y2="{y}" stroke="currentColor" stroke-opacity="0.15"/><text x="{}" y="{y}" dy="0.32em" text-anchor="end">{}</text>"#,
            n(left - 6.0),
            escaped(label)
        );
    }
    let _ = write!(out, r#"<line x1="{l}" x2="{r}" y1="{b}" y2="{b}" stroke="currentColor" stroke-opacity="0.5"/>"#);
    for (px, label) in &layout.x_ticks {
        let x = n(*px);
        let _ = write!(
            out,
            r#"<line x1="{x}" x2="{x}" y1="{b}" y2="{}" stroke="currentColor" stroke-opacity="0.5"/><text x="{x}" y="{}" text-anchor="middle">{}</text>"#,
            n(bottom + 4.0),
            n(bottom + 16.0),
            escaped(label)
        );
    }
    for (index, line) in layout.lines.iter().enumerate() {
        let colour = escaped(colours.get(index % colours.len().max(1)).copied().unwrap_or("currentColor"));
        let _ = write!(out, r#"<g data-series="{}">"#, escaped(line.instance.as_deref().unwrap_or("job")));
        for d in &line.paths {
            let _ = write!(out, r#"<path d="{d}" fill="none" stroke="{colour}" stroke-width="1.75"/>"#);
        }
        for p in &line.points {
            let _ = write!(
                out,
                r#"<circle cx="{}" cy="{}" r="2.5" fill="{colour}" data-x="{}" data-y="{}"/>"#,
                n(p.px),
                n(p.py),
                number(p.x),
                number(p.y)
            );
        }
        out.push_str("</g>");
    }
    if layout.lines.iter().all(|l| l.points.is_empty()) {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="middle" fill-opacity="0.7">No points yet</text>"#,
            n((left + right) / 2.0),
            n((top + bottom) / 2.0)
        );
    }
    out
}
