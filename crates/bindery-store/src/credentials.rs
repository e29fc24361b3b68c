//! Sealed credentials, one per provider kind. The store keeps bytes only: `bindery-vault` seals
//! and opens them, and nothing here knows the crypto or ever sees a secret in plain text.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::providers::parse_time;
use crate::{Store, StoreError};

/// A sealed credential to store.
#[derive(Debug, Clone)]
pub struct NewCredential<'a> {
    /// Credential id: the provider kind.
    pub id: &'a str,
    /// The seal's nonce.
    pub nonce: &'a [u8],
    /// The sealed fields.
    pub ciphertext: &'a [u8],
    /// Fingerprint of the master key it was sealed with.
    pub key_id: &'a str,
}

/// A stored sealed credential.
#[derive(Debug, Clone, PartialEq)]
pub struct CredentialRecord {
    /// Credential id: the provider kind.
    pub id: String,
    /// The seal's nonce.
    pub nonce: Vec<u8>,
    /// The sealed fields.
    pub ciphertext: Vec<u8>,
    /// Fingerprint of the master key it was sealed with.
    pub key_id: String,
    /// When a credential was first stored under this id.
    pub created_at: DateTime<Utc>,
    /// When it was last replaced.
    pub updated_at: DateTime<Utc>,
}

impl Store {
    /// Stores a sealed credential, replacing the one with the same id (a reconnect, a refreshed
    /// token) and keeping its creation time.
    pub async fn put_credential(
        &self,
        credential: &NewCredential<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO credentials(id, nonce, ciphertext, key_id, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT(id) DO UPDATE SET nonce = excluded.nonce, \
             ciphertext = excluded.ciphertext, key_id = excluded.key_id, \
             updated_at = excluded.updated_at",
        )
        .bind(credential.id)
        .bind(credential.nonce)
        .bind(credential.ciphertext)
        .bind(credential.key_id)
        .bind(now.to_rfc3339())
        .bind(now.to_rfc3339())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The sealed credential with this id.
    pub async fn get_credential(&self, id: &str) -> Result<Option<CredentialRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT id, nonce, ciphertext, key_id, created_at, updated_at FROM credentials WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let created_at: String = row.try_get("created_at")?;
        let updated_at: String = row.try_get("updated_at")?;
        Ok(Some(CredentialRecord {
            id: row.try_get("id")?,
            nonce: row.try_get("nonce")?,
            ciphertext: row.try_get("ciphertext")?,
            key_id: row.try_get("key_id")?,
            created_at: parse_time(&created_at)?,
            updated_at: parse_time(&updated_at)?,
        }))
    }

    /// Deletes a credential; `false` when there was none.
    pub async fn delete_credential(&self, id: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM credentials WHERE id = ?")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The ids of all stored credentials, sorted.
    pub async fn list_credential_ids(&self) -> Result<Vec<String>, StoreError> {
        let ids = sqlx::query_scalar::<_, String>("SELECT id FROM credentials ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        Ok(ids)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};

    use super::NewCredential;
    use crate::Store;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, hour, 0, 0)
            .single()
            .expect("valid fixed date")
    }

    fn sealed<'a>(id: &'a str, bytes: &'a [u8]) -> NewCredential<'a> {
        NewCredential {
            id,
            nonce: &bytes[..4],
            ciphertext: bytes,
            key_id: "0011223344556677",
        }
    }

    #[tokio::test]
    async fn credentials_put_get_list_delete_on_a_real_database() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).await.expect("open new workspace");
        assert!(
            store.list_credential_ids().await.expect("list").is_empty(),
            "a new workspace has no credentials"
        );
        assert_eq!(
            store.get_credential("shop").await.expect("get"),
            None,
            "an unknown id is None"
        );

        // Bytes that are not UTF-8, with a NUL: blobs, not text.
        let shop_bytes = [0u8, 255, 1, 128, 7, 0, 42];
        store
            .put_credential(&sealed("shop", &shop_bytes), at(9))
            .await
            .expect("put shop");
        store
            .put_credential(&sealed("calendar", b"calendar-sealed"), at(9))
            .await
            .expect("put calendar");
        let shop = store
            .get_credential("shop")
            .await
            .expect("get")
            .expect("shop is stored");
        assert_eq!(shop.nonce, shop_bytes[..4], "the nonce round-trips");
        assert_eq!(
            shop.ciphertext, shop_bytes,
            "the ciphertext round-trips byte for byte"
        );
        assert_eq!(shop.key_id, "0011223344556677", "the key id round-trips");
        assert_eq!(
            (shop.created_at, shop.updated_at),
            (at(9), at(9)),
            "timestamps"
        );
        assert_eq!(
            store.list_credential_ids().await.expect("list"),
            ["calendar", "shop"],
            "ids, sorted"
        );

        // A reconnect replaces the seal and keeps the creation time.
        store
            .put_credential(&sealed("shop", b"resealed"), at(11))
            .await
            .expect("replace shop");
        let replaced = store
            .get_credential("shop")
            .await
            .expect("get")
            .expect("shop still stored");
        assert_eq!(
            replaced.ciphertext, b"resealed",
            "the new seal replaced the old"
        );
        assert_eq!(
            (replaced.created_at, replaced.updated_at),
            (at(9), at(11)),
            "created_at kept, updated_at moved"
        );

        // Persisted: a new handle on the same file sees it.
        store.close().await;
        let reopened = Store::open(dir.path()).await.expect("reopen workspace");
        assert_eq!(
            reopened.get_credential("shop").await.expect("get"),
            Some(replaced),
            "credentials survive a reopen"
        );
        assert!(
            reopened.delete_credential("shop").await.expect("delete"),
            "deleting a stored credential reports it"
        );
        assert!(
            !reopened
                .delete_credential("shop")
                .await
                .expect("delete again"),
            "deleting twice finds nothing the second time"
        );
        assert_eq!(
            reopened.get_credential("shop").await.expect("get"),
            None,
            "a deleted credential is gone"
        );
        assert_eq!(
            reopened.list_credential_ids().await.expect("list"),
            ["calendar"],
            "the other credential stays"
        );
    }
}
