//! Relationships: fields typed as another object (`$ref` edges) and `*_id`/`*Id` fields whose
//! stem names an object (inferred edges).

use std::collections::{HashMap, HashSet};

use bindery_schema::{Cardinality, Edge, EdgeEnd, EdgeSource, FieldType, Object};

/// Lower-case, without `_`/`-`, so `pet_category`, `petCategory` and `PetCategory` meet.
fn key(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The stem of an id field (`owner_id`, `ownerId` → `owner`); `None` for other names.
fn id_stem(name: &str) -> Option<&str> {
    let stem = name
        .strip_suffix("_id")
        .or_else(|| name.strip_suffix("Id"))
        .or_else(|| name.strip_suffix("_ID"))?;
    (!stem.is_empty()).then_some(stem)
}

pub(crate) fn edges(objects: &[Object]) -> Vec<Edge> {
    let mut by_key: HashMap<String, &str> = HashMap::new();
    for object in objects.iter().filter(|o| !o.name.contains('.')) {
        let k = key(&object.name);
        if let Some(singular) = k.strip_suffix('s') {
            by_key.entry(singular.to_owned()).or_insert(&object.name);
        }
        by_key.insert(k, &object.name);
    }
    let mut seen: HashSet<(&str, &str, &str)> = HashSet::new();
    let mut out = Vec::new();
    for object in objects {
        for field in &object.fields {
            let (target, cardinality, source) = match &field.ty {
                FieldType::Object { object: target } => {
                    (target.as_str(), Cardinality::One, EdgeSource::Ref)
                }
                FieldType::List { of } => match of.as_ref() {
                    FieldType::Object { object: target } => {
                        (target.as_str(), Cardinality::Many, EdgeSource::Ref)
                    }
                    _ => continue,
                },
                FieldType::Scalar { .. } | FieldType::Unknown { .. } => {
                    match id_stem(&field.name).and_then(|s| by_key.get(&key(s))) {
                        Some(target) => (*target, Cardinality::One, EdgeSource::Inferred),
                        None => continue,
                    }
                }
                FieldType::Enum { .. } => continue,
            };
            if !seen.insert((&object.name, &field.name, target)) {
                continue;
            }
            out.push(Edge {
                from: EdgeEnd {
                    object: object.name.clone(),
                    fields: vec![field.name.clone()],
                },
                to: EdgeEnd {
                    object: target.to_owned(),
                    fields: Vec::new(),
                },
                cardinality,
                source,
                joinable: false,
                name: Some(field.name.clone()),
            });
        }
    }
    out
}
