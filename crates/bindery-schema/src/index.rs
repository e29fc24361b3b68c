//! Search and slicing over a schema, so a UI asks for a page of objects and never loads the whole
//! schema. Built once per discovered snapshot; each query is a scan over pre-lowered names, which
//! keeps a keystroke on a 10,000-object schema well under a frame.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Capability, ObjectKind, RelayRole, Schema};

/// A search hit: an object with its counts, in the shape `GET /objects` lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectHit {
    /// Object name.
    pub name: String,
    /// Object kind.
    pub kind: ObjectKind,
    /// GraphQL: the Relay wrapper part, when the object is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relay: Option<RelayRole>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Capabilities.
    pub capabilities: Vec<Capability>,
    /// Number of fields.
    pub field_count: usize,
    /// Number of edges touching the object.
    pub relationship_count: usize,
    /// Number of operations on the object.
    pub operation_count: usize,
    /// Field names that matched the query (at most five), when the object matched by a field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub matched_fields: Vec<String>,
}

/// One page of hits.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectPage {
    /// Hits on this page, best first.
    pub items: Vec<ObjectHit>,
    /// Cursor of the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// Whether more pages follow.
    pub has_more: bool,
    /// Number of hits over all pages.
    pub total: usize,
}

/// Kinds of object a list leaves out (the browser's noise filters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ObjectFilter {
    /// Leave out Relay connection, edge and page-info types.
    pub hide_relay: bool,
    /// Leave out input types.
    pub hide_input: bool,
}

impl ObjectFilter {
    /// Whether the object stays in the list.
    fn keeps(self, object: &crate::model::Object) -> bool {
        let hidden = (self.hide_relay && object.relay.is_some())
            || (self.hide_input && object.kind == ObjectKind::Input);
        !hidden
    }
}

/// A cursor that this index did not hand out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidCursor(pub String);

struct Entry {
    name_lower: String,
    fields_lower: Vec<String>,
    relationship_count: usize,
    operation_count: usize,
}

/// Search index over one schema.
pub struct SchemaIndex {
    entries: Vec<Entry>,
}

const MATCHED_FIELDS_SHOWN: usize = 5;

impl SchemaIndex {
    /// Builds the index (one pass over objects, edges and operations).
    pub fn new(schema: &Schema) -> SchemaIndex {
        let mut relationships: HashMap<&str, usize> = HashMap::new();
        for edge in &schema.edges {
            *relationships.entry(edge.from.object.as_str()).or_default() += 1;
            if edge.to.object != edge.from.object {
                *relationships.entry(edge.to.object.as_str()).or_default() += 1;
            }
        }
        let mut operations: HashMap<&str, usize> = HashMap::new();
        for op in &schema.operations {
            if let Some(object) = op.object.as_deref() {
                *operations.entry(object).or_default() += 1;
            }
        }
        let entries = schema
            .objects
            .iter()
            .map(|o| Entry {
                name_lower: o.name.to_lowercase(),
                fields_lower: o.fields.iter().map(|f| f.name.to_lowercase()).collect(),
                relationship_count: relationships.get(o.name.as_str()).copied().unwrap_or(0),
                operation_count: operations.get(o.name.as_str()).copied().unwrap_or(0),
            })
            .collect();
        SchemaIndex { entries }
    }

