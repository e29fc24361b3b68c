//! A tiny HTTP/1.1 server on loopback that answers every request with one scripted [`Fault`].
//! One thread accepts, one thread serves each connection; dropping the server closes every
//! connection and joins every thread.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::TestkitError;

/// How [`FaultyHttp`] answers every request (whatever its method, path or body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// `code` with this body and `Content-Type` (e.g. 401, 500, or a 200 HTML page).
    Status {
        code: u16,
        body: String,
        content_type: String,
    },
    /// Reads the request, then never answers (until the server is dropped).
    Hang,
    /// 200 `application/json` with a body of exactly `bytes` bytes that starts like an
    /// introspection answer, `{"data":{"__schema":{"types":[{"kind":"OBJECT",...},...`, streamed
    /// in 64 KiB pieces. It is valid JSON when `bytes` is at least 35. With `content_length` the
    /// size is announced in `Content-Length`; without, the body is sent with
    /// `Transfer-Encoding: chunked`, so the client only learns the size by reading it.
    Huge { bytes: usize, content_length: bool },
    /// 200 `application/json` with this body (e.g. an introspection answer with `errors`).
    Json(String),
}

/// A loopback HTTP/1.1 server answering every request with one [`Fault`]. Every response has
/// `Connection: close`.
pub struct FaultyHttp {
    url: String,
    stop: Arc<AtomicBool>,
    requests: Arc<AtomicUsize>,
    accept: Option<JoinHandle<()>>,
    connections: Arc<Mutex<Vec<Connection>>>,
}

struct Connection {
    stream: TcpStream,
    handle: JoinHandle<()>,
}

impl std::fmt::Debug for FaultyHttp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaultyHttp")
            .field("url", &self.url)
            .field("requests", &self.requests())
            .finish_non_exhaustive()
    }
}

impl FaultyHttp {
    /// Listens on `127.0.0.1:<free port>`.
    pub fn start(fault: Fault) -> Result<Self, TestkitError> {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .map_err(|e| TestkitError::io("cannot bind 127.0.0.1:0", e))?;
        let port = listener
            .local_addr()
            .map_err(|e| TestkitError::io("cannot read the bound address", e))?
            .port();
        // Non-blocking accept, so the accept thread notices `stop` without a wake-up connection.
        listener
            .set_nonblocking(true)
            .map_err(|e| TestkitError::io("cannot make the listener non-blocking", e))?;
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(AtomicUsize::new(0));
        let connections: Arc<Mutex<Vec<Connection>>> = Arc::default();
        let accept = {
            let (stop, requests, connections) =
                (stop.clone(), requests.clone(), connections.clone());
            let fault = Arc::new(fault);
            thread::Builder::new()
                .name("faulty-http-accept".to_string())
                .spawn(move || accept_loop(&listener, &fault, &stop, &requests, &connections))
                .map_err(|e| TestkitError::io("cannot start the accept thread", e))?
        };
        Ok(Self {
            url: format!("http://127.0.0.1:{port}/graphql"),
            stop,
            requests,
            accept: Some(accept),
            connections,
        })
    }

    /// `http://127.0.0.1:PORT/graphql` (any other path gets the same answer).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// How many requests were read completely so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for FaultyHttp {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // The accept thread polls `stop`; once it is joined no connection can be added.
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
        let connections = std::mem::take(
            &mut *self
                .connections
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
        // Shutting the sockets down wakes any thread blocked reading or writing them.
        for connection in &connections {
            let _ = connection.stream.shutdown(Shutdown::Both);
        }
        for connection in connections {
            let _ = connection.handle.join();
        }
    }
}

fn accept_loop(
    listener: &TcpListener,
    fault: &Arc<Fault>,
    stop: &Arc<AtomicBool>,
    requests: &Arc<AtomicUsize>,
    connections: &Mutex<Vec<Connection>>,
) {
    while !stop.load(Ordering::SeqCst) {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => {
                // WouldBlock (nothing to accept) or a transient error.
                thread::sleep(Duration::from_millis(5));
                continue;
            }
        };
        let Ok(handle_stream) = stream
            .set_nonblocking(false)
            .and_then(|()| stream.try_clone())
        else {
            continue;
        };
        let (fault, requests) = (fault.clone(), requests.clone());
        let handle = thread::Builder::new()
            .name("faulty-http-conn".to_string())
            .spawn(move || serve(handle_stream, &fault, &requests));
        if let Ok(handle) = handle {
            let mut list = connections.lock().unwrap_or_else(PoisonError::into_inner);
            // Forget the finished ones (joining a finished thread returns at once).
            let (done, open): (Vec<_>, Vec<_>) =
                list.drain(..).partition(|c| c.handle.is_finished());
            for connection in done {
                let _ = connection.handle.join();
            }
            *list = open;
            list.push(Connection { stream, handle });
        }
    }
}

/// Reads one request, then answers it with `fault`. Write errors (the client left) end it.
fn serve(mut stream: TcpStream, fault: &Fault, requests: &AtomicUsize) {
    if read_request(&mut stream).is_err() {
        return;
    }
    requests.fetch_add(1, Ordering::SeqCst);
    let _ = match fault {
        Fault::Status {
            code,
            body,
            content_type,
        } => respond(&mut stream, *code, content_type, body.as_bytes()),
        Fault::Json(body) => respond(&mut stream, 200, "application/json", body.as_bytes()),
        Fault::Huge {
            bytes,
            content_length,
        } => huge(&mut stream, *bytes, *content_length),
        Fault::Hang => {
            // Read (and drop) until the client closes or the server shuts the socket down.
            let mut buf = [0u8; 1024];
            while matches!(stream.read(&mut buf), Ok(n) if n > 0) {}
            Ok(())
        }
    };
}

