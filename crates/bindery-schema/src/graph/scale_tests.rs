//! The path search against brute force on random schemas, and the answers on big schemas.

use std::time::Instant;

use super::tests::{fk, plain, schema_of};
use super::*;
use crate::model::*;

/// A pseudo-random schema: `n` tables, `per` references each.
fn synthetic(n: usize, per: usize, seed: u64) -> Schema {
    let mut state = seed;
    let mut next = move |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % bound
    };
    let name = |i: usize| format!("t{i:05}");
    let objects = (0..n).map(|i| plain(&name(i))).collect();
    let mut edges = Vec::new();
    for i in 0..n {
        for r in 0..per {
            let to = next(n);
            edges.push(fk(&name(i), &format!("ref{r}_id"), &name(to)));
        }
    }
    schema_of(objects, edges)
}

/// Every simple path of at most `max_hops`, by brute force: the lengths, sorted.
fn brute_force_lengths(schema: &Schema, from: &str, to: &str, max_hops: usize) -> Vec<usize> {
    fn walk(
        schema: &Schema,
        at: &str,
        to: &str,
        seen: &mut Vec<String>,
        left: usize,
        out: &mut Vec<usize>,
    ) {
        if at == to {
            out.push(seen.len() - 1);
            return;
        }
        if left == 0 {
            return;
        }
        for edge in &schema.edges {
            let next = if edge.from.object == at {
                &edge.to.object
            } else if edge.to.object == at {
                &edge.from.object
            } else {
                continue;
            };
            if seen.contains(next) {
                continue;
            }
            seen.push(next.clone());
            walk(schema, next, to, seen, left - 1, out);
            seen.pop();
        }
    }
    let mut out = Vec::new();
    walk(
        schema,
        from,
        to,
        &mut vec![from.to_owned()],
        max_hops,
        &mut out,
    );
    out.sort_unstable();
    out
}

#[test]
fn k_shortest_paths_match_brute_force_on_random_schemas() {
    let mut compared = 0;
    for seed in 1..8 {
        let schema = synthetic(18, 2, seed);
        let graph = RelationGraph::new(&schema);
        for (a, b) in [(0, 17), (3, 9), (5, 11)] {
            let (from, to) = (format!("t{a:05}"), format!("t{b:05}"));
            let found = graph.paths(&schema, &from, &to, 4, 7).expect("ok");
            let mut expected = brute_force_lengths(&schema, &from, &to, 4);
            expected.truncate(7);
            let lengths: Vec<usize> = found.iter().map(|p| p.hops.len()).collect();
            assert_eq!(lengths, expected, "seed {seed}, {from} -> {to}");
            compared += lengths.len();
            for path in &found {
                let mut distinct = path.objects.clone();
                distinct.sort();
                distinct.dedup();
                assert_eq!(distinct.len(), path.objects.len(), "simple: {path:?}");
                assert_eq!(path.objects.first(), Some(&from));
                assert_eq!(path.objects.last(), Some(&to));
            }
            let mut unique = found.clone();
            unique.dedup();
            assert_eq!(unique.len(), found.len(), "no path twice");
            assert_eq!(
                found,
                graph.paths(&schema, &from, &to, 4, 7).expect("ok"),
                "deterministic"
            );
        }
    }
    assert!(
        compared > 50,
        "the random schemas have paths to compare: {compared}"
    );
}

#[test]
fn big_schemas_answer_quickly() {
    // 2,000 tables with 3 references each, and a Shopify-sized GraphQL-like schema where every
    // type points at one hub (`Node`).
    let tables = synthetic(2_000, 3, 42);
    let mut objects: Vec<Object> = (0..3_523).map(|i| plain(&format!("T{i:04}"))).collect();
    objects.push(plain("Node"));
    let mut edges = Vec::new();
    for i in 0..3_523 {
        edges.push(fk(&format!("T{i:04}"), "node", "Node"));
        edges.push(fk(
            &format!("T{i:04}"),
            "next",
            &format!("T{:04}", (i * 7 + 1) % 3_523),
        ));
    }
    let hub = schema_of(objects, edges);
    let started = Instant::now();
    for schema in [&tables, &hub] {
        let graph = RelationGraph::new(schema);
        let first = schema.objects[1].name.clone();
        let last = schema.objects[schema.objects.len() - 2].name.clone();
        let n = graph.neighbourhood(schema, &first, 3, 100).expect("ok");
        assert_eq!(n.nodes.len(), 100);
        assert!(n.truncated);
        let found = graph.paths(schema, &first, &last, 6, 20).expect("ok");
        assert!(!found.is_empty());
        assert!(found.windows(2).all(|w| w[0].hops.len() <= w[1].hops.len()));
    }
    let elapsed = started.elapsed();
    eprintln!("big schemas: build + neighbourhood + 20 paths twice in {elapsed:?}");
    assert!(
        elapsed.as_secs() < 10,
        "graph questions on big schemas stay fast: {elapsed:?}"
    );
}
