//! The followed job's log (behaviour §15): every instance's stream of CloudWatch Logs, merged in
//! time order, followed while the job runs and read only while the log is open. What the calls
//! and answers mean is `core::watch::logs`; this file keeps the timer and draws the rows near the
//! view, so a log of 100,000 lines scrolls as lightly as a short one.

use leptos::prelude::*;

use super::read_note::ReadNote;
use super::service_call::{call, CallFailure};
use super::{page_shown, when_shown_again, Later};
use crate::core::jobs::{poll_delay_ms, utc_time, Destination, Operation};
use crate::core::watch::logs::{self, as_file, read_events, read_streams, rows_in_view, streams_body, Log};

/// Each row's height in pixels (the view's CSS says the same).
const ROW_PIXELS: usize = 18;
const ROW_HEIGHT: f64 = ROW_PIXELS as f64;
/// The view's height in pixels.
const VIEW_PIXELS: usize = 320;
const VIEW_HEIGHT: f64 = VIEW_PIXELS as f64;
/// Rows drawn above and below the view, so that a quick scroll shows no gap.
const SPARE_ROWS: usize = 20;

/// The log's state, shared by its reads, its timer and its view.
#[derive(Clone, Copy)]
struct Reader {
    job: StoredValue<String>,
    destination: Callback<(), Destination>,
    running: Signal<bool>,
    log: RwSignal<Log>,
    note: RwSignal<Option<ReadNote>>,
    open: RwSignal<bool>,
    reading: RwSignal<bool>,
    /// Reads in a row that brought nothing; each such read waits longer for the next.
    quiet_reads: StoredValue<u32>,
    timer: Later,
    /// Whether the log was read after the job ended: then it is complete.
    read_after_end: StoredValue<bool>,
}

impl Reader {
    /// Shows why a call failed.
    fn failed(self, failure: CallFailure) {
        self.note.set(Some(ReadNote::of(&failure)));
    }

    /// One round of reads: the streams (new instances may have started), then each stream's newer
    /// lines, or with `older` the lines before those read. Whether it brought lines.
    async fn read(self, older: bool) -> bool {
        let to = self.destination.run(());
        let name = self.job.get_value();
        if !older {
            match call(&to, Operation::LogStreams, &streams_body(&name, None)).await {
                Ok(text) => match read_streams(&name, &text) {
                    Ok(page) => self.log.update(|log| log.add_streams(page)),
                    Err(message) => self.note.set(Some(ReadNote::Failed(message))),
                },
                Err(failure) => {
                    self.failed(failure);
                    return false;
                }
            }
        }
        let reads = self.log.with_untracked(|log| if older { log.older_reads() } else { log.newer_reads() });
        if reads.is_empty() && !older {
            self.note.set(Some(ReadNote::NothingYet));
        }
        let mut got = false;
        for (stream, instance, asked) in reads {
            match call(&to, Operation::LogEvents, &logs::events_body(&stream, &asked)).await {
                Ok(text) => match read_events(&instance, &text) {
                    Ok(page) => {
                        got |= self.log.try_update(|log| log.take(&stream, &asked, page)).unwrap_or(false);
                        self.note.set(None);
                    }
                    Err(message) => self.note.set(Some(ReadNote::Failed(message))),
                },
                Err(failure) => self.failed(failure),
            }
        }
        got
    }

    /// Reads newer lines now (unless a read is on its way), then again later.
    fn round(self) {
        if self.reading.get_untracked() {
            return;
        }
        self.cancel_timer();
        self.reading.set(true);
        let ended = !self.running.get_untracked();
        leptos::task::spawn_local(async move {
            let got = self.read(false).await;
            self.quiet_reads.update_value(|n| *n = if got { 0 } else { *n + 1 });
            if ended {
                self.read_after_end.set_value(true);
            }
            self.reading.set(false);
            self.schedule();
        });
    }

    /// The next read: soon after lines came, later each time nothing did (as the job's checks
    /// wait), and none once the log is closed, complete, or not allowed.
    fn schedule(self) {
        let complete = !self.running.get_untracked() && self.read_after_end.get_value();
        let refused = matches!(self.note.get_untracked(), Some(ReadNote::NotAllowed(_)));
        // Shown again, the page reads at once (`when_shown_again`).
        if !self.open.get_untracked() || complete || refused || !page_shown() {
            return;
        }
        let first = self.destination.run(()).poll_seconds.saturating_mul(1000);
        let delay = poll_delay_ms(self.quiet_reads.get_value(), first);
        self.timer.plan(delay, move || self.round());
    }

    fn cancel_timer(self) {
        self.timer.cancel();
    }
}

