fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.rsplit('/').next().unwrap();
        let r = tapis_profile::read_input(name, &text);
        let out = tapis_profile::assemble(&[r.clone()]);
        println!("== {name} {:?}: {} jobs", r.format, out.jobs.len());
        for j in &out.jobs {
            println!(
                "   {} events={} info={} name={:?} status={:?}",
                j.id,
                j.events.len(),
                j.info.is_some(),
                j.name,
                j.final_status()
            );
        }
        for d in &out.diagnostics {
            println!("   {d}");
        }
    }
}
