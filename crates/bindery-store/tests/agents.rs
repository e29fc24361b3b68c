//! Agents, skills and versions against a real SQLite file in a throwaway directory.

use bindery_store::{AgentRecord, Approval, NewVersion, SkillRecord, Store, StoreError};
use chrono::{TimeZone, Utc};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0)
        .single()
        .expect("valid fixed date")
}

fn agent(id: &str) -> AgentRecord {
    AgentRecord {
        id: id.to_owned(),
        name: "Front desk".to_owned(),
        description: "Answers the phone".to_owned(),
        parameters: "[]".to_owned(),
        created_at: now(),
    }
}

fn skill(id: &str, agent_id: &str, tool_name: &str) -> SkillRecord {
    SkillRecord {
        id: id.to_owned(),
        agent_id: agent_id.to_owned(),
        provider_kind: "shop".to_owned(),
        tool_name: tool_name.to_owned(),
        binding: r#"{"toolName":"x"}"#.to_owned(),
        skill: r#"{"name":"x"}"#.to_owned(),
        content_hash: "sha256:aa".to_owned(),
        schema_fingerprint: "fp".to_owned(),
        state: "valid".to_owned(),
        is_enabled: false,
        diagnostics: "[]".to_owned(),
        approval: None,
        broken: None,
        created_at: now(),
        updated_at: now(),
    }
}

#[tokio::test]
async fn agents_and_skills_round_trip_with_unique_tool_names_per_agent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).await.expect("open");
    store.insert_agent(&agent("agt_1")).await.expect("agent 1");
    store.insert_agent(&agent("agt_2")).await.expect("agent 2");
    assert_eq!(
        store.agent("agt_1").await.expect("read"),
        Some(agent("agt_1")),
        "an agent round-trips"
    );
    assert_eq!(store.agents().await.expect("list").len(), 2, "two agents");

    store
        .insert_skill(&skill("skl_1", "agt_1", "Look up the caller"))
        .await
        .expect("first skill");
    let duplicate = store
        .insert_skill(&skill("skl_2", "agt_1", "Look up the caller"))
        .await;
    assert!(
        matches!(duplicate, Err(StoreError::Conflict { what: "skill", .. })),
        "a second skill with the same tool name on one agent is a conflict: {duplicate:?}"
    );
    store
        .insert_skill(&skill("skl_3", "agt_2", "Look up the caller"))
        .await
        .expect("another agent may use the same tool name");

    let mut changed = skill("skl_1", "agt_1", "Look up the caller");
    changed.approval = Some(Approval {
        by: "ann".to_owned(),
        at: now(),
        hash: "sha256:aa".to_owned(),
    });
    changed.state = "approved".to_owned();
    changed.broken = Some(r#"{"codes":[]}"#.to_owned());
    assert!(
        store.update_skill(&changed).await.expect("update"),
        "updated"
    );
    assert_eq!(
        store.skill("agt_1", "skl_1").await.expect("read"),
        Some(changed.clone()),
        "the approval and broken columns round-trip"
    );
    assert!(
        store.skill("agt_2", "skl_1").await.expect("read").is_none(),
        "a skill is read through its own agent only"
    );
    assert_eq!(
        store.skills_bound_to("shop").await.expect("bound").len(),
        2,
        "every agent's skills on a provider"
    );
    assert!(
        store.delete_skill("agt_1", "skl_1").await.expect("delete"),
        "removed"
    );
    assert!(
        !store
            .delete_skill("agt_1", "skl_1")
            .await
            .expect("delete again"),
        "gone"
    );
}

#[tokio::test]
async fn versions_number_one_two_three_per_agent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).await.expect("open");
    store.insert_agent(&agent("agt_1")).await.expect("agent 1");
    store.insert_agent(&agent("agt_2")).await.expect("agent 2");
    let publish = |id: &'static str, agent_id: &'static str| NewVersion {
        id,
        agent_id,
        skills: "[]",
        note: Some("first"),
        published_by: Some("ann"),
        published_at: now(),
    };
    let v1 = store
        .insert_version(&publish("ver_a", "agt_1"))
        .await
        .expect("v1");
    let v2 = store
        .insert_version(&publish("ver_b", "agt_1"))
        .await
        .expect("v2");
    let other = store
        .insert_version(&publish("ver_c", "agt_2"))
        .await
        .expect("other");
    assert_eq!(
        (v1.version, v2.version, other.version),
        (1, 2, 1),
        "numbers per agent"
    );
    let list = store.versions("agt_1").await.expect("list");
    assert_eq!(
        list.iter().map(|v| v.version).collect::<Vec<_>>(),
        vec![2, 1],
        "newest first"
    );
    assert_eq!(
        store
            .version("agt_1", "1")
            .await
            .expect("by number")
            .map(|v| v.id),
        Some("ver_a".to_owned()),
        "a version is found by its number"
    );
    assert_eq!(
        store
            .version("agt_1", "ver_b")
            .await
            .expect("by id")
            .map(|v| v.version),
        Some(2),
        "and by its id"
    );
    assert!(
        store
            .version("agt_2", "ver_b")
            .await
            .expect("other")
            .is_none(),
        "not through another agent"
    );
}
