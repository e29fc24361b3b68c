//! Reads a SQLite catalog: four set-based queries (relations, columns, foreign keys, indexes) in
//! one read transaction, whatever the number of tables.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use bindery_schema::IndexOrigin;
use sqlx::sqlite::{SqliteConnectOptions, SqliteRow};
use sqlx::{Connection, Row, SqliteConnection};

use crate::sql::catalog::{Catalog, Column, ForeignKey, IndexDef, Relation, RelationKind};
use crate::DiscoveryError;

const RELATIONS: &str = include_str!("catalog/relations.sql");
const COLUMNS: &str = include_str!("catalog/columns.sql");
const FOREIGN_KEYS: &str = include_str!("catalog/foreign_keys.sql");
const INDEXES: &str = include_str!("catalog/indexes.sql");
const COLUMNS_OF_ONE: &str =
    "SELECT ? AS relation, c.cid, c.name, c.type, c.\"notnull\" AS not_null, \
     c.dflt_value, c.pk, c.hidden FROM pragma_table_xinfo(?) AS c ORDER BY c.cid";
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Reads the catalog of the database file at `path`, opened read-only: discovery never writes to
/// a person's database.
pub async fn fetch(path: &Path) -> Result<Catalog, DiscoveryError> {
    check_header(path)?;
    let unreadable = |e: sqlx::Error| classify(path, e);
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(unreadable)?;
    let mut tx = conn.begin().await.map_err(unreadable)?;

    let engine_version: String = sqlx::query_scalar("SELECT sqlite_version()")
        .fetch_one(&mut *tx)
        .await
        .map_err(unreadable)?;
    let relation_rows = sqlx::query(RELATIONS)
        .fetch_all(&mut *tx)
        .await
        .map_err(unreadable)?;
    let mut relations: BTreeMap<String, Relation> = BTreeMap::new();
    let mut skipped = Vec::new();
    let mut without_rowid = Vec::new();
    for row in &relation_rows {
        let kind: String = get(path, row, "type")?;
        let name: String = get(path, row, "name")?;
        let sql: String = get(path, row, "sql")?;
        let normalized_sql = sql
            .to_ascii_uppercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if normalized_sql.starts_with("CREATE VIRTUAL TABLE") {
            skipped.push((
                name,
                "virtual tables are provided by a module and have no fixed catalog".to_owned(),
            ));
            continue;
        }
        if normalized_sql.contains("WITHOUT ROWID") {
            without_rowid.push(name.clone());
        }
        relations.insert(
            name.clone(),
            Relation {
                namespace: "main".to_owned(),
                name,
                kind: if kind == "view" {
                    RelationKind::View
                } else {
                    RelationKind::Table
                },
                comment: None,
                columns: Vec::new(),
                primary_key: Vec::new(),
                foreign_keys: Vec::new(),
                indexes: Vec::new(),
                checks: Vec::new(),
            },
        );
    }

    // A view over a missing table makes the whole columns query fail; then read relation by
    // relation to find and skip the broken ones, so one bad view does not hide the schema.
    let column_rows = match sqlx::query(COLUMNS).fetch_all(&mut *tx).await {
        Ok(rows) => rows,
        Err(_) => {
            let mut rows = Vec::new();
            let names: Vec<String> = relations.keys().cloned().collect();
            for name in names {
                match sqlx::query(COLUMNS_OF_ONE)
                    .bind(&name)
                    .bind(&name)
                    .fetch_all(&mut *tx)
                    .await
                {
                    Ok(mut r) => rows.append(&mut r),
                    Err(e) => {
                        relations.remove(&name);
                        skipped.push((
                            name,
                            format!("its definition does not compile: {}", db_message(&e)),
                        ));
                    }
                }
            }
            rows
        }
    };
    let mut pk_positions: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
    for row in &column_rows {
        let relation: String = get(path, row, "relation")?;
        let Some(rel) = relations.get_mut(&relation) else {
            continue;
        };
        let name: String = get(path, row, "name")?;
        let native_type: Option<String> = get(path, row, "type")?;
        let not_null: i64 = get(path, row, "not_null")?;
        let default: Option<String> = get(path, row, "dflt_value")?;
        let pk: i64 = get(path, row, "pk")?;
        let hidden: i64 = get(path, row, "hidden")?;
        if pk > 0 {
            pk_positions
                .entry(relation.clone())
                .or_default()
                .push((pk, name.clone()));
        }
        rel.columns.push(Column {
            name,
            native_type: native_type.unwrap_or_default(),
            not_null: not_null != 0,
            default,
            comment: None,
            generated: hidden == 2 || hidden == 3,
            auto_increment: false,
            enum_values: Vec::new(),
        });
    }
    for (relation, mut positions) in pk_positions {
        let Some(rel) = relations.get_mut(&relation) else {
            continue;
        };
        positions.sort();
        rel.primary_key = positions.into_iter().map(|(_, name)| name).collect();
        // INTEGER PRIMARY KEY aliases the rowid: SQLite assigns it on insert.
        if let [only] = rel.primary_key.as_slice() {
            if !without_rowid.contains(&relation) {
                if let Some(col) = rel.columns.iter_mut().find(|c| &c.name == only) {
                    col.auto_increment = col.native_type.eq_ignore_ascii_case("INTEGER");
                }
            }
        }
    }

    let fk_rows = sqlx::query(FOREIGN_KEYS)
        .fetch_all(&mut *tx)
        .await
        .map_err(unreadable)?;
    let mut fks: BTreeMap<(String, i64), ForeignKey> = BTreeMap::new();
    for row in &fk_rows {
        let relation: String = get(path, row, "relation")?;
        let id: i64 = get(path, row, "id")?;
        let referenced_table: String = get(path, row, "referenced_table")?;
        let from: String = get(path, row, "from_column")?;
        let to: Option<String> = get(path, row, "to_column")?;
        let fk = fks.entry((relation, id)).or_insert_with(|| ForeignKey {
            name: None,
            columns: Vec::new(),
            referenced_namespace: "main".to_owned(),
            referenced_table,
            referenced_columns: Vec::new(),
        });
        fk.columns.push(from);
        if let Some(to) = to {
            fk.referenced_columns.push(to);
        }
    }
    for ((relation, _), mut fk) in fks {
        // A key that names only some target columns is malformed; fall back to the target's PK.
        if fk.referenced_columns.len() != fk.columns.len() {
            fk.referenced_columns.clear();
        }
        if let Some(rel) = relations.get_mut(&relation) {
            rel.foreign_keys.push(fk);
        }
    }

    let index_rows = sqlx::query(INDEXES)
        .fetch_all(&mut *tx)
        .await
        .map_err(unreadable)?;
    for row in &index_rows {
        let relation: String = get(path, row, "relation")?;
        let Some(rel) = relations.get_mut(&relation) else {
            continue;
        };
        let index_name: String = get(path, row, "index_name")?;
        let column: Option<String> = get(path, row, "column_name")?;
        if let Some(index) = rel.indexes.iter_mut().find(|i| i.name == index_name) {
            index.columns.push(column);
            continue;
        }
        let unique: i64 = get(path, row, "is_unique")?;
        let origin: String = get(path, row, "origin")?;
        let partial: i64 = get(path, row, "partial")?;
        rel.indexes.push(IndexDef {
            name: index_name,
            columns: vec![column],
            unique: unique != 0,
            partial: partial != 0,
            method: "btree".to_owned(),
            origin: match origin.as_str() {
                "pk" => IndexOrigin::PrimaryKey,
                "u" => IndexOrigin::Unique,
                _ => IndexOrigin::Index,
            },
        });
    }
    tx.rollback().await.map_err(unreadable)?;
    conn.close().await.map_err(unreadable)?;

    Ok(Catalog {
        engine_version: Some(engine_version),
        relations: relations.into_values().collect(),
        skipped,
    })
}