/// The job's log: newest lines followed while it runs, older ones on request, a filter, the
/// instance to show, and a download.
#[component]
pub fn JobLog(
    /// The job, by name.
    job: String,
    /// Where calls go now, with the page's keys.
    destination: Callback<(), Destination>,
    /// Whether the job is still running: the log is read again until it ends, then once more.
    running: Signal<bool>,
) -> impl IntoView {
    let reader = Reader {
        job: StoredValue::new(job),
        destination,
        running,
        log: RwSignal::new(Log::default()),
        note: RwSignal::new(None),
        open: RwSignal::new(true),
        reading: RwSignal::new(false),
        quiet_reads: StoredValue::new(0),
        timer: Later::default(),
        read_after_end: StoredValue::new(false),
    };
    let Reader { log, note, open, job, .. } = reader;
    let filter = RwSignal::new(String::new());
    let instance = RwSignal::new(String::new());
    let scroll_top = RwSignal::new(0.0f64);
    // Whether the view stays at the newest line; scrolling up stops it, scrolling to the end
    // starts it again.
    let follow = RwSignal::new(true);
    let view_ref = NodeRef::<leptos::html::Div>::new();
    // Read while open; opening again, or the job ending, reads at once.
    Effect::new(move |_| {
        let (is_open, _) = (open.get(), running.get());
        if is_open {
            untrack(move || reader.round());
        } else {
            reader.cancel_timer();
        }
    });
    on_cleanup(move || reader.cancel_timer());
    when_shown_again(move || {
        if open.get_untracked() {
            reader.round();
        }
    });
    // One read of older lines at a time: the button waits for the answers.
    let reading_older = RwSignal::new(false);
    let older = move |_| {
        if reading_older.get_untracked() {
            return;
        }
        follow.set(false);
        reading_older.set(true);
        leptos::task::spawn_local(async move {
            reader.read(true).await;
            reading_older.set(false);
        });
    };
    let download = move |_| {
        let text = log.with_untracked(|log| as_file(&log.lines));
        crate::ui::shared::save_file(&format!("{}.log", job.get_value()), &text);
    };
    // The lines shown: their indices in the log, under the filter and the instance chosen.
    let shown = Memo::new(move |_| {
        let (words, only) = (filter.with(|typed| logs::Filter::new(typed)), instance.get());
        log.with(|log| {
            log.lines
                .iter()
                .enumerate()
                .filter(|(_, line)| (only.is_empty() || line.instance == only) && words.keeps(&line.text))
                .map(|(i, _)| i)
                .collect::<Vec<usize>>()
        })
    });
    let instances =
        Memo::new(move |_| log.with(|log| log.streams.iter().map(|s| s.stream.instance.clone()).collect::<Vec<_>>()));
    // Following the end: after new lines, the view goes to the bottom.
    Effect::new(move |_| {
        let count = shown.with(Vec::len);
        if follow.get_untracked() && count > 0 {
            if let Some(view) = view_ref.get_untracked() {
                // As far down as it goes (below a horizontal scroll bar too); the browser stops it
                // at the end.
                view.set_scroll_top(i32::MAX);
                scroll_top.set(f64::from(view.scroll_top()));
            }
        }
    });
    let on_scroll = move |_| {
        let Some(view) = view_ref.get_untracked() else { return };
        let top = f64::from(view.scroll_top());
        scroll_top.set(top);
        let bottom = f64::from(view.scroll_height()) - f64::from(view.client_height());
        follow.set(top >= bottom - ROW_HEIGHT);
    };
    let rows = move || {
        let range = shown.with(|s| rows_in_view(s.len(), ROW_HEIGHT, scroll_top.get(), VIEW_HEIGHT, SPARE_ROWS));
        let picked: Vec<usize> = shown.with(|s| s[range.clone()].to_vec());
        log.with(|log| {
            range
                .zip(picked)
                .map(|(row, at)| {
                    let line = &log.lines[at];
                    let time = utc_time(line.time_ms as f64 / 1000.0);
                    let clock = time.get(11..19).unwrap_or_default().to_string();
                    view! {
                        <div class="log-line" data-log-line="" data-instance=line.instance.clone()
                            style:position="absolute" style:left="0" style:right="0"
                            style:top=format!("{}px", row * ROW_PIXELS) style:height=format!("{ROW_PIXELS}px")>
                            <span class="hint">{clock}</span>" " <span class="hint">{line.instance.clone()}</span>" " {line.text.clone()}
                        </div>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <details class="job-log" prop:open=move || open.get()
            on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary>"Log"</summary>
            <div class="actions">
                <label for="log-filter">"Filter"</label>
                <input id="log-filter" type="search" data-log="filter" autocomplete="off" spellcheck="false"
                    placeholder="words every line shown has" bind:value=filter/>
                <label for="log-instance">"Instance"</label>
                <select id="log-instance" data-log="instance" on:change=move |ev| instance.set(event_target_value(&ev))>
                    <option value="">"All"</option>
                    {move || instances.get().into_iter().map(|i| view! { <option value=i.clone()>{i.clone()}</option> }).collect_view()}
                </select>
                <button type="button" data-action="older-log-lines" disabled=move || reading_older.get() || !log.with(Log::has_older)
                    on:click=older>
                    {move || if reading_older.get() { "Reading older lines…" } else { "Older lines" }}
                </button>
                <button type="button" data-action="download-log" on:click=download>"Download log"</button>
            </div>
            <p class="status" role="status" data-log="status">
                {move || match note.get() {
                    Some(note) => note.text("log", "No log yet: the job has not started writing one."),
                    None => {
                        let (count, total) = (shown.with(Vec::len), log.with(|l| l.lines.len()));
                        if count == total { format!("{total} lines.") } else { format!("{count} of {total} lines.") }
                    }
                }}
            </p>
            // Sized through the style object, which the page's content security policy allows
            // (it refuses style attributes).
            <div class="log-view" data-job-log="" node_ref=view_ref on:scroll=on_scroll tabindex="0" role="log" aria-label="The job's log"
                style:height=format!("{VIEW_PIXELS}px") style:overflow="auto" style:position="relative"
                style:font=format!("12px/{ROW_PIXELS}px monospace") style:white-space="pre">
                <div style:position="relative" style:height=move || format!("{}px", shown.with(Vec::len) * ROW_PIXELS)>
                    {rows}
                </div>
            </div>
        </details>
    }
}
