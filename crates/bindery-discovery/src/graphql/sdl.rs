//! SDL documents into the [`TypeSystem`]: apollo-compiler parses (a syntax error is fatal, with
//! its line and column) and folds extensions into their types; problems that still leave a usable
//! schema (a type or field defined twice, a directive nobody defined, a type nobody defined) are
//! warnings, because real published schemas have them.

use std::collections::HashSet;

use apollo_compiler::ast::{self, DirectiveList};
use apollo_compiler::schema::{ComponentName, ExtendedType};
use bindery_schema::Diagnostic;

use super::type_system::{
    description, EnumValueDef, FieldDef, InputValue, TypeDef, TypeKind, TypeRef, TypeSystem,
    BUILT_IN_SCALARS, DEFAULT_DEPRECATION_REASON,
};
use super::value;
use crate::DiscoveryError;

/// Reads an SDL document. `Err` only for text that does not parse.
pub(crate) fn read(
    text: &str,
    source_name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<TypeSystem, DiscoveryError> {
    let document = ast::Document::parse(text, source_name).map_err(|with| {
        let first = with.errors.iter().next();
        let (line, column) = first
            .as_ref()
            .and_then(|d| d.line_column_range())
            .map(|range| (range.start.line, range.start.column))
            .unwrap_or((1, 1));
        DiscoveryError::Malformed {
            source_name: source_name.to_owned(),
            format: "GraphQL SDL",
            line,
            column,
            detail: first
                .map(|d| d.error.to_string())
                .unwrap_or_else(|| "the document does not parse".to_owned()),
        }
    })?;
    let schema = match apollo_compiler::Schema::builder()
        .adopt_orphan_extensions()
        .ignore_builtin_redefinitions()
        .add_ast(&document)
        .build()
    {
        Ok(schema) => schema,
        Err(with) => {
            for problem in with.errors.iter() {
                let message = problem.error.to_string();
                let code = if message.contains("multiple times") || message.contains("duplicate") {
                    "graphql/duplicate-definition"
                } else {
                    "graphql/invalid-definition"
                };
                let at = problem
                    .line_column_range()
                    .map(|r| format!("{source_name}:{}:{}", r.start.line, r.start.column))
                    .unwrap_or_else(|| source_name.to_owned());
                diagnostics.push(
                    Diagnostic::warning(
                        code,
                        format!("{message}; the first definition is kept"),
                        at,
                    )
                    .with_help("strict GraphQL tools reject this schema; Bindery reads it"),
                );
            }
            with.partial
        }
    };
    check_directives(&document, &schema, diagnostics);
    Ok(type_system(&schema))
}

fn type_system(schema: &apollo_compiler::Schema) -> TypeSystem {
    let root = |name: &Option<ComponentName>| name.as_ref().map(|n| n.name.to_string());
    let definition = &schema.schema_definition;
    let mut types = Vec::with_capacity(schema.types.len());
    for (name, ty) in &schema.types {
        if name.starts_with("__") || BUILT_IN_SCALARS.contains(&name.as_str()) {
            continue;
        }
        types.push(type_def(ty));
    }
    TypeSystem {
        query: root(&definition.query),
        mutation: root(&definition.mutation),
        subscription: root(&definition.subscription),
        types,
    }
}

fn type_def(ty: &ExtendedType) -> TypeDef {
    let text = |d: &Option<apollo_compiler::Node<str>>| description(d.as_deref());
    match ty {
        ExtendedType::Scalar(s) => {
            TypeDef::new(s.name.to_string(), TypeKind::Scalar, text(&s.description))
        }
        ExtendedType::Object(o) => {
            let mut def = TypeDef::new(o.name.to_string(), TypeKind::Object, text(&o.description));
            def.interfaces = o
                .implements_interfaces
                .iter()
                .map(|i| i.name.to_string())
                .collect();
            def.fields = o.fields.values().map(|f| field(f)).collect();
            def
        }
        ExtendedType::Interface(i) => {
            let mut def = TypeDef::new(
                i.name.to_string(),
                TypeKind::Interface,
                text(&i.description),
            );
            def.interfaces = i
                .implements_interfaces
                .iter()
                .map(|i| i.name.to_string())
                .collect();
            def.fields = i.fields.values().map(|f| field(f)).collect();
            def
        }
        ExtendedType::Union(u) => {
            let mut def = TypeDef::new(u.name.to_string(), TypeKind::Union, text(&u.description));
            def.members = u.members.iter().map(|m| m.name.to_string()).collect();
            def
        }
        ExtendedType::Enum(e) => {
            let mut def = TypeDef::new(e.name.to_string(), TypeKind::Enum, text(&e.description));
            def.enum_values = e
                .values
                .values()
                .map(|v| EnumValueDef {
                    name: v.value.to_string(),
                    description: text(&v.description),
                    deprecated: deprecation(&v.directives),
                })
                .collect();
            def
        }
        ExtendedType::InputObject(i) => {
            let mut def = TypeDef::new(
                i.name.to_string(),
                TypeKind::InputObject,
                text(&i.description),
            );
            def.input_fields = i.fields.values().map(|f| input_value(f)).collect();
            def
        }
    }
}

fn field(f: &ast::FieldDefinition) -> FieldDef {
    FieldDef {
        name: f.name.to_string(),
        description: description(f.description.as_deref()),
        args: f.arguments.iter().map(|a| input_value(a)).collect(),
        ty: type_ref(&f.ty),
        deprecated: deprecation(&f.directives),
    }
}

fn input_value(v: &ast::InputValueDefinition) -> InputValue {
    InputValue {
        name: v.name.to_string(),
        description: description(v.description.as_deref()),
        ty: type_ref(&v.ty),
        default: v
            .default_value
            .as_ref()
            .map(|d| value::canonical(&d.to_string())),
        deprecated: deprecation(&v.directives),
    }
}

fn type_ref(ty: &ast::Type) -> TypeRef {
    match ty {
        ast::Type::Named(name) => TypeRef::Named(name.to_string()),
        ast::Type::NonNullNamed(name) => {
            TypeRef::NonNull(Box::new(TypeRef::Named(name.to_string())))
        }
        ast::Type::List(of) => TypeRef::List(Box::new(type_ref(of))),
        ast::Type::NonNullList(of) => {
            TypeRef::NonNull(Box::new(TypeRef::List(Box::new(type_ref(of)))))
        }
    }
}

/// The reason of an `@deprecated` directive (GraphQL's default text when it gives none).
fn deprecation(directives: &DirectiveList) -> Option<String> {
    let directive = directives.get("deprecated")?;
    let reason = directive
        .specified_argument_by_name("reason")
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    Some(reason.unwrap_or_else(|| DEFAULT_DEPRECATION_REASON.to_owned()))
}

/// Directives applied in the document but defined nowhere: one warning per directive name.
fn check_directives(
    document: &ast::Document,
    schema: &apollo_compiler::Schema,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut reported: HashSet<String> = HashSet::new();
    let mut check = |directives: &DirectiveList| {
        for directive in directives.iter() {
            let name = directive.name.as_str();
            if !schema.directive_definitions.contains_key(name) && reported.insert(name.to_owned())
            {
                diagnostics.push(Diagnostic::warning(
                    "graphql/unknown-directive",
                    format!("the directive @{name} is used but never defined; it is ignored"),
                    format!("@{name}"),
                ));
            }
        }
    };
    for definition in &document.definitions {
        use ast::Definition as D;
        match definition {
            D::ObjectTypeDefinition(d) => {
                check(&d.directives);
                d.fields
                    .iter()
                    .for_each(|f| field_directives(f, &mut check));
            }
            D::ObjectTypeExtension(d) => {
                check(&d.directives);
                d.fields
                    .iter()
                    .for_each(|f| field_directives(f, &mut check));
            }
            D::InterfaceTypeDefinition(d) => {
                check(&d.directives);
                d.fields
                    .iter()
                    .for_each(|f| field_directives(f, &mut check));
            }
            D::InterfaceTypeExtension(d) => {
                check(&d.directives);
                d.fields
                    .iter()
                    .for_each(|f| field_directives(f, &mut check));
            }
            D::InputObjectTypeDefinition(d) => {
                check(&d.directives);
                d.fields.iter().for_each(|f| check(&f.directives));
            }
            D::InputObjectTypeExtension(d) => {
                check(&d.directives);
                d.fields.iter().for_each(|f| check(&f.directives));
            }
            D::EnumTypeDefinition(d) => {
                check(&d.directives);
                d.values.iter().for_each(|v| check(&v.directives));
            }
            D::EnumTypeExtension(d) => {
                check(&d.directives);
                d.values.iter().for_each(|v| check(&v.directives));
            }
            D::UnionTypeDefinition(d) => check(&d.directives),
            D::UnionTypeExtension(d) => check(&d.directives),
            D::ScalarTypeDefinition(d) => check(&d.directives),
            D::ScalarTypeExtension(d) => check(&d.directives),
            _ => {}
        }
    }
}

fn field_directives(f: &ast::FieldDefinition, check: &mut impl FnMut(&DirectiveList)) {
    check(&f.directives);
    f.arguments.iter().for_each(|a| check(&a.directives));
}
