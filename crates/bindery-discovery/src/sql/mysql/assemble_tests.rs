use super::*;

fn relation(name: &str, table_type: &str, comment: &str) -> RelationRow {
    RelationRow {
        name: name.into(),
        table_type: table_type.into(),
        comment: Some(comment.into()),
    }
}

fn column(table: &str, name: &str, ordinal: i64, column_type: &str) -> ColumnRow {
    ColumnRow {
        table: table.into(),
        name: name.into(),
        ordinal,
        column_type: column_type.into(),
        data_type: column_type.split('(').next().unwrap_or_default().into(),
        nullable: false,
        default: None,
        extra: String::new(),
        comment: Some(String::new()),
    }
}

fn key(table: &str, constraint: &str, kind: &str, column: &str, ordinal: i64) -> KeyRow {
    KeyRow {
        table: table.into(),
        constraint: constraint.into(),
        constraint_type: kind.into(),
        column: column.into(),
        ordinal,
        referenced_schema: None,
        referenced_table: None,
        referenced_column: None,
    }
}

fn rows() -> Rows {
    Rows {
        version: "10.11.19-MariaDB".into(),
        relations: Vec::new(),
        columns: Vec::new(),
        keys: Vec::new(),
        indexes: Vec::new(),
        checks: Some(Vec::new()),
    }
}

#[test]
fn enum_values_keep_order_quotes_and_escapes() {
    let cases: [(&str, Option<Vec<&str>>); 7] = [
        ("enum('G','PG','PG-13')", Some(vec!["G", "PG", "PG-13"])),
        (
            "enum('it''s','a\\\\b','x,y','')",
            Some(vec!["it's", "a\\b", "x,y", ""]),
        ),
        ("ENUM( 'a' , 'b' )", Some(vec!["a", "b"])),
        ("enum('line\\nbreak')", Some(vec!["line\nbreak"])),
        ("set('a','b')", None),
        ("enum('open", None),
        ("enum(a,b)", None),
    ];
    for (text, expected) in cases {
        let expected = expected.map(|v| v.into_iter().map(String::from).collect::<Vec<_>>());
        assert_eq!(enum_values(text), expected, "enum values of {text}");
    }
}

#[test]
fn relations_columns_and_keys_become_a_catalog() {
    let mut input = rows();
    input.relations = vec![
        relation("orders", "BASE TABLE", "Orders placed"),
        relation("history", "SYSTEM VERSIONED", ""),
        relation("open_orders", "VIEW", "VIEW"),
        relation("gone", "VIEW", "VIEW"),
        relation("order_seq", "SEQUENCE", ""),
        relation("future", "SOMETHING NEW", ""),
    ];
    let mut id = column("orders", "id", 1, "int(10) unsigned");
    id.extra = "auto_increment".into();
    let mut status = column("orders", "status", 3, "enum('new','paid')");
    status.default = Some("'new'".into());
    let mut total = column("orders", "total", 2, "decimal(10,2)");
    total.extra = "STORED GENERATED".into();
    total.nullable = true;
    total.default = Some("NULL".into());
    let mut updated = column("orders", "updated", 4, "timestamp");
    updated.default = Some("current_timestamp()".into());
    updated.extra = "on update current_timestamp()".into();
    input.columns = vec![
        status,
        id,
        total,
        updated,
        column("history", "x", 1, "int(11)"),
        column("open_orders", "id", 1, "int(10) unsigned"),
        column("order_seq", "next_not_cached_value", 1, "bigint(21)"),
    ];
    let discovered = assemble("shop", input);
    let catalog = &discovered.value;
    let names: Vec<&str> = catalog.relations.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        ["history", "open_orders", "orders"],
        "relations read"
    );
    let skipped: Vec<&str> = catalog.skipped.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        skipped,
        ["order_seq", "future", "gone"],
        "relations skipped"
    );
    let orders = catalog
        .relations
        .iter()
        .find(|r| r.name == "orders")
        .expect("orders");
    assert_eq!(
        orders.comment.as_deref(),
        Some("Orders placed"),
        "table comment"
    );
    let columns: Vec<&str> = orders.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        columns,
        ["id", "total", "status", "updated"],
        "ordinal order"
    );
    let col = |name: &str| {
        orders
            .columns
            .iter()
            .find(|c| c.name == name)
            .expect("the column is there")
    };
    let (id, total, status, updated) = (col("id"), col("total"), col("status"), col("updated"));
    assert!(
        id.auto_increment && !id.generated,
        "auto_increment from EXTRA"
    );
    assert!(
        total.generated && total.default.is_none(),
        "generated, NULL default dropped"
    );
    assert_eq!(status.enum_values, ["new", "paid"], "enum values");
    assert_eq!(
        status.default.as_deref(),
        Some("'new'"),
        "MariaDB quotes string defaults"
    );
    assert!(!updated.generated, "on update is not generated");
    let view = catalog
        .relations
        .iter()
        .find(|r| r.name == "open_orders")
        .expect("view");
    assert_eq!(
        (view.kind, view.comment.as_ref()),
        (RelationKind::View, None),
        "a view's VIEW comment is dropped"
    );
    assert!(
        discovered.diagnostics.is_empty(),
        "no warnings: {:?}",
        discovered.diagnostics
    );
}

