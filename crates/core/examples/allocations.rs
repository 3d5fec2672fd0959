//! How many allocations the read makes, and how many bytes they ask for: the shipped
//! read against the one it replaced (`read_input_itemwise`), then the assembly and each
//! part of the analysis, counted by a global allocator that wraps the system's
//! (docs/performance.md, P1: in the page every allocation is the wasm's `dlmalloc`).
//!
//! `cargo run --release -p tapis-profile --example allocations -- FILE.json`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use tapis_profile::analysis::{Analysis, Options, Phase};
use tapis_profile::import::utf8_lossy;
use tapis_profile::{assemble, read_input, read_input_itemwise};

struct Counting;

static COUNT: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        COUNT.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size(), Relaxed);
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        COUNT.fetch_add(1, Relaxed);
        BYTES.fetch_add(new_size, Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f`: what it returns, and the allocations (reallocations included) and bytes it asked for.
fn counted<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let (n, bytes) = (COUNT.load(Relaxed), BYTES.load(Relaxed));
    let out = f();
    (out, COUNT.load(Relaxed) - n, BYTES.load(Relaxed) - bytes)
}

fn print(name: &str, n: usize, bytes: usize, note: &str) {
    println!(
        "{name:<10} {n:>10} allocations {:>8.1} MB{note}",
        bytes as f64 / 1e6
    );
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: allocations FILE.json");
    let bytes = std::fs::read(&path).expect("readable file");
    let text = utf8_lossy(&bytes);
    let (old, n, size) = counted(|| read_input_itemwise(&path, &text));
    print(
        "itemwise",
        n,
        size,
        &format!("  ({} events)", old.event_count()),
    );
    drop(old);
    let (records, n, size) = counted(|| read_input(&path, &text));
    print(
        "read",
        n,
        size,
        &format!("  ({} events)", records.event_count()),
    );
    let (import, n, size) = counted(|| assemble(&[&records]));
    print("assemble", n, size, "");
    // Each part of the analysis, summed over its steps (as the page takes them).
    let mut by_phase: Vec<(Phase, usize, usize)> = Vec::new();
    let mut analysis = Analysis::of(&import, &Options::at(None));
    loop {
        let phase = analysis.phase();
        let (done, n, size) = counted(|| analysis.step(1_000));
        match by_phase.last_mut() {
            Some((p, count, total)) if *p == phase => {
                (*count, *total) = (*count + n, *total + size)
            }
            _ => by_phase.push((phase, n, size)),
        }
        if done {
            break;
        }
    }
    for (phase, n, size) in by_phase {
        print(&format!("{phase:?}"), n, size, "");
    }
}
