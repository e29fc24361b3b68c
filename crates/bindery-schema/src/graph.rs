//! The relationship graph of a schema: objects as nodes, [`Edge`]s as directed links, walked in
//! either direction. Built once per schema ([`RelationGraph::new`]), then asked for the
//! neighbourhood of an object (what the graph view draws around a focus) and for the shortest
//! ways from one object to another (how a binding could join them).
//!
//! Node `i` is `schema.objects[i]`, so a graph answers only about the schema it was built from.
//! Every answer is deterministic: ties are broken by object name order, then edge order.

use std::collections::HashMap;
use std::fmt;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::{Deserialize, Serialize};

use crate::model::{Cardinality, Edge, EdgeSource, ObjectKind, Schema};
use crate::pii::PiiClass;

mod paths;

/// Why a graph question has no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphError {
    /// The schema has no object with this name.
    UnknownObject(String),
}

impl GraphError {
    /// The code of [`GraphError::UnknownObject`].
    pub const UNKNOWN_OBJECT: &'static str = "graph/unknown-object";

    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            GraphError::UnknownObject(_) => Self::UNKNOWN_OBJECT,
        }
    }
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GraphError::UnknownObject(name) => write!(f, "the schema has no object named {name:?}"),
        }
    }
}

impl std::error::Error for GraphError {}

/// The objects around a focus and the edges between them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Neighbourhood {
    /// The focus object.
    pub focus: String,
    /// The focus first, then the others nearest first (ties by name).
    pub nodes: Vec<GraphNode>,
    /// Every edge whose both ends are among `nodes`, in schema order.
    pub edges: Vec<GraphEdge>,
    /// Whether more objects lie within the depth than the limit let in.
    pub truncated: bool,
}

/// One object of a [`Neighbourhood`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphNode {
    /// Object name.
    pub name: String,
    /// What the object is in its source.
    pub kind: ObjectKind,
    /// Number of fields.
    pub field_count: usize,
    /// Number of fields the classifier marks as personal data.
    pub pii_fields: usize,
    /// Hops from the focus (0 for the focus).
    pub distance: usize,
}

/// One edge of a [`Neighbourhood`], as the schema states it (referencing side first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphEdge {
    /// The referencing object.
    pub from: String,
    /// The referenced object.
    pub to: String,
    /// The referencing fields.
    pub from_fields: Vec<String>,
    /// The referenced fields.
    pub to_fields: Vec<String>,
    /// How many `to` rows one `from` row reaches.
    pub cardinality: Cardinality,
    /// What the edge was derived from.
    pub source: EdgeSource,
    /// Whether a skill may follow it in one hop.
    pub joinable: bool,
    /// Constraint or field name, when the source names it.
    pub name: Option<String>,
}

impl GraphEdge {
    fn of(edge: &Edge) -> GraphEdge {
        GraphEdge {
            from: edge.from.object.clone(),
            to: edge.to.object.clone(),
            from_fields: edge.from.fields.clone(),
            to_fields: edge.to.fields.clone(),
            cardinality: edge.cardinality,
            source: edge.source,
            joinable: edge.joinable,
            name: edge.name.clone(),
        }
    }
}

/// A simple path between two objects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectPath {
    /// The objects in walking order, from the start to the end.
    pub objects: Vec<String>,
    /// One hop per consecutive pair of `objects`.
    pub hops: Vec<Hop>,
}

/// One hop of an [`ObjectPath`], in walking order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Hop {
    /// The object the hop leaves.
    pub from: String,
    /// The object the hop reaches.
    pub to: String,
    /// The fields of `from` the edge joins on.
    pub from_fields: Vec<String>,
    /// The fields of `to` the edge joins on.
    pub to_fields: Vec<String>,
    /// Whether the hop follows the edge from its referencing side.
    pub direction: HopDirection,
    /// Whether a skill may follow the edge in one hop.
    pub joinable: bool,
}

/// Which way a hop follows its edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum HopDirection {
    /// From the referencing side to the referenced side.
    Forward,
    /// From the referenced side back to the referencing side.
    Backward,
}

/// One way out of a node: the neighbour, the schema edge, and whether it is walked forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Step {
    node: u32,
    edge: u32,
    forward: bool,
}

/// The relationship graph of one schema.
#[derive(Debug, Clone)]
pub struct RelationGraph {
    /// Node `i` is object `i`; edge weights are indexes into `schema.edges`.
    graph: DiGraph<(), u32>,
    by_name: HashMap<String, u32>,
    /// Per node, its ways out both directions, sorted by (neighbour, edge); self-loops left out.
    adjacency: Vec<Vec<Step>>,
}

