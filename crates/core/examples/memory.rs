//! What lives where after loading a file, as the page holds it: the bytes alive after each
//! stage (read, assemble, analyse, load) and the peak, counted by a global allocator that
//! wraps the system's. Natively (64-bit pointers, so above what wasm32 holds), one run.
//!
//! `cargo run --release -p tapis-profile --example memory -- FILE.json` (docs/performance.md, P5).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use tapis_profile::analysis::{analyse, Options};
use tapis_profile::{assemble, load::load, read_bytes, JobReport};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// Runs `f`, then prints what it left alive and how far above the start it peaked.
fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let out = f();
    let after = LIVE.load(Relaxed);
    println!(
        "{name:<32} {:>8.1} MB kept  {:>8.1} MB peak above start  {:>8.1} MB alive",
        mb(after.saturating_sub(before)),
        mb(PEAK.load(Relaxed) - before),
        mb(after)
    );
    out
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: memory FILE.json");
    let bytes = std::fs::read(&path).expect("readable file");
    let input = bytes.len();
    println!("{:<32} {:>8.1} MB", "input", mb(input));
    let records = stage("read", || read_bytes(&path, &bytes));
    drop(bytes);
    let import = stage("assemble", || assemble(&[&records]));
    let report = stage("analyse", || analyse(&import, &Options::default()));
    let load = stage("load", || load(&report.jobs));
    let alive = LIVE.load(Relaxed);
    println!("of which (a copy of each part, measured):");
    let part = |name: &str, f: &dyn Fn() -> Box<dyn std::any::Any>| drop(stage(name, f));
    part("  records as the worker's bytes", &|| {
        Box::new(tapis_profile::handoff::encode(&records))
    });
    let jobs = &import.jobs;
    part("  jobs: events (shared)", &|| {
        Box::new(jobs.iter().map(|j| j.events.clone()).collect::<Vec<_>>())
    });
    part("  jobs: job objects (shared)", &|| {
        Box::new(jobs.iter().map(|j| j.info.clone()).collect::<Vec<_>>())
    });
    let reports = &report.jobs;
    let of = |f: fn(&JobReport) -> Box<dyn std::any::Any>| {
        move || Box::new(reports.iter().map(f).collect::<Vec<_>>()) as Box<dyn std::any::Any>
    };
    part("  report: segments", &of(|j| Box::new(j.segments.clone())));
    part("  report: events", &of(|j| Box::new(j.events.clone())));
    part(
        "  report: transfers",
        &of(|j| Box::new(j.transfers.clone())),
    );
    part("  report: anatomy", &of(|j| Box::new(j.anatomy.clone())));
    part(
        "  report: per-state maps",
        &of(|j| Box::new((j.durations.clone(), j.visits.clone(), j.buckets.clone()))),
    );
    println!(
        "  (a JobReport holds {} B inline, an Event {} B)",
        std::mem::size_of::<JobReport>(),
        std::mem::size_of::<tapis_profile::Event>()
    );
    println!(
        "{:<32} {:>8.1} MB = {:.2} × the input ({} jobs)",
        "all kept",
        mb(alive),
        alive as f64 / input as f64,
        import.jobs.len()
    );
    // What the records hold that the jobs do not share: all that dropping them would free.
    let before = LIVE.load(Relaxed);
    drop(records);
    println!(
        "{:<32} {:>8.1} MB",
        "  records' own (freed by a drop)",
        mb(before - LIVE.load(Relaxed))
    );
    drop((import, report, load));
}
