//! The provider-native raw form of a GraphQL schema: what both an SDL document and an
//! introspection answer say, in one shape. The normalizer reads only this, so a schema
//! discovered by introspection and the same schema read from its SDL give the same result.

/// A GraphQL type system.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct TypeSystem {
    /// Root query type name.
    pub query: Option<String>,
    /// Root mutation type name.
    pub mutation: Option<String>,
    /// Root subscription type name.
    pub subscription: Option<String>,
    /// Named types, introspection and built-in scalars excluded.
    pub types: Vec<TypeDef>,
}

/// The kinds of named type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TypeKind {
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
}

/// One named type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TypeDef {
    pub name: String,
    pub kind: TypeKind,
    pub description: Option<String>,
    /// Object and interface fields, in source order.
    pub fields: Vec<FieldDef>,
    /// Input object fields, in source order.
    pub input_fields: Vec<InputValue>,
    /// Interfaces implemented (objects and interfaces).
    pub interfaces: Vec<String>,
    /// Union members.
    pub members: Vec<String>,
    /// Enum values, in source order.
    pub enum_values: Vec<EnumValueDef>,
}

impl TypeDef {
    pub fn new(name: String, kind: TypeKind, description: Option<String>) -> TypeDef {
        TypeDef {
            name,
            kind,
            description,
            fields: Vec::new(),
            input_fields: Vec::new(),
            interfaces: Vec::new(),
            members: Vec::new(),
            enum_values: Vec::new(),
        }
    }

    /// The output field with this name.
    pub fn field(&self, name: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// An output field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldDef {
    pub name: String,
    pub description: Option<String>,
    pub args: Vec<InputValue>,
    pub ty: TypeRef,
    pub deprecated: Option<String>,
}

/// An argument or input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InputValue {
    pub name: String,
    pub description: Option<String>,
    pub ty: TypeRef,
    /// Canonical GraphQL value syntax (see `value::canonical`).
    pub default: Option<String>,
    pub deprecated: Option<String>,
}

/// An enum value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EnumValueDef {
    pub name: String,
    pub description: Option<String>,
    pub deprecated: Option<String>,
}

/// A type reference with its list and non-null wrappers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TypeRef {
    Named(String),
    List(Box<TypeRef>),
    NonNull(Box<TypeRef>),
}

impl TypeRef {
    /// The named type under the wrappers.
    pub fn named(&self) -> &str {
        match self {
            TypeRef::Named(name) => name,
            TypeRef::List(of) | TypeRef::NonNull(of) => of.named(),
        }
    }

    /// Whether the outermost wrapper is non-null.
    pub fn is_non_null(&self) -> bool {
        matches!(self, TypeRef::NonNull(_))
    }

    /// Whether a list wrapper is anywhere in the reference.
    pub fn is_list(&self) -> bool {
        match self {
            TypeRef::Named(_) => false,
            TypeRef::List(_) => true,
            TypeRef::NonNull(of) => of.is_list(),
        }
    }

    /// GraphQL spelling (`[Issue!]!`).
    pub fn render(&self) -> String {
        match self {
            TypeRef::Named(name) => name.clone(),
            TypeRef::List(of) => format!("[{}]", of.render()),
            TypeRef::NonNull(of) => format!("{}!", of.render()),
        }
    }
}

/// The text GraphQL uses when `@deprecated` has no reason.
pub(crate) const DEFAULT_DEPRECATION_REASON: &str = "No longer supported";

/// Built-in scalars, which an SDL document does not define.
pub(crate) const BUILT_IN_SCALARS: [&str; 5] = ["String", "Int", "Float", "Boolean", "ID"];

/// An empty description is no description.
pub(crate) fn description(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}
