//! The shape of generated bodies, counted the same way for both generators
//! (tests/properties for proptest, tests/arbitrary for arbitrary): the rates of the
//! imperfections each profile documents, and for callback bodies, that they look
//! like Graph's (paths that agree with their resources, rosters, operations and
//! identities as calls carry them).
#![allow(dead_code)]

use graph_comms::by_name::{GraphValue, TypeEntry};
use graph_comms::generate::Profile;
use graph_comms::notification::{CommsNotifications, Resource, ResourcePath, Under};
use graph_comms::operation::OperationStatus;
use graph_comms::{DecodeOptions, DiagnosticKind, OneOrMany};
use serde_json::Value;

/// What the rates speak of, counted over generated bodies.
#[derive(Default, Debug)]
pub(crate) struct Shape {
    pub(crate) bodies: usize,
    pub(crate) objects: usize,
    pub(crate) with_unknown_member: usize,
    pub(crate) typed: usize,
    pub(crate) unknown_type: usize,
    pub(crate) enum_values: usize,
    pub(crate) unknown_enum: usize,
    pub(crate) pascal_case: usize,
    pub(crate) notifications: usize,
    pub(crate) single_object: usize,
    pub(crate) legacy_resource: usize,
    pub(crate) full_rosters: usize,
    pub(crate) roster_sizes: usize,
    pub(crate) largest_roster: usize,
    pub(crate) delta_rosters: usize,
    pub(crate) operations: usize,
    pub(crate) calls: usize,
    pub(crate) identities: usize,
}

/// A member the generators add that no type declares.
fn unknown_member(key: &str) -> bool {
    key == "@odata.etag"
        || (key.len() > 1 && key.starts_with('x') && key.as_bytes()[1].is_ascii_uppercase())
}