    /// Objects matching `query` (case-insensitive; empty matches all) and kept by `filter`, best
    /// first: exact name, name prefix, word prefix inside the name, name substring, then
    /// field-name matches. `cursor` is the `nextCursor` of the previous page.
    pub fn search(
        &self,
        schema: &Schema,
        query: &str,
        filter: ObjectFilter,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<ObjectPage, InvalidCursor> {
        let offset = match cursor {
            None => 0,
            Some(c) => c
                .strip_prefix("o")
                .and_then(|n| n.parse::<usize>().ok())
                .ok_or_else(|| InvalidCursor(c.to_owned()))?,
        };
        let query = query.trim().to_lowercase();
        let mut ranked: Vec<(u8, usize)> = Vec::new();
        for (i, entry) in self.entries.iter().enumerate() {
            if filter != ObjectFilter::default()
                && !schema.objects.get(i).is_some_and(|o| filter.keeps(o))
            {
                continue;
            }
            if let Some(rank) = rank(entry, &query) {
                ranked.push((rank, i));
            }
        }
        // Objects are stored sorted by name, so (rank, position) orders ties by name.
        ranked.sort_unstable();
        let total = ranked.len();
        let limit = limit.max(1);
        let items = ranked
            .iter()
            .skip(offset)
            .take(limit)
            .filter_map(|&(rank, i)| {
                let object = schema.objects.get(i)?;
                let entry = self.entries.get(i)?;
                let matched_fields = if rank == FIELD_RANK {
                    object
                        .fields
                        .iter()
                        .zip(&entry.fields_lower)
                        .filter(|(_, lower)| lower.contains(&query))
                        .take(MATCHED_FIELDS_SHOWN)
                        .map(|(f, _)| f.name.clone())
                        .collect()
                } else {
                    Vec::new()
                };
                Some(ObjectHit {
                    name: object.name.clone(),
                    kind: object.kind,
                    relay: object.relay,
                    description: object.description.clone(),
                    capabilities: object.capabilities.clone(),
                    field_count: object.fields.len(),
                    relationship_count: entry.relationship_count,
                    operation_count: entry.operation_count,
                    matched_fields,
                })
            })
            .collect();
        let end = offset.saturating_add(limit);
        let has_more = end < total;
        Ok(ObjectPage {
            items,
            next_cursor: has_more.then(|| format!("o{end}")),
            has_more,
            total,
        })
    }
}

const FIELD_RANK: u8 = 4;

fn rank(entry: &Entry, query: &str) -> Option<u8> {
    if query.is_empty() {
        return Some(0);
    }
    let name = entry.name_lower.as_str();
    if name == query {
        return Some(0);
    }
    if name.starts_with(query) {
        return Some(1);
    }
    if let Some(pos) = name.find(query) {
        let word_start = name[..pos].ends_with(['_', '.', '-', ' ']);
        return Some(if word_start { 2 } else { 3 });
    }
    if entry.fields_lower.iter().any(|f| f.contains(query)) {
        return Some(FIELD_RANK);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::pii::PiiClass;

    fn object(name: &str, fields: &[&str]) -> Object {
        Object {
            name: name.to_owned(),
            kind: ObjectKind::Table,
            description: None,
            capabilities: vec![Capability::Read],
            fields: fields
                .iter()
                .map(|f| Field {
                    name: (*f).to_owned(),
                    ty: FieldType::scalar(Scalar::String),
                    required: false,
                    nullable: true,
                    description: None,
                    default: None,
                    native_type: None,
                    pii: PiiClass::None,
                    sensitive: false,
                    origin: format!("test:{name}.{f}"),
                    deprecated: None,
                    arguments: Vec::new(),
                    connection: None,
                    role: None,
                })
                .collect(),
            primary_key: vec![],
            indexes: vec![],
            origin: format!("test:{name}"),
            enum_values: Vec::new(),
            implements: Vec::new(),
            members: Vec::new(),
            relay: None,
            checks: Vec::new(),
        }
    }

    fn schema() -> Schema {
        Schema::finish(
            SourceInfo {
                kind: SourceKind::Sqlite,
                title: "t".into(),
                version: None,
                base_url: None,
            },
            vec![
                object("job_notes", &["body"]),
                object("jobs", &["status", "customer_id"]),
                object("customers", &["phone", "email"]),
                object("service_jobs", &["x"]),
                object("technicians", &["phone"]),
            ],
            vec![],
            vec![],
        )
    }

    #[test]
    fn ranks_exact_then_prefix_then_word_then_fields() {
        let schema = schema();
        let index = SchemaIndex::new(&schema);
        let page = index
            .search(&schema, "jobs", ObjectFilter::default(), None, 10)
            .expect("no cursor given");
        let names: Vec<_> = page.items.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(
            names,
            ["jobs", "service_jobs"],
            "exact before word-prefix match"
        );
        let page = index
            .search(&schema, "PHONE", ObjectFilter::default(), None, 10)
            .expect("no cursor given");
        let names: Vec<_> = page.items.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(
            names,
            ["customers", "technicians"],
            "field matches, sorted by name"
        );
        assert_eq!(
            page.items[0].matched_fields,
            ["phone"],
            "the matching field is named"
        );
    }

    #[test]
    fn pages_with_cursor() {
        let schema = schema();
        let index = SchemaIndex::new(&schema);
        let first = index
            .search(&schema, "", ObjectFilter::default(), None, 2)
            .expect("no cursor given");
        assert_eq!(first.total, 5, "empty query matches every object");
        assert!(first.has_more, "5 objects do not fit a page of 2");
        let cursor = first
            .next_cursor
            .clone()
            .expect("has_more implies a cursor");
        let second = index
            .search(&schema, "", ObjectFilter::default(), Some(&cursor), 2)
            .expect("cursor came from index");
        assert_eq!(
            second.items[0].name, "jobs",
            "page two continues in name order"
        );
        let last = index
            .search(&schema, "", ObjectFilter::default(), Some("o4"), 2)
            .expect("valid cursor");
        assert!(
            !last.has_more && last.next_cursor.is_none(),
            "last page has no cursor"
        );
        assert!(
            index
                .search(&schema, "", ObjectFilter::default(), Some("bogus"), 2)
                .is_err(),
            "foreign cursors are refused"
        );
    }
}
