//! The link phase against a loopback server the tests start themselves:
//! result classes, request counts, the per-host limit, the address guard,
//! the cache and the CLI output. No test touches any other address.

mod common;
#[path = "support/server.rs"]
mod server;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use postlint::config::{Settings, parse_config};
use postlint::links::fetch::{FetchOptions, HttpChecker, ProxySetting, default_user_agent};
use postlint::links::outcome::{FailureKind, Outcome, OutcomeClass};
use postlint::links::phase::{self, FileLinks, RemoteUse, RunOptions, UrlSyntax};
use postlint::links::pool::{self, Checked, Checker, Limits};
use postlint::links::resolver::Lookup;
use postlint::resources::ResourceKind;
use server::{Server, closed_port};
use url::Url;

fn options(allow_private: bool) -> FetchOptions {
    FetchOptions {
        // Generous: a loaded CI machine must not turn an answer into a timeout.
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(2),
        max_redirects: 5,
        user_agent: default_user_agent(),
        proxy: ProxySetting::None,
        allow_private,
        max_idle: 64,
        max_idle_per_host: 4,
    }
}

fn limits() -> Limits {
    Limits {
        max_concurrency: 64,
        host_concurrency: 4,
        retries: 2,
        backoff: Duration::from_millis(50),
        max_retry_after: Duration::from_secs(2),
        url_deadline: Duration::from_secs(60),
        host_timeouts: 3,
        budget: None,
    }
}

/// A checker that may reach the loopback test server, with `timeout` per attempt.
fn checker(timeout: Duration) -> HttpChecker {
    HttpChecker::new(FetchOptions {
        timeout,
        ..options(true)
    })
    .unwrap()
}

fn check_paths(
    s: &Server,
    paths: &[&str],
    extra: &[String],
    timeout: Duration,
) -> HashMap<String, Checked> {
    let checker = checker(timeout);
    let urls: Vec<Url> = paths
        .iter()
        .map(|p| s.url(p))
        .chain(extra.iter().cloned())
        .map(|u| Url::parse(&u).unwrap())
        .collect();
    let out = pool::check_all(&urls, &checker, &limits(), &|_, _| {});
    urls.iter().map(|u| u.path().to_string()).zip(out).collect()
}

fn response(c: &Checked) -> &postlint::links::outcome::Response {
    match &c.outcome {
        Outcome::Response(r) => r,
        other => panic!("expected a response, got {other:?}"),
    }
}

