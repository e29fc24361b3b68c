//! Scoping: tables and columns a person blocked. A scoped schema is the schema without them:
//! blocked objects and fields are gone, and so is everything that reaches them (edges,
//! operations on a blocked object or over a blocked column).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::model::Schema;

/// What is blocked. Column entries are `object.field` (`public.customer.email`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scoping {
    /// Blocked objects (tables, views), by object name.
    #[serde(default)]
    pub blocked_tables: BTreeSet<String>,
    /// Blocked fields, as `object.field`.
    #[serde(default)]
    pub blocked_columns: BTreeSet<String>,
}

impl Scoping {
    /// Whether nothing is blocked.
    pub fn is_empty(&self) -> bool {
        self.blocked_tables.is_empty() && self.blocked_columns.is_empty()
    }

    /// Splits `object.field` at its last dot (object names may hold dots: `public.customer`).
    pub fn split_column(entry: &str) -> Option<(&str, &str)> {
        entry
            .rsplit_once('.')
            .filter(|(o, f)| !o.is_empty() && !f.is_empty())
    }

    fn blocks_field(&self, object: &str, field: &str) -> bool {
        self.blocked_columns.iter().any(|entry| {
            Scoping::split_column(entry).is_some_and(|(o, f)| o == object && f == field)
        })
    }

    /// The schema without what is blocked (summary recomputed).
    pub fn apply(&self, schema: &Schema) -> Schema {
        if self.is_empty() {
            return schema.clone();
        }
        let blocked_object = |name: &str| self.blocked_tables.contains(name);
        let mut objects = schema.objects.clone();
        objects.retain(|o| !blocked_object(&o.name));
        for object in &mut objects {
            let name = object.name.clone();
            object.fields.retain(|f| !self.blocks_field(&name, &f.name));
            object
                .indexes
                .retain(|i| !i.columns.iter().any(|c| self.blocks_field(&name, c)));
        }
        let mut edges = schema.edges.clone();
        edges.retain(|e| {
            !blocked_object(&e.from.object)
                && !blocked_object(&e.to.object)
                && !e
                    .from
                    .fields
                    .iter()
                    .any(|f| self.blocks_field(&e.from.object, f))
                && !e
                    .to
                    .fields
                    .iter()
                    .any(|f| self.blocks_field(&e.to.object, f))
        });
        let mut operations = schema.operations.clone();
        operations.retain(|op| match op.object.as_deref() {
            Some(object) => {
                !blocked_object(object)
                    && !op
                        .arguments
                        .iter()
                        .any(|a| self.blocks_field(object, &a.name))
            }
            None => true,
        });
        Schema::finish(schema.source.clone(), objects, edges, operations)
            .with_subscriptions(schema.subscriptions.clone())
    }
}
