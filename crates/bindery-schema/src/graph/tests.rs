use super::*;
use crate::model::*;

pub(super) fn object(name: &str, fields: &[(&str, PiiClass)]) -> Object {
    Object {
        name: name.to_owned(),
        kind: ObjectKind::Table,
        description: None,
        capabilities: vec![Capability::Read],
        fields: fields
            .iter()
            .map(|(f, pii)| Field {
                name: (*f).to_owned(),
                ty: FieldType::scalar(Scalar::String),
                required: false,
                nullable: true,
                description: None,
                default: None,
                native_type: None,
                pii: *pii,
                sensitive: false,
                origin: format!("test:{name}.{f}"),
                deprecated: None,
                arguments: Vec::new(),
                connection: None,
                role: None,
            })
            .collect(),
        primary_key: vec!["id".to_owned()],
        indexes: vec![],
        origin: format!("test:{name}"),
        enum_values: Vec::new(),
        implements: Vec::new(),
        members: Vec::new(),
        relay: None,
        checks: Vec::new(),
    }
}

pub(super) fn plain(name: &str) -> Object {
    object(name, &[("id", PiiClass::None)])
}

/// `from.field` references `to.id`.
pub(super) fn fk(from: &str, field: &str, to: &str) -> Edge {
    Edge {
        from: EdgeEnd {
            object: from.to_owned(),
            fields: vec![field.to_owned()],
        },
        to: EdgeEnd {
            object: to.to_owned(),
            fields: vec!["id".to_owned()],
        },
        cardinality: Cardinality::One,
        source: EdgeSource::ForeignKey,
        joinable: true,
        name: Some(format!("{from}_{field}_fkey")),
    }
}

pub(super) fn schema_of(objects: Vec<Object>, edges: Vec<Edge>) -> Schema {
    Schema::finish(
        SourceInfo {
            kind: SourceKind::Sqlite,
            title: "t".into(),
            version: None,
            base_url: None,
        },
        objects,
        edges,
        vec![],
    )
}

/// customers <- properties <- jobs -> customers; appointments -> jobs, technicians;
/// invoices -> jobs; jobs -> technicians twice; employees -> employees; lonely alone.
fn field_service() -> Schema {
    schema_of(
        vec![
            object(
                "customers",
                &[
                    ("id", PiiClass::None),
                    ("phone", PiiClass::Contact),
                    ("email", PiiClass::Contact),
                ],
            ),
            plain("properties"),
            plain("jobs"),
            plain("appointments"),
            plain("technicians"),
            plain("invoices"),
            plain("employees"),
            plain("lonely"),
        ],
        vec![
            fk("properties", "customer_id", "customers"),
            fk("jobs", "property_id", "properties"),
            fk("jobs", "customer_id", "customers"),
            fk("jobs", "lead_technician_id", "technicians"),
            fk("jobs", "backup_technician_id", "technicians"),
            fk("appointments", "job_id", "jobs"),
            fk("appointments", "technician_id", "technicians"),
            fk("invoices", "job_id", "jobs"),
            fk("employees", "manager_id", "employees"),
        ],
    )
}

fn names(n: &Neighbourhood) -> Vec<(&str, usize)> {
    n.nodes
        .iter()
        .map(|node| (node.name.as_str(), node.distance))
        .collect()
}

fn edge_pairs(n: &Neighbourhood) -> Vec<(&str, &str)> {
    n.edges
        .iter()
        .map(|e| (e.from.as_str(), e.to.as_str()))
        .collect()
}

fn objects(paths: &[ObjectPath]) -> Vec<Vec<&str>> {
    paths
        .iter()
        .map(|p| p.objects.iter().map(String::as_str).collect())
        .collect()
}

#[test]
fn neighbourhood_of_depth_one_is_the_focus_and_its_direct_neighbours() {
    let schema = field_service();
    let n = neighbourhood(&schema, "customers", 1, 60).expect("customers exists");
    assert_eq!(n.focus, "customers");
    assert_eq!(
        names(&n),
        [("customers", 0), ("jobs", 1), ("properties", 1)],
        "focus first, then by distance and name"
    );
    assert_eq!(
        edge_pairs(&n),
        [
            ("jobs", "customers"),
            ("jobs", "properties"),
            ("properties", "customers")
        ],
        "every edge between returned nodes, in schema order, none to outside nodes"
    );
    assert!(!n.truncated);
    let customers = &n.nodes[0];
    assert_eq!(
        (customers.field_count, customers.pii_fields, customers.kind),
        (3, 2, ObjectKind::Table)
    );
    let edge = &n.edges[0];
    assert_eq!(
        (
            edge.from_fields.as_slice(),
            edge.to_fields.as_slice(),
            edge.cardinality,
            edge.source,
            edge.joinable,
            edge.name.as_deref()
        ),
        (
            ["customer_id".to_owned()].as_slice(),
            ["id".to_owned()].as_slice(),
            Cardinality::One,
            EdgeSource::ForeignKey,
            true,
            Some("jobs_customer_id_fkey")
        )
    );
}

