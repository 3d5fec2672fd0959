//! Seeds for the handoff target: what the parse worker would hand over for every file
//! in the folders named (the fixtures), written into the target's corpus folder.
//! `cargo run --manifest-path fuzz/Cargo.toml --example handoff_seeds -- OUT DIR…`

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (out, dirs) = args.split_first().expect("usage: handoff_seeds OUT DIR…");
    std::fs::create_dir_all(out).unwrap();
    let mut n = 0;
    for dir in dirs {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if !path.is_file() {
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy();
            let records = tapis_profile::read_bytes(&name, &std::fs::read(&path).unwrap());
            let bytes = tapis_profile::handoff::encode(&records);
            std::fs::write(Path::new(out).join(format!("{name}.bin")), bytes).unwrap();
            n += 1;
        }
    }
    println!("{n} seeds in {out}");
}
