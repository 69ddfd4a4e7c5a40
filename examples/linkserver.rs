//! Loopback HTTP servers for the link benchmark: one per address given, each
//! answering every request after a fixed latency (the server of tests/links.rs).

// Usage: linkserver LATENCY_MS ADDRESS...
// Prints ADDRESS:PORT per server, then serves until standard input closes.

#[path = "../tests/support/server.rs"]
mod server;

use std::io::Read;
use std::time::Duration;

fn main() {
    let mut args = std::env::args().skip(1);
    let latency = args
        .next()
        .and_then(|a| a.parse::<u64>().ok())
        .map(Duration::from_millis);
    let addresses: Vec<String> = args.collect();
    let Some(latency) = latency.filter(|_| !addresses.is_empty()) else {
        eprintln!("usage: linkserver LATENCY_MS ADDRESS...");
        std::process::exit(2);
    };
    let mut servers = Vec::new();
    for a in &addresses {
        match server::Server::start(a, latency) {
            Ok(s) => servers.push(s),
            Err(e) => {
                eprintln!("cannot listen on {a}: {e}");
                std::process::exit(2);
            }
        }
    }
    for s in &servers {
        println!("{}", s.addr);
    }
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
    for s in &servers {
        eprintln!(
            "{}: {} requests, at most {} at once",
            s.addr,
            s.total(),
            s.peak()
        );
    }
}
