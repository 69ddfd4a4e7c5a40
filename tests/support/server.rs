//! A small HTTP/1.1 server on a loopback address for the link tests and the
//! link benchmark: fixed paths for every answer a checker must handle, and
//! counters of requests per method and path and of peak concurrency.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// The first bytes of a PNG file.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

#[derive(Default)]
struct Shared {
    counts: Mutex<HashMap<(String, String), usize>>,
    in_flight: AtomicUsize,
    peak: AtomicUsize,
    bytes_sent: AtomicU64,
    stop: AtomicBool,
    /// Every request line and header line received, as sent.
    lines: Mutex<Vec<String>>,
}

/// A running server; stops when dropped.
pub struct Server {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

impl Server {
    /// Listens on `ip` (e.g. "127.0.0.1") at a free port; every answer waits `latency` first.
    pub fn start(ip: &str, latency: Duration) -> std::io::Result<Server> {
        let listener = TcpListener::bind((ip, 0))?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::default());
        let s = shared.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if s.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let s = s.clone();
                std::thread::spawn(move || serve(conn, &s, latency));
            }
        });
        Ok(Server { addr, shared })
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Requests received for `path` with `method` ("HEAD", "GET").
    pub fn count(&self, method: &str, path: &str) -> usize {
        let c = counts(&self.shared);
        c.get(&(method.to_string(), path.to_string()))
            .copied()
            .unwrap_or(0)
    }

    /// Requests received for `path`, any method.
    pub fn hits(&self, path: &str) -> usize {
        self.count("HEAD", path) + self.count("GET", path)
    }

    pub fn total(&self) -> usize {
        counts(&self.shared).values().sum()
    }

    /// The most requests this server handled at once.
    pub fn peak(&self) -> usize {
        self.shared.peak.load(Ordering::SeqCst)
    }

    pub fn bytes_sent(&self) -> u64 {
        self.shared.bytes_sent.load(Ordering::SeqCst)
    }

    /// The request and header lines received that contain `needle`
    /// (case-insensitive).
    pub fn lines_with(&self, needle: &str) -> Vec<String> {
        let needle = needle.to_ascii_lowercase();
        let lines = self
            .shared
            .lines
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        lines
            .iter()
            .filter(|l| l.to_ascii_lowercase().contains(&needle))
            .cloned()
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(100));
    }
}

fn counts(s: &Shared) -> MutexGuard<'_, HashMap<(String, String), usize>> {
    s.counts.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A port on `ip` where nothing listens.
pub fn closed_port(ip: &str) -> std::io::Result<SocketAddr> {
    TcpListener::bind((ip, 0))?.local_addr()
}

struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    /// Announced length of a body streamed from `body` repeated (the 50 MB case).
    streamed: Option<u64>,
}

fn answer(status: u16, content_type: &str, body: &[u8]) -> Answer {
    Answer {
        status,
        headers: vec![("Content-Type", content_type.to_string())],
        body: body.to_vec(),
        streamed: None,
    }
}

fn redirect(status: u16, to: &str) -> Answer {
    Answer {
        status,
        headers: vec![("Location", to.to_string())],
        body: Vec::new(),
        streamed: None,
    }
}

