//! The followed job's metrics (behaviour §15): a line chart per metric, drawn as SVG, with one
//! line per instance, and the final values DescribeTrainingJob gives. The queries, the answers,
//! the scales, ticks, gaps and the words for screen readers are `core::watch::{metrics, chart}`;
//! this file keeps the timer, reads while the charts are open, and draws what the core laid out.
//!
//! A chart of its own rather than a charting crate, decided by measurement (README, "Watching the
//! job"): everything here costs the panels' module about 28 KB gzip, where a probe drawing one
//! chart with plotters' SVG backend is 90 KB on its own.

use leptos::prelude::*;

use super::read_note::ReadNote;
use super::service_call::call;
use super::{page_shown, when_shown_again, Later};
use crate::core::jobs::{poll_delay_ms, Destination, Operation};
use crate::core::watch::chart::{clock, format_value, lay_out, markup, number, reading_at, summary, Reading};
use crate::core::watch::metrics::{
    charts, merge_series, metric_data_body, percent_of, period_for, queries, read_metric_data, JobMetrics, Series,
};

/// A chart's height in pixels.
const CHART_HEIGHT: f64 = 200.0;
/// Pages of one read at most (each holds up to 100,800 points).
const MAX_PAGES: usize = 10;
/// The lines' colours, one per instance in turn; readable on light and dark backgrounds.
const COLOURS: [&str; 8] = ["#2f6fde", "#d1495b", "#2a9d5c", "#9a5bd1", "#e07b1f", "#1b9aaa", "#c2409b", "#7a8b22"];

/// The times the charts span and the seconds between their points.
#[derive(Clone, Copy, PartialEq)]
struct Window {
    start: f64,
    end: f64,
    period: i64,
}

/// The job's window now: from its start (or creation) to its end, or to now while it runs.
fn window(job: &JobMetrics) -> Window {
    let now = js_sys::Date::now() / 1000.0;
    let end = job.ended.unwrap_or(now);
    let start = job.started.unwrap_or(end - 3600.0).min(end);
    Window { start, end, period: period_for(start, end) }
}

/// The metrics' state, shared by their reads, their timer and their view.
#[derive(Clone, Copy)]
struct Reader {
    job: StoredValue<String>,
    destination: Callback<(), Destination>,
    described: Signal<Option<JobMetrics>>,
    running: Signal<bool>,
    series: RwSignal<Vec<Series>>,
    window: RwSignal<Option<Window>>,
    note: RwSignal<Option<ReadNote>>,
    open: RwSignal<bool>,
    reading: RwSignal<bool>,
    /// Reads in a row that brought no new point; each such read waits longer for the next.
    quiet_reads: StoredValue<u32>,
    timer: Later,
    read_after_end: StoredValue<bool>,
}

impl Reader {
    /// Reads every series over the job's window, page by page. Whether it brought new points.
    async fn read(self) -> bool {
        let Some(job) = self.described.get_untracked() else { return false };
        let name = self.job.get_value();
        let asked = queries(&job.algorithm_metrics, &job.instances);
        let window = window(&job);
        let (start, end) = (window.start.floor() as i64, window.end.ceil() as i64);
        let (to, mut token, mut read) = (self.destination.run(()), None::<String>, Vec::new());
        for _ in 0..MAX_PAGES {
            let body = metric_data_body(&name, &asked, start, end, window.period, token.as_deref());
            let page = match call(&to, Operation::MetricData, &body).await {
                Ok(text) => read_metric_data(&text, &asked).map_err(ReadNote::Failed),
                Err(failure) => Err(ReadNote::of(&failure)),
            };
            match page {
                Ok(page) => {
                    merge_series(&mut read, page.series);
                    token = page.next_token;
                }
                Err(note) => {
                    self.note.set(Some(note));
                    return false;
                }
            }
            if token.is_none() {
                break;
            }
        }
        let count = |series: &[Series]| series.iter().map(|s| s.points.len()).sum::<usize>();
        let got = count(&read) != self.series.with_untracked(|s| count(s));
        self.note.set(None);
        self.window.set(Some(window));
        self.series.set(read);
        got
    }

