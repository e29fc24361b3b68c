//! The pure half of GraphQL discovery: a [`TypeSystem`] into the normalized schema. Object,
//! interface, input, union and enum types become objects (the root operation types become
//! operations instead); fields keep their arguments, wrappers (as `required`/`nullable`, list
//! types and the GraphQL spelling as native type) and deprecation; Relay connections read as
//! lists of their node type; every field goes through the shared PII classifier.

use std::collections::{BTreeSet, HashMap, HashSet};

use bindery_schema::{
    pii, ArgLocation, Argument, Cardinality, Connection, Diagnostic, Edge, EdgeEnd, EdgeSource,
    EnumValue, Field, FieldRole, FieldType, Object, ObjectKind, Schema, SourceInfo, SourceKind,
};

use super::operations;
use super::relay::{self, Shapes};
use super::scalars::scalar_type;
use super::type_system::{FieldDef, InputValue, TypeDef, TypeKind, TypeRef, TypeSystem};
use crate::Discovered;

/// Normalizes a type system; `title` names the source (file name or endpoint).
pub(crate) fn normalize(
    system: &TypeSystem,
    title: &str,
    mut diagnostics: Vec<Diagnostic>,
) -> Discovered {
    let by_name: HashMap<&str, &TypeDef> =
        system.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let shapes = relay::recognise(system, &by_name);
    let types = Types {
        by_name,
        shapes,
        undefined: Default::default(),
    };
    let roots: HashSet<&str> = [&system.query, &system.mutation, &system.subscription]
        .into_iter()
        .filter_map(|r| r.as_deref())
        .collect();
    if system.query.is_none() {
        diagnostics.push(Diagnostic::warning(
            "graphql/no-query-type",
            "the schema names no query root type, so it has no read operations",
            "schema",
        ));
    }
    let mut objects = Vec::new();
    let mut edges = Vec::new();
    let mut implementers: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for ty in &system.types {
        for interface in &ty.interfaces {
            implementers
                .entry(interface.as_str())
                .or_default()
                .insert(ty.name.as_str());
        }
    }
    for ty in &system.types {
        if ty.kind == TypeKind::Scalar || roots.contains(ty.name.as_str()) {
            continue;
        }
        let members: Vec<String> = match ty.kind {
            TypeKind::Union => ty
                .members
                .iter()
                .cloned()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
            TypeKind::Interface => implementers
                .get(ty.name.as_str())
                .map(|m| m.iter().map(|s| (*s).to_owned()).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        edges.extend(type_edges(ty, &types));
        objects.push(types.object(ty, members));
    }
    let (operations, subscriptions) = operations::operations(system, &types);
    operations::add_capabilities(&mut objects, &operations);
    for name in types.undefined.borrow().iter() {
        diagnostics.push(Diagnostic::warning(
            "graphql/undefined-type",
            format!("the type {name} is used but never defined; fields of that type are untyped"),
            name.clone(),
        ));
    }
    let source = SourceInfo {
        kind: SourceKind::Graphql,
        title: title.to_owned(),
        version: None,
        base_url: None,
    };
    let schema =
        Schema::finish(source, objects, edges, operations).with_subscriptions(subscriptions);
    Discovered {
        value: schema,
        diagnostics,
    }
}

/// Type lookups shared by objects and operations.
pub(crate) struct Types<'a> {
    by_name: HashMap<&'a str, &'a TypeDef>,
    shapes: Shapes<'a>,
    undefined: std::cell::RefCell<BTreeSet<String>>,
}

impl<'a> Types<'a> {
    pub fn get(&self, name: &str) -> Option<&'a TypeDef> {
        self.by_name.get(name).copied()
    }

    /// The normalized type of a reference, and the connection it goes through when the named
    /// type is a Relay connection (then the type is the list of its nodes).
    pub fn field_type(&self, ty: &TypeRef) -> (FieldType, Option<Connection>) {
        if let Some(shape) = self.shapes.connections.get(ty.named()) {
            if !ty.is_list() {
                let node = self.plain_type(shape.node);
                let node = match node {
                    FieldType::List { of } => *of,
                    other => other,
                };
                let connection = Connection {
                    object: ty.named().to_owned(),
                    path: shape.path.to_owned(),
                };
                return (FieldType::List { of: Box::new(node) }, Some(connection));
            }
        }
        (self.plain_type(ty), None)
    }

    fn plain_type(&self, ty: &TypeRef) -> FieldType {
        match ty {
            TypeRef::NonNull(of) => self.plain_type(of),
            TypeRef::List(of) => FieldType::List {
                of: Box::new(self.plain_type(of)),
            },
            TypeRef::Named(name) => match self.get(name) {
                Some(def) => match def.kind {
                    TypeKind::Scalar => scalar_type(name),
                    TypeKind::Enum => FieldType::Enum {
                        values: def.enum_values.iter().map(|v| v.name.clone()).collect(),
                    },
                    _ => FieldType::Object {
                        object: name.clone(),
                    },
                },
                None if super::type_system::BUILT_IN_SCALARS.contains(&name.as_str()) => {
                    scalar_type(name)
                }
                None => {
                    self.undefined.borrow_mut().insert(name.clone());
                    FieldType::Unknown { raw: name.clone() }
                }
            },
        }
    }

    /// The object a reference points at (through a connection to its node), when it is an
    /// object, interface or union.
    pub fn target(&self, ty: &TypeRef) -> Option<&'a TypeDef> {
        let name = match self.shapes.connections.get(ty.named()) {
            Some(shape) if !ty.is_list() => shape.node.named(),
            _ => ty.named(),
        };
        self.get(name).filter(|t| {
            matches!(
                t.kind,
                TypeKind::Object | TypeKind::Interface | TypeKind::Union
            )
        })
    }

    /// Whether the reference reads as many (a list or a connection).
    pub fn is_many(&self, ty: &TypeRef) -> bool {
        ty.is_list() || self.shapes.connections.contains_key(ty.named())
    }

    pub fn is_user_errors(&self, ty: &str, field: &str) -> bool {
        self.shapes.user_errors.contains(&(ty, field))
    }

    fn object(&self, ty: &TypeDef, members: Vec<String>) -> Object {
        let kind = match ty.kind {
            TypeKind::Interface => ObjectKind::Interface,
            TypeKind::Union => ObjectKind::Union,
            TypeKind::Enum => ObjectKind::Enum,
            TypeKind::InputObject => ObjectKind::Input,
            TypeKind::Object | TypeKind::Scalar => ObjectKind::Type,
        };
        let fields = if ty.kind == TypeKind::InputObject {
            ty.input_fields
                .iter()
                .map(|f| self.input_field(ty, f))
                .collect()
        } else {
            ty.fields.iter().map(|f| self.output_field(ty, f)).collect()
        };
        let mut implements = ty.interfaces.clone();
        implements.sort();
        implements.dedup();
        Object {
            name: ty.name.clone(),
            kind,
            description: ty.description.clone(),
            capabilities: Vec::new(),
            fields,
            primary_key: Vec::new(),
            indexes: Vec::new(),
            enum_values: ty
                .enum_values
                .iter()
                .map(|v| EnumValue {
                    name: v.name.clone(),
                    description: v.description.clone(),
                    deprecated: v.deprecated.clone(),
                })
                .collect(),
            implements,
            members,
            relay: self.shapes.roles.get(ty.name.as_str()).copied(),
            origin: format!("graphql:{}", ty.name),
            checks: Vec::new(),
        }
    }

    fn output_field(&self, parent: &TypeDef, f: &FieldDef) -> Field {
        let (ty, connection) = self.field_type(&f.ty);
        let role = self
            .is_user_errors(&parent.name, &f.name)
            .then_some(FieldRole::UserErrors);
        let mut field = self.field(parent, &f.name, ty, &f.ty, None);
        field.required = f.ty.is_non_null();
        field.description = f.description.clone();
        field.deprecated = f.deprecated.clone();
        field.arguments = f.args.iter().map(|a| self.argument(a)).collect();
        field.connection = connection;
        field.role = role;
        field
    }

    fn input_field(&self, parent: &TypeDef, v: &InputValue) -> Field {
        let ty = self.plain_type(&v.ty);
        let mut field = self.field(parent, &v.name, ty, &v.ty, v.default.clone());
        field.description = v.description.clone();
        field.deprecated = v.deprecated.clone();
        field
    }

    fn field(
        &self,
        parent: &TypeDef,
        name: &str,
        ty: FieldType,
        raw: &TypeRef,
        default: Option<String>,
    ) -> Field {
        let format = match &ty {
            FieldType::Scalar { format, .. } => format.as_deref(),
            _ => None,
        };
        let (pii, sensitive) = pii::classify(name, format);
        Field {
            name: name.to_owned(),
            required: raw.is_non_null() && default.is_none(),
            nullable: !raw.is_non_null(),
            description: None,
            native_type: Some(raw.render()),
            pii,
            sensitive,
            deprecated: None,
            arguments: Vec::new(),
            connection: None,
            role: None,
            origin: format!("graphql:{}.{name}", parent.name),
            default,
            ty,
        }
    }

    /// A field argument or an operation argument: a GraphQL variable.
    pub fn argument(&self, v: &InputValue) -> Argument {
        Argument {
            name: v.name.clone(),
            ty: self.plain_type(&v.ty),
            required: v.ty.is_non_null() && v.default.is_none(),
            location: ArgLocation::Variable,
            indexed: false,
            leading_index: false,
            native_type: Some(v.ty.render()),
            description: v.description.clone(),
            default: v.default.clone(),
            deprecated: v.deprecated.clone(),
        }
    }
}