#[test]
fn neighbourhood_grows_with_depth_and_stops_at_the_limit() {
    let schema = field_service();
    let graph = RelationGraph::new(&schema);
    let two = graph
        .neighbourhood(&schema, "customers", 2, 60)
        .expect("customers exists");
    assert_eq!(
        names(&two),
        [
            ("customers", 0),
            ("jobs", 1),
            ("properties", 1),
            ("appointments", 2),
            ("invoices", 2),
            ("technicians", 2),
        ]
    );
    assert_eq!(
        two.edges.len(),
        9 - 1,
        "all edges but the employees self-loop"
    );
    assert!(!two.truncated);

    let zero = graph
        .neighbourhood(&schema, "customers", 0, 60)
        .expect("ok");
    assert_eq!(names(&zero), [("customers", 0)]);
    assert!(zero.edges.is_empty() && !zero.truncated);

    let cut = graph.neighbourhood(&schema, "customers", 2, 4).expect("ok");
    assert_eq!(
        names(&cut),
        [
            ("customers", 0),
            ("jobs", 1),
            ("properties", 1),
            ("appointments", 2)
        ],
        "nearest first; within a distance by name"
    );
    assert!(cut.truncated, "two more objects were within reach");
    assert!(
        cut.edges
            .iter()
            .all(|e| e.from != "invoices" && e.to != "technicians"),
        "no edge leaves the returned nodes"
    );

    let exact = graph.neighbourhood(&schema, "customers", 2, 6).expect("ok");
    assert!(
        !exact.truncated,
        "a limit equal to the count truncates nothing"
    );
    let none = graph.neighbourhood(&schema, "customers", 2, 0).expect("ok");
    assert_eq!(
        names(&none),
        [("customers", 0)],
        "the focus is always there"
    );

    let lonely = graph.neighbourhood(&schema, "lonely", 3, 60).expect("ok");
    assert_eq!(names(&lonely), [("lonely", 0)]);
    let employees = graph
        .neighbourhood(&schema, "employees", 1, 60)
        .expect("ok");
    assert_eq!(
        edge_pairs(&employees),
        [("employees", "employees")],
        "a self-reference is an edge between returned nodes"
    );
}

#[test]
fn unknown_objects_are_a_coded_error() {
    let schema = field_service();
    let error = neighbourhood(&schema, "nope", 1, 10).expect_err("no such object");
    assert_eq!(error, GraphError::UnknownObject("nope".to_owned()));
    assert_eq!(error.code(), "graph/unknown-object");
    assert!(error.to_string().contains("\"nope\""));
    for (from, to) in [("nope", "jobs"), ("jobs", "nope")] {
        let error = paths(&schema, from, to, 4, 5).expect_err("no such object");
        assert_eq!(error.code(), GraphError::UNKNOWN_OBJECT);
    }
}

#[test]
fn paths_are_shortest_first_with_directions_and_fields() {
    let schema = field_service();
    let found = paths(&schema, "customers", "appointments", 4, 5).expect("both exist");
    assert_eq!(
        objects(&found),
        [
            vec!["customers", "jobs", "appointments"],
            vec!["customers", "jobs", "technicians", "appointments"],
            vec!["customers", "jobs", "technicians", "appointments"],
            vec!["customers", "properties", "jobs", "appointments"],
            vec![
                "customers",
                "properties",
                "jobs",
                "technicians",
                "appointments"
            ],
        ],
        "shortest first, then by names, parallel edges are different paths"
    );
    let first = &found[0];
    assert_eq!(first.hops.len(), 2);
    let hop = &first.hops[0];
    assert_eq!(
        (hop.from.as_str(), hop.to.as_str(), hop.direction),
        ("customers", "jobs", HopDirection::Backward)
    );
    assert_eq!(
        (hop.from_fields.as_slice(), hop.to_fields.as_slice()),
        (
            ["id".to_owned()].as_slice(),
            ["customer_id".to_owned()].as_slice()
        ),
        "fields in walking order: the customer's key, then the job's reference"
    );
    // Two parallel edges: backup before lead (edge order).
    let techs: Vec<&str> = found[1..3]
        .iter()
        .map(|p| p.hops[1].from_fields[0].as_str())
        .collect();
    assert_eq!(techs, ["backup_technician_id", "lead_technician_id"]);

    let back = paths(&schema, "appointments", "customers", 4, 5).expect("both exist");
    assert_eq!(
        objects(&back)[0],
        ["appointments", "jobs", "customers"],
        "the same path the other way"
    );
    assert!(back[0]
        .hops
        .iter()
        .all(|h| h.direction == HopDirection::Forward && h.joinable));
    assert_eq!(back[0].hops[0].from_fields, ["job_id"]);
}

#[test]
fn paths_respect_max_hops_and_max_paths() {
    let schema = field_service();
    let graph = RelationGraph::new(&schema);
    let one = graph
        .paths(&schema, "customers", "appointments", 4, 1)
        .expect("ok");
    assert_eq!(objects(&one), [vec!["customers", "jobs", "appointments"]]);
    let short = graph
        .paths(&schema, "customers", "appointments", 3, 10)
        .expect("ok");
    assert_eq!(short.len(), 4, "the 4-hop path is over the limit");
    assert!(short.iter().all(|p| p.hops.len() <= 3));
    assert!(graph
        .paths(&schema, "customers", "appointments", 1, 10)
        .expect("ok")
        .is_empty());
    assert!(graph
        .paths(&schema, "customers", "appointments", 4, 0)
        .expect("ok")
        .is_empty());
    let techs = graph
        .paths(&schema, "jobs", "technicians", 2, 10)
        .expect("ok");
    assert_eq!(
        objects(&techs),
        [
            vec!["jobs", "technicians"],
            vec!["jobs", "technicians"],
            vec!["jobs", "appointments", "technicians"]
        ]
    );
}

#[test]
fn unconnected_objects_have_no_path_and_an_object_reaches_itself() {
    let schema = field_service();
    assert!(paths(&schema, "customers", "lonely", 6, 5)
        .expect("ok")
        .is_empty());
    assert!(paths(&schema, "customers", "employees", 6, 5)
        .expect("ok")
        .is_empty());
    let itself = paths(&schema, "jobs", "jobs", 4, 5).expect("ok");
    assert_eq!(objects(&itself), [vec!["jobs"]]);
    assert!(itself[0].hops.is_empty());
}