    /// Reads now (unless a read is on its way), then again later.
    fn round(self) {
        if self.reading.get_untracked() || self.described.with_untracked(Option::is_none) {
            return;
        }
        self.timer.cancel();
        self.reading.set(true);
        let ended = !self.running.get_untracked();
        leptos::task::spawn_local(async move {
            let got = self.read().await;
            self.quiet_reads.update_value(|n| *n = if got { 0 } else { *n + 1 });
            if ended {
                self.read_after_end.set_value(true);
            }
            self.reading.set(false);
            self.schedule();
        });
    }

    /// The next read: soon after new points, later each time none came or the service throttled,
    /// and none once the charts are closed, complete, or not allowed.
    fn schedule(self) {
        let complete = !self.running.get_untracked() && self.read_after_end.get_value();
        let refused = matches!(self.note.get_untracked(), Some(ReadNote::NotAllowed(_)));
        // Shown again, the page reads at once (`when_shown_again`).
        if !self.open.get_untracked() || complete || refused || !page_shown() {
            return;
        }
        let first = self.destination.run(()).poll_seconds.saturating_mul(1000);
        self.timer.plan(poll_delay_ms(self.quiet_reads.get_value(), first), move || self.round());
    }
}

/// The job's metrics: its final values, then a chart per metric, read while open.
#[component]
pub fn JobMetricsView(
    /// The job, by name.
    job: String,
    /// Where calls go now, with the page's keys.
    destination: Callback<(), Destination>,
    /// What the job's last description says about its metrics; `None` until it was described.
    described: Signal<Option<JobMetrics>>,
    /// Whether the job is still running: the metrics are read again until it ends, then once more.
    running: Signal<bool>,
) -> impl IntoView {
    let reader = Reader {
        job: StoredValue::new(job),
        destination,
        described,
        running,
        series: RwSignal::new(Vec::new()),
        window: RwSignal::new(None),
        note: RwSignal::new(None),
        open: RwSignal::new(true),
        reading: RwSignal::new(false),
        quiet_reads: StoredValue::new(0),
        timer: Later::default(),
        read_after_end: StoredValue::new(false),
    };
    let Reader { series, window, note, open, .. } = reader;
    // Read while open, once the job is described; opening again, or the job ending, reads at once.
    let known = Memo::new(move |_| described.with(Option::is_some));
    Effect::new(move |_| {
        let (is_open, is_known, _) = (open.get(), known.get(), running.get());
        if is_open && is_known {
            untrack(move || reader.round());
        } else {
            reader.timer.cancel();
        }
    });
    on_cleanup(move || reader.timer.cancel());
    when_shown_again(move || {
        if open.get_untracked() {
            reader.round();
        }
    });
    // The charts are as wide as their box, measured when drawn and when the window resizes.
    let width = RwSignal::new(640.0);
    let box_ref = NodeRef::<leptos::html::Div>::new();
    let measure = move || {
        if let Some(element) = box_ref.get_untracked() {
            let measured = f64::from(element.client_width());
            if measured > 0.0 {
                width.set(measured.max(240.0));
            }
        }
    };
    Effect::new(move |_| {
        box_ref.track();
        measure();
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    let final_metrics =
        Memo::new(move |_| described.with(|d| d.as_ref().map(|d| d.final_metrics.clone()).unwrap_or_default()));
    let algorithm_metrics =
        Memo::new(move |_| described.with(|d| d.as_ref().map(|d| d.algorithm_metrics.clone()).unwrap_or_default()));
    let drawn = move || {
        let (Some(w), size) = (window.get(), (width.get(), CHART_HEIGHT)) else { return Vec::new() };
        let names = algorithm_metrics.get();
        series.with(|all| {
            charts(&names, all)
                .into_iter()
                .map(|spec| {
                    let owned: Vec<Series> = spec.series.iter().map(|s| (*s).clone()).collect();
                    view! { <Chart metric=spec.metric percent=spec.percent series=owned window=w size/> }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <details class="job-metrics" prop:open=move || open.get()
            on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary>"Metrics"</summary>
            {move || {
                let finals = final_metrics.get();
                (!finals.is_empty()).then(|| view! {
                    <dl class="final-metrics" data-job-final-metrics="" aria-label="Final values" style:display="grid"
                        style:grid-template-columns="max-content auto" style:gap="0 1em">
                        {finals.into_iter().map(|(name, value)| view! {
                            <dt>{name.clone()}</dt>
                            <dd data-final-metric=name style:margin="0">{format_value(value)}</dd>
                        }).collect_view()}
                    </dl>
                })
            }}
            <p class="status" role="status" data-metrics="status">
                {move || match note.get() {
                    Some(note) => note.text("metrics", "No metrics yet: the job has not written any."),
                    None if window.with(Option::is_none) => "Reading the metrics…".to_string(),
                    None => {
                        let count = series.with(|s| s.iter().filter(|s| !s.points.is_empty()).count());
                        if count == 0 {
                            "No metrics yet: the job has not written any.".to_string()
                        } else {
                            format!("{count} series. Point at a chart for its values; times are UTC.")
                        }
                    }
                }}
            </p>
            <div class="charts" node_ref=box_ref>{drawn}</div>
        </details>
    }
}

/// One metric's chart: a line and points per series, the axes, a legend, and the values of the
/// time under the pointer.
#[component]
fn Chart(
    /// The metric's name.
    metric: String,
    /// Whether its values are a use in percent.
    percent: bool,
    /// Its series, one per instance (or the job's own).
    series: Vec<Series>,
    /// The times it spans and the seconds between points.
    window: Window,
    /// Its width and height in pixels.
    size: (f64, f64),
) -> impl IntoView {
    let refs: Vec<&Series> = series.iter().collect();
    let label = summary(&metric, &refs, percent);
    let layout = lay_out(&refs, (window.start, window.end), size, percent, window.period as f64);
    let (_, top, _, bottom) = layout.plot;
    let reading = RwSignal::new(None::<Reading>);
    let placed = layout.clone();
    let point_at = move |ev: leptos::ev::PointerEvent| {
        let Some(svg) = ev.current_target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        else {
            return;
        };
        let rect = svg.get_bounding_client_rect();
        let scale = if rect.width() > 0.0 { size.0 / rect.width() } else { 1.0 };
        reading.set(reading_at(&placed, (f64::from(ev.client_x()) - rect.left()) * scale));
    };
    let colour = |n: usize| COLOURS[n % COLOURS.len()];
    let named = |instance: Option<&str>| instance.unwrap_or("job").to_string();
    let unit = if percent { "%" } else { "" };
    let legend: Vec<(String, &str)> =
        layout.lines.iter().enumerate().map(|(n, l)| (named(l.instance.as_deref()), colour(n))).collect();
    let drawing = markup(&layout, &COLOURS);
    view! {
        <figure class="chart" data-job-chart=metric.clone() style:margin="0 0 1em">
            <figcaption>
                <strong>{metric.clone()}</strong>
                {percent.then(|| format!(" ({})", percent_of(&metric)))}
            </figcaption>
            <ul class="legend" aria-hidden="true" style:display="flex" style:flex-wrap="wrap" style:gap="0 1em"
                style:list-style="none" style:padding="0" style:margin="0">
                {legend.into_iter().map(|(name, stroke)| view! {
                    <li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill=stroke/></svg>" " {name}</li>
                }).collect_view()}
            </ul>
            // The drawing is one piece of markup from the core; only the line under the pointer,
            // over it, changes as the pointer moves.
            <div style:position="relative">
                <svg width=number(size.0) height=number(size.1) viewBox=format!("0 0 {} {}", number(size.0), number(size.1)) role="img" aria-label=label
                    font-size="11" font-family="system-ui, sans-serif" fill="currentColor" inner_html=drawing
                    on:pointermove=point_at on:pointerleave=move |_| reading.set(None)>
                </svg>
                <svg width=number(size.0) height=number(size.1) aria-hidden="true" style:position="absolute" style:left="0" style:top="0"
                    style:pointer-events="none">
                    {move || reading.get().map(|r| view! {
                        <line x1=number(r.px) x2=number(r.px) y1=number(top) y2=number(bottom) stroke="currentColor" stroke-opacity="0.6" stroke-dasharray="3 3"/>
                    })}
                </svg>
            </div>
            <p class="hint" data-chart-reading="" aria-live="off">
                {move || match reading.get() {
                    Some(r) => {
                        let values: Vec<String> = r.values.iter()
                            .map(|(instance, v)| format!("{} {}{unit}", named(instance.as_deref()), format_value(*v)))
                            .collect();
                        format!("{} UTC · {}", clock(r.time), values.join(" · "))
                    }
                    None => "\u{a0}".to_string(),
                }}
            </p>
        </figure>
    }
}
