//! What the parse worker's hand-off costs: a file's records encoded (in the worker) and
//! decoded (on the page's main thread, where it counts most), each the best of several
//! rounds, and the bytes between them (docs/performance.md, P6's "loaded in").
//!
//! `cargo run --release -p tapis-profile --example handoff -- FILE.json [ROUNDS]`

use std::time::Instant;

use tapis_profile::handoff::{decode, encode};
use tapis_profile::read_bytes;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().expect("usage: handoff FILE.json [ROUNDS]");
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let bytes = std::fs::read(path).expect("readable file");
    let records = read_bytes(path, &bytes);
    let (mut encoding, mut decoding) = (f64::MAX, f64::MAX);
    let mut wire = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        wire = encode(&records);
        encoding = encoding.min(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let back = decode(&wire).expect("the hand-off reads what it wrote");
        decoding = decoding.min(t.elapsed().as_secs_f64() * 1e3);
        assert!(back == records, "the hand-off changed the records");
    }
    println!(
        "{path}: {} jobs; hand-off {:.1} MB; encode {encoding:.1} ms, decode {decoding:.1} ms (best of {rounds})",
        records.jobs.len(),
        wire.len() as f64 / 1e6,
    );
}