impl RelationGraph {
    /// Builds the graph of `schema`. Edges naming an object the schema lacks are left out.
    pub fn new(schema: &Schema) -> RelationGraph {
        let mut graph = DiGraph::with_capacity(schema.objects.len(), schema.edges.len());
        let mut by_name = HashMap::with_capacity(schema.objects.len());
        for object in &schema.objects {
            let node = graph.add_node(());
            by_name.insert(object.name.clone(), node_u32(node));
        }
        for (i, edge) in schema.edges.iter().enumerate() {
            let ends = (
                by_name.get(&edge.from.object),
                by_name.get(&edge.to.object),
                u32::try_from(i).ok(),
            );
            if let (Some(&from), Some(&to), Some(weight)) = ends {
                graph.add_edge(
                    NodeIndex::new(from as usize),
                    NodeIndex::new(to as usize),
                    weight,
                );
            }
        }
        let adjacency = graph
            .node_indices()
            .map(|node| {
                let forward = graph
                    .edges_directed(node, Direction::Outgoing)
                    .map(|e| Step {
                        node: node_u32(e.target()),
                        edge: *e.weight(),
                        forward: true,
                    });
                let backward = graph
                    .edges_directed(node, Direction::Incoming)
                    .map(|e| Step {
                        node: node_u32(e.source()),
                        edge: *e.weight(),
                        forward: false,
                    });
                let mut steps: Vec<Step> = forward
                    .chain(backward)
                    .filter(|s| s.node != node_u32(node))
                    .collect();
                steps.sort();
                steps
            })
            .collect();
        RelationGraph {
            graph,
            by_name,
            adjacency,
        }
    }

    /// Number of objects.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges between known objects.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    fn node(&self, name: &str) -> Result<u32, GraphError> {
        self.by_name
            .get(name)
            .copied()
            .ok_or_else(|| GraphError::UnknownObject(name.to_owned()))
    }

    fn steps(&self, node: u32) -> &[Step] {
        self.adjacency
            .get(node as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The focus and the objects within `depth` hops of it (edges followed either way): at most
    /// `limit` objects (at least the focus), nearest first and by name within a distance, so a
    /// kept object always has its nearer neighbours kept. `schema` must be the one the graph
    /// was built from.
    pub fn neighbourhood(
        &self,
        schema: &Schema,
        focus: &str,
        depth: usize,
        limit: usize,
    ) -> Result<Neighbourhood, GraphError> {
        let start = self.node(focus)?;
        let mut distance = vec![usize::MAX; self.adjacency.len()];
        let mut order = vec![start];
        if let Some(d) = distance.get_mut(start as usize) {
            *d = 0;
        }
        let mut head = 0;
        while let Some(&node) = order.get(head) {
            head += 1;
            let here = distance.get(node as usize).copied().unwrap_or(usize::MAX);
            if here >= depth {
                continue;
            }
            for step in self.steps(node) {
                if let Some(d) = distance.get_mut(step.node as usize) {
                    if *d == usize::MAX {
                        *d = here + 1;
                        order.push(step.node);
                    }
                }
            }
        }
        let dist = |node: u32| distance.get(node as usize).copied().unwrap_or(usize::MAX);
        order.sort_by_key(|&node| (dist(node), node));
        let limit = limit.max(1);
        let truncated = order.len() > limit;
        order.truncate(limit);

        let mut kept = vec![false; self.adjacency.len()];
        for &node in &order {
            if let Some(k) = kept.get_mut(node as usize) {
                *k = true;
            }
        }
        let mut edge_ids: Vec<u32> = order
            .iter()
            .flat_map(|&node| {
                self.graph
                    .edges_directed(NodeIndex::new(node as usize), Direction::Outgoing)
            })
            .filter(|e| kept.get(e.target().index()).copied().unwrap_or(false))
            .map(|e| *e.weight())
            .collect();
        edge_ids.sort_unstable();
        let nodes = order
            .iter()
            .filter_map(|&node| {
                let object = schema.objects.get(node as usize)?;
                Some(GraphNode {
                    name: object.name.clone(),
                    kind: object.kind,
                    field_count: object.fields.len(),
                    pii_fields: object
                        .fields
                        .iter()
                        .filter(|f| f.pii != PiiClass::None)
                        .count(),
                    distance: dist(node),
                })
            })
            .collect();
        let edges = edge_ids
            .iter()
            .filter_map(|&i| schema.edges.get(i as usize))
            .map(GraphEdge::of)
            .collect();
        Ok(Neighbourhood {
            focus: focus.to_owned(),
            nodes,
            edges,
            truncated,
        })
    }
}

fn node_u32(node: NodeIndex) -> u32 {
    // petgraph's default index type is u32, so a node index always fits.
    u32::try_from(node.index()).unwrap_or(u32::MAX)
}

/// [`RelationGraph::neighbourhood`] on a graph built for this one call.
pub fn neighbourhood(
    schema: &Schema,
    focus: &str,
    depth: usize,
    limit: usize,
) -> Result<Neighbourhood, GraphError> {
    RelationGraph::new(schema).neighbourhood(schema, focus, depth, limit)
}

/// [`RelationGraph::paths`] on a graph built for this one call.
pub fn paths(
    schema: &Schema,
    from: &str,
    to: &str,
    max_hops: usize,
    max_paths: usize,
) -> Result<Vec<ObjectPath>, GraphError> {
    RelationGraph::new(schema).paths(schema, from, to, max_hops, max_paths)
}

#[cfg(test)]
mod scale_tests;
#[cfg(test)]
mod tests;
