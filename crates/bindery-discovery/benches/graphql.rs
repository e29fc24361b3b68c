//! GraphQL discover vs the GraphQL parser alone, on the largest SDL fixtures (Shopify Admin,
//! 3,544 types; GitHub) and the largest introspection answer.
//!
//! Issue 4's measure: the whole discover (parse, build the type system, normalize) beside the
//! parser alone on the same text: apollo-parser's concrete syntax tree (the floor
//! `research/peers.md` quotes) and apollo-compiler's AST (`Document::parse`, the parse Bindery
//! does first), and apollo-compiler's whole `Schema` build (`Schema::parse`, what peers.md quotes
//! as the compiler). Introspection answers are compared with `serde_json::Value`. Runs interleave so
//! machine noise hits all columns; the table quotes medians and the ratio to the CST.
//!
//! `cargo bench -p bindery-discovery --bench graphql [-- RUNS]` (release profile).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bindery_discovery::graphql;

const FILES: &[&str] = &[
    "graphql/shopify/shopify-admin-2026-07.graphql",
    "graphql/github/github-schema.graphql",
    "graphql/saleor/saleor-schema.graphql",
    "graphql/github/github-schema-2021-10-01.introspection.json",
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

fn timed<T>(samples: &mut Vec<Duration>, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let value = f();
    samples.push(started.elapsed());
    value
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(15);
    println!("GraphQL discover vs parser alone, {runs} interleaved runs, median ms");
    println!(
        "{:<44} {:>6} {:>9} {:>9} {:>9} {:>9} {:>8} {:>6}",
        "file", "MB", "floor", "ast", "schema", "discover", "ratio", "ops"
    );
    for file in FILES {
        let path = fixtures().join(file);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("cannot read {}: {e}", path.display());
                std::process::exit(2);
            }
        };
        let name = file.rsplit('/').next().unwrap_or(file);
        let json = file.ends_with(".json");
        let (mut floor, mut ast, mut compiler, mut discover) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut operations = 0;
        for _ in 0..runs {
            if json {
                let tree = timed(&mut floor, || {
                    serde_json::from_str::<serde_json::Value>(&text)
                });
                drop(tree);
            } else {
                let tree = timed(&mut floor, || apollo_parser::Parser::new(&text).parse());
                drop(tree);
                let document = timed(&mut ast, || {
                    apollo_compiler::ast::Document::parse(text.as_str(), name)
                });
                drop(document);
                let schema = timed(&mut compiler, || {
                    apollo_compiler::Schema::builder()
                        .adopt_orphan_extensions()
                        .parse(text.as_str(), name)
                        .build()
                        .unwrap_or_else(|with| with.partial)
                });
                drop(schema);
            }
            let discovered = timed(&mut discover, || {
                graphql::discover_bytes(text.as_bytes(), name)
            });
            match discovered {
                Ok(d) => operations = d.value.summary.operation_count,
                Err(e) => {
                    eprintln!("{name} does not discover: {e}");
                    std::process::exit(1);
                }
            }
        }
        let (f, d) = (median(floor), median(discover));
        let column = |samples: Vec<Duration>| {
            if samples.is_empty() {
                "-".to_owned()
            } else {
                format!("{:.1}", ms(median(samples)))
            }
        };
        let (ast, compiler) = (column(ast), column(compiler));
        println!(
            "{:<44} {:>6.2} {:>9.1} {:>9} {:>9} {:>9.1} {:>7.2}x {:>6}",
            name,
            text.len() as f64 / 1_000_000.0,
            ms(f),
            ast,
            compiler,
            ms(d),
            ms(d) / ms(f).max(0.001),
            operations
        );
    }
    println!("floor: apollo-parser CST (SDL) or serde_json::Value (JSON); ast: apollo-compiler");
    println!(
        "Document::parse; schema: apollo-compiler Schema parse + build; ratio: discover / floor"
    );
}