/// The answer for a path; `n` is how many requests this path got so far,
/// this one included.
fn route(method: &str, path: &str, n: usize) -> Option<Answer> {
    let png = || answer(200, "image/png", PNG);
    Some(match path {
        "/image.png" | "/target.png" => png(),
        "/404" => answer(404, "text/html", b"<h1>not found</h1>"),
        "/410" => answer(410, "text/html", b"<h1>gone</h1>"),
        "/500-then-200" if n == 1 => answer(500, "text/html", b"oops"),
        "/500-then-200" => png(),
        "/503" => answer(503, "text/html", b"busy"),
        "/429-then-200" if n == 1 => {
            let mut a = answer(429, "text/html", b"slow down");
            a.headers.push(("Retry-After", "1".into()));
            a
        }
        "/429-then-200" => png(),
        "/page.html" => answer(
            200,
            "text/html; charset=utf-8",
            b"<!doctype html><p>home</p>",
        ),
        "/moved.png" => redirect(301, "/target.png"),
        "/temporary.png" => redirect(302, "/target.png"),
        "/loop-a" => redirect(302, "/loop-b"),
        "/loop-b" => redirect(302, "/loop-a"),
        "/head-405.png" if method == "HEAD" => answer(405, "text/plain", b""),
        "/head-405.png" => png(),
        "/octet.png" => answer(200, "application/octet-stream", PNG),
        "/big.bin" if method == "HEAD" => answer(405, "text/plain", b""),
        "/big.bin" => Answer {
            status: 200,
            headers: vec![("Content-Type", "application/octet-stream".into())],
            body: b"\xff\xd8\xff\xe0"
                .iter()
                .copied()
                .cycle()
                .take(64 * 1024)
                .collect(),
            streamed: Some(50 * 1024 * 1024),
        },
        // Never answered: a hanging server (`/never`, `/never/1.png`, …).
        p if p == "/never" || p.starts_with("/never/") => return None,
        p if p.starts_with("/chain/") => {
            let n: u32 = p["/chain/".len()..].parse().unwrap_or(0);
            redirect(301, &format!("/chain/{}", n + 1))
        }
        p if p.starts_with("/img/") => png(),
        _ => answer(404, "text/html", b"no such path"),
    })
}

fn remember(s: &Shared, line: &str) {
    s.lines
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(line.trim_end().to_string());
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        405 => "Method Not Allowed",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Other",
    }
}

fn serve(conn: TcpStream, s: &Shared, latency: Duration) {
    let _ = conn.set_nodelay(true);
    let Ok(mut out) = conn.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(conn);
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        remember(s, &line);
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_string();
        let path = parts.next().unwrap_or_default().to_string();
        let mut close = false;
        loop {
            let mut h = String::new();
            match reader.read_line(&mut h) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            if h == "\r\n" || h == "\n" {
                break;
            }
            remember(s, &h);
            if h.to_ascii_lowercase().starts_with("connection: close") {
                close = true;
            }
        }
        if s.stop.load(Ordering::SeqCst) {
            return;
        }
        let n = {
            let mut c = counts(s);
            let e = c.entry((method.clone(), path.clone())).or_default();
            *e += 1;
            let same_path: usize = c
                .iter()
                .filter(|((_, p), _)| *p == path)
                .map(|(_, v)| *v)
                .sum();
            same_path
        };
        let now = s.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        s.peak.fetch_max(now, Ordering::SeqCst);
        std::thread::sleep(latency);
        let Some(a) = route(&method, &path, n) else {
            // Never answer: hold the connection until the client gives up.
            let until = Instant::now() + Duration::from_secs(30);
            while Instant::now() < until && !s.stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(20));
            }
            s.in_flight.fetch_sub(1, Ordering::SeqCst);
            return;
        };
        let len = a.streamed.unwrap_or(a.body.len() as u64);
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Length: {len}\r\n",
            a.status,
            reason(a.status)
        );
        for (k, v) in &a.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        // Done before the answer leaves: a client that has it may send its
        // next request at once, and must not be counted twice.
        s.in_flight.fetch_sub(1, Ordering::SeqCst);
        let mut ok = out.write_all(head.as_bytes()).is_ok();
        if ok && method != "HEAD" {
            match a.streamed {
                Some(total) => {
                    let mut sent = 0u64;
                    while ok && sent < total {
                        ok = out.write_all(&a.body).is_ok();
                        if ok {
                            sent += a.body.len() as u64;
                            s.bytes_sent
                                .fetch_add(a.body.len() as u64, Ordering::SeqCst);
                        }
                    }
                }
                None => {
                    ok = out.write_all(&a.body).is_ok();
                    s.bytes_sent
                        .fetch_add(a.body.len() as u64, Ordering::SeqCst);
                }
            }
        }
        let _ = out.flush();
        if !ok || close || a.streamed.is_some() {
            return;
        }
    }
}
