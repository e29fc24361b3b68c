//! The caller-facing `parametersSchema`: a JSON Schema object of only the parameters the agent
//! collects from the caller.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::{CompileError, E164_PATTERN};
use crate::params::Provenance;
use crate::{Binding, Context, ValueSource};

/// One use of a parameter by the binding.
struct ParamUse<'b> {
    name: &'b str,
    default: Option<&'b Value>,
    transformed: bool,
}

/// Every parameter the binding uses, in binding order.
fn param_uses(binding: &Binding) -> Vec<ParamUse<'_>> {
    fn from_source(source: &ValueSource) -> Option<ParamUse<'_>> {
        source.param.as_deref().map(|name| ParamUse {
            name,
            default: source.default.as_ref(),
            transformed: source.transform.is_some(),
        })
    }
    let mut uses: Vec<ParamUse<'_>> = binding
        .inputs
        .iter()
        .map(|i| &i.source)
        .chain(binding.input_object_map.iter().map(|m| &m.source))
        .filter_map(from_source)
        .collect();
    if let Some(search) = &binding.sql_search {
        uses.push(ParamUse {
            name: &search.param,
            default: None,
            transformed: search.transform.is_some(),
        });
    }
    if let Some(param) = binding
        .sql_write
        .as_ref()
        .and_then(|w| w.key_param.as_deref())
    {
        uses.push(ParamUse {
            name: param,
            default: None,
            transformed: false,
        });
    }
    uses
}

/// The JSON Schema of what the caller supplies (only `caller` parameters; call-context and
/// operator values and constants never reach the LLM), and the required names, sorted.
///
/// A property has the registry's type and description; its format unless some use transforms
/// the value (a transform reads free text, `"next Tuesday at 3"`, into the format, so the
/// caller's raw value need not have it); an `e164` format adds [`E164_PATTERN`]; a parameter
/// every use of which has a default is optional and shows the first default.
pub(super) fn parameters_schema(
    binding: &Binding,
    cx: &Context<'_>,
) -> Result<(Value, Vec<String>), CompileError> {
    struct Collected<'b> {
        required: bool,
        transformed: bool,
        default: Option<&'b Value>,
    }
    let mut collected: BTreeMap<&str, Collected<'_>> = BTreeMap::new();
    for usage in param_uses(binding) {
        let known = cx.registry.get(usage.name).ok_or_else(|| {
            CompileError::new(format!("`{}` is not in the parameter registry", usage.name))
        })?;
        if known.provenance != Provenance::Caller {
            continue;
        }
        let entry = collected.entry(usage.name).or_insert(Collected {
            required: false,
            transformed: false,
            default: None,
        });
        entry.required |= usage.default.is_none();
        entry.transformed |= usage.transformed;
        if entry.default.is_none() {
            entry.default = usage.default;
        }
    }
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (name, use_of) in &collected {
        let Some(known) = cx.registry.get(name) else {
            continue;
        };
        let mut property = Map::new();
        property.insert("type".to_owned(), json!(known.ty.as_str()));
        if let (Some(format), false) = (&known.format, use_of.transformed) {
            property.insert("format".to_owned(), json!(format));
            if format == "e164" {
                property.insert("pattern".to_owned(), json!(E164_PATTERN));
            }
        }
        property.insert("description".to_owned(), json!(known.description));
        match (use_of.required, use_of.default) {
            (true, _) => required.push((*name).to_owned()),
            (false, Some(default)) => {
                property.insert("default".to_owned(), default.clone());
            }
            (false, None) => {}
        }
        properties.insert((*name).to_owned(), Value::Object(property));
    }
    let mut schema = Map::new();
    schema.insert("type".to_owned(), json!("object"));
    schema.insert("properties".to_owned(), Value::Object(properties));
    schema.insert("required".to_owned(), json!(required));
    schema.insert("additionalProperties".to_owned(), json!(false));
    Ok((Value::Object(schema), required))
}
