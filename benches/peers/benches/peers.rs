//! Time, with criterion: graph-comms and its typed peers on the three kinds of
//! payload — the seed's call bodies, the seed's notifications, a roster of 10 000
//! participants. `python3 scripts/bench_report.py` is not needed: each group's
//! peers are side by side.

#[path = "../../support/mod.rs"]
mod support;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use graph_comms_peers::{Kind, Peer, decode};

fn kinds() -> Vec<(&'static str, Kind, Vec<Vec<u8>>)> {
    let seed = support::seed();
    let of = |kind: Kind| -> Vec<Vec<u8>> {
        seed.iter()
            .filter(|v| (v.entry.name() == "commsNotifications") == (kind == Kind::Notifications))
            .map(|v| v.repaired.clone())
            .collect()
    };
    vec![
        ("seed calls", Kind::Call, of(Kind::Call)),
        (
            "seed notifications",
            Kind::Notifications,
            of(Kind::Notifications),
        ),
        (
            "roster 10000",
            Kind::Notifications,
            vec![support::roster_json(10_000)],
        ),
    ]
}

fn peers(c: &mut Criterion) {
    let mut scratch = Vec::new();
    for (name, kind, payloads) in kinds() {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(
            payloads.iter().map(|p| p.len() as u64).sum(),
        ));
        if name.starts_with("roster") {
            group.sample_size(10);
        }
        for peer in Peer::ALL {
            group.bench_function(peer.name(), |b| {
                b.iter(|| {
                    for payload in &payloads {
                        assert!(decode(peer, kind, payload, &mut scratch));
                    }
                });
            });
        }
        group.finish();
    }
}

criterion_group!(benches, peers);
criterion_main!(benches);