fn failure(c: &Checked) -> FailureKind {
    match &c.outcome {
        Outcome::Failed(f) => f.kind,
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[test]
fn every_answer_gets_its_class_and_the_expected_requests() {
    let s = Server::start("127.0.0.1", Duration::ZERO).unwrap();
    let closed = format!("http://{}/closed.png", closed_port("127.0.0.1").unwrap());
    let paths = [
        "/image.png",
        "/404",
        "/410",
        "/500-then-200",
        "/503",
        "/429-then-200",
        "/page.html",
        "/moved.png",
        "/temporary.png",
        "/loop-a",
        "/chain/0",
        "/head-405.png",
        "/octet.png",
        "/big.bin",
    ];
    let start = Instant::now();
    let r = check_paths(&s, &paths, &[closed], Duration::from_secs(2));
    let elapsed = start.elapsed();

    // 200 image: one HEAD, nothing else.
    assert!(response(&r["/image.png"]).is_image());
    assert_eq!(
        (s.count("HEAD", "/image.png"), s.count("GET", "/image.png")),
        (1, 0)
    );
    // 404 and 410: dead at once, no retry.
    for p in ["/404", "/410"] {
        assert_eq!(r[p].outcome.class(), OutcomeClass::Dead, "{p}");
        assert_eq!((r[p].attempts, s.hits(p)), (1, 1), "{p}");
    }
    // 500 then 200: one retry.
    assert_eq!(r["/500-then-200"].outcome.class(), OutcomeClass::Reached);
    assert_eq!(
        (
            r["/500-then-200"].attempts,
            s.count("HEAD", "/500-then-200")
        ),
        (2, 2)
    );
    // 503 always: transient after 1 + 2 retries.
    assert_eq!(response(&r["/503"]).status, 503);
    assert_eq!(r["/503"].outcome.class(), OutcomeClass::Transient);
    assert_eq!((r["/503"].attempts, s.hits("/503")), (3, 3));
    // 429 with Retry-After: 1, then 200: waited the second.
    assert_eq!(r["/429-then-200"].outcome.class(), OutcomeClass::Reached);
    assert_eq!(s.hits("/429-then-200"), 2);
    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    // HTML with 200: reached, but not an image (PL402).
    assert!(!response(&r["/page.html"]).is_image());
    assert_eq!(
        response(&r["/page.html"]).content_type.as_deref(),
        Some("text/html")
    );
    // 301 to an image: the permanent target is known (PL403).
    let moved = response(&r["/moved.png"]);
    assert!(moved.is_image());
    assert_eq!(moved.moved_to(), Some(s.url("/target.png").as_str()));
    assert_eq!(s.hits("/moved.png"), 1);
    assert_eq!(response(&r["/temporary.png"]).moved_to(), None);
    assert_eq!(s.hits("/target.png"), 2, "one hop from each redirect");
    // 302 loop: reported as a loop after one request to each page.
    assert_eq!(failure(&r["/loop-a"]), FailureKind::RedirectLoop);
    assert_eq!((s.hits("/loop-a"), s.hits("/loop-b")), (1, 1));
    // An endless chain: given up after the limit (5) is passed.
    assert_eq!(failure(&r["/chain/0"]), FailureKind::TooManyRedirects);
    assert_eq!(
        (0..7)
            .map(|i| s.hits(&format!("/chain/{i}")))
            .sum::<usize>(),
        6
    );
    // HEAD 405, GET 200.
    assert!(response(&r["/head-405.png"]).is_image());
    assert_eq!(
        (
            s.count("HEAD", "/head-405.png"),
            s.count("GET", "/head-405.png")
        ),
        (1, 1)
    );
    // application/octet-stream: one GET to look at the first bytes.
    assert_eq!(
        response(&r["/octet.png"]).sniffed.as_deref(),
        Some("image/png")
    );
    assert_eq!(
        (s.count("HEAD", "/octet.png"), s.count("GET", "/octet.png")),
        (1, 1)
    );
    // 50 MB body: HEAD refused, GET stops after the first bytes.
    assert_eq!(
        response(&r["/big.bin"]).sniffed.as_deref(),
        Some("image/jpeg")
    );
    assert_eq!(s.count("GET", "/big.bin"), 1);
    assert!(
        s.bytes_sent() < 16 * 1024 * 1024,
        "{} bytes sent",
        s.bytes_sent()
    );
    // A closed port: refused, retried.
    assert_eq!(failure(&r["/closed.png"]), FailureKind::ConnectionRefused);
    assert_eq!(r["/closed.png"].attempts, 3);
    assert!(elapsed < Duration::from_secs(4), "{elapsed:?}");

    // A server that never answers: a timeout (short here), retried.
    let start = Instant::now();
    let r = check_paths(&s, &["/never"], &[], Duration::from_millis(300));
    assert_eq!(failure(&r["/never"]), FailureKind::Timeout);
    assert_eq!(r["/never"].outcome.class(), OutcomeClass::Transient);
    assert_eq!((r["/never"].attempts, s.hits("/never")), (3, 3));
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn per_host_limit_holds() {
    let s = Server::start("127.0.0.1", Duration::from_millis(60)).unwrap();
    let paths: Vec<String> = (0..24).map(|i| format!("/img/{i}.png")).collect();
    let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    let r = check_paths(&s, &refs, &[], Duration::from_secs(2));
    assert!(
        r.values()
            .all(|c| c.outcome.class() == OutcomeClass::Reached)
    );
    assert_eq!(s.total(), 24);
    assert_eq!(
        s.peak(),
        4,
        "the per-host limit is 4 and there was work for more"
    );
}

#[test]
fn private_addresses_are_refused_after_the_name_lookup() {
    let s = Server::start("127.0.0.1", Duration::ZERO).unwrap();
    let port = s.addr.port();
    // A name that resolves to 127.0.0.1 (here through a lookup the test
    // controls, as DNS would) is refused, and so is `localhost` and an IP.
    let lookup: postlint::links::resolver::Lookup =
        Arc::new(|_, port| Ok(vec![SocketAddr::from(([127, 0, 0, 1], port))]));
    let guarded = HttpChecker::with_lookup(options(false), Some(lookup.clone())).unwrap();
    for url in [
        format!("http://images.example.com:{port}/image.png"),
        format!("http://localhost:{port}/image.png"),
        format!("http://127.0.0.1:{port}/image.png"),
        format!("http://[::ffff:127.0.0.1]:{port}/image.png"),
    ] {
        match guarded.check(&Url::parse(&url).unwrap()) {
            Outcome::Blocked(b) => assert_eq!(b.why, "a loopback address", "{url}"),
            other => panic!("{url}: {other:?}"),
        }
    }
    assert_eq!(s.total(), 0, "nothing reached the server");
    // With allow-private the same name reaches the server: the lookup is
    // what the connection used.
    let open = HttpChecker::with_lookup(options(true), Some(lookup)).unwrap();
    let url = Url::parse(&format!("http://images.example.com:{port}/image.png")).unwrap();
    assert_eq!(open.check(&url).class(), OutcomeClass::Reached);
    assert_eq!(s.total(), 1);
    // Only http and https are fetched: a redirect elsewhere is a failure.
    let other = Url::parse("ftp://127.0.0.1/a.png").unwrap();
    assert_ne!(open.check(&other).class(), OutcomeClass::Reached);
}

// The command line, end to end.

fn site(files: &[(String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

const CONFIG: &str = "[links]\nallow-private = true\ntimeout-secs = 2.0\nretries = 0\n[rules]\nignore = [\"PL305\"]\n";

fn with_image(url: &str) -> String {
    format!(
        "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\nfeature_image: \"{url}\"\n---\n\n<p><img src=\"{url}\" alt=\"\"></p>\n"
    )
}

#[test]
fn hundred_posts_sharing_one_url_make_one_request() {
    let s = Server::start("127.0.0.1", Duration::ZERO).unwrap();
    let mut files: Vec<(String, String)> = (0..100)
        .map(|i| {
            (
                format!("_posts/p{i}.html"),
                with_image(&s.url("/image.png")),
            )
        })
        .collect();
    files.push((
        "postlint.toml".into(),
        CONFIG.replacen("[links]\n", "[links]\ncache = false\n", 1),
    ));
    let d = site(&files);
    let o = postlint(d.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        stdout(&o).trim(),
        "No problems found in 100 files; 1 remote URL checked (0 from the cache)"
    );
    assert_eq!(s.total(), 1, "200 uses, one unique URL, one HEAD");
    assert!(
        !d.path().join(".postlint-cache/links-v1.json").exists(),
        "links.cache = false"
    );
}

#[test]
fn findings_point_at_the_url_and_pl403_carries_its_fix() {
    let s = Server::start("127.0.0.1", Duration::ZERO).unwrap();
    let moved = s.url("/moved.png");
    let post = format!(
        "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\nfeature_image: \"{moved}\"\n---\n\n<p><img src=\"{}\" alt=\"\"><img src=\"{}\" alt=\"\"></p>\n<p><a href=\"{}\">weg</a></p>\n",
        s.url("/404"),
        s.url("/page.html"),
        s.url("/410"),
    );
    let d = site(&[
        ("_posts/a.html".into(), post.clone()),
        ("postlint.toml".into(), CONFIG.into()),
    ]);
    let o = postlint(d.path(), &["check", "--format", "json", "--no-cache"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let found: Vec<(String, String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            let r = &x["byte_range"];
            let span = &post[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize];
            (
                x["code"].as_str().unwrap().to_string(),
                span.to_string(),
                x["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "PL403".to_string(),
                moved.clone(),
                format!("image moved permanently to `{}`", s.url("/target.png"))
            ),
            (
                "PL401".to_string(),
                s.url("/404"),
                "image unreachable: 404 Not Found".to_string()
            ),
            (
                "PL402".to_string(),
                s.url("/page.html"),
                "not an image: the server sends `text/html`".to_string()
            ),
        ],
        "links are not checked without --links"
    );
    let fix = &doc["diagnostics"][0]["fix"];
    assert_eq!(fix["applicability"], "unsafe");
    assert_eq!(fix["edits"][0]["content"], s.url("/target.png").as_str());
    assert_eq!(s.hits("/410"), 0);
    assert_eq!(doc["summary"]["links"]["urls"], 3);

    // --links adds PL405, a warning by default.
    let o = postlint(d.path(), &["check", "--links", "--no-cache"]);
    let out = stdout(&o);
    assert!(out.contains("PL405 unreachable-link"), "{out}");
    assert!(out.contains("link unreachable: 410 Gone"), "{out}");
    assert!(out.contains("4 remote URLs checked"), "{out}");
    assert_eq!(s.hits("/410"), 1);
}

#[test]
fn private_addresses_need_allow_private_and_offline_fetches_nothing() {
    let s = Server::start("127.0.0.1", Duration::ZERO).unwrap();
    let d = site(&[
        ("_posts/a.html".into(), with_image(&s.url("/image.png"))),
        (
            "postlint.toml".into(),
            "[rules]\nignore = [\"PL305\"]\n".into(),
        ),
    ]);
    let o = postlint(d.path(), &["check", "--no-cache"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("PL406 blocked-address"), "{out}");
    assert!(
        out.contains("resolves to 127.0.0.1, a loopback address"),
        "{out}"
    );
    assert_eq!(s.total(), 0);
    let o = postlint(d.path(), &["check", "--no-cache", "--allow-private"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(s.total(), 1);
    let o = postlint(d.path(), &["check", "--offline"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o).trim(),
        "No problems found in 1 file; remote URLs not checked (offline)"
    );
    let o = postlint(
        d.path(),
        &[
            "check",
            "--allow-private",
            "--no-cache",
            "--exclude",
            "image\\.png$",
        ],
    );
    assert_eq!(stdout(&o).trim(), "No problems found in 1 file");
    assert_eq!(s.total(), 1, "--offline and --exclude fetch nothing");
}

#[test]
fn the_cache_answers_the_second_run_and_survives_corruption() {
    let s = Server::start("127.0.0.1", Duration::ZERO).unwrap();
    let d = site(&[
        ("_posts/a.html".into(), with_image(&s.url("/image.png"))),
        ("_posts/b.html".into(), with_image(&s.url("/page.html"))),
        ("_posts/c.html".into(), with_image(&s.url("/404"))),
        ("postlint.toml".into(), CONFIG.into()),
    ]);
    let first = postlint(d.path(), &["check"]);
    assert_eq!(first.status.code(), Some(1));
    assert_eq!(s.total(), 3);
    let cache = d.path().join(".postlint-cache/links-v1.json");
    assert!(cache.is_file());

    let second = postlint(d.path(), &["check"]);
    assert_eq!(
        stdout(&second),
        stdout(&first).replace("(0 from the cache)", "(2 from the cache)")
    );
    assert_eq!(
        s.hits("/image.png") + s.hits("/page.html"),
        2,
        "no new request for successes"
    );
    assert_eq!(s.hits("/404"), 2, "failures are never cached");

    // A truncated cache is discarded with a warning, and rewritten.
    let text = std::fs::read(&cache).unwrap();
    std::fs::write(&cache, &text[..text.len() / 2]).unwrap();
    let third = postlint(d.path(), &["check"]);
    assert_no_panic(&third);
    assert!(
        stderr(&third).contains("was discarded: it is corrupt"),
        "{}",
        stderr(&third)
    );
    assert_eq!(stdout(&third), stdout(&first));
    assert_eq!(s.hits("/image.png"), 2);
    let fourth = postlint(d.path(), &["check", "--no-cache"]);
    assert_eq!(s.hits("/image.png"), 3, "--no-cache ignores the file");
    assert_eq!(stdout(&fourth), stdout(&first));

    // All successes: a second run makes no request at all.
    let ok = Server::start("127.0.0.1", Duration::ZERO).unwrap();
    let d = site(&[
        ("_posts/a.html".into(), with_image(&ok.url("/image.png"))),
        ("_posts/b.html".into(), with_image(&ok.url("/target.png"))),
        ("postlint.toml".into(), CONFIG.into()),
    ]);
    postlint(d.path(), &["check"]);
    assert_eq!(ok.total(), 2);
    let again = postlint(d.path(), &["check"]);
    assert_eq!(ok.total(), 2, "the second run made zero requests");
    assert!(stdout(&again).contains("2 remote URLs checked (2 from the cache)"));
}

/// A file without front matter is not a post: its images are not fetched,
/// on a warm run (its report from the cache) no more than on a cold one.
#[test]
fn a_skipped_file_from_the_cache_has_no_urls_to_check() {
    let s = Server::start("127.0.0.1", Duration::ZERO).unwrap();
    let page = format!("<p><img src=\"{}\" alt=\"\"></p>\n", s.url("/404"));
    let d = site(&[
        ("pages/about.html".into(), page),
        (
            "_posts/a.html".into(),
            "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n".into(),
        ),
        ("postlint.toml".into(), CONFIG.into()),
    ]);
    let cold = postlint(d.path(), &["check"]);
    assert_eq!(s.total(), 0, "{}", stdout(&cold));
    let warm = postlint(d.path(), &["check"]);
    assert_eq!(s.total(), 0, "{}", stdout(&warm));
    assert_eq!(stdout(&warm), stdout(&cold));
    assert_eq!(warm.status.code(), Some(0), "{}", stdout(&warm));
}

/// Suppression comments cover the findings of the link phase too, and a
/// suppression of a link rule is not "unused" before that phase ran.
#[test]
fn link_findings_can_be_suppressed() {
    let s = Server::start("127.0.0.1", Duration::ZERO).unwrap();
    let url = s.url("/404");
    let post = format!(
        "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n\n<!-- postlint-disable-next-line PL401 -->\n<p><img src=\"{url}\" alt=\"\"></p>\n<p><img src=\"{url}\" alt=\"\"></p>\n"
    );
    let d = site(&[
        ("_posts/a.html".into(), post),
        ("postlint.toml".into(), CONFIG.into()),
    ]);
    for _ in 0..2 {
        // The second run takes the offline findings from the cache.
        let o = postlint(d.path(), &["check", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let found: Vec<(String, u64)> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["start"]["line"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(found, [("PL401".to_string(), 8)], "{v}");
    }
}

// Time bounds: a dead server must not hold a run.

fn hanging(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("/never/{i}.png")).collect()
}

fn check_with(s: &Server, paths: &[String], timeout: Duration, limits: &Limits) -> Vec<Checked> {
    let checker = checker(timeout);
    let urls: Vec<Url> = paths
        .iter()
        .map(|p| Url::parse(&s.url(p)).unwrap())
        .collect();
    pool::check_all(&urls, &checker, limits, &|_, _| {})
}

fn detail(c: &Checked) -> (FailureKind, String) {
    match &c.outcome {
        Outcome::Failed(f) => (f.kind, f.detail.clone()),
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[test]
fn a_host_that_keeps_timing_out_gets_no_more_requests() {
    let s = Server::start("127.0.0.1", Duration::ZERO).unwrap();
    let deadline = Duration::from_secs(2);
    let l = Limits {
        url_deadline: deadline,
        ..limits()
    };
    let start = Instant::now();
    let out = check_with(&s, &hanging(40), Duration::from_secs(1), &l);
    let elapsed = start.elapsed();
    assert!(elapsed < deadline * 3, "{elapsed:?}");
    // 4 in flight at once; after a timeout no new request goes out while
    // 1 is in flight, and the 3rd timeout stops the host.
    assert!(
        (3..=4).contains(&s.total()),
        "{} requests for 40 URLs",
        s.total()
    );
    let attempts: u32 = out.iter().map(|c| c.attempts).sum();
    assert_eq!(attempts as usize, s.total(), "every attempt counted");
    let stopped: Vec<_> = out.iter().filter(|c| c.attempts == 0).collect();
    assert!(stopped.len() >= 34, "{} not tried", stopped.len());
    for c in &stopped {
        assert_eq!(
            detail(c),
            (
                FailureKind::HostStopped,
                "127.0.0.1 stopped answering after 3 timeouts; not tried".to_string()
            )
        );
    }
    assert!(
        out.iter()
            .all(|c| c.outcome.class() == OutcomeClass::Transient)
    );
    assert!(
        out.iter()
            .filter(|c| c.attempts > 0)
            .all(|c| detail(c).0 == FailureKind::Timeout)
    );
}

#[test]
fn a_url_gets_one_deadline_over_all_its_attempts() {
    let s = Server::start("127.0.0.1", Duration::ZERO).unwrap();
    let l = Limits {
        retries: 5,
        url_deadline: Duration::from_millis(1500),
        host_timeouts: 0,
        ..limits()
    };
    let start = Instant::now();
    let out = check_with(&s, &hanging(1), Duration::from_secs(1), &l);
    let elapsed = start.elapsed();
    // 1 s, then what is left of the 1.5 s; without the deadline, 6 attempts
    // of 1 s and 1.55 s of backoff.
    assert!(elapsed < Duration::from_millis(4500), "{elapsed:?}");
    assert_eq!(detail(&out[0]).0, FailureKind::Timeout);
    assert!(out[0].attempts <= 2, "{:?}", out[0]);
    assert_eq!(out[0].attempts as usize, s.hits("/never/0.png"));
}

#[test]
fn the_budget_ends_the_phase_and_says_what_was_not_tried() {
    let s = Server::start("127.0.0.1", Duration::ZERO).unwrap();
    let budget = Duration::from_millis(1500);
    let l = Limits {
        url_deadline: Duration::from_secs(20),
        host_timeouts: 0,
        budget: Some(budget),
        ..limits()
    };
    let start = Instant::now();
    let out = check_with(&s, &hanging(20), Duration::from_secs(1), &l);
    let elapsed = start.elapsed();
    // Without the budget: 20 URLs / 4 at a time x 3 attempts x 1 s = 15 s.
    assert!(elapsed < budget * 3, "{elapsed:?}");
    let attempts: u32 = out.iter().map(|c| c.attempts).sum();
    assert_eq!(attempts as usize, s.total());
    let not_tried: Vec<_> = out.iter().filter(|c| c.attempts == 0).collect();
    assert!(not_tried.len() >= 10, "{} not tried", not_tried.len());
    for c in not_tried {
        assert_eq!(
            detail(c),
            (
                FailureKind::OutOfTime,
                "not tried: the link phase used up its 1.5 s budget".to_string()
            )
        );
        assert_eq!(c.outcome.class(), OutcomeClass::Transient);
    }
}

// No network: every name lookup fails.

fn image_uses(urls: &[String]) -> FileLinks {
    FileLinks {
        offline: false,
        len: 1000,
        uses: urls
            .iter()
            .enumerate()
            .map(|(i, u)| RemoteUse {
                url: u.clone(),
                fragment: None,
                span: (i * 10..i * 10 + 5).into(),
                kind: ResourceKind::Image,
                syntax: UrlSyntax::Html,
                exact: true,
            })
            .collect(),
    }
}

fn default_settings() -> Settings {
    let cfg = parse_config("", Path::new("postlint.toml")).unwrap();
    Settings::resolve(cfg, None, PathBuf::from("/site")).unwrap()
}

/// Resolves `up.example` to 127.0.0.1; every other name fails, as with no network.
fn only_up_resolves() -> Lookup {
    resolving(&["up.example"])
}

/// Resolves `names` to 127.0.0.1; every other name fails.
fn resolving(names: &'static [&'static str]) -> Lookup {
    Arc::new(move |host, port| {
        if names.contains(&host) {
            Ok(vec![SocketAddr::from(([127, 0, 0, 1], port))])
        } else {
            Err(std::io::Error::other(
                "failed to lookup address information: Name or service not known",
            ))
        }
    })
}

fn run_phase_with(file: &FileLinks, lookup: Lookup) -> phase::Results {
    let checker = HttpChecker::with_lookup(options(true), Some(lookup)).unwrap();
    let opts = RunOptions {
        limits: limits(),
        cache: None,
        allow_private: true,
    };
    phase::check([file], &checker, &opts, &phase::Silent)
}

fn run_phase(file: &FileLinks) -> phase::Results {
    run_phase_with(file, only_up_resolves())
}

#[test]
fn no_network_is_said_once_instead_of_an_error_per_image() {
    let s = Server::start("127.0.0.1", Duration::ZERO).unwrap();
    let port = s.addr.port();
    let dead: Vec<String> = (0..37)
        .map(|i| format!("http://cdn{}.example:{port}/{i}.png", i % 5))
        .collect();
    let file = image_uses(&dead);
    let results = run_phase(&file);
    assert_eq!(results.summary.no_network, 37);
    assert_eq!(
        results.summary.describe(),
        "no network: 37 remote URLs not checked (no host name could be looked up)"
    );
    assert!(postlint::lint::links::diagnostics(&file, &results, &default_settings()).is_empty());

    // One name that resolves and answers: there is a network, and the
    // names that fail are findings.
    let mut mixed = dead[..3].to_vec();
    mixed.push(format!("http://up.example:{port}/image.png"));
    let file = image_uses(&mixed);
    let results = run_phase(&file);
    assert_eq!(results.summary.no_network, 0);
    assert_eq!(s.total(), 1);
    let found = postlint::lint::links::diagnostics(&file, &results, &default_settings());
    assert_eq!(found.len(), 3);
    assert!(found.iter().all(|d| {
        d.rule.code == "PL401"
            && d.message
                .starts_with("image unreachable: no address for cdn")
    }));
}

/// A post whose images all come from one host (confoo.ca's slides): with
/// no network at all that is one notice, not an error per image; where
/// names resolve, the same dead host is an error per image, and so are
/// several dead hosts.
#[test]
fn no_network_with_images_from_one_host() {
    let one_host: Vec<String> = (0..3)
        .map(|i| format!("https://confoo.example/slides/{i}.png"))
        .collect();
    let file = image_uses(&one_host);
    let results = run_phase_with(&file, resolving(&[]));
    assert_eq!(results.summary.no_network, 3);
    assert_eq!(
        results.summary.describe(),
        "no network: 3 remote URLs not checked (no host name could be looked up)"
    );
    assert!(postlint::lint::links::diagnostics(&file, &results, &default_settings()).is_empty());

    // A network (the probe name resolves): a dead domain is reported.
    let results = run_phase_with(&file, resolving(&["example.com"]));
    assert_eq!(results.summary.no_network, 0);
    let found = postlint::lint::links::diagnostics(&file, &results, &default_settings());
    assert_eq!(found.len(), 3);
    assert!(found.iter().all(|d| d.rule.code == "PL401"), "{found:?}");
    let two_dead = image_uses(&[
        "https://dead-one.example/a.png".to_string(),
        "https://dead-two.example/b.png".to_string(),
    ]);
    let results = run_phase_with(&two_dead, resolving(&["example.com"]));
    assert_eq!(results.summary.no_network, 0);
    let found = postlint::lint::links::diagnostics(&two_dead, &results, &default_settings());
    assert_eq!(found.len(), 2);
}

// Credentials written in a URL.

#[test]
fn credentials_in_urls_are_sent_but_never_printed_or_cached() {
    let s = Server::start("127.0.0.1", Duration::ZERO).unwrap();
    let secret = |p: &str| s.url(p).replacen("http://", "http://editor:hunter2@", 1);
    let post = format!(
        "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\nfeature_image: \"{}\"\n---\n\n<p><img src=\"{}\" alt=\"\"><img src=\"{}\" alt=\"\"><img src=\"{}\" alt=\"\"><img src=\"{}\" alt=\"\"></p>\n",
        secret("/moved.png"),
        secret("/404"),
        secret("/page.html"),
        secret("/image.png"),
        s.url("/target.png"),
    );
    let d = site(&[
        ("_posts/a.html".into(), post),
        ("postlint.toml".into(), CONFIG.into()),
    ]);
    for format in ["human", "json", "sarif", "github", "junit", "concise"] {
        let o = postlint(d.path(), &["check", "--format", format]);
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        let (out, err) = (stdout(&o), stderr(&o));
        assert!(
            !out.contains("hunter2") && !err.contains("hunter2"),
            "{format}:\n{out}{err}"
        );
        assert!(out.contains("PL403"), "{format}:\n{out}");
    }
    let o = postlint(d.path(), &["check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let moved = &doc["diagnostics"][0];
    assert_eq!(moved["code"], "PL403");
    assert_eq!(
        moved["message"],
        format!(
            "image moved permanently to `{}`",
            s.url("/target.png")
                .replacen("http://", "http://editor:***@", 1)
        )
    );
    assert!(
        moved["fix"].is_null(),
        "a fix would print the password: {moved}"
    );
    let human = stdout(&postlint(d.path(), &["check", "--format", "human"]));
    assert!(human.contains("editor:*******@"), "{human}");
    // Not kept: each run asks again. The URL without credentials is cached.
    assert_eq!(s.count("HEAD", "/image.png"), 8);
    assert_eq!(s.hits("/target.png"), 1 + 8);
    let cache = std::fs::read_to_string(d.path().join(".postlint-cache/links-v1.json")).unwrap();
    assert!(
        !cache.contains("hunter2") && !cache.contains("editor"),
        "{cache}"
    );
    assert!(cache.contains("/target.png"), "{cache}");
    // Sent as the URL asks (like lychee and html-proofer): Basic
    // authentication, never in the request line or `Host`.
    assert!(s.lines_with("hunter2").is_empty());
    let auth = s.lines_with("authorization");
    assert!(!auth.is_empty());
    assert!(
        auth.iter()
            .all(|l| l.eq_ignore_ascii_case("authorization: Basic ZWRpdG9yOmh1bnRlcjI=")),
        "{auth:?}"
    );
}