/// Edges of one type: a field whose type is another object (through connections to their
/// nodes), the interfaces it implements, a union's members.
fn type_edges(ty: &TypeDef, types: &Types<'_>) -> Vec<Edge> {
    let end = |object: &str, fields: Vec<String>| EdgeEnd {
        object: object.to_owned(),
        fields,
    };
    let mut edges = Vec::new();
    for field in &ty.fields {
        if let Some(target) = types.target(&field.ty) {
            edges.push(Edge {
                from: end(&ty.name, vec![field.name.clone()]),
                to: end(&target.name, Vec::new()),
                cardinality: if types.is_many(&field.ty) {
                    Cardinality::Many
                } else {
                    Cardinality::One
                },
                source: EdgeSource::GraphqlField,
                joinable: true,
                name: Some(field.name.clone()),
            });
        }
    }
    let structural = |to: &str, source: EdgeSource| Edge {
        from: end(&ty.name, Vec::new()),
        to: end(to, Vec::new()),
        cardinality: Cardinality::One,
        source,
        joinable: false,
        name: None,
    };
    let interfaces: BTreeSet<&String> = ty.interfaces.iter().collect();
    edges.extend(
        interfaces
            .into_iter()
            .map(|i| structural(i, EdgeSource::Implements)),
    );
    if ty.kind == TypeKind::Union {
        let members: BTreeSet<&String> = ty.members.iter().collect();
        edges.extend(
            members
                .into_iter()
                .map(|m| structural(m, EdgeSource::UnionMember)),
        );
    }
    edges
}
