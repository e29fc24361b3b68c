//! Where a server database is and how to log in: host, port, database, user, password (a secret:
//! never in `Debug`, a message or a log line), TLS mode and the schemas to read. Built from the
//! connect form's fields or from a `postgres://` / `mysql://` URL.

use std::fmt;

use crate::DiscoveryError;

/// TLS modes, in libpq's words. `Disable` is accepted only for a loopback host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// Plain TCP (loopback only).
    Disable,
    /// TLS without checking the certificate.
    Require,
    /// TLS, certificate signed by a trusted CA.
    VerifyCa,
    /// TLS, trusted certificate whose name matches the host.
    VerifyFull,
}

impl SslMode {
    /// Parses `disable`, `require`, `verify-ca`, `verify-full` (the default is `require`).
    pub fn parse(text: &str) -> Option<SslMode> {
        match text.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "disable" => Some(SslMode::Disable),
            "require" | "" => Some(SslMode::Require),
            "verify-ca" => Some(SslMode::VerifyCa),
            "verify-full" => Some(SslMode::VerifyFull),
            _ => None,
        }
    }

    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

/// A password, shown nowhere.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Wraps a password.
    pub fn new(value: impl Into<String>) -> Password {
        Password(value.into())
    }

    /// The value, for the driver's connect options only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A server database and a login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlConnection {
    /// Host name or address.
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// Database name.
    pub database: String,
    /// Login.
    pub user: String,
    /// Password, when the login has one.
    pub password: Option<Password>,
    /// TLS mode.
    pub ssl_mode: SslMode,
    /// PEM file of the CA to trust for `verify-ca`/`verify-full`, when not the system's.
    pub root_cert: Option<std::path::PathBuf>,
    /// Schemas to read (Postgres); empty means every schema the login can see except the
    /// system ones. MySQL reads the one database.
    pub schemas: Vec<String>,
}

impl SqlConnection {
    /// Whether the host is this machine.
    pub fn is_loopback(&self) -> bool {
        let host = self.host.trim_start_matches('[').trim_end_matches(']');
        host.eq_ignore_ascii_case("localhost")
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }

    /// Refuses what must not be tried: an empty host, database or user, and plain TCP to
    /// another machine.
    pub fn check(&self) -> Result<(), DiscoveryError> {
        let invalid = |detail: &str| DiscoveryError::InvalidConnection {
            detail: detail.to_owned(),
        };
        if self.host.trim().is_empty() {
            return Err(invalid("the host is empty"));
        }
        if self.database.trim().is_empty() {
            return Err(invalid("the database name is empty"));
        }
        if self.user.trim().is_empty() {
            return Err(invalid("the user is empty"));
        }
        if self.ssl_mode == SslMode::Disable && !self.is_loopback() {
            return Err(invalid(
                "sslmode=disable is allowed only for a server on this machine (localhost, 127.0.0.1, ::1)",
            ));
        }
        Ok(())
    }

    /// Reads `postgres://user:password@host:port/database?sslmode=…&schemas=a,b` (or
    /// `postgresql://`, `mysql://`, `mariadb://`). `default_port` fills a missing port.
    pub fn from_url(url: &str, default_port: u16) -> Result<SqlConnection, DiscoveryError> {
        // The URL holds the password: no message below repeats it.
        let invalid = |detail: &str| DiscoveryError::InvalidConnection {
            detail: detail.to_owned(),
        };
        let parsed = reqwest::Url::parse(url).map_err(|e| invalid(&format!("not a URL ({e})")))?;
        if !matches!(
            parsed.scheme(),
            "postgres" | "postgresql" | "mysql" | "mariadb"
        ) {
            return Err(invalid(
                "the URL must start with postgres://, postgresql://, mysql:// or mariadb://",
            ));
        }
        let decode =
            |text: &str| percent_decode(text).ok_or_else(|| invalid("the URL has a bad %-escape"));
        let mut ssl_mode = SslMode::Require;
        let mut schemas = Vec::new();
        let mut root_cert = None;
        for (key, value) in parsed.query_pairs() {
            match key.as_ref() {
                "sslmode" | "ssl-mode" | "ssl_mode" => {
                    ssl_mode = SslMode::parse(&value).ok_or_else(|| {
                        invalid("sslmode must be disable, require, verify-ca or verify-full")
                    })?;
                }
                "schemas" | "schema" => {
                    schemas = value
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect();
                }
                "sslrootcert" => root_cert = Some(std::path::PathBuf::from(value.as_ref())),
                _ => {}
            }
        }
        let connection = SqlConnection {
            host: parsed
                .host_str()
                .ok_or_else(|| invalid("the URL has no host"))?
                .to_owned(),
            port: parsed.port().unwrap_or(default_port),
            database: decode(parsed.path().trim_start_matches('/'))?,
            user: decode(parsed.username())?,
            password: match parsed.password() {
                Some(p) => Some(Password::new(decode(p)?)),
                None => None,
            },
            ssl_mode,
            root_cert,
            schemas,
        };
        connection.check()?;
        Ok(connection)
    }

    /// `user@host:port/database`, for titles and messages (never the password).
    pub fn display(&self) -> String {
        format!(
            "{}@{}:{}/{}",
            self.user, self.host, self.port, self.database
        )
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether an I/O error is a refused TLS handshake (an untrusted certificate, a name it does not
/// hold, no protocol in common): rustls reports those through the stream as `io::Error`s.
pub(crate) fn is_tls_failure(io: &std::io::Error) -> bool {
    io.get_ref()
        .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_give_connections_and_never_show_the_password() {
        let c = SqlConnection::from_url(
            "postgres://reader:s%40cret@127.0.0.1:55432/pagila?sslmode=disable&schemas=public,app",
            5432,
        )
        .expect("a loopback URL");
        assert_eq!(c.display(), "reader@127.0.0.1:55432/pagila", "display");
        assert_eq!(
            c.password.as_ref().map(Password::expose),
            Some("s@cret"),
            "decoded"
        );
        assert_eq!(c.schemas, ["public", "app"], "schemas");
        assert_eq!(c.ssl_mode, SslMode::Disable, "sslmode");
        assert!(!format!("{c:?}").contains("s@cret"), "Debug redacts: {c:?}");
        let d = SqlConnection::from_url("mysql://root@localhost/shop", 3306).expect("mysql");
        assert_eq!((d.port, d.ssl_mode), (3306, SslMode::Require), "defaults");
    }

    #[test]
    fn plain_tcp_only_on_loopback() {
        let error =
            SqlConnection::from_url("postgres://u:p@db.example.com/x?sslmode=disable", 5432)
                .expect_err("remote without TLS");
        assert_eq!(error.code(), "discovery/invalid-connection", "coded");
        assert!(
            !error.to_string().contains(":p@"),
            "no password in the message: {error}"
        );
        for bad in [
            "http://x/y",
            "postgres:///db",
            "postgres://u@h/db?sslmode=maybe",
        ] {
            assert!(
                SqlConnection::from_url(bad, 5432).is_err(),
                "{bad} is refused"
            );
        }
    }
}
