//! Decoding and encoding against serde_json in the same run (criterion).
//!
//! `cargo bench --bench decode`; `python3 scripts/bench_report.py` turns the results
//! into the ratios of the README's performance table.

mod support;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use graph_comms::DecodeOptions;
use graph_comms::notification::CommsNotifications;
use support::large;

fn corpus(c: &mut Criterion) {
    let seed = support::seed();
    let bytes: u64 = seed.iter().map(|p| p.repaired.len() as u64).sum();
    let (strict, lenient) = (DecodeOptions::strict(), DecodeOptions::lenient());

    let mut g = c.benchmark_group("corpus-decode");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("serde_json-Value", |b| {
        b.iter(|| {
            for p in &seed {
                black_box(serde_json::from_slice::<serde_json::Value>(black_box(&p.repaired)).ok());
            }
        })
    });
    g.bench_function("serde_json-IgnoredAny", |b| {
        b.iter(|| {
            for p in &seed {
                black_box(
                    serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&p.repaired)).ok(),
                );
            }
        })
    });
    g.bench_function("graph-comms-strict", |b| {
        b.iter(|| {
            for p in &seed {
                black_box(p.entry.decode(&strict, black_box(&p.repaired)).ok());
            }
        })
    });
    g.bench_function("graph-comms-lenient", |b| {
        b.iter(|| {
            for p in &seed {
                black_box(p.entry.decode(&lenient, black_box(&p.repaired)).ok());
            }
        })
    });
    g.bench_function("graph-comms-lenient-as-published", |b| {
        b.iter(|| {
            for p in &seed {
                black_box(p.entry.decode(&lenient, black_box(&p.original)).ok());
            }
        })
    });
    g.finish();

    // The payloads that need repair: lenient on them as published, strict on them repaired.
    let broken: Vec<_> = seed.iter().filter(|p| p.needs_repair()).collect();
    let mut g = c.benchmark_group("repair");
    g.bench_function("graph-comms-lenient-as-published", |b| {
        b.iter(|| {
            for p in &broken {
                black_box(p.entry.decode(&lenient, black_box(&p.original)).ok());
            }
        })
    });
    g.bench_function("graph-comms-strict-repaired", |b| {
        b.iter(|| {
            for p in &broken {
                black_box(p.entry.decode(&strict, black_box(&p.repaired)).ok());
            }
        })
    });
    g.bench_function("graph-comms-repair-then-strict", |b| {
        b.iter(|| {
            for p in &broken {
                let fixed = graph_comms::repair(black_box(&p.original)).unwrap();
                black_box(p.entry.decode(&strict, &fixed.text).ok());
            }
        })
    });
    g.finish();

    // Encoding: the decoded corpus, against serde_json writing the same JSON as a Value.
    let decoded: Vec<_> = seed
        .iter()
        .map(|p| p.entry.decode(&lenient, &p.original).unwrap().value)
        .collect();
    let values: Vec<serde_json::Value> = decoded.iter().map(|v| v.to_json()).collect();
    let mut g = c.benchmark_group("corpus-encode");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("serde_json-Value", |b| {
        b.iter(|| {
            for v in &values {
                black_box(serde_json::to_vec(black_box(v)).ok());
            }
        })
    });
    g.bench_function("graph-comms", |b| {
        b.iter(|| {
            for v in &decoded {
                black_box(black_box(v).to_vec());
            }
        })
    });
    g.finish();
}

fn roster(c: &mut Criterion) {
    let mut g = c.benchmark_group("roster");
    g.sample_size(10);
    for n in [1_000, 10_000, 100_000] {
        let json = support::roster_json(n);
        g.throughput(Throughput::Bytes(json.len() as u64));
        g.bench_with_input(
            BenchmarkId::new("decode-graph-comms", n),
            &json,
            |b, json| {
                b.iter(|| black_box(large().decode::<CommsNotifications>(black_box(json)).ok()))
            },
        );
        g.bench_with_input(
            BenchmarkId::new("decode-serde_json-Value", n),
            &json,
            |b, json| {
                b.iter(|| {
                    black_box(serde_json::from_slice::<serde_json::Value>(black_box(json)).ok())
                })
            },
        );
        let value = large().decode::<CommsNotifications>(&json).unwrap().value;
        let tree: serde_json::Value = serde_json::from_slice(&json).unwrap();
        g.bench_with_input(BenchmarkId::new("encode-graph-comms", n), &value, |b, v| {
            b.iter(|| black_box(graph_comms::to_vec(black_box(v))))
        });
        g.bench_with_input(
            BenchmarkId::new("encode-serde_json-Value", n),
            &tree,
            |b, v| b.iter(|| black_box(serde_json::to_vec(black_box(v)).ok())),
        );
    }
    g.finish();
}

criterion_group!(benches, corpus, roster);
criterion_main!(benches);
