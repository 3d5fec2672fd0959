//! The app's tree (`src/`) keeps the shape ARCHITECTURE.md draws: no import cycles between
//! its modules, and the pure folders stay pure. A pure folder (the page's model, live
//! Tapis' model, the timeline's model, the insight views' models) names no browser crate
//! and imports only from pure folders, so everything it decides is tested natively; I/O
//! lives in `edge/`, `live/{http,runner}.rs` and `timeline/draw.rs`, beside the components.

use std::path::{Path, PathBuf};

use architecture_check::{code_only, rust_files, web_uses, ModuleGraph};

/// The pure folders, as module paths under `src/` (every module inside, at any depth).
const PURE: [&str; 4] = ["model", "live::model", "timeline::model", "insights"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src")
}

fn app() -> ModuleGraph {
    let graph = ModuleGraph::read(&src());
    // The check would pass on nothing: make sure it read the app.
    assert!(graph.files.contains_key("app"), "no app in {:?}", src());
    assert!(graph.files.len() > 80, "{} modules", graph.files.len());
    graph
}

#[test]
fn the_app_has_no_import_cycles() {
    let graph = app();
    assert!(
        graph
            .edges
            .contains(&("app".to_string(), "model::page_reducer".to_string())),
        "the graph has the app's edges"
    );
    assert!(graph.cycles().is_empty(), "{}", graph.describe_cycles());
}

#[test]
fn pure_folders_name_no_browser_crate() {
    for module in PURE {
        let dir = src().join(module.replace("::", "/"));
        assert!(dir.is_dir(), "{dir:?} is a folder");
        let uses = web_uses(&dir);
        assert!(uses.is_empty(), "{module} is pure, but: {uses:#?}");
    }
}

#[test]
fn pure_folders_import_only_from_pure_folders() {
    let graph = app();
    for module in PURE {
        assert!(
            graph.files.keys().any(|m| m.starts_with(module)),
            "{module} has modules"
        );
    }
    let leaving = graph.edges_leaving(&PURE);
    assert!(
        leaving.is_empty(),
        "pure modules import from outside the pure folders: {leaving:#?}"
    );
}

/// Invariant 20: several apps may be mounted on one page, so nothing global may hold state
/// (a `thread_local!`, a `static mut`, a static that can change inside). The one exception
/// is `ids.rs`'s counter, which only hands out distinct element ids.
#[test]
fn no_state_is_shared_between_mounted_apps() {
    const MUTABLE: [&str; 6] = ["Atomic", "Cell", "Mutex", "RwLock", "Once", "Lazy"];
    let mut globals = Vec::new();
    for file in rust_files(&src()) {
        let text = code_only(&std::fs::read_to_string(&file).unwrap());
        for line in text.lines().map(str::trim) {
            let after_vis = line
                .strip_prefix("pub ")
                .or_else(|| line.strip_prefix("pub(crate) "))
                .unwrap_or(line);
            let shared = line.contains("thread_local!")
                || after_vis.starts_with("static mut ")
                || (after_vis.starts_with("static ") && MUTABLE.iter().any(|m| line.contains(m)));
            if shared {
                globals.push(format!("{}: {line}", file.display()));
            }
        }
    }
    let allowed = |g: &String| g.contains("ids.rs: static NEXT: AtomicU32");
    assert!(
        globals.iter().any(allowed),
        "the check sees the one global there is: {globals:#?}"
    );
    let shared: Vec<&String> = globals.iter().filter(|g| !allowed(g)).collect();
    assert!(
        shared.is_empty(),
        "state shared between mounted apps: {shared:#?}"
    );
}
