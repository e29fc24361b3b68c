//! Operations of a GraphQL schema: one per root `Query` field (a read) and one per root
//! `Mutation` field (a write, classed by its name and tied to the object its payload carries);
//! root `Subscription` fields are listed apart, since a skill cannot hold a stream open.

use std::collections::HashMap;

use bindery_schema::{Capability, FieldType, Object, Operation, OperationClass, Transport};

use super::normalize::Types;
use super::type_system::{FieldDef, TypeDef, TypeKind, TypeSystem};

/// Operations (queries and mutations) and subscriptions.
pub(crate) fn operations(
    system: &TypeSystem,
    types: &Types<'_>,
) -> (Vec<Operation>, Vec<Operation>) {
    let root = |name: &Option<String>| name.as_deref().and_then(|n| types.get(n));
    let mut operations = Vec::new();
    let mut subscriptions = Vec::new();
    if let Some(query) = root(&system.query) {
        for field in &query.fields {
            operations.push(operation("Query", field, OperationClass::Read, types));
        }
    }
    if let Some(mutation) = root(&system.mutation) {
        for field in &mutation.fields {
            let class = mutation_class(&field.name);
            operations.push(operation("Mutation", field, class, types));
        }
    }
    if let Some(subscription) = root(&system.subscription) {
        for field in &subscription.fields {
            subscriptions.push(operation(
                "Subscription",
                field,
                OperationClass::Read,
                types,
            ));
        }
    }
    (operations, subscriptions)
}

fn operation(root: &str, field: &FieldDef, class: OperationClass, types: &Types<'_>) -> Operation {
    let (returns, connection) = types.field_type(&field.ty);
    let object = if class.is_write() {
        types
            .target(&field.ty)
            .map(|payload| payload_object(payload, types))
    } else {
        types.target(&field.ty).map(|t| t.name.clone())
    };
    Operation {
        id: format!("{root}.{}", field.name),
        title: title(&field.name),
        object,
        class,
        idempotent: matches!(class, OperationClass::Read | OperationClass::Delete),
        transport: Transport::NativeGraphql,
        http: None,
        arguments: field.args.iter().map(|a| types.argument(a)).collect(),
        input_object: class
            .is_write()
            .then(|| input_object(field, types))
            .flatten(),
        returns: Some(returns),
        limit: None,
        description: field.description.clone(),
        tags: vec![root.to_owned()],
        connection,
        index: None,
        deprecated: field.deprecated.clone(),
    }
}

/// The object a mutation writes: the one object its payload carries besides user errors and
/// `clientMutationId` (`CustomerCreatePayload.customer` → `Customer`), else the payload itself.
fn payload_object(payload: &TypeDef, types: &Types<'_>) -> String {
    let carried: Vec<&str> = payload
        .fields
        .iter()
        .filter(|f| f.deprecated.is_none() && !types.is_user_errors(&payload.name, &f.name))
        .filter_map(|f| types.target(&f.ty))
        .map(|t| t.name.as_str())
        .collect();
    match carried.as_slice() {
        [one] => (*one).to_owned(),
        _ => payload.name.clone(),
    }
}

/// The input object of a write: the `input` argument's type, or the only input-object argument.
fn input_object(field: &FieldDef, types: &Types<'_>) -> Option<String> {
    let is_input = |name: &str| {
        types
            .get(name)
            .is_some_and(|t| t.kind == TypeKind::InputObject)
    };
    if let Some(input) = field.args.iter().find(|a| a.name == "input") {
        if is_input(input.ty.named()) {
            return Some(input.ty.named().to_owned());
        }
    }
    let inputs: Vec<&str> = field
        .args
        .iter()
        .map(|a| a.ty.named())
        .filter(|n| is_input(n))
        .collect();
    match inputs.as_slice() {
        [one] => Some((*one).to_owned()),
        _ => None,
    }
}

/// Classes a mutation by the verbs in its name (`customerCreate`, `deleteIssue`,
/// `productBulkDelete`); a mutation that neither creates nor deletes updates.
pub(crate) fn mutation_class(name: &str) -> OperationClass {
    let words = words(name);
    let has = |verbs: &[&str]| words.iter().any(|w| verbs.contains(&w.as_str()));
    if has(&["delete", "remove", "destroy", "purge", "unlink", "detach"]) {
        OperationClass::Delete
    } else if has(&[
        "create",
        "add",
        "insert",
        "new",
        "register",
        "import",
        "duplicate",
        "clone",
    ]) {
        OperationClass::Create
    } else {
        OperationClass::Update
    }
}

/// Lower-case words of a camelCase or snake_case name.
fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c == '_' || c == '-' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `customerCreate` → `Customer create`.
fn title(name: &str) -> String {
    let sentence = words(name).join(" ");
    let mut chars = sentence.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_owned(),
    }
}

/// Capabilities from the operations that touch each object: a single read, a list read, and the
/// write classes.
pub(crate) fn add_capabilities(objects: &mut [Object], operations: &[Operation]) {
    let mut found: HashMap<&str, Vec<Capability>> = HashMap::new();
    for op in operations {
        let Some(object) = op.object.as_deref() else {
            continue;
        };
        let capability = match op.class {
            OperationClass::Read => match op.returns {
                Some(FieldType::List { .. }) => Capability::List,
                _ => Capability::Read,
            },
            OperationClass::Create => Capability::Create,
            OperationClass::Update => Capability::Update,
            OperationClass::Delete => Capability::Delete,
        };
        found.entry(object).or_default().push(capability);
    }
    for object in objects.iter_mut() {
        if let Some(capabilities) = found.get(object.name.as_str()) {
            object.capabilities.extend(capabilities.iter().copied());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{mutation_class, title};
    use bindery_schema::OperationClass;

    #[test]
    fn mutations_are_classed_by_their_verbs() {
        assert_eq!(
            mutation_class("customerCreate"),
            OperationClass::Create,
            "suffix verb"
        );
        assert_eq!(
            mutation_class("createIssue"),
            OperationClass::Create,
            "prefix verb"
        );
        assert_eq!(
            mutation_class("productBulkDelete"),
            OperationClass::Delete,
            "bulk delete"
        );
        assert_eq!(
            mutation_class("removeStar"),
            OperationClass::Delete,
            "remove"
        );
        assert_eq!(
            mutation_class("closeIssue"),
            OperationClass::Update,
            "other verbs update"
        );
        assert_eq!(
            mutation_class("addressDelete"),
            OperationClass::Delete,
            "no false 'add'"
        );
    }

    #[test]
    fn titles_read_as_words() {
        assert_eq!(title("customerCreate"), "Customer create", "camel case");
        assert_eq!(title("repository"), "Repository", "one word");
        assert_eq!(title("node_by_id"), "Node by id", "snake case");
    }
}
