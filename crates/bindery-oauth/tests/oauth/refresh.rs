//! Refresh against the real server: expiry, rotation, a reused refresh token, and one request
//! for many concurrent callers through the gate.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use bindery_oauth::{needs_refresh, OAuthError, RefreshGate, TokenSet};

use super::{confidential_config, native_config, oidc, sign_in, token_client, userinfo};

/// Access tokens that expire almost at once (but not before the first check, even on a slow
/// machine).
const SHORT_TTL: Duration = Duration::from_secs(2);
const HOUR: Duration = Duration::from_secs(3600);

fn refresh_token(tokens: &TokenSet) -> String {
    tokens
        .refresh_token
        .as_ref()
        .expect("a refresh token")
        .expose()
        .to_string()
}

#[tokio::test]
async fn an_expired_access_token_is_refreshed_and_the_refresh_token_rotates() {
    let Some(oidc) = oidc(SHORT_TTL) else { return };
    let config = native_config(&oidc);
    let first = sign_in(&config).await;
    assert!(
        !needs_refresh(&first, SystemTime::now(), Duration::ZERO),
        "fresh right after the sign-in"
    );
    tokio::time::sleep(SHORT_TTL + Duration::from_millis(200)).await;
    assert!(
        needs_refresh(&first, SystemTime::now(), Duration::ZERO),
        "expired after its two-second lifetime"
    );
    let (status, _) = userinfo(&oidc, &first.access_token).await;
    assert_eq!(status, 401, "the provider agrees it expired");

    let old_refresh = first.refresh_token.clone().expect("a refresh token");
    let second = token_client()
        .refresh(&config, &old_refresh)
        .await
        .expect("the refresh succeeds");
    assert_ne!(
        second.access_token.expose(),
        first.access_token.expose(),
        "a new access token"
    );
    assert_ne!(
        refresh_token(&second),
        refresh_token(&first),
        "the public client's refresh token rotated"
    );
    let (status, body) = userinfo(&oidc, &second.access_token).await;
    assert_eq!(status, 200, "the new access token works: {body}");

    let err = token_client()
        .refresh(&config, &old_refresh)
        .await
        .expect_err("the rotated-out refresh token is spent");
    assert_eq!(err.code(), "oauth/invalid-grant", "{err}");
}

#[tokio::test]
async fn a_provider_that_does_not_rotate_keeps_the_old_refresh_token() {
    let Some(oidc) = oidc(HOUR) else { return };
    let config = confidential_config(&oidc);
    let first = sign_in(&config).await;
    let second = token_client()
        .refresh(
            &config,
            first.refresh_token.as_ref().expect("refresh token"),
        )
        .await
        .expect("the confidential client refreshes");
    assert_eq!(
        refresh_token(&second),
        refresh_token(&first),
        "no new refresh token: the old one is kept"
    );
    let third = token_client()
        .refresh(&config, second.refresh_token.as_ref().expect("kept"))
        .await
        .expect("the kept refresh token still works");
    assert_ne!(
        third.access_token.expose(),
        second.access_token.expose(),
        "each refresh gives a new access token"
    );
}

/// The application's store, as the gate sees it.
#[derive(Clone)]
struct Store {
    tokens: Arc<Mutex<TokenSet>>,
    saves: Arc<Mutex<usize>>,
}

impl Store {
    fn current(&self) -> TokenSet {
        self.tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn save(&self, tokens: TokenSet) {
        *self.tokens.lock().unwrap_or_else(PoisonError::into_inner) = tokens;
        *self.saves.lock().unwrap_or_else(PoisonError::into_inner) += 1;
    }

    fn saves(&self) -> usize {
        *self.saves.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[tokio::test]
async fn concurrent_callers_share_one_refresh() {
    // Long-lived tokens at the provider, so the refreshed set stays fresh however slow the
    // machine; the stored set is marked expired, so every caller wants a refresh.
    let Some(oidc) = oidc(Duration::from_secs(3600)) else {
        return;
    };
    let config = native_config(&oidc);
    let mut first = sign_in(&config).await;
    first.expires_at = Some(SystemTime::UNIX_EPOCH);
    let store = Store {
        tokens: Arc::new(Mutex::new(first.clone())),
        saves: Arc::default(),
    };
    let requests_before = oidc.token_requests().expect("count");

    let gate = Arc::new(RefreshGate::new());
    let client = token_client();
    let callers = (0..8).map(|_| {
        let (gate, client, config, store) =
            (gate.clone(), client.clone(), config.clone(), store.clone());
        tokio::spawn(async move {
            let (load_from, save_to) = (store.clone(), store.clone());
            gate.ensure_fresh::<OAuthError, _, _, _, _>(
                "calendar-1",
                &client,
                &config,
                Duration::from_secs(60),
                || async move { Ok(load_from.current()) },
                |fresh| async move {
                    save_to.save(fresh);
                    Ok(())
                },
            )
            .await
        })
    });
    let mut access_tokens = Vec::new();
    for caller in callers.collect::<Vec<_>>() {
        let tokens = caller
            .await
            .expect("the caller's task ran")
            .expect("every caller gets fresh tokens");
        access_tokens.push(tokens.access_token.expose().to_string());
    }

    assert_eq!(
        oidc.token_requests().expect("count") - requests_before,
        1,
        "one token request for eight callers"
    );
    assert_eq!(store.saves(), 1, "saved once");
    assert!(
        access_tokens.iter().all(|t| *t == access_tokens[0]),
        "all callers got the same new access token"
    );
    assert_ne!(
        access_tokens[0],
        first.access_token.expose(),
        "and it is a new one"
    );
    let saved = store.current();
    let (status, _) = userinfo(&oidc, &saved.access_token).await;
    assert_eq!(
        status, 200,
        "the grant is intact: a second use of the old refresh token would have revoked it"
    );

    // Still fresh: the next caller makes no request at all.
    let again = gate
        .ensure_fresh::<OAuthError, _, _, _, _>(
            "calendar-1",
            &client,
            &config,
            Duration::ZERO,
            || async { Ok(store.current()) },
            |_| async { Ok(()) },
        )
        .await
        .expect("fresh tokens");
    assert_eq!(
        again.access_token.expose(),
        saved.access_token.expose(),
        "the stored set is returned"
    );
    assert_eq!(
        oidc.token_requests().expect("count") - requests_before,
        1,
        "no second request"
    );
}