/// Refuses what is plainly not a SQLite database before handing it to the engine, so the error
/// says so rather than "file is not a database" halfway through.
fn check_header(path: &Path) -> Result<(), DiscoveryError> {
    let metadata = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => DiscoveryError::NotFound {
            path: path.to_path_buf(),
        },
        _ => DiscoveryError::Unreadable {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
    })?;
    if !metadata.is_file() {
        return Err(DiscoveryError::NotASource {
            path: path.to_path_buf(),
            expected: "SQLite database",
            detail: "it is a directory, not a file".to_owned(),
        });
    }
    if metadata.len() == 0 {
        return Ok(()); // SQLite treats an empty file as an empty database.
    }
    let mut header = [0u8; 16];
    let read = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut header))
        .map_err(|e| DiscoveryError::Unreadable {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
    if read < header.len() || &header != MAGIC {
        return Err(DiscoveryError::NotASource {
            path: path.to_path_buf(),
            expected: "SQLite database",
            detail: "the file does not start with the SQLite header".to_owned(),
        });
    }
    Ok(())
}

fn get<'r, T>(path: &Path, row: &'r SqliteRow, column: &str) -> Result<T, DiscoveryError>
where
    T: sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
{
    row.try_get(column).map_err(|e| classify(path, e))
}

fn classify(path: &Path, error: sqlx::Error) -> DiscoveryError {
    let message = db_message(&error);
    if message.contains("not a database") || message.contains("malformed") {
        DiscoveryError::NotASource {
            path: path.to_path_buf(),
            expected: "SQLite database",
            detail: message,
        }
    } else {
        DiscoveryError::Unreadable {
            path: path.to_path_buf(),
            detail: message,
        }
    }
}

fn db_message(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Database(db) => db.message().to_owned(),
        other => other.to_string(),
    }
}
