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
    /// Serve HTTP/2 (and HTTP/1.1) over TLS with a self-signed certificate made at start
    /// (built with the feature `tls`; the live benchmark's stand-in).
    #[arg(long)]
    tls: bool,
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
    let scheme = if args.tls { "https" } else { "http" };
    let token = auth::mint(
        &args.user,
        &args.tenant,
        chrono::Utc::now().timestamp() + 4 * 3600,
    );
    println!(
        "Tapis stand-in for tenant '{}' at {scheme}://{addr} serving {} jobs of user '{}'",
        args.tenant,
        state.job_count(),
        args.user
    );
    println!(
        "A token for '{}' (valid 4 h; for this stand-in only): {token}",
        args.user
    );
    if args.tls {
        return serve_tls(listener, router(state)).await;
    }
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}

/// HTTP/2 or HTTP/1.1 (ALPN) over TLS, with a certificate for 127.0.0.1 and localhost made
/// now and never stored: clients must be told to accept it (the benchmark's Chromium is).
#[cfg(feature = "tls")]
async fn serve_tls(listener: tokio::net::TcpListener, app: axum::Router) -> Result<(), String> {
    use hyper_util::rt::{TokioExecutor, TokioIo};
    use hyper_util::server::conn::auto::Builder;
    use hyper_util::service::TowerToHyperService;
    use tokio_rustls::rustls;

    let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()])
        .map_err(|e| format!("no certificate: {e}"))?;
    let key = rustls::pki_types::PrivatePkcs8KeyDer::from(made.key_pair.serialize_der());
    // The one crypto provider built in (ring), chosen by rustls itself.
    let mut config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![made.cert.der().clone()], key.into())
        .map_err(|e| e.to_string())?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let acceptor = tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config));
    loop {
        let (tcp, _) = listener.accept().await.map_err(|e| e.to_string())?;
        let (acceptor, app) = (acceptor.clone(), app.clone());
        tokio::spawn(async move {
            let Ok(tls) = acceptor.accept(tcp).await else {
                return;
            };
            let service = TowerToHyperService::new(app);
            let _ = Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(tls), service)
                .await;
        });
    }
}

#[cfg(not(feature = "tls"))]
async fn serve_tls(_: tokio::net::TcpListener, _: axum::Router) -> Result<(), String> {
    Err("--tls needs the stand-in built with the feature tls (cargo build -p tapis-stand-in --features tls)".into())
}
