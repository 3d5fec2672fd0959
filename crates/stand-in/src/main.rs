//! `tapis-stand-in`: serves a local stand-in Tapis tenant for tests and demos.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use tapis_stand_in::faults::Config;
use tapis_stand_in::store::Store;
use tapis_stand_in::{auth, fixtures, router, synthetic, StandIn};

/// A local stand-in for a Tapis tenant's Jobs API (list, search, job, history).
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:8181")]
    addr: SocketAddr,
    /// The tenant id this stand-in plays; tokens must name it.
    #[arg(long, default_value = "designsafe")]
    tenant: String,
    /// The user whose jobs these are.
    #[arg(long, default_value = "testuser")]
    user: String,
    /// Job bundles to serve: `{"jobs": [{"job": {…}, "history": […]}]}`.
    #[arg(long = "bundle")]
    bundles: Vec<PathBuf>,
    /// A directory of real Tapis payloads (e.g. fixtures/tapis).
    #[arg(long)]
    fixtures: Option<PathBuf>,
    /// Also serve this many realistic jobs from the core's seeded generator.
    #[arg(long, default_value_t = 0)]
    synthetic: usize,
    /// The generator's seed.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// When the first synthetic job was created (RFC 3339), or `recent` for jobs up to
    /// about an hour ago (demos); the generator's fixed date by default.
    #[arg(long)]
    synthetic_start: Option<String>,
    /// Latency and faults, as the JSON `/_stand-in/config` takes.
    #[arg(long)]
    config: Option<String>,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    if let Err(why) = run(args).await {
        eprintln!("tapis-stand-in: {why}");
        std::process::exit(1);
    }
}

async fn run(args: Args) -> Result<(), String> {
    let mut store = Store::default();
    for path in &args.bundles {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        store
            .add_bundle_text(&text)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if let Some(dir) = &args.fixtures {
        fixtures::add_dir(&mut store, dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    if args.synthetic > 0 {
        let start = match args.synthetic_start.as_deref() {
            None => None,
            Some("recent") => Some(synthetic::recent_start(args.synthetic, chrono::Utc::now())),
            Some(text) => Some(
                chrono::DateTime::parse_from_rfc3339(text)
                    .map_err(|e| format!("--synthetic-start {text}: {e}"))?
                    .with_timezone(&chrono::Utc),
            ),
        };
        synthetic::add(&mut store, args.synthetic, args.seed, start);
    }
    store.serve_as(&args.user, &args.tenant);
    let config: Config = match &args.config {
        Some(json) => serde_json::from_str(json).map_err(|e| format!("--config: {e}"))?,
        None => Config::default(),
    };
    let state = StandIn::new(&args.tenant, store, config);
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let token = auth::mint(
        &args.user,
        &args.tenant,
        chrono::Utc::now().timestamp() + 4 * 3600,
    );
    println!(
        "Tapis stand-in for tenant '{}' at http://{addr} serving {} jobs of user '{}'",
        args.tenant,
        state.job_count(),
        args.user
    );
    println!(
        "A token for '{}' (valid 4 h; for this stand-in only): {token}",
        args.user
    );
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}