#[test]
fn composite_keys_indexes_and_checks_keep_their_order() {
    let mut input = rows();
    input.relations = vec![
        relation("c", "BASE TABLE", ""),
        relation("d", "BASE TABLE", ""),
    ];
    input.columns = vec![
        column("c", "a", 1, "int(11)"),
        column("c", "b", 2, "int(11)"),
        column("c", "doc", 3, "longtext"),
        column("d", "x", 1, "int(11)"),
        column("d", "y", 2, "int(11)"),
    ];
    let mut fk_y = key("d", "fk_xy", "FOREIGN KEY", "y", 2);
    let mut fk_x = key("d", "fk_xy", "FOREIGN KEY", "x", 1);
    for (part, to) in [(&mut fk_x, "b"), (&mut fk_y, "a")] {
        part.referenced_schema = Some("shop".into());
        part.referenced_table = Some("c".into());
        part.referenced_column = Some(to.into());
    }
    input.keys = vec![
        key("c", "PRIMARY", "PRIMARY KEY", "b", 2),
        key("c", "PRIMARY", "PRIMARY KEY", "a", 1),
        fk_y,
        fk_x,
        key("d", "odd", "EXCLUSION", "x", 1),
    ];
    let index = |table: &str, index: &str, unique: bool, seq: i64, column: Option<&str>| IndexRow {
        table: table.into(),
        index: index.into(),
        unique,
        seq,
        column: column.map(String::from),
        method: "btree".into(),
    };
    input.indexes = vec![
        index("c", "PRIMARY", true, 2, Some("b")),
        index("c", "PRIMARY", true, 1, Some("a")),
        index("d", "fk_xy", false, 1, Some("x")),
        index("d", "fk_xy", false, 2, Some("y")),
        index("d", "by_expr", true, 1, None),
    ];
    input.checks = Some(vec![
        CheckRow {
            table: "c".into(),
            name: "doc".into(),
            level: Some("Column".into()),
            clause: "json_valid(`doc`)".into(),
        },
        CheckRow {
            table: "c".into(),
            name: "pos".into(),
            level: Some("Table".into()),
            clause: "`a` > 0".into(),
        },
    ]);
    let discovered = assemble("shop", input);
    let c = discovered.value.relations.first().expect("table c");
    let d = discovered.value.relations.get(1).expect("table d");
    assert_eq!(c.primary_key, ["a", "b"], "primary key in key order");
    let fk = d.foreign_keys.first().expect("a foreign key");
    assert_eq!(
        (
            fk.columns.clone(),
            fk.referenced_columns.clone(),
            fk.referenced_table.as_str()
        ),
        (
            vec!["x".to_owned(), "y".to_owned()],
            vec!["b".to_owned(), "a".to_owned()],
            "c"
        ),
        "composite foreign key, columns lined up"
    );
    let pk = c.indexes.first().expect("PRIMARY index");
    assert_eq!(
        (pk.origin, pk.columns.clone()),
        (
            IndexOrigin::PrimaryKey,
            vec![Some("a".into()), Some("b".into())]
        ),
        "index order"
    );
    let names: Vec<(&str, IndexOrigin)> = d
        .indexes
        .iter()
        .map(|i| (i.name.as_str(), i.origin))
        .collect();
    assert_eq!(
        names,
        [
            ("by_expr", IndexOrigin::Unique),
            ("fk_xy", IndexOrigin::Index)
        ],
        "indexes"
    );
    assert_eq!(
        d.indexes.first().map(|i| i.columns.clone()),
        Some(vec![None]),
        "expression part is None"
    );
    assert_eq!(
        c.columns.get(2).map(|col| col.native_type.as_str()),
        Some("json"),
        "MariaDB JSON"
    );
    assert_eq!(c.checks.len(), 2, "both checks kept");
    assert_eq!(
        c.checks.first().map(|k| k.columns.clone()),
        Some(vec!["doc".to_owned()]),
        "column check names its column"
    );
    let codes: Vec<&str> = discovered
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(
        codes,
        ["discovery/sql-unknown-constraint"],
        "unknown constraint type warned"
    );
}

#[test]
fn mysql_defaults_and_missing_checks() {
    let mut input = rows();
    input.version = "8.0.36".into();
    input.checks = None;
    input.relations = vec![relation("t", "BASE TABLE", "")];
    let mut note = column("t", "note", 1, "varchar(10)");
    note.default = Some("NULL".into());
    let mut mood = column("t", "mood", 2, "enum('a'");
    mood.data_type = "enum".into();
    input.columns = vec![note, mood];
    let discovered = assemble("db", input);
    let t = discovered.value.relations.first().expect("t");
    assert_eq!(
        t.columns.first().and_then(|c| c.default.as_deref()),
        Some("NULL"),
        "MySQL's NULL text is a string default"
    );
    let codes: Vec<&str> = discovered
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "discovery/sql-enum-unparsed",
            "discovery/sql-checks-unavailable"
        ],
        "warnings, no panic"
    );
}
