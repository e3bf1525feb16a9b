//! The shape of generated callback bodies, counted the same way for both
//! generators (tests/properties for proptest, tests/arbitrary for arbitrary).
#![allow(dead_code)]

use graph_comms::DecodeOptions;
use graph_comms::notification::CommsNotifications;

/// Counts, over a generated callback body's JSON, what the shape rates speak of.
#[derive(Default, Debug)]
pub(crate) struct Shape {
    pub(crate) objects: usize,
    pub(crate) with_unknown_member: usize,
    pub(crate) notifications: usize,
    pub(crate) single_object: usize,
}

fn count_json(value: &serde_json::Value, shape: &mut Shape) {
    match value {
        serde_json::Value::Object(members) => {
            shape.objects += 1;
            if members
                .keys()
                // What the generators add: `@odata.etag`, `@odata.id`, `x…` members.
                .any(|k| {
                    k == "@odata.etag"
                        || k == "@odata.id"
                        || (k.len() > 1
                            && k.starts_with('x')
                            && k.as_bytes()[1].is_ascii_uppercase())
                })
            {
                shape.with_unknown_member += 1;
            }
            members.values().for_each(|v| count_json(v, shape));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| count_json(v, shape)),
        _ => {}
    }
}

impl Shape {
    /// Checks one body: 1 to 3 notifications, each with its change type, path and
    /// resources; it decodes strictly. Counts it.
    pub(crate) fn add(&mut self, body: &CommsNotifications) {
        let notifications = body.value.as_deref().unwrap_or_default();
        assert!((1..=3).contains(&notifications.len()), "{body:?}");
        for n in notifications {
            assert!(n.change_type.is_some() && n.resource_url.is_some(), "{n:?}");
            assert!(!n.resources().is_empty(), "{n:?}");
            self.notifications += 1;
            if matches!(n.resource_data, Some(graph_comms::OneOrMany::One(_))) {
                self.single_object += 1;
            }
        }
        let json = graph_comms::to_vec(body);
        DecodeOptions::strict()
            .decode::<CommsNotifications>(&json)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&json)));
        count_json(&graph_comms::to_value(body), self);
    }

    /// The documented rates (one in 20 each, README), within what the sample allows.
    pub(crate) fn check_rates(&self) {
        let rate = |part: usize, whole: usize| part as f64 / whole as f64;
        let unknown = rate(self.with_unknown_member, self.objects);
        let single = rate(self.single_object, self.notifications);
        assert!(
            (0.02..0.08).contains(&unknown),
            "unknown members in {unknown:.3} of objects: {self:?}"
        );
        assert!(
            (0.02..0.09).contains(&single),
            "single-object resourceData in {single:.3}: {self:?}"
        );
    }
}