/// A value of a later version, as the generators write them: `futureXyz`.
fn future(s: &str) -> bool {
    s.strip_prefix("future")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

fn is_guid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

fn is_e164(s: &str) -> bool {
    s.strip_prefix('+').is_some_and(|digits| {
        (7..=15).contains(&digits.len())
            && !digits.starts_with('0')
            && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

const IDENTITY_SLOTS: [&str; 8] = [
    "user",
    "application",
    "applicationInstance",
    "phone",
    "guest",
    "encrypted",
    "onPremises",
    "device",
];

impl Shape {
    /// Counts one body's JSON, and checks its identity sets when `realistic`: one
    /// user, application, application instance or phone, with a GUID or an E.164
    /// number.
    fn count(&mut self, value: &Value, key: Option<&str>, realistic: bool) {
        match value {
            Value::Object(members) => {
                self.objects += 1;
                if members.keys().any(|k| unknown_member(k)) {
                    self.with_unknown_member += 1;
                }
                if let Some(Value::String(t)) = members.get("@odata.type") {
                    self.typed += 1;
                    if t.contains(".future") {
                        self.unknown_type += 1;
                    }
                }
                let set = matches!(
                    key,
                    Some(
                        "identity"
                            | "initiator"
                            | "organizer"
                            | "transferor"
                            | "onBehalfOf"
                            | "final"
                            | "original"
                    )
                );
                if realistic
                    && set
                    && !members
                        .get("@odata.type")
                        .and_then(Value::as_str)
                        .is_some_and(|t| t.contains(".future"))
                {
                    self.check_identity_set(members);
                }
                for (k, v) in members {
                    if k != "@odata.type" {
                        self.count(v, Some(k), realistic);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| self.count(v, key, realistic)),
            Value::String(s) if future(s) => self.unknown_enum += 1,
            _ => {}
        }
    }

    fn check_identity_set(&mut self, set: &serde_json::Map<String, Value>) {
        if let Some(t) = set.get("@odata.type").and_then(Value::as_str) {
            assert!(
                t == "#microsoft.graph.identitySet"
                    || t == "#microsoft.graph.communicationsIdentitySet",
                "an identity set of type {t}"
            );
        }
        let slots: Vec<&str> = IDENTITY_SLOTS
            .into_iter()
            .filter(|s| set.contains_key(*s))
            .collect();
        assert!(
            slots.len() == 1 && slots[0] != "device" && slots[0] != "guest",
            "an identity set of {slots:?}: {set:?}"
        );
        let identity = &set[slots[0]];
        if let Some(id) = identity.get("id").and_then(Value::as_str) {
            if slots[0] == "phone" {
                assert!(is_e164(id), "a phone {id}");
            } else {
                assert!(is_guid(id), "an id {id}");
            }
        }
        self.identities += 1;
    }

    /// Counts a body of the type `entry` lists and its wire text: the text decodes
    /// strictly to the value; its PascalCase values are counted against every enum
    /// value of the body (the strings decoding reads as a known member once
    /// upper-cased).
    pub(crate) fn add(
        &mut self,
        entry: &TypeEntry,
        value: &dyn GraphValue,
        wire: &[u8],
        profile: Profile,
    ) {
        self.bodies += 1;
        let decoded = entry
            .decode(&DecodeOptions::strict().with_report_case(true), wire)
            .unwrap_or_else(|e| panic!("{}: {e}: {}", entry.name(), String::from_utf8_lossy(wire)));
        // The wire text is the value, its enum values in another case now and then:
        // decoded, it reads as the value and keeps those spellings.
        assert!(
            same_but_case(&decoded.value.to_json(), &value.to_json()),
            "{}: {}",
            entry.name(),
            String::from_utf8_lossy(wire)
        );
        assert_eq!(
            serde_json::from_slice::<Value>(&decoded.value.to_vec()).unwrap(),
            serde_json::from_slice::<Value>(wire).unwrap(),
            "the wire text encodes back as it came"
        );
        self.pascal_case += spelled(&decoded.diagnostics);
        let mut probe = value.to_json();
        upper_first(&mut probe);
        let options = DecodeOptions::lenient()
            .with_max_diagnostics(usize::MAX)
            .with_report_case(true);
        let probed = entry
            .decode(&options, &serde_json::to_vec(&probe).unwrap())
            .unwrap();
        self.enum_values += spelled(&probed.diagnostics);
        self.count(&value.to_json(), None, profile.realistic());
    }

    /// [`add`](Self::add) for a callback body, checked as Graph sends them: 1 to 3
    /// notifications, each with its change type and a path its resources agree with.
    pub(crate) fn add_callback(
        &mut self,
        entry: &TypeEntry,
        value: &dyn GraphValue,
        wire: &[u8],
        profile: Profile,
    ) {
        let body: &CommsNotifications = value.as_any().downcast_ref().expect("a callback body");
        let notifications = body.value.as_deref().unwrap_or_default();
        assert!((1..=3).contains(&notifications.len()), "{body:?}");
        for n in notifications {
            self.check_notification(n);
        }
        self.add(entry, value, wire, profile);
    }

    fn check_notification(&mut self, n: &graph_comms::notification::CommsNotification) {
        assert!(n.change_type.is_some(), "{n:?}");
        let url = n.resource_url.as_deref().expect("a resourceUrl");
        let path = ResourcePath::parse(url).unwrap_or_else(|| panic!("a call's path: {url}"));
        let resources = n.resources();
        assert!(!resources.is_empty(), "{n:?}");
        self.notifications += 1;
        if matches!(n.resource_data, Some(OneOrMany::One(_))) {
            self.single_object += 1;
        }
        if let Some(legacy) = n.resource.as_deref() {
            self.legacy_resource += 1;
            let named = ResourcePath::parse(legacy).expect("a legacy path");
            assert!(legacy.starts_with("/app/calls/"), "{legacy}");
            assert_eq!(
                (named.call_id, named.under),
                (path.call_id, path.under),
                "{n:?}"
            );
        }
        match path.under {
            Under::Call => {
                assert_eq!(resources.len(), 1, "{n:?}");
                if let Resource::Call(call) = &resources[0] {
                    self.calls += 1;
                    assert_eq!(call.id.as_deref(), Some(path.call_id));
                    let odata_id = call
                        .extra
                        .get("@odata.id")
                        .and_then(Value::as_str)
                        .expect("an @odata.id");
                    assert_eq!(
                        ResourcePath::parse(odata_id).map(|p| p.call_id),
                        Some(path.call_id)
                    );
                    let deleted =
                        n.change_type == Some(graph_comms::notification::ChangeType::Deleted);
                    if call.state.as_ref().is_some_and(|s| s.is_known()) {
                        assert_eq!(
                            call.state == Some(graph_comms::call::CallState::Terminated),
                            deleted,
                            "{n:?}"
                        );
                    }
                }
            }
            Under::Operations(Some(id)) => {
                assert_eq!(resources.len(), 1, "{n:?}");
                if let Resource::Operation(op) = &resources[0] {
                    self.operations += 1;
                    assert_eq!(op.id(), Some(id));
                    let code = op.result_info().and_then(|r| r.code);
                    match op.status() {
                        Some(OperationStatus::Completed) => assert_eq!(code, Some(200), "{op:?}"),
                        Some(OperationStatus::Failed) => assert!(code >= Some(400), "{op:?}"),
                        Some(s) if s.is_known() => assert_eq!(code, None, "{op:?}"),
                        _ => {}
                    }
                }
            }
            Under::Participants(_) => {
                if let Resource::DeltaParticipants(delta) = &resources[0] {
                    self.delta_rosters += 1;
                    assert_eq!(resources.len(), 1, "{n:?}");
                    assert!(delta.sequence_number.is_some(), "{delta:?}");
                } else {
                    self.full_rosters += 1;
                    assert!((1..=50).contains(&resources.len()), "{}", resources.len());
                    self.roster_sizes += resources.len();
                    self.largest_roster = self.largest_roster.max(resources.len());
                    for r in resources {
                        if let Resource::Participant(p) = r {
                            assert!(p.id.as_deref().is_some_and(is_guid), "{p:?}");
                            assert!(
                                p.info.as_ref().is_some_and(|i| i.identity.is_some()),
                                "{p:?}"
                            );
                            assert!(p.is_muted.is_some() && p.is_in_lobby.is_some(), "{p:?}");
                            assert!(
                                p.media_streams.as_ref().is_some_and(|m| !m.is_empty()),
                                "{p:?}"
                            );
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Every kind of notification came, in realistic traffic: call states,
    /// operations, full rosters (some long) and delta rosters, legacy paths, and
    /// identities.
    pub(crate) fn check_callback_kinds(&self, profile: Profile) {
        if profile != Profile::Realistic {
            return;
        }
        assert!(
            self.full_rosters > 20 && self.largest_roster > 25,
            "{self:?}"
        );
        assert!(
            self.delta_rosters > 20 && self.operations > 50 && self.calls > 50,
            "{self:?}"
        );
        assert!(
            self.legacy_resource > 50 && self.identities > 500,
            "{self:?}"
        );
    }

    /// The rates `profile` documents, within what the sample allows (a rate is
    /// checked once it is drawn 200 times or more).
    pub(crate) fn check_rates(&self, profile: Profile) {
        let rates = [
            ("unknown members", self.with_unknown_member, self.objects),
            (
                "unknown enum values",
                self.unknown_enum,
                self.enum_values + self.unknown_enum,
            ),
            ("PascalCase values", self.pascal_case, self.enum_values),
            (
                "single-object resourceData",
                self.single_object,
                self.notifications,
            ),
        ];
        let Some(n) = profile.one_in() else {
            for (what, part, _) in rates {
                assert_eq!(part, 0, "{what}: {self:?}");
            }
            assert_eq!(self.unknown_type, 0, "{self:?}");
            return;
        };
        let expected = 1.0 / f64::from(n);
        for (what, part, whole) in rates {
            if whole < 200 {
                continue;
            }
            let rate = part as f64 / whole as f64;
            assert!(
                (expected * 0.5..expected * 1.6).contains(&rate),
                "{what} in {rate:.3}, documented {expected:.3}: {self:?}"
            );
        }
        // Only the points free to take any type draw one; every typed object counts.
        let unknown_types = self.unknown_type as f64 / self.typed.max(1) as f64;
        assert!(
            unknown_types < expected * 1.6,
            "unknown types in {unknown_types:.3}: {self:?}"
        );
        if self.typed >= 2000 {
            assert!(self.unknown_type > 0, "no unknown type: {self:?}");
        }
    }
}

fn spelled(diagnostics: &[graph_comms::Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::Case)
        .count()
}

/// Whether two JSON values differ at most in the case of their strings.
pub(crate) fn same_but_case(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.eq_ignore_ascii_case(b),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_but_case(a, b))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| b.get(k).is_some_and(|w| same_but_case(v, w)))
        }
        _ => a == b,
    }
}

fn upper_first(value: &mut Value) {
    match value {
        // Lists of flags keep their spelling (one item may be of a later version).
        Value::String(s) if !s.contains(',') => {
            if let Some(first) = s.get(..1) {
                *s = first.to_ascii_uppercase() + &s[1..];
            }
        }
        Value::Array(items) => items.iter_mut().for_each(upper_first),
        Value::Object(members) => members.values_mut().for_each(upper_first),
        _ => {}
    }
}
