//! Shortest paths between two objects: Yen's k shortest simple paths over the undirected
//! multigraph (parallel edges are different paths), each search a breadth-first walk that
//! tries neighbours in (name, edge) order, so the answer is deterministic.

use std::collections::BTreeSet;

use super::{GraphError, Hop, HopDirection, ObjectPath, RelationGraph, Step};
use crate::model::Schema;

/// A walk found by the path search: `nodes[i]` to `nodes[i + 1]` over `steps[i]`. Ordered by
/// length, then object names (node order is name order), then edges.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Route {
    len: usize,
    nodes: Vec<u32>,
    steps: Vec<Step>,
}

impl RelationGraph {
    /// The shortest simple paths from `from` to `to`, edges followed either way (Yen's k
    /// shortest paths): at most `max_paths`, none longer than `max_hops`, shortest first, then
    /// by the objects' names, then by edge order. Empty when the two are not connected within
    /// `max_hops`; one path of no hops when `from == to`. `schema` must be the one the graph
    /// was built from.
    pub fn paths(
        &self,
        schema: &Schema,
        from: &str,
        to: &str,
        max_hops: usize,
        max_paths: usize,
    ) -> Result<Vec<ObjectPath>, GraphError> {
        let start = self.node(from)?;
        let goal = self.node(to)?;
        if max_paths == 0 {
            return Ok(Vec::new());
        }
        let routes = if start == goal {
            vec![Route {
                len: 0,
                nodes: vec![start],
                steps: Vec::new(),
            }]
        } else {
            self.k_shortest(start, goal, max_hops, max_paths)
        };
        Ok(routes.iter().map(|r| path_of(schema, r)).collect())
    }

    /// Yen's algorithm over the undirected multigraph (parallel edges are different paths).
    fn k_shortest(&self, start: u32, goal: u32, max_hops: usize, k: usize) -> Vec<Route> {
        let mut banned_nodes = vec![false; self.adjacency.len()];
        let mut banned_edges: BTreeSet<u32> = BTreeSet::new();
        let Some(first) = self.shortest(start, goal, max_hops, &banned_nodes, &banned_edges) else {
            return Vec::new();
        };
        let mut accepted = vec![first];
        let mut candidates: BTreeSet<Route> = BTreeSet::new();
        while accepted.len() < k {
            let Some(previous) = accepted.last().cloned() else {
                break;
            };
            for i in 0..previous.steps.len() {
                let (Some(&spur), Some(root_nodes), Some(root_steps)) = (
                    previous.nodes.get(i),
                    previous.nodes.get(..=i),
                    previous.steps.get(..i),
                ) else {
                    break;
                };
                banned_edges.clear();
                for route in &accepted {
                    if route.nodes.get(..=i) == Some(root_nodes)
                        && route.steps.get(..i) == Some(root_steps)
                    {
                        if let Some(step) = route.steps.get(i) {
                            banned_edges.insert(step.edge);
                        }
                    }
                }
                for &node in &root_nodes[..i] {
                    if let Some(b) = banned_nodes.get_mut(node as usize) {
                        *b = true;
                    }
                }
                let spur_path = self.shortest(
                    spur,
                    goal,
                    max_hops.saturating_sub(i),
                    &banned_nodes,
                    &banned_edges,
                );
                for &node in &root_nodes[..i] {
                    if let Some(b) = banned_nodes.get_mut(node as usize) {
                        *b = false;
                    }
                }
                if let Some(spur_path) = spur_path {
                    let mut nodes = root_nodes[..i].to_vec();
                    nodes.extend(spur_path.nodes);
                    let mut steps = root_steps.to_vec();
                    steps.extend(spur_path.steps);
                    let route = Route {
                        len: steps.len(),
                        nodes,
                        steps,
                    };
                    if !accepted.contains(&route) {
                        candidates.insert(route);
                    }
                }
            }
            match candidates.pop_first() {
                Some(next) => accepted.push(next),
                None => break,
            }
        }
        accepted.sort();
        accepted
    }

    /// Breadth-first search for one shortest walk of at most `max_hops` avoiding banned nodes
    /// and edges; neighbours are tried in (name, edge) order, so the answer is deterministic.
    fn shortest(
        &self,
        start: u32,
        goal: u32,
        max_hops: usize,
        banned_nodes: &[bool],
        banned_edges: &BTreeSet<u32>,
    ) -> Option<Route> {
        const UNSEEN: u32 = u32::MAX;
        let n = self.adjacency.len();
        // parent[v] = (previous node, step taken); depth[v] = hops from start.
        let mut parent: Vec<Option<(u32, Step)>> = vec![None; n];
        let mut depth = vec![UNSEEN; n];
        *depth.get_mut(start as usize)? = 0;
        let mut queue = vec![start];
        let mut head = 0;
        'search: while let Some(&node) = queue.get(head) {
            head += 1;
            let here = *depth.get(node as usize)?;
            if here as usize >= max_hops {
                continue;
            }
            for step in self.steps(node) {
                let target = step.node as usize;
                if depth.get(target) != Some(&UNSEEN)
                    || banned_nodes.get(target).copied().unwrap_or(true)
                    || banned_edges.contains(&step.edge)
                {
                    continue;
                }
                *depth.get_mut(target)? = here + 1;
                *parent.get_mut(target)? = Some((node, *step));
                if step.node == goal {
                    break 'search;
                }
                queue.push(step.node);
            }
        }
        if *depth.get(goal as usize)? == UNSEEN {
            return None;
        }
        let mut nodes = vec![goal];
        let mut steps = Vec::new();
        let mut at = goal;
        while at != start {
            let (previous, step) = (*parent.get(at as usize)?)?;
            nodes.push(previous);
            steps.push(step);
            at = previous;
        }
        nodes.reverse();
        steps.reverse();
        Some(Route {
            len: steps.len(),
            nodes,
            steps,
        })
    }
}

fn path_of(schema: &Schema, route: &Route) -> ObjectPath {
    let name = |node: u32| {
        schema
            .objects
            .get(node as usize)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    let objects: Vec<String> = route.nodes.iter().map(|&n| name(n)).collect();
    let hops = route
        .steps
        .iter()
        .zip(route.nodes.windows(2))
        .filter_map(|(step, pair)| {
            let edge = schema.edges.get(step.edge as usize)?;
            let (here, there) = if step.forward {
                (&edge.from, &edge.to)
            } else {
                (&edge.to, &edge.from)
            };
            Some(Hop {
                from: name(*pair.first()?),
                to: name(*pair.get(1)?),
                from_fields: here.fields.clone(),
                to_fields: there.fields.clone(),
                direction: if step.forward {
                    HopDirection::Forward
                } else {
                    HopDirection::Backward
                },
                joinable: edge.joinable,
            })
        })
        .collect();
    ObjectPath { objects, hops }
}