const MAX_HEAD: usize = 64 * 1024;
const MAX_BODY: usize = 64 * 1024 * 1024;

/// Reads the request head and its body (by `Content-Length`, or up to the last chunk).
fn read_request(stream: &mut TcpStream) -> io::Result<()> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = find(&data, b"\r\n\r\n") {
            break at + 4;
        }
        if data.len() > MAX_HEAD {
            return Err(io::Error::other("request head too large"));
        }
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).to_ascii_lowercase();
    let header = |name: &str| {
        head.lines()
            .filter_map(|line| line.split_once(':'))
            .find(|(key, _)| key.trim() == name)
            .map(|(_, value)| value.trim().to_string())
    };
    let chunked = header("transfer-encoding").is_some_and(|v| v.contains("chunked"));
    let length: usize = header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = data.split_off(head_end);
    loop {
        let complete = if chunked {
            body.starts_with(b"0\r\n\r\n") || find(&body, b"\r\n0\r\n\r\n").is_some()
        } else {
            body.len() >= length
        };
        if complete {
            return Ok(());
        }
        if body.len() > MAX_BODY {
            return Err(io::Error::other("request body too large"));
        }
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        body.extend_from_slice(&buf[..n]);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

fn respond(stream: &mut TcpStream, code: u16, content_type: &str, body: &[u8]) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {code} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        reason(code),
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

fn huge(stream: &mut TcpStream, bytes: usize, content_length: bool) -> io::Result<()> {
    let framing = if content_length {
        format!("Content-Length: {bytes}")
    } else {
        "Transfer-Encoding: chunked".to_string()
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{framing}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes())?;
    huge_body(bytes, |piece| {
        if content_length {
            stream.write_all(piece)
        } else if piece.is_empty() {
            Ok(())
        } else {
            stream.write_all(format!("{:x}\r\n", piece.len()).as_bytes())?;
            stream.write_all(piece)?;
            stream.write_all(b"\r\n")
        }
    })?;
    if !content_length {
        stream.write_all(b"0\r\n\r\n")?;
    }
    stream.flush()
}

const HUGE_PREFIX: &[u8] = br#"{"data":{"__schema":{"types":["#;
const HUGE_SUFFIX: &[u8] = b"]}}}";
const PIECE: usize = 64 * 1024;

/// Produces exactly `total` bytes of an introspection-like JSON document, piece by piece (never
/// the whole body in memory): the prefix, object types `{"kind":"OBJECT","name":"T00000000",
/// "fields":[]}` separated by commas, spaces to fill the last gap, and the closing `]}}}`.
fn huge_body(total: usize, mut sink: impl FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
    let frame = HUGE_PREFIX.len() + HUGE_SUFFIX.len();
    if total < frame {
        let whole = [HUGE_PREFIX, HUGE_SUFFIX].concat();
        return sink(whole.get(..total).unwrap_or_default());
    }
    let mut piece = Vec::with_capacity(PIECE + 128);
    piece.extend_from_slice(HUGE_PREFIX);
    let mut left = total - frame;
    let mut n: u64 = 0;
    loop {
        let comma = if n == 0 { "" } else { "," };
        let item = format!(r#"{comma}{{"kind":"OBJECT","name":"T{n:08}","fields":[]}}"#);
        if item.len() > left {
            break;
        }
        left -= item.len();
        piece.extend_from_slice(item.as_bytes());
        n += 1;
        if piece.len() >= PIECE {
            sink(&piece)?;
            piece.clear();
        }
    }
    // Fewer bytes remain than one more type needs: whitespace is valid JSON between tokens.
    piece.resize(piece.len() + left, b' ');
    piece.extend_from_slice(HUGE_SUFFIX);
    sink(&piece)
}

#[cfg(test)]
mod tests {
    use super::huge_body;

    fn body(total: usize) -> Vec<u8> {
        let mut out = Vec::new();
        huge_body(total, |piece| {
            assert!(piece.len() <= 2 * 64 * 1024, "pieces stay bounded");
            out.extend_from_slice(piece);
            Ok(())
        })
        .expect("writing to a Vec cannot fail");
        out
    }

    #[test]
    fn the_huge_body_has_exactly_the_asked_size_and_is_json() {
        for total in [35, 36, 80, 81, 82, 1000, 65_536, 65_537, 300_001] {
            let bytes = body(total);
            assert_eq!(bytes.len(), total, "exact size for {total}");
            let parsed = serde_json::from_slice::<serde_json::Value>(&bytes);
            assert!(parsed.is_ok(), "body of {total} bytes is JSON: {parsed:?}");
            let json = parsed.expect("checked just above");
            assert!(
                json["data"]["__schema"]["types"].is_array(),
                "introspection-like shape for {total}"
            );
        }
    }

    #[test]
    fn a_body_smaller_than_the_frame_is_cut() {
        assert_eq!(body(0), b"", "zero bytes");
        assert_eq!(body(9), br#"{"data":{"#, "the first nine bytes");
    }
}
