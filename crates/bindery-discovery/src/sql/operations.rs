//! The operations a voice agent can use safely on a SQL table: lookup by a unique key, a bounded
//! list filtered on a leading-index column, a single-row insert and an update by primary key.
//! Nothing unbounded, nothing that deletes, nothing filtered on an unindexed column.

use std::collections::{BTreeMap, BTreeSet};

use bindery_schema::{
    ArgLocation, Argument, Field, FieldType, IndexOrigin, Operation, OperationClass, SourceKind,
    Transport,
};

use super::catalog::{Dialect, Relation, RelationKind};

/// Row cap of every list operation.
pub const LIST_LIMIT: u32 = 50;

pub fn for_relation(
    relation: &Relation,
    name: &str,
    fields: &[Field],
    dialect: Dialect,
) -> Vec<Operation> {
    if relation.kind != RelationKind::Table {
        return Vec::new();
    }
    let field = |column: &str| fields.iter().find(|f| f.name == column);
    let mut ops = Vec::new();

    // Unique keys: the primary key, then each full-column, non-partial unique index that serves
    // equality; each with the index that answers it.
    let mut keys: Vec<(Vec<String>, String)> = Vec::new();
    if !relation.primary_key.is_empty() {
        if let Some(index) = primary_key_index(relation, dialect) {
            keys.push((relation.primary_key.clone(), index));
        }
    }
    for index in relation
        .indexes
        .iter()
        .filter(|i| i.unique && !i.partial && i.serves_equality())
    {
        let columns: Option<Vec<String>> = index.columns.iter().cloned().collect();
        if let Some(columns) = columns {
            if !keys.iter().any(|(key, _)| *key == columns) {
                keys.push((columns, index.name.clone()));
            }
        }
    }
    for (key, index) in &keys {
        let Some(arguments) = key_arguments(key, &field) else {
            continue;
        };
        ops.push(Operation {
            id: format!("sql:select:{name}.by_{}", key.join("_and_")),
            title: format!("Find a row of {name} by {}", key.join(" and ")),
            arguments,
            index: Some(index.clone()),
            ..base(name, dialect, OperationClass::Read)
        });
    }

    // Bounded lists on each column that leads an equality index and is not already a
    // single-column unique key; the first such index by name answers it.
    let single_keys: BTreeSet<&str> = keys
        .iter()
        .filter(|(k, _)| k.len() == 1)
        .filter_map(|(k, _)| k.first().map(String::as_str))
        .collect();
    let mut leading: BTreeMap<&str, &str> = BTreeMap::new();
    for index in relation
        .indexes
        .iter()
        .filter(|i| !i.partial && i.serves_equality())
    {
        let Some(column) = index.columns.first().and_then(|c| c.as_deref()) else {
            continue;
        };
        if single_keys.contains(column) {
            continue;
        }
        let best = leading.entry(column).or_insert(&index.name);
        if index.name.as_str() < *best {
            *best = &index.name;
        }
    }
    for (column, index) in leading {
        let Some(f) = field(column) else { continue };
        ops.push(Operation {
            id: format!("sql:list:{name}.by_{column}"),
            title: format!("List rows of {name} by {column} (at most {LIST_LIMIT})"),
            arguments: vec![column_argument(f, true, true)],
            returns: Some(FieldType::List {
                of: Box::new(FieldType::Object {
                    object: name.to_owned(),
                }),
            }),
            limit: Some(LIST_LIMIT),
            index: Some(index.to_owned()),
            ..base(name, dialect, OperationClass::Read)
        });
    }

    let writable: Vec<&Field> = relation
        .columns
        .iter()
        .filter(|c| !c.generated && !c.auto_increment)
        .filter_map(|c| field(&c.name))
        .collect();
    if !writable.is_empty() {
        ops.push(Operation {
            id: format!("sql:insert:{name}"),
            title: format!("Add a row to {name}"),
            arguments: writable
                .iter()
                .map(|f| column_argument(f, f.required, false))
                .collect(),
            input_object: Some(name.to_owned()),
            ..base(name, dialect, OperationClass::Create)
        });
    }

    let pk = &relation.primary_key;
    let settable: Vec<&&Field> = writable.iter().filter(|f| !pk.contains(&f.name)).collect();
    let pk_index = keys.first().filter(|(key, _)| key == pk).map(|(_, i)| i);
    if let (Some(index), false) = (pk_index, settable.is_empty()) {
        if let Some(mut arguments) = key_arguments(pk, &field) {
            arguments.extend(settable.iter().map(|f| column_argument(f, false, false)));
            ops.push(Operation {
                id: format!("sql:update:{name}.by_{}", pk.join("_and_")),
                title: format!("Update a row of {name} by {}", pk.join(" and ")),
                arguments,
                input_object: Some(name.to_owned()),
                index: Some(index.clone()),
                ..base(name, dialect, OperationClass::Update)
            });
        }
    }
    ops
}

/// What every SQL operation on `name` shares; each operation overrides the rest. Only inserts
/// are not idempotent (an update by key sets the same values twice to the same effect).
fn base(name: &str, dialect: Dialect, class: OperationClass) -> Operation {
    Operation {
        id: String::new(),
        title: String::new(),
        object: Some(name.to_owned()),
        class,
        idempotent: class != OperationClass::Create,
        transport: Transport::NativeSql,
        http: None,
        arguments: Vec::new(),
        input_object: None,
        returns: Some(FieldType::Object {
            object: name.to_owned(),
        }),
        limit: None,
        description: None,
        tags: vec![dialect.origin_prefix.to_owned()],
        deprecated: None,
        connection: None,
        index: None,
    }
}

/// The index behind the primary key: the one the constraint made, else one on exactly its
/// columns, else (SQLite) the rowid b-tree of a table whose key is its `INTEGER PRIMARY KEY`.
fn primary_key_index(relation: &Relation, dialect: Dialect) -> Option<String> {
    let pk: Vec<Option<String>> = relation.primary_key.iter().cloned().map(Some).collect();
    relation
        .indexes
        .iter()
        .find(|i| i.origin == IndexOrigin::PrimaryKey)
        .or_else(|| {
            relation
                .indexes
                .iter()
                .find(|i| i.columns == pk && i.serves_equality())
        })
        .map(|i| i.name.clone())
        .or_else(|| (dialect.kind == SourceKind::Sqlite).then(|| "rowid".to_owned()))
}

fn key_arguments<'f>(
    key: &[String],
    field: &impl Fn(&str) -> Option<&'f Field>,
) -> Option<Vec<Argument>> {
    key.iter()
        .enumerate()
        .map(|(i, column)| field(column).map(|f| column_argument(f, true, i == 0)))
        .collect()
}

fn column_argument(field: &Field, required: bool, leading_index: bool) -> Argument {
    Argument {
        name: field.name.clone(),
        ty: field.ty.clone(),
        required,
        location: ArgLocation::Column,
        indexed: leading_index,
        leading_index,
        native_type: None,
        description: field.description.clone(),
        default: None,
        deprecated: None,
    }
}
