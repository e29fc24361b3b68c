//! Scoping over HTTP: blocked tables and columns disappear from the schema, the object list,
//! search, object detail and operations; empty lists clear them; unknown names and read-only keys
//! are refused.

use serde_json::{json, Value};

use crate::support::{array_of, count_of, str_of, Server, DEMO};

fn names(page: &Value) -> Vec<String> {
    array_of(page, "items")
        .iter()
        .map(|o| str_of(o, "name").to_owned())
        .collect()
}

#[tokio::test]
async fn blocked_tables_and_columns_disappear_everywhere_until_cleared() {
    let server = Server::start().await;
    let path = format!("/api/v1/integrations/{DEMO}/scoping");
    let empty = server
        .get(&path, Some(&server.read_key))
        .await
        .ok("scoping");
    assert_eq!(
        empty,
        json!({"blockedTables": [], "blockedColumns": []}),
        "nothing blocked at first"
    );
    let before = server
        .get(
            &format!("/api/v1/integrations/{DEMO}/objects?limit=100"),
            Some(&server.read_key),
        )
        .await
        .ok("objects before");
    assert!(
        names(&before).contains(&"payments".to_owned()),
        "payments listed at first"
    );

    let body = json!({"blockedTables": ["payments"], "blockedColumns": ["customers.phone"]});
    let saved = server
        .send_patch(&path, Some(&server.rw_key), &body)
        .await
        .ok("scoping saved");
    assert_eq!(
        count_of(&saved, "objectCount"),
        count_of(&before, "total") - 1,
        "one object fewer: {saved}"
    );

    let after = server
        .get(
            &format!("/api/v1/integrations/{DEMO}/objects?limit=100"),
            Some(&server.read_key),
        )
        .await
        .ok("objects after");
    assert!(
        !names(&after).contains(&"payments".to_owned()),
        "blocked table gone from the list"
    );
    let search = server
        .get(
            &format!("/api/v1/integrations/{DEMO}/objects?q=phone"),
            Some(&server.read_key),
        )
        .await
        .ok("search");
    let matched: Vec<&str> = array_of(&search, "items")
        .iter()
        .filter(|o| str_of(o, "name") == "customers")
        .flat_map(|o| {
            array_of(o, "matchedFields")
                .iter()
                .filter_map(Value::as_str)
        })
        .collect();
    assert!(
        !matched.contains(&"phone"),
        "search does not find the blocked column: {search}"
    );
    server
        .get(
            &format!("/api/v1/integrations/{DEMO}/objects/payments"),
            Some(&server.read_key),
        )
        .await
        .problem(404, "object_not_found", "a blocked table is not found");
    let customers = server
        .get(
            &format!("/api/v1/integrations/{DEMO}/objects/customers"),
            Some(&server.read_key),
        )
        .await
        .ok("customers");
    let fields: Vec<&str> = array_of(&customers["object"], "fields")
        .iter()
        .map(|f| str_of(f, "name"))
        .collect();
    assert!(
        !fields.contains(&"phone") && fields.contains(&"email"),
        "only the blocked column is gone: {fields:?}"
    );
    let ops = customers.to_string();
    assert!(
        !ops.contains("by_phone"),
        "no operation over the blocked column"
    );
    let schema = server
        .get(
            &format!("/api/v1/integrations/{DEMO}/schema"),
            Some(&server.read_key),
        )
        .await
        .ok("schema");
    assert!(
        !schema.to_string().contains("\"payments\""),
        "the whole schema leaves the blocked table out, edges included"
    );

    server
        .send_patch(
            &path,
            Some(&server.rw_key),
            &json!({"blockedTables": ["nope"]}),
        )
        .await
        .problem(400, "validation_error", "an unknown table");
    server
        .send_patch(
            &path,
            Some(&server.rw_key),
            &json!({"blockedColumns": ["customers"]}),
        )
        .await
        .problem(400, "validation_error", "a column without its object");
    server
        .send_patch(
            &path,
            Some(&server.rw_key),
            &json!({"blockedTable": ["payments"]}),
        )
        .await
        .problem(
            400,
            "validation_error",
            "a misspelt key is refused, not ignored",
        );
    server
        .send_patch(&path, Some(&server.read_key), &json!({}))
        .await
        .problem(403, "insufficient_scope", "a read key cannot scope");

    let cleared = server
        .send_patch(
            &path,
            Some(&server.rw_key),
            &json!({"blockedTables": [], "blockedColumns": []}),
        )
        .await
        .ok("cleared");
    assert_eq!(
        count_of(&cleared, "objectCount"),
        count_of(&before, "total"),
        "everything back"
    );
    server
        .get(
            &format!("/api/v1/integrations/{DEMO}/objects/payments"),
            Some(&server.read_key),
        )
        .await
        .ok("payments back");
    server.stop().await;
}

#[tokio::test]
async fn least_privilege_scripts_for_an_engine_with_a_password_shown_once() {
    let server = Server::start().await;
    let scripts = server
        .get(
            "/api/v1/integrations/postgres/sql/scripts?database=shop&tables=orders,public.refunds",
            Some(&server.read_key),
        )
        .await
        .ok("postgres scripts");
    let password = str_of(&scripts, "generatedPassword").to_owned();
    assert!(
        password.len() >= 24,
        "a strong generated password: {scripts}"
    );
    let read_only = str_of(&scripts["readOnly"], "sql");
    assert!(
        read_only.contains("GRANT SELECT ON ALL TABLES") && !read_only.contains("INSERT"),
        "read-only: {read_only}"
    );
    assert!(
        read_only.contains(&password),
        "the script carries the generated password"
    );
    let write = str_of(&scripts["write"], "sql");
    assert!(
        write.contains("GRANT INSERT, UPDATE ON \"public\".\"orders\"")
            && write.contains("\"public\".\"refunds\""),
        "writes only on the listed tables: {write}"
    );
    let again = server
        .get(
            "/api/v1/integrations/postgres/sql/scripts?database=shop",
            Some(&server.read_key),
        )
        .await
        .ok("again");
    assert_ne!(
        str_of(&again, "generatedPassword"),
        password,
        "a new password each time; none is stored"
    );
    assert!(
        again.get("write").is_none(),
        "no write script without tables"
    );
    let mysql = server
        .get(
            "/api/v1/integrations/mysql/sql/scripts?database=shop&password=given",
            Some(&server.read_key),
        )
        .await
        .ok("mysql scripts");
    assert!(
        mysql.get("generatedPassword").is_none(),
        "a passed password is not echoed as generated"
    );
    assert!(
        str_of(&mysql["readOnly"], "sql").contains("GRANT SELECT, SHOW VIEW ON `shop`.*"),
        "MySQL grants: {mysql}"
    );
    server
        .get(
            &format!("/api/v1/integrations/{DEMO}/sql/scripts"),
            Some(&server.read_key),
        )
        .await
        .problem(
            400,
            "validation_error",
            "the SQLite demo is not a server database",
        );
    server
        .get(
            "/api/v1/integrations/postgres/sql/scripts",
            Some(&server.read_key),
        )
        .await
        .problem(
            400,
            "validation_error",
            "a database name is needed before connecting",
        );
    server.stop().await;
}
