//! What lives where after loading a file, as the page holds it: the bytes alive after each
//! stage (read, assemble, analyse, load) and the peak, counted by a global allocator that
//! wraps the system's. Natively (64-bit pointers, so above what wasm32 holds), one run.
//!
//! `cargo run --release -p tapis-profile --example memory -- FILE.json` (docs/performance.md, P5).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use tapis_profile::analysis::{analyse, Options};
use tapis_profile::{assemble, load::load, read_bytes};

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
        "{name:<10} {:>8.1} MB kept  {:>8.1} MB peak above start  {:>8.1} MB alive",
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
    println!("input      {:>8.1} MB", mb(input));
    let records = stage("read", || read_bytes(&path, &bytes));
    drop(bytes);
    let import = stage("assemble", || assemble(&[&records]));
    let report = stage("analyse", || analyse(&import, &Options::default()));
    let load = stage("load", || load(&report.jobs));
    println!("of which (each part's copy measured):");
    let jobs = &import.jobs;
    let part = |name: &str, f: &dyn Fn() -> Box<dyn std::any::Any>| {
        drop(stage(name, f));
    };
    part("  jobs: events", &|| Box::new(jobs.iter().map(|j| j.events.clone()).collect::<Vec<_>>()));
    part("  jobs: info", &|| Box::new(jobs.iter().map(|j| j.info.clone()).collect::<Vec<_>>()));
    let jr = &report.jobs;
    part("  report: segments", &|| Box::new(jr.iter().map(|j| j.segments.clone()).collect::<Vec<_>>()));
    part("  report: events", &|| Box::new(jr.iter().map(|j| j.events.clone()).collect::<Vec<_>>()));
    part("  report: transfers", &|| Box::new(jr.iter().map(|j| j.transfers.clone()).collect::<Vec<_>>()));
    part("  report: anatomy", &|| Box::new(jr.iter().map(|j| j.anatomy.clone()).collect::<Vec<_>>()));
    part("  report: maps", &|| Box::new(jr.iter().map(|j| (j.durations.clone(), j.visits.clone(), j.buckets.clone())).collect::<Vec<_>>()));
    part("  report: outliers", &|| Box::new(jr.iter().map(|j| j.outliers.clone()).collect::<Vec<_>>()));
    part("  report: warnings", &|| Box::new(jr.iter().map(|j| (j.warnings.clone(), j.staged_inputs.clone(), j.inputs.clone())).collect::<Vec<_>>()));
    part("  report: failure+usage", &|| Box::new(jr.iter().map(|j| (j.failure.clone(), j.usage.clone())).collect::<Vec<_>>()));
    println!("  JobReport inline {} B, Event {} B", std::mem::size_of::<tapis_profile::JobReport>(), std::mem::size_of::<tapis_profile::Event>());
    use tapis_profile::job_report::*; use tapis_profile::analysis::stale::Stale;
    println!("  Transfers {} Coarse {} Failure {} Usage {} Stale {} PlacedEvent {} Segment {} Anatomy {}",
      std::mem::size_of::<Option<Transfers>>(), std::mem::size_of::<Option<Coarse>>(), std::mem::size_of::<Option<Failure>>(),
      std::mem::size_of::<Option<Usage>>(), std::mem::size_of::<Option<Stale>>(), std::mem::size_of::<PlacedEvent>(),
      std::mem::size_of::<tapis_profile::Segment>(), std::mem::size_of::<tapis_profile::analysis::anatomy::Anatomy>());
    let n = |f: &dyn Fn(&tapis_profile::JobReport) -> bool| jr.iter().filter(|j| f(j)).count();
    println!("  present: coarse {} failure {} usage {} stale {}", n(&|j| j.coarse.is_some()), n(&|j| j.failure.is_some()), n(&|j| j.usage.is_some()), n(&|j| j.stale.is_some()));
    let alive = LIVE.load(Relaxed);
    println!(
        "all kept   {:>8.1} MB = {:.2} × the input ({} jobs)",
        mb(alive),
        alive as f64 / input as f64,
        import.jobs.len()
    );
    drop((records, import, report, load));
}
