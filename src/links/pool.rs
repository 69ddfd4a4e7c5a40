//! Runs checks on a bounded pool of threads with a global and a per-host
//! limit, retries with exponential backoff, and `Retry-After` pauses for a
//! whole host. A slow host holds at most its own slots: the other hosts go on.
//! Time is bounded three ways: each URL has a deadline over all its attempts,
//! a host that times out a few times in a row gets no more requests, and the
//! whole pool may have a budget after which nothing new is started.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use url::Url;

use super::fetch::format_secs;
use super::outcome::{FailureKind, Outcome};

/// Checks one URL once. The pool decides about retries, so a test can put a
/// fake here and see every attempt.
pub trait Checker: Sync {
    fn check(&self, url: &Url) -> Outcome;

    /// One attempt that must be over by `deadline` (the URL's deadline or
    /// the pool's budget, whichever comes first). A checker that cannot cut
    /// an attempt short ignores it; the pool still retries nothing after it.
    fn check_until(&self, url: &Url, deadline: Instant) -> Outcome {
        let _ = deadline;
        self.check(url)
    }

    /// Whether host names resolve on this machine at all, asked when every
    /// URL of a run failed its name lookup (dead domains, or no network?).
    /// `None`: cannot tell.
    fn names_resolve(&self) -> Option<bool> {
        None
    }
}

/// Politeness and persistence.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Checks in flight at once (the number of threads).
    pub max_concurrency: usize,
    /// Checks in flight at once per host (all ports of a host are one host).
    pub host_concurrency: usize,
    /// Further attempts after a retriable outcome.
    pub retries: u32,
    /// The wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    /// A longer `Retry-After` is not waited for.
    pub max_retry_after: Duration,
    /// The most one URL may take from its first attempt to its last answer,
    /// retries and the waits between them included.
    pub url_deadline: Duration,
    /// Timeouts in a row after which a host gets no more requests (its
    /// other URLs are reported as not tried); 0 never stops a host.
    pub host_timeouts: u32,
    /// The most the whole pool may take: after it nothing new is started
    /// and attempts in flight are cut short. `None`: no budget.
    pub budget: Option<Duration>,
}

