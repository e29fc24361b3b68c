//! The normalizer's working state: the borrowed document, what has been named and built so far,
//! and the diagnostics.

use std::collections::{HashMap, HashSet};

use bindery_schema::{Diagnostic, FieldType, Object};
use serde_json::Value;

/// Which description format the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    /// Swagger 2.0.
    Swagger2,
    /// OpenAPI 3.0.x.
    V30,
    /// OpenAPI 3.1.x and later 3.x.
    V31,
}

impl Version {
    /// The version a document declares, or `None` when it is not an OpenAPI/Swagger document.
    pub(crate) fn detect(doc: &Value) -> Option<Version> {
        let root = doc.as_object()?;
        if let Some(v) = root.get("openapi") {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => return None,
            };
            let text = text.trim();
            if text == "3" || text.starts_with("3.0") {
                return Some(Version::V30);
            }
            if text.starts_with("3.") {
                return Some(Version::V31);
            }
            return None;
        }
        match root.get("swagger") {
            Some(Value::String(s)) if s.trim() == "2.0" || s.trim() == "2" => {
                Some(Version::Swagger2)
            }
            Some(Value::Number(n)) if n.as_f64() == Some(2.0) => Some(Version::Swagger2),
            _ => None,
        }
    }
}

/// A named schema (`components/schemas/X`, `definitions/X`).
pub(crate) struct Named<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its pointer (`#/components/schemas/X`).
    pub pointer: String,
    /// The schema.
    pub schema: &'a Value,
    /// Whether it becomes an object (else it is an alias for a type).
    pub is_object: bool,
}

/// Identity of a node of the document (its address; the document is borrowed and never moves).
pub(crate) fn addr(value: &Value) -> usize {
    std::ptr::from_ref(value) as usize
}

/// The normalizer's state.
pub(crate) struct Ctx<'a> {
    pub doc: &'a Value,
    pub version: Version,
    pub diagnostics: Vec<Diagnostic>,
    /// (code, key) pairs already reported, so one bad reference is one diagnostic.
    reported: HashSet<(&'static str, String)>,
    /// Named schemas in document order.
    pub named: Vec<Named<'a>>,
    /// Node address → index into `named`.
    pub named_by_addr: HashMap<usize, usize>,
    /// Node address of an inline schema already made an object → the object's name.
    pub inline_by_addr: HashMap<usize, String>,
    /// Built objects, in build order.
    pub objects: Vec<Object>,
    /// Object name → index in `objects`.
    pub object_index: HashMap<String, usize>,
    /// Names of objects made from named schemas.
    pub named_objects: HashSet<String>,
    /// Names in use (named objects reserved up front, inline ones as they are made).
    pub taken: HashSet<String>,
    /// `$ref` text → resolved node (`None`: broken or external).
    pub ref_cache: HashMap<&'a str, Option<&'a Value>>,
    /// Alias index → its type (computed once).
    pub alias_cache: HashMap<usize, (FieldType, bool)>,
    /// Nodes whose type is being computed (cycle guard for aliases and non-named targets).
    pub in_progress: HashSet<usize>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(doc: &'a Value, version: Version) -> Self {
        Ctx {
            doc,
            version,
            diagnostics: Vec::new(),
            reported: HashSet::new(),
            named: Vec::new(),
            named_by_addr: HashMap::new(),
            inline_by_addr: HashMap::new(),
            objects: Vec::new(),
            object_index: HashMap::new(),
            named_objects: HashSet::new(),
            taken: HashSet::new(),
            ref_cache: HashMap::new(),
            alias_cache: HashMap::new(),
            in_progress: HashSet::new(),
        }
    }

    /// Records a warning unless the same (code, key) was reported already.
    pub(crate) fn warn_once(&mut self, code: &'static str, key: &str, diagnostic: Diagnostic) {
        if self.reported.insert((code, key.to_owned())) {
            self.diagnostics.push(diagnostic);
        }
    }

    /// A free object name based on `wanted` (`wanted`, `wanted_2`, ...), reserved.
    pub(crate) fn claim_name(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "object" } else { wanted };
        let mut candidate = base.to_owned();
        let mut n = 2usize;
        while self.taken.contains(&candidate) {
            candidate = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }

    /// Adds a built object.
    pub(crate) fn push_object(&mut self, object: Object) {
        self.object_index
            .insert(object.name.clone(), self.objects.len());
        self.objects.push(object);
    }

    /// The built object with this name.
    pub(crate) fn object(&self, name: &str) -> Option<&Object> {
        self.object_index
            .get(name)
            .and_then(|&i| self.objects.get(i))
    }

    /// The objects and diagnostics, in the order made.
    pub(crate) fn finish(self) -> (Vec<Object>, Vec<Diagnostic>) {
        (self.objects, self.diagnostics)
    }
}
