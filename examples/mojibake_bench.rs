//! Throughput of the mojibake scan (PL101's detector) on text without damage.
//!
//! `cargo run --release --example mojibake_bench -- [OUT_DIR]` builds two
//! corpora, writes them to OUT_DIR (for `scripts/mojibake/bench.sh`, which
//! times ftfy on the same files), scans each several times and prints MB/s
//! on one core: by the clock, and on Linux also by the thread's CPU time,
//! which other programs on a busy machine disturb much less.

use std::time::Instant;

use postlint::text::mojibake;

const TARGET_BYTES: usize = 32 * 1024 * 1024;

fn corpus(texts: &[String]) -> String {
    let mut out = String::with_capacity(TARGET_BYTES + 4096);
    'fill: loop {
        for t in texts {
            out.push_str(t);
            out.push('\n');
            if out.len() >= TARGET_BYTES {
                break 'fill;
            }
        }
    }
    out
}

/// The seconds this thread has run on a CPU (Linux), whatever else runs.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split(' ').next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn bench(name: &str, text: &str) -> f64 {
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut runs = 0;
    for _ in 0..5 {
        let mut out = Vec::new();
        let cpu = cpu_seconds();
        let start = Instant::now();
        mojibake::scan(text, (0..text.len()).into(), true, &mut out);
        best = best.min(start.elapsed().as_secs_f64());
        if let (Some(before), Some(after)) = (cpu, cpu_seconds()) {
            best_cpu = best_cpu.min(after - before);
        }
        runs = out.len();
    }
    let mb = text.len() as f64 / 1e6;
    let mbps = mb / best;
    let cpu = if best_cpu < f64::MAX {
        format!(" ({:.0} MB/s of CPU time)", mb / best_cpu)
    } else {
        String::new()
    };
    println!("{name}: {mb:.1} MB, {runs} runs found, best of 5: {best:.3} s, {mbps:.0} MB/s{cpu}");
    mbps
}

fn main() {
    let out_dir = std::env::args().nth(1);
    let root = env!("CARGO_MANIFEST_DIR");
    let correct = std::fs::read_to_string(format!("{root}/tests/data/mojibake/correct.tsv"))
        .expect("correct.tsv");
    let multilingual: Vec<String> = correct
        .split('\n')
        .filter_map(|l| l.split('\t').nth(2))
        .map(str::to_string)
        .collect();
    let seed = std::fs::read_to_string(format!(
        "{root}/fixtures/real/2019-05-14-huawei-wil-niet-spioneren.html"
    ))
    .expect("seed");
    let dutch = vec![seed];
    let sets = [
        ("dutch-news", corpus(&dutch)),
        ("multilingual", corpus(&multilingual)),
    ];
    for (name, text) in &sets {
        if let Some(dir) = &out_dir {
            std::fs::write(format!("{dir}/{name}.txt"), text).expect("write corpus");
        }
        bench(name, text);
    }
}