/// The final outcome of one URL.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub outcome: Outcome,
    pub attempts: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Job {
    index: usize,
    attempt: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Timer {
    /// Put a job back in its host's queue.
    Retry { host: usize, job: Job },
    /// A host's pause ends.
    Wake { host: usize },
}

#[derive(Default)]
struct Host {
    /// The host's name, for messages.
    name: String,
    queue: VecDeque<Job>,
    active: usize,
    paused_until: Option<Instant>,
    in_ready: bool,
    /// Timeouts in a row, over all its URLs.
    timeouts: u32,
    /// Gets no more requests (after `host_timeouts` timeouts in a row).
    stopped: bool,
}

impl Host {
    /// Requests it may have in flight: one at a time after a timeout, until
    /// an answer comes, so that a host that has stopped answering is not
    /// sent a new batch while the first one is still timing out.
    fn slots(&self, per_host: usize) -> usize {
        if self.timeouts > 0 { 1 } else { per_host }
    }
}

struct State {
    hosts: Vec<Host>,
    /// Hosts with queued jobs and a free slot, in turn.
    ready: VecDeque<usize>,
    timers: BinaryHeap<Reverse<(Instant, u64, Timer)>>,
    seq: u64,
    left: usize,
    results: Vec<Option<Checked>>,
    /// When each URL's first attempt started.
    started: Vec<Option<Instant>>,
    /// The outcome of each URL's last attempt while a retry is pending: its
    /// result if the retry is never made.
    last: Vec<Option<Outcome>>,
    /// The end of the budget, while it has not passed.
    end: Option<Instant>,
    budget: Option<Duration>,
    /// Finished since the worker last reported them to `on_done`.
    fresh: Vec<usize>,
}

impl State {
    /// Puts `h` in line if it has work, a free slot and no pause.
    fn offer(&mut self, h: usize, per_host: usize, now: Instant) {
        let Some(host) = self.hosts.get_mut(h) else {
            return;
        };
        if host.in_ready || host.queue.is_empty() || host.active >= host.slots(per_host) {
            return;
        }
        if let Some(until) = host.paused_until {
            if until > now {
                self.seq += 1;
                self.timers
                    .push(Reverse((until, self.seq, Timer::Wake { host: h })));
                return;
            }
            host.paused_until = None;
        }
        host.in_ready = true;
        self.ready.push_back(h);
    }

    fn fire_timers(&mut self, per_host: usize, now: Instant) {
        while let Some(Reverse((at, _, timer))) = self.timers.peek().copied() {
            if at > now {
                break;
            }
            self.timers.pop();
            match timer {
                Timer::Retry { host, job } => {
                    match self.hosts.get_mut(host) {
                        Some(hs) if hs.stopped => self.give_up(host, job),
                        Some(hs) => hs.queue.push_front(job),
                        None => {}
                    }
                    self.offer(host, per_host, now);
                }
                Timer::Wake { host } => self.offer(host, per_host, now),
            }
        }
    }

    fn take(&mut self, per_host: usize, now: Instant) -> Option<(usize, Job)> {
        while let Some(h) = self.ready.pop_front() {
            let Some(host) = self.hosts.get_mut(h) else {
                continue;
            };
            host.in_ready = false;
            if host.active >= host.slots(per_host) || host.paused_until.is_some_and(|u| u > now) {
                self.offer(h, per_host, now);
                continue;
            }
            let Some(job) = host.queue.pop_front() else {
                continue;
            };
            host.active += 1;
            // Back of the line: hosts take turns.
            self.offer(h, per_host, now);
            return Some((h, job));
        }
        None
    }

    /// The next moment a sleeping worker has something to do: a timer, or
    /// the end of the budget.
    fn next_timer(&self) -> Option<Instant> {
        let timer = self.timers.peek().map(|Reverse((at, _, _))| *at);
        match (timer, self.end) {
            (Some(t), Some(e)) => Some(t.min(e)),
            (t, e) => t.or(e),
        }
    }

    /// Records the final result of a URL (once).
    fn finish(&mut self, index: usize, checked: Checked) {
        if let Some(slot @ None) = self.results.get_mut(index) {
            *slot = Some(checked);
            self.left = self.left.saturating_sub(1);
            self.fresh.push(index);
        }
    }

    /// Ends a job without another attempt: with the outcome of its last
    /// attempt, or, never tried, with why not.
    fn give_up_with(&mut self, job: Job, why: impl FnOnce() -> Outcome) {
        let last = self.last.get_mut(job.index).and_then(Option::take);
        let checked = match last {
            Some(outcome) if job.attempt > 0 => Checked {
                outcome,
                attempts: job.attempt,
            },
            _ => Checked {
                outcome: why(),
                attempts: 0,
            },
        };
        self.finish(job.index, checked);
    }

    /// Ends a job of the stopped host `h`.
    fn give_up(&mut self, h: usize, job: Job) {
        let (name, n) = self
            .hosts
            .get(h)
            .map(|host| (host.name.clone(), host.timeouts))
            .unwrap_or_default();
        self.give_up_with(job, || stopped(&name, n));
    }

    /// Stops host `h`: its queued URLs are not tried.
    fn stop_host(&mut self, h: usize) {
        let Some(host) = self.hosts.get_mut(h) else {
            return;
        };
        host.stopped = true;
        let name = host.name.clone();
        let n = host.timeouts;
        let jobs: Vec<Job> = host.queue.drain(..).collect();
        for job in jobs {
            self.give_up_with(job, || stopped(&name, n));
        }
    }

    /// The budget is spent: every URL not in flight ends now.
    fn expire(&mut self) {
        self.end = None;
        let budget = self.budget.unwrap_or_default();
        let why = || {
            Outcome::failure(
                FailureKind::OutOfTime,
                format!(
                    "not tried: the link phase used up its {} budget",
                    format_secs(budget.as_secs_f64())
                ),
            )
        };
        let mut jobs = Vec::new();
        for host in &mut self.hosts {
            jobs.extend(host.queue.drain(..));
        }
        for Reverse((_, _, timer)) in std::mem::take(&mut self.timers) {
            if let Timer::Retry { job, .. } = timer {
                jobs.push(job);
            }
        }
        self.ready.clear();
        for host in &mut self.hosts {
            host.in_ready = false;
        }
        for job in jobs {
            self.give_up_with(job, why);
        }
    }
}

/// The outcome of a URL never tried because its host stopped answering.
fn stopped(host: &str, timeouts: u32) -> Outcome {
    Outcome::failure(
        FailureKind::HostStopped,
        format!("{host} stopped answering after {timeouts} timeouts; not tried"),
    )
}

/// The wait before retrying after `outcome`, and whether the whole host
/// should wait (the server sent `Retry-After`); `None` when this is final.
pub fn retry_delay(outcome: &Outcome, attempt: u32, limits: &Limits) -> Option<(Duration, bool)> {
    if attempt >= limits.retries || !outcome.is_retriable() {
        return None;
    }
    let factor = 2u32.saturating_pow(attempt.min(20));
    let backoff = limits
        .backoff
        .saturating_mul(factor)
        .min(Duration::from_secs(3600));
    match outcome.retry_after() {
        // Retrying sooner than asked is not polite; waiting longer is not useful.
        Some(asked) if asked > limits.max_retry_after => None,
        Some(asked) => Some((asked.max(backoff), true)),
        None => Some((backoff, false)),
    }
}

fn lock(m: &Mutex<State>) -> MutexGuard<'_, State> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The host a URL counts against: its name without the port.
pub fn host_key(url: &Url) -> String {
    url.host_str().unwrap_or_default().to_ascii_lowercase()
}

/// Checks every URL (each once, with retries) and returns the outcomes in
/// the order of `urls`. `on_done` sees each final outcome as it comes.
pub fn check_all(
    urls: &[Url],
    checker: &dyn Checker,
    limits: &Limits,
    on_done: &(dyn Fn(&Url, &Checked) + Sync),
) -> Vec<Checked> {
    if urls.is_empty() {
        return Vec::new();
    }
    let per_host = limits.host_concurrency.max(1);
    let mut host_ids: HashMap<String, usize> = HashMap::new();
    let mut hosts: Vec<Host> = Vec::new();
    let mut job_host = Vec::with_capacity(urls.len());
    for (index, url) in urls.iter().enumerate() {
        let next = hosts.len();
        let name = host_key(url);
        let h = *host_ids.entry(name.clone()).or_insert(next);
        if h == next {
            hosts.push(Host {
                name,
                ..Host::default()
            });
        }
        if let Some(host) = hosts.get_mut(h) {
            host.queue.push_back(Job { index, attempt: 0 });
        }
        job_host.push(h);
    }
    let mut state = State {
        hosts,
        ready: VecDeque::new(),
        timers: BinaryHeap::new(),
        seq: 0,
        left: urls.len(),
        results: vec![None; urls.len()],
        started: vec![None; urls.len()],
        last: vec![None; urls.len()],
        end: None,
        budget: limits.budget,
        fresh: Vec::new(),
    };
    let now = Instant::now();
    state.end = limits.budget.and_then(|b| now.checked_add(b));
    for h in 0..state.hosts.len() {
        state.offer(h, per_host, now);
    }
    let shared = Mutex::new(state);
    let wakeup = Condvar::new();
    let threads = limits.max_concurrency.max(1).min(urls.len());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| worker(urls, checker, limits, on_done, &shared, &wakeup));
        }
    });
    let state = shared.into_inner().unwrap_or_else(PoisonError::into_inner);
    state
        .results
        .into_iter()
        .map(|r| {
            r.unwrap_or(Checked {
                outcome: Outcome::failure(super::outcome::FailureKind::Connection, "not checked"),
                attempts: 0,
            })
        })
        .collect()
}

