//! Shapes GraphQL APIs share by convention: Relay connections (`edges { node }`, `nodes`,
//! `pageInfo`), which the browser shows as a list of their node type, and the `userErrors` of
//! mutation payloads, which report a refused write and are never projected.

use std::collections::{HashMap, HashSet};

use bindery_schema::RelayRole;

use super::type_system::{TypeDef, TypeKind, TypeRef, TypeSystem};

/// A connection type and how its nodes are reached.
pub(crate) struct ConnectionShape<'a> {
    /// The node type reference (under `nodes: [N]` or `edges { node: N }`).
    pub node: &'a TypeRef,
    /// `nodes` when the connection has it (the shorter selection), else `edges.node`.
    pub path: &'static str,
}

/// What the conventions recognised in one type system.
#[derive(Default)]
pub(crate) struct Shapes<'a> {
    /// Connection types by name.
    pub connections: HashMap<&'a str, ConnectionShape<'a>>,
    /// The Relay part of each wrapper type.
    pub roles: HashMap<&'a str, RelayRole>,
    /// `(type, field)` pairs that are a mutation payload's user errors.
    pub user_errors: HashSet<(&'a str, &'a str)>,
}

/// Recognises connections and user errors.
pub(crate) fn recognise<'a>(
    system: &'a TypeSystem,
    by_name: &HashMap<&'a str, &'a TypeDef>,
) -> Shapes<'a> {
    let mut shapes = Shapes::default();
    let object = |name: &str| {
        by_name
            .get(name)
            .copied()
            .filter(|t| matches!(t.kind, TypeKind::Object | TypeKind::Interface))
    };
    for ty in system.types.iter().filter(|t| t.kind == TypeKind::Object) {
        let Some(page_info) = ty.field("pageInfo").and_then(|f| object(f.ty.named())) else {
            continue;
        };
        let nodes = ty
            .field("nodes")
            .filter(|f| f.ty.is_list())
            .map(|f| list_item(&f.ty));
        let edge = ty
            .field("edges")
            .filter(|f| f.ty.is_list())
            .and_then(|f| object(f.ty.named()))
            .and_then(|edge| Some((edge, edge.field("node")?)));
        let shape = match (nodes, edge) {
            (Some(node), _) => ConnectionShape {
                node,
                path: "nodes",
            },
            (None, Some((_, node))) => ConnectionShape {
                node: &node.ty,
                path: "edges.node",
            },
            (None, None) => continue,
        };
        shapes.connections.insert(ty.name.as_str(), shape);
        shapes.roles.insert(ty.name.as_str(), RelayRole::Connection);
        shapes
            .roles
            .insert(page_info.name.as_str(), RelayRole::PageInfo);
        if let Some((edge, _)) = edge {
            shapes.roles.insert(edge.name.as_str(), RelayRole::Edge);
        }
    }
    if let Some(mutation) = system.mutation.as_deref().and_then(|m| by_name.get(m)) {
        for root_field in &mutation.fields {
            let Some(payload) = object(root_field.ty.named()) else {
                continue;
            };
            for field in &payload.fields {
                if is_user_errors(field.name.as_str(), &field.ty, &object) {
                    shapes
                        .user_errors
                        .insert((payload.name.as_str(), field.name.as_str()));
                }
            }
        }
    }
    shapes
}

/// `userErrors` (Shopify, and most Relay-style APIs), or `errors` whose items carry a `message`
/// and a `field` or `code` (Saleor).
fn is_user_errors<'a>(
    name: &str,
    ty: &TypeRef,
    object: &impl Fn(&str) -> Option<&'a TypeDef>,
) -> bool {
    if !ty.is_list() {
        return false;
    }
    match name {
        "userErrors" => true,
        "errors" => object(ty.named()).is_some_and(|item| {
            item.field("message").is_some()
                && (item.field("field").is_some() || item.field("code").is_some())
        }),
        _ => false,
    }
}

/// The item type of a list reference (`[N!]!` → `N!`).
fn list_item(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::NonNull(of) => list_item(of),
        TypeRef::List(of) => of,
        TypeRef::Named(_) => ty,
    }
}
