//! Discover vs parse floor, for the largest REST descriptions in `../shared/fixtures`.
//!
//! The bar of issue 3: the whole discover (parse + normalize) of the Stripe, GitHub and
//! Kubernetes specs takes at most twice the time of parsing the same bytes into a generic
//! document tree with the same parser. Runs interleave the two so machine noise hits both; the
//! table quotes medians and the ratio of medians.
//!
//! `cargo bench -p bindery-discovery --bench rest [-- RUNS]` (release profile).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bindery_discovery::openapi;

const SPECS: &[&str] = &[
    "openapi/stripe/stripe-spec3.yaml",
    "openapi/github/api.github.com-1.1.4.openapi.yaml",
    "openapi/swagger2/kubernetes-v1.10.0.swagger.yaml",
];

fn fixtures() -> PathBuf {
    std::env::var_os("BINDERY_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures")
        })
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes `--bench`; a bare number sets the run count.
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(15);
    println!("discover (parse + normalize) vs parse floor, {runs} interleaved runs, median ms");
    println!(
        "{:<48} {:>8} {:>10} {:>10} {:>7} {:>6}",
        "spec", "MB", "parse", "discover", "ratio", "ops"
    );
    let mut worst: f64 = 0.0;
    for spec in SPECS {
        let path = fixtures().join(spec);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("cannot read {}: {e}", path.display());
                std::process::exit(2);
            }
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut parse = Vec::with_capacity(runs);
        let mut discover = Vec::with_capacity(runs);
        let mut operations = 0;
        for _ in 0..runs {
            let started = Instant::now();
            let tree = openapi::parse_document(&bytes, &name);
            parse.push(started.elapsed());
            drop(tree);
            let started = Instant::now();
            let discovered = openapi::discover_bytes(&bytes, &name);
            discover.push(started.elapsed());
            match discovered {
                Ok(d) => operations = d.value.summary.operation_count,
                Err(e) => {
                    eprintln!("{name} does not discover: {e}");
                    std::process::exit(1);
                }
            }
        }
        let (p, d) = (median(parse), median(discover));
        let ratio = ms(d) / ms(p).max(0.001);
        worst = worst.max(ratio);
        println!(
            "{:<48} {:>8.2} {:>10.1} {:>10.1} {:>6.2}x {:>6}",
            name,
            bytes.len() as f64 / 1_000_000.0,
            ms(p),
            ms(d),
            ratio,
            operations
        );
    }
    println!("worst ratio {worst:.2}x (bar: 2.00x)");
}