/// Tells `on_done` about the URLs finished since the last call.
fn report_fresh(st: &mut State, urls: &[Url], on_done: &(dyn Fn(&Url, &Checked) + Sync)) {
    for index in std::mem::take(&mut st.fresh) {
        if let (Some(url), Some(Some(c))) = (urls.get(index), st.results.get(index)) {
            on_done(url, c);
        }
    }
}

fn worker(
    urls: &[Url],
    checker: &dyn Checker,
    limits: &Limits,
    on_done: &(dyn Fn(&Url, &Checked) + Sync),
    shared: &Mutex<State>,
    wakeup: &Condvar,
) {
    let per_host = limits.host_concurrency.max(1);
    let mut st = lock(shared);
    loop {
        let now = Instant::now();
        if st.end.is_some_and(|end| now >= end) {
            st.expire();
        }
        st.fire_timers(per_host, now);
        report_fresh(&mut st, urls, on_done);
        if let Some((h, job)) = st.take(per_host, now) {
            let first = match st.started.get_mut(job.index) {
                Some(started) => *started.get_or_insert(now),
                None => now,
            };
            // No attempt and no retry past the URL's deadline or the budget.
            let mut deadline = first.checked_add(limits.url_deadline).unwrap_or(first);
            if let Some(end) = st.end {
                deadline = deadline.min(end);
            }
            // Pass the baton: one more sleeper if there is more to take
            // (waking every thread for each job costs more than the jobs).
            if !st.ready.is_empty() {
                wakeup.notify_one();
            }
            drop(st);
            let Some(url) = urls.get(job.index) else {
                st = lock(shared);
                continue;
            };
            let outcome = checker.check_until(url, deadline);
            st = lock(shared);
            let now = Instant::now();
            let mut stop = false;
            if let Some(host) = st.hosts.get_mut(h) {
                host.active = host.active.saturating_sub(1);
                // Counted until the host stops, so all its URLs get one reason.
                if !host.stopped {
                    if outcome.is_timeout() {
                        host.timeouts += 1;
                        stop = limits.host_timeouts > 0 && host.timeouts >= limits.host_timeouts;
                    } else {
                        host.timeouts = 0;
                    }
                }
            }
            let stopped = stop || st.hosts.get(h).is_some_and(|host| host.stopped);
            let delay = retry_delay(&outcome, job.attempt, limits).filter(|(wait, _)| {
                !stopped && now.checked_add(*wait).is_some_and(|at| at < deadline)
            });
            let done = delay.is_none().then(|| Checked {
                outcome: outcome.clone(),
                attempts: job.attempt + 1,
            });
            match (done, delay) {
                (Some(c), _) => st.finish(job.index, c),
                (None, Some((wait, whole_host))) => {
                    if let Some(slot) = st.last.get_mut(job.index) {
                        *slot = Some(outcome);
                    }
                    let at = now + wait;
                    if whole_host && let Some(host) = st.hosts.get_mut(h) {
                        host.paused_until = Some(host.paused_until.map_or(at, |u| u.max(at)));
                    }
                    st.seq += 1;
                    let seq = st.seq;
                    let next = Job {
                        index: job.index,
                        attempt: job.attempt + 1,
                    };
                    st.timers
                        .push(Reverse((at, seq, Timer::Retry { host: h, job: next })));
                }
                (None, None) => {}
            }
            if stop {
                st.stop_host(h);
            }
            report_fresh(&mut st, urls, on_done);
            st.offer(h, per_host, now);
            // This thread takes the next job itself; a sleeper is needed only
            // for a retry timer that may now be the earliest.
            if st.left == 0 || !st.timers.is_empty() {
                wakeup.notify_all();
            }
            continue;
        }
        if st.left == 0 {
            wakeup.notify_all();
            return;
        }
        st = match st.next_timer() {
            Some(at) => {
                let wait = at.saturating_duration_since(now);
                wakeup
                    .wait_timeout(st, wait)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0
            }
            None => wakeup.wait(st).unwrap_or_else(PoisonError::into_inner),
        };
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::links::outcome::{FailureKind, OutcomeClass, Response};

    fn ok() -> Outcome {
        Outcome::Response(Response {
            status: 200,
            content_type: Some("image/png".into()),
            sniffed: None,
            redirects: Vec::new(),
            retry_after: None,
        })
    }

    fn limits(global: usize, per_host: usize) -> Limits {
        Limits {
            max_concurrency: global,
            host_concurrency: per_host,
            retries: 2,
            backoff: Duration::from_millis(5),
            max_retry_after: Duration::from_secs(2),
            url_deadline: Duration::from_secs(60),
            host_timeouts: 3,
            budget: None,
        }
    }

    /// Sleeps per check and records the peak number in flight per host and in all.
    struct Slow {
        in_flight: Mutex<HashMap<String, usize>>,
        peak_host: Mutex<HashMap<String, usize>>,
        total: AtomicUsize,
        peak_total: AtomicUsize,
        delay: HashMap<String, Duration>,
    }

    impl Checker for Slow {
        fn check(&self, url: &Url) -> Outcome {
            let host = host_key(url);
            {
                let mut f = self.in_flight.lock().unwrap();
                let n = f.entry(host.clone()).or_default();
                *n += 1;
                let mut p = self.peak_host.lock().unwrap();
                let peak = p.entry(host.clone()).or_default();
                *peak = (*peak).max(*n);
            }
            let t = self.total.fetch_add(1, Ordering::SeqCst) + 1;
            self.peak_total.fetch_max(t, Ordering::SeqCst);
            std::thread::sleep(
                self.delay
                    .get(&host)
                    .copied()
                    .unwrap_or(Duration::from_millis(10)),
            );
            self.total.fetch_sub(1, Ordering::SeqCst);
            *self.in_flight.lock().unwrap().get_mut(&host).unwrap() -= 1;
            ok()
        }
    }

    fn urls(hosts: &[&str], per: usize) -> Vec<Url> {
        let mut out = Vec::new();
        for i in 0..per {
            for h in hosts {
                out.push(Url::parse(&format!("http://{h}:8080/{i}.png")).unwrap());
            }
        }
        out
    }

    #[test]
    fn limits_hold_and_a_slow_host_does_not_stall_the_others() {
        let slow = Slow {
            in_flight: Mutex::default(),
            peak_host: Mutex::default(),
            total: AtomicUsize::new(0),
            peak_total: AtomicUsize::new(0),
            delay: HashMap::from([("slow.test".to_string(), Duration::from_millis(400))]),
        };
        let list = urls(&["a.test", "b.test", "c.test", "slow.test"], 12);
        let fast_done = Mutex::new(Vec::new());
        let start = Instant::now();
        let out = check_all(&list, &slow, &limits(10, 3), &|u, _| {
            if host_key(u) != "slow.test" {
                fast_done.lock().unwrap().push(start.elapsed());
            }
        });
        assert_eq!(out.len(), 48);
        assert!(out.iter().all(|c| c.outcome == ok() && c.attempts == 1));
        let peaks = slow.peak_host.lock().unwrap();
        assert!(peaks.values().all(|p| *p <= 3), "{peaks:?}");
        assert!(slow.peak_total.load(Ordering::SeqCst) <= 10);
        // 36 fast checks of 10 ms on 3 hosts x 3 slots: about 40 ms, while
        // the slow host needs 4 x 400 ms.
        let last_fast = *fast_done.lock().unwrap().iter().max().unwrap();
        assert!(last_fast < Duration::from_millis(350), "{last_fast:?}");
    }

    /// Fails `failures` times per URL, then succeeds; counts calls.
    struct Flaky {
        calls: AtomicUsize,
        failures: usize,
        failure: Outcome,
    }

    impl Checker for Flaky {
        fn check(&self, _: &Url) -> Outcome {
            let n = self.calls.fetch_add(1, Ordering::SeqCst);
            if n < self.failures {
                self.failure.clone()
            } else {
                ok()
            }
        }
    }

    #[test]
    fn retries_with_backoff_then_gives_up() {
        let list = urls(&["a.test"], 1);
        let timeout = Outcome::failure(FailureKind::Timeout, "no answer");
        let flaky = Flaky {
            calls: AtomicUsize::new(0),
            failures: 2,
            failure: timeout.clone(),
        };
        let out = check_all(&list, &flaky, &limits(4, 4), &|_, _| {});
        assert_eq!(
            out[0],
            Checked {
                outcome: ok(),
                attempts: 3
            }
        );
        let dead = Flaky {
            calls: AtomicUsize::new(0),
            failures: 99,
            failure: timeout.clone(),
        };
        let out = check_all(&list, &dead, &limits(4, 4), &|_, _| {});
        assert_eq!(
            out[0],
            Checked {
                outcome: timeout,
                attempts: 3
            }
        );
        assert_eq!(dead.calls.load(Ordering::SeqCst), 3);
        let dns = Flaky {
            calls: AtomicUsize::new(0),
            failures: 99,
            failure: Outcome::failure(FailureKind::HostNotFound, "no"),
        };
        check_all(&list, &dns, &limits(4, 4), &|_, _| {});
        assert_eq!(
            dns.calls.load(Ordering::SeqCst),
            1,
            "a missing host is not retried"
        );
    }

    /// Times out (after 20 ms) for `dead.test`, answers for the others;
    /// counts calls per host and keeps the latest deadline it was given.
    #[derive(Default)]
    struct DeadHost {
        calls: Mutex<HashMap<String, usize>>,
        latest_deadline: Mutex<Option<Instant>>,
        delay: Duration,
    }

    impl Checker for DeadHost {
        fn check(&self, url: &Url) -> Outcome {
            self.check_until(url, Instant::now() + Duration::from_secs(60))
        }

        fn check_until(&self, url: &Url, deadline: Instant) -> Outcome {
            let host = host_key(url);
            *self.calls.lock().unwrap().entry(host.clone()).or_default() += 1;
            let mut latest = self.latest_deadline.lock().unwrap();
            *latest = Some(latest.map_or(deadline, |d| d.max(deadline)));
            drop(latest);
            std::thread::sleep(self.delay);
            if host == "dead.test" {
                Outcome::failure(FailureKind::Timeout, "no answer within 1 s")
            } else {
                ok()
            }
        }
    }

    #[test]
    fn a_host_that_times_out_is_stopped_and_the_others_go_on() {
        let list = urls(&["dead.test", "live.test"], 20);
        let checker = DeadHost {
            delay: Duration::from_millis(20),
            ..DeadHost::default()
        };
        let reported = AtomicUsize::new(0);
        let out = check_all(&list, &checker, &limits(8, 4), &|_, _| {
            reported.fetch_add(1, Ordering::SeqCst);
        });
        assert_eq!(
            reported.load(Ordering::SeqCst),
            40,
            "each URL reported once"
        );
        let calls = checker.calls.lock().unwrap().clone();
        assert_eq!(calls["live.test"], 20);
        assert!(calls["dead.test"] <= 4, "{calls:?}");
        let mut dead_attempts = 0;
        let mut not_tried = 0;
        for (u, c) in list.iter().zip(&out) {
            if host_key(u) == "live.test" {
                assert_eq!((&c.outcome, c.attempts), (&ok(), 1));
                continue;
            }
            dead_attempts += c.attempts as usize;
            if c.attempts == 0 {
                not_tried += 1;
                assert_eq!(
                    c.outcome,
                    Outcome::failure(
                        FailureKind::HostStopped,
                        "dead.test stopped answering after 3 timeouts; not tried"
                    )
                );
            }
        }
        assert_eq!(dead_attempts, calls["dead.test"]);
        assert!(not_tried >= 16, "{not_tried}");
        assert!(out.iter().all(|c| c.outcome.class() != OutcomeClass::Dead));
    }

    #[test]
    fn the_budget_stops_new_work_and_bounds_attempts_in_flight() {
        let list = urls(&["a.test"], 20);
        let checker = DeadHost {
            delay: Duration::from_millis(50),
            ..DeadHost::default()
        };
        let budget = Duration::from_millis(200);
        let l = Limits {
            budget: Some(budget),
            ..limits(1, 1)
        };
        let start = Instant::now();
        let out = check_all(&list, &checker, &l, &|_, _| {});
        assert!(start.elapsed() < budget * 3, "{:?}", start.elapsed());
        let tried = out.iter().filter(|c| c.attempts > 0).count();
        assert_eq!(tried, checker.calls.lock().unwrap()["a.test"]);
        assert!((1..=6).contains(&tried), "{tried}");
        let latest = checker.latest_deadline.lock().unwrap().unwrap();
        assert!(latest <= start + budget + Duration::from_millis(50));
        for c in out.iter().filter(|c| c.attempts == 0) {
            assert_eq!(
                c.outcome,
                Outcome::failure(
                    FailureKind::OutOfTime,
                    "not tried: the link phase used up its 0.2 s budget"
                )
            );
        }
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        let l = limits(4, 4);
        let asking = |secs: f64| {
            Outcome::Response(Response {
                status: 429,
                content_type: None,
                sniffed: None,
                redirects: Vec::new(),
                retry_after: Some(secs),
            })
        };
        assert_eq!(
            retry_delay(&asking(1.0), 0, &l),
            Some((Duration::from_secs(1), true))
        );
        assert_eq!(retry_delay(&asking(60.0), 0, &l), None);
        assert_eq!(retry_delay(&asking(1.0), 2, &l), None, "no retries left");
        let t = Outcome::failure(FailureKind::Timeout, "x");
        assert_eq!(
            retry_delay(&t, 1, &l),
            Some((Duration::from_millis(10), false))
        );
    }
}
