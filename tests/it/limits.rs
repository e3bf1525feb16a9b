//! Hostile input: every class ends in a clear error with its place in the input, or
//! in a documented acceptance, in time proportional to the input.
//!
//! Nothing here is timed; each input is built so that a linear decoder handles it in
//! well under a second even in a debug build, and a quadratic one would not finish.

use graph_comms::by_name;
use graph_comms::call::Call;
use graph_comms::notification::CommsNotifications;
use graph_comms::participant::Participant;
use graph_comms::{Decode, DecodeOptions, Diagnostic, DiagnosticKind, Error, ErrorKind, roundtrip};
use serde_json::Value;

const DEEP: usize = 100_000;

fn both() -> [DecodeOptions; 2] {
    [DecodeOptions::strict(), DecodeOptions::lenient()]
}

fn decode_err<T: Decode + std::fmt::Debug>(options: &DecodeOptions, input: &[u8]) -> Error {
    match options.decode::<T>(input) {
        Ok(d) => panic!(
            "{:?} decoded {}: {:?}",
            options.mode,
            preview(input),
            d.value
        ),
        Err(e) => e,
    }
}

fn preview(input: &[u8]) -> String {
    let text = String::from_utf8_lossy(&input[..input.len().min(80)]).into_owned();
    format!("{text:?} ({} bytes)", input.len())
}

/// Kind, line and column of an error, and checks that its offset agrees with them.
fn place(e: &Error) -> (ErrorKind, usize, usize) {
    let p = e.position().unwrap_or_else(|| panic!("no position: {e:?}"));
    assert_eq!((Some(p.line), Some(p.column)), (e.line(), e.column()));
    (e.kind(), p.line, p.column)
}

fn kinds(diagnostics: &[Diagnostic]) -> Vec<DiagnosticKind> {
    diagnostics.iter().map(|d| d.kind).collect()
}

/// `n` opening brackets (`[` or `{"a":`), `inner`, and the closing ones.
fn nested(n: usize, objects: bool, inner: &str) -> String {
    let (open, close) = if objects {
        ("{\"a\":", "}")
    } else {
        ("[", "]")
    };
    let mut s = String::with_capacity(n * (open.len() + close.len()) + inner.len());
    for _ in 0..n {
        s.push_str(open);
    }
    s.push_str(inner);
    for _ in 0..n {
        s.push_str(close);
    }
    s
}

/// A depth error whose position is the bracket that went one level too deep.
fn assert_depth(e: &Error, input: &[u8]) {
    assert_eq!(e.kind(), ErrorKind::Depth, "{e}");
    let p = e.position().expect("a depth error has a position");
    assert!(
        matches!(input.get(p.offset), Some(b'[' | b'{')),
        "{e} is not at a bracket"
    );
    assert_eq!(p.line, 1);
    assert!(e.message().contains("128"), "{e}");
}

// ------------------------------------------------------------------------ nesting

#[test]
fn deep_nesting_in_an_unknown_member_is_a_depth_error() {
    for objects in [false, true] {
        let input = format!(
            "{{\"subject\": \"s\", \"deep\": {}}}",
            nested(DEEP, objects, "1")
        );
        let input = input.as_bytes();
        for options in both() {
            let e = decode_err::<Call>(&options, input);
            assert_depth(&e, input);
            assert!(e.pointer().starts_with("/deep/"), "{}", e.pointer());
            let e = by_name::decode_as(&options, Some("call"), input).unwrap_err();
            assert_depth(&e, input);
            assert_depth(
                &roundtrip::check(&options, Some("call"), input).unwrap_err(),
                input,
            );
        }
        assert_depth(&graph_comms::repair(input).unwrap_err(), input);
    }
}

#[test]
fn deep_nesting_at_the_root_is_a_depth_error() {
    let objects = nested(DEEP, true, "1");
    let arrays = nested(DEEP, false, "1");
    for options in both() {
        // Nested objects: the root is an object, its members go too deep.
        let e = decode_err::<Call>(&options, objects.as_bytes());
        assert_depth(&e, objects.as_bytes());
        let e = decode_err::<CommsNotifications>(&options, objects.as_bytes());
        assert_depth(&e, objects.as_bytes());
        // Looking for the root `@odata.type` steps over the members, as deep as they go.
        let e = by_name::decode_as(&options, None, objects.as_bytes()).unwrap_err();
        assert_depth(&e, objects.as_bytes());
        // As plain JSON both go too deep.
        for input in [&objects, &arrays] {
            let e = decode_err::<Value>(&options, input.as_bytes());
            assert_depth(&e, input.as_bytes());
        }
        // Nested arrays are not an object at all: that comes first, at the root.
        let e = decode_err::<Call>(&options, arrays.as_bytes());
        assert_eq!(place(&e), (ErrorKind::Type, 1, 1), "{e}");
        let e = by_name::decode_as(&options, None, arrays.as_bytes()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnknownType, "{e}");
    }
    for input in [&objects, &arrays] {
        assert_depth(
            &graph_comms::repair(input.as_bytes()).unwrap_err(),
            input.as_bytes(),
        );
    }
}

#[test]
fn deep_nesting_inside_resource_data_is_a_depth_error() {
    let url = r#""resourceUrl": "/communications/calls/421f""#;
    for objects in [false, true] {
        let deep = nested(DEEP, objects, "1");
        let inputs = [
            // In a member of a typed resource.
            format!(
                r##"{{"value": [{{{url}, "resourceData": {{"@odata.type": "#microsoft.graph.call", "x": {deep}}}}}]}}"##
            ),
            // In an untyped resource typed by the path, the path first or last (then
            // `resourceData` is stepped over and read once the path is known).
            format!(r#"{{"value": [{{{url}, "resourceData": [{{"x": {deep}}}]}}]}}"#),
            format!(r#"{{"value": [{{"resourceData": {{"x": {deep}}}, {url}}}]}}"#),
        ];
        for input in &inputs {
            let input = input.as_bytes();
            for options in both() {
                let e = decode_err::<CommsNotifications>(&options, input);
                assert_depth(&e, input);
                // (When `resourceData` comes before the path, the pointer of an error
                // found while stepping over it lacks the `resourceData` segment.)
                assert!(e.pointer().starts_with("/value/0/"), "{e}");
            }
            assert_depth(&graph_comms::repair(input).unwrap_err(), input);
        }
    }
    // `resourceData` itself nested arrays: a resource must be an object, which strict
    // decoding reports at the second `[`; lenient decoding keeps the mistyped member
    // raw, reading it as plain JSON, which goes too deep.
    let deep = nested(DEEP, false, "1");
    let input = format!(r#"{{"value": [{{{url}, "resourceData": {deep}}}]}}"#);
    let input = input.as_bytes();
    let e = decode_err::<CommsNotifications>(&DecodeOptions::strict(), input);
    assert_eq!(e.kind(), ErrorKind::Type, "{e}");
    assert_eq!(e.pointer(), "/value/0/resourceData/0");
    let e = decode_err::<CommsNotifications>(&DecodeOptions::lenient(), input);
    assert_depth(&e, input);
}

#[test]
fn the_depth_limit_is_configurable_and_capped() {
    let input = format!("{{\"x\": {}}}", nested(10, false, "1"));
    let input = input.as_bytes();
    // The root object is level 1, the innermost array level 11.
    let ok = DecodeOptions::lenient().with_max_depth(11);
    assert!(ok.decode::<Call>(input).is_ok());
    let e = DecodeOptions::lenient()
        .with_max_depth(10)
        .decode::<Call>(input)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Depth);
    assert!(e.message().contains("10 levels"), "{e}");

    // No setting lets the recursion go past MAX_DEPTH_LIMIT.
    let limit = DecodeOptions::MAX_DEPTH_LIMIT;
    let unlimited = DecodeOptions::lenient().with_max_depth(usize::MAX);
    let deep = format!("{{\"x\": {}}}", nested(DEEP, true, "1"));
    let e = unlimited.decode::<Call>(deep.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Depth);
    assert!(e.message().contains(&format!("{limit} levels")), "{e}");
    let e = unlimited.repair(deep.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Depth);
}

/// Regression: the ceiling on `max_depth` was 1024 levels, which needs about 2.5 MiB
/// of stack in a debug build: with the depth limit raised to the ceiling, hostile
/// input overflowed the stack of any spawned thread (2 MiB by default) and aborted
/// the process. Every path is run at the ceiling here, on such a thread.
#[test]
fn nesting_at_the_depth_ceiling_fits_a_two_mebibyte_stack() {
    let limit = DecodeOptions::MAX_DEPTH_LIMIT;
    let run = move |objects: bool| {
        // The root object is one level; the innermost bracket is at the ceiling.
        let input = format!("{{\"x\": {}}}", nested(limit - 1, objects, "1"));
        let input = input.as_bytes();
        let too_deep = format!("{{\"x\": {}}}", nested(limit, objects, "1"));
        for options in [
            DecodeOptions::strict().with_max_depth(usize::MAX),
            DecodeOptions::lenient().with_max_depth(usize::MAX),
        ] {
            let call = options.decode::<Call>(input).unwrap().value;
            assert_eq!(call.extra.len(), 1);
            let encoded = graph_comms::to_vec(&call);
            assert_eq!(options.decode::<Call>(&encoded).unwrap().value, call);
            assert!(options.decode::<Value>(input).is_ok());
            // Four levels down: the root, `value`, the notification, the resource.
            let notification = format!(
                r#"{{"value": [{{"resourceUrl": "/communications/calls/c", "resourceData": {{"x": {}}}}}]}}"#,
                nested(limit - 4, objects, "1")
            );
            assert!(
                options
                    .decode::<CommsNotifications>(notification.as_bytes())
                    .is_ok()
            );
            let check = roundtrip::check(&options, Some("call"), input).unwrap();
            assert!(check.holds(), "{:?}", check.unexplained);
            assert!(options.repair(input).is_ok());
            let e = options.decode::<Call>(too_deep.as_bytes()).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Depth);
        }
    };
    for objects in [false, true] {
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || run(objects))
            .unwrap()
            .join()
            .unwrap();
    }
}

// ------------------------------------------------------------------- input size

#[test]
fn the_input_length_is_limited() {
    let input = br#"{"subject": "s"}"#;
    let exact = DecodeOptions::lenient().with_max_input_len(input.len());
    assert!(exact.decode::<Call>(input).is_ok());
    assert!(exact.repair(input).is_ok());
    for options in [
        DecodeOptions::lenient().with_max_input_len(input.len() - 1),
        DecodeOptions::strict().with_max_input_len(10),
    ] {
        let e = options.decode::<Call>(input).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::TooLarge);
        // The whole input is at fault, not a place in it.
        assert_eq!(e.position(), None);
        assert_eq!((e.line(), e.column()), (None, None));
        assert!(e.message().contains(&input.len().to_string()), "{e}");
        assert_eq!(
            options.repair(input).unwrap_err().kind(),
            ErrorKind::TooLarge
        );
        let e = by_name::decode_as(&options, None, input).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::TooLarge);
    }
    assert_eq!(DecodeOptions::lenient().max_input_len, 16 << 20);
}

// -------------------------------------------------------------- text and strings

#[test]
fn invalid_utf8_is_an_error_at_the_first_bad_byte() {
    let cases: [(&[u8], usize, usize); 4] = [
        (b"{\"subject\": \"a\xffb\"}", 1, 15),
        (b"{\"subject\":\n \"\xc3\xa9\xc3\"}", 2, 4),
        // A truncated sequence at the very end.
        (b"{\"subject\": \"s\"} \xe2\x82", 1, 18),
        // Outside any string.
        (b"\xfe{}", 1, 1),
    ];
    for (input, line, column) in cases {
        for options in both() {
            let e = decode_err::<Call>(&options, input);
            assert_eq!(place(&e), (ErrorKind::Utf8, line, column), "{e}");
        }
        let e = graph_comms::repair(input).unwrap_err();
        assert_eq!(place(&e), (ErrorKind::Utf8, line, column), "{e}");
    }
    let e = decode_err::<Call>(&DecodeOptions::lenient(), b"{\"subject\": \"a\xffb\"}");
    assert_eq!(e.position().map(|p| p.offset), Some(14));
}

#[test]
fn raw_control_characters_in_strings_are_errors() {
    for c in [0x00_u8, 0x01, b'\n', b'\t', 0x1f] {
        for template in [
            &b"{\"subject\": \"ab#\"}"[..],
            b"{\"ab#\": 1}",
            b"{\"x\": [\"#\"]}",
            // Among whitespace of every kind, after an escape, in a member kept
            // raw, in a mistyped value read again, in a value read after the rest.
            b"{\r\n\t\"subject\": \"a\\\"#\"\n}",
            b"{\n  \"unknownMember\": {\"k\": [1, \"#\"]}\n}",
            b"{\n  \"isMuted\": \"#\"\n}",
            b"{\"participants\": [{\"info\": {\"identity\": {\"user\": {\"id\": \"#\"}}}}]}",
        ] {
            let input: Vec<u8> = template
                .iter()
                .map(|&b| if b == b'#' { c } else { b })
                .collect();
            let at = template.iter().position(|&b| b == b'#').unwrap();
            for options in both() {
                let e = decode_err::<Call>(&options, &input);
                assert_eq!(e.kind(), ErrorKind::Syntax, "{e}");
                assert_eq!(e.position().map(|p| p.offset), Some(at), "{e}");
                assert!(e.message().contains("control character"), "{e}");
            }
            assert_eq!(
                graph_comms::repair(&input).unwrap_err().kind(),
                ErrorKind::Syntax
            );
        }
    }
    // DEL and everything above it are ordinary characters.
    let d = graph_comms::from_slice::<Call>(b"{\"subject\": \"a\x7fb\"}").unwrap();
    assert_eq!(d.value.subject.as_deref(), Some("a\u{7f}b"));
}

#[test]
fn lone_surrogates_are_errors_when_strict_and_replaced_when_lenient() {
    let cases = [
        (r#"{"subject": "a\ud800b"}"#, "a\u{fffd}b"),
        (r#"{"subject": "\udc00"}"#, "\u{fffd}"),
        // A high surrogate followed by an escape that is not a low one.
        (r#"{"subject": "\uD83D\u0041"}"#, "\u{fffd}A"),
        (r#"{"subject": "\ud83d\ud83d\ude00"}"#, "\u{fffd}\u{1f600}"),
        // At the very end of the string.
        (r#"{"subject": "x\ud800"}"#, "x\u{fffd}"),
    ];
    for (input, expected) in cases {
        let at = input.find('\\').unwrap();
        let e = decode_err::<Call>(&DecodeOptions::strict(), input.as_bytes());
        assert_eq!(place(&e), (ErrorKind::Syntax, 1, at + 1), "{input}: {e}");
        assert_eq!(e.pointer(), "/subject");
        assert!(e.message().contains("lone surrogate"), "{e}");

        let d = graph_comms::from_str::<Call>(input).unwrap();
        assert_eq!(d.value.subject.as_deref(), Some(expected), "{input}");
        assert_eq!(kinds(&d.diagnostics), [DiagnosticKind::LoneSurrogate]);
        assert_eq!(d.diagnostics[0].pointer, "/subject");
        assert_eq!(d.diagnostics[0].position.map(|p| p.offset), Some(at));
    }
    // In a member name, and in an unknown member's value.
    let d = graph_comms::from_str::<Call>(r#"{"\udfff": {"k": ["\ud800"]}}"#).unwrap();
    assert_eq!(
        d.value.extra["\u{fffd}"],
        serde_json::json!({"k": ["\u{fffd}"]})
    );
    assert_eq!(
        kinds(&d.diagnostics),
        [DiagnosticKind::LoneSurrogate, DiagnosticKind::LoneSurrogate]
    );
    // Incomplete escapes are syntax errors in both modes.
    for input in [
        r#"{"subject": "\ud8"}"#,
        r#"{"subject": "\uZZZZ"}"#,
        r#"{"subject": "\x"}"#,
    ] {
        for options in both() {
            let e = decode_err::<Call>(&options, input.as_bytes());
            assert_eq!(place(&e), (ErrorKind::Syntax, 1, 14), "{input}: {e}");
        }
    }
}

// ------------------------------------------------------------- wrong documents

#[test]
fn empty_and_blank_input_is_a_syntax_error() {
    for (input, line, column) in [("", 1, 1), ("   ", 1, 4), (" \n\t\r\n ", 3, 2)] {
        for options in both() {
            let e = decode_err::<Call>(&options, input.as_bytes());
            assert_eq!(
                place(&e),
                (ErrorKind::Syntax, line, column),
                "{input:?}: {e}"
            );
            assert!(e.message().contains("end of input"), "{e}");
            assert_eq!(e.pointer(), "");
            let e = decode_err::<CommsNotifications>(&options, input.as_bytes());
            assert_eq!(e.kind(), ErrorKind::Syntax);
            let e = decode_err::<Value>(&options, input.as_bytes());
            assert_eq!(
                place(&e),
                (ErrorKind::Syntax, line, column),
                "{input:?}: {e}"
            );
        }
        let e = graph_comms::repair(input.as_bytes()).unwrap_err();
        assert_eq!(
            place(&e),
            (ErrorKind::Syntax, line, column),
            "{input:?}: {e}"
        );
        // Without a root object there is no `@odata.type` to choose the type by.
        let e = by_name::decode_as(&DecodeOptions::lenient(), None, input.as_bytes());
        assert_eq!(e.unwrap_err().kind(), ErrorKind::UnknownType);
    }
    // Only comments: lenient reading steps over them and finds nothing.
    let e = decode_err::<Call>(&DecodeOptions::lenient(), b"// nothing\n/* here */");
    assert_eq!(place(&e), (ErrorKind::Syntax, 2, 11), "{e}");
}

#[test]
fn a_root_that_is_not_an_object_is_a_type_error() {
    for (input, found) in [
        ("[]", "an array"),
        (" \"call\"", "a string"),
        ("42", "a number"),
        ("-1.5e3", "a number"),
        ("true", "a boolean"),
        ("null", "null"),
    ] {
        let column = input.len() - input.trim_start().len() + 1;
        for options in both() {
            for e in [
                decode_err::<Call>(&options, input.as_bytes()),
                decode_err::<CommsNotifications>(&options, input.as_bytes()),
                // A polymorphic point and a resource.
                decode_err::<graph_comms::media::MediaConfig>(&options, input.as_bytes()),
                decode_err::<graph_comms::notification::Resource>(&options, input.as_bytes()),
            ] {
                assert_eq!(place(&e), (ErrorKind::Type, 1, column), "{input}: {e}");
                assert!(e.message().contains(found), "{e}");
            }
        }
        // Plain JSON, it is fine, and so is its repair.
        assert!(graph_comms::repair(input.as_bytes()).is_ok());
    }
    // A character that starts no value is a syntax error, not a type error.
    for input in ["x", "}", "]", ",", "'a'", "+1", "NaN"] {
        for options in both() {
            let e = decode_err::<Call>(&options, input.as_bytes());
            assert_eq!(place(&e), (ErrorKind::Syntax, 1, 1), "{input}: {e}");
        }
    }
}

#[test]
fn trailing_garbage_is_a_syntax_error_where_it_starts() {
    for (input, column) in [
        ("{} x", 4),
        ("{}}", 3),
        ("{}{}", 3),
        ("{}\"s\"", 3),
        ("{} ,", 4),
        ("{}\0", 3),
    ] {
        for options in both() {
            let e = decode_err::<Call>(&options, input.as_bytes());
            assert_eq!(place(&e), (ErrorKind::Syntax, 1, column), "{input:?}: {e}");
            assert!(e.message().contains("trailing characters"), "{e}");
        }
        let e = graph_comms::repair(input.as_bytes()).unwrap_err();
        assert_eq!(place(&e), (ErrorKind::Syntax, 1, column), "{input:?}: {e}");
    }
    // A comment after the value is tolerated when lenient, and only then.
    let d = graph_comms::from_slice::<Call>(b"{} // end").unwrap();
    assert_eq!(kinds(&d.diagnostics), [DiagnosticKind::Comment]);
    let e = decode_err::<Call>(&DecodeOptions::strict(), b"{} // end");
    assert_eq!(place(&e), (ErrorKind::Syntax, 1, 4));
}

#[test]
fn unterminated_values_and_comments_are_syntax_errors() {
    // (input, line, column of the error, what the message says)
    let cases = [
        // A string: at its opening quote.
        ("{\"subject\": \"abc", 1, 13, "unterminated string"),
        ("{\"subject\": \"abc\\\"}", 1, 13, "unterminated string"),
        ("{\"subj", 1, 2, "unterminated string"),
        // A value or a member name missing at the end of the input.
        ("{\"targets\": [{}, ", 1, 18, "expected"),
        ("{\"subject\": ", 1, 13, "end of input"),
        ("{\"subject\"", 1, 11, "expected `:`"),
        ("{\"subject\": \"s\",", 1, 17, "expected a member name"),
        ("{\"x\": tru", 1, 7, "invalid literal"),
    ];
    for (input, line, column, message) in cases {
        for options in both() {
            let e = decode_err::<Call>(&options, input.as_bytes());
            assert_eq!(
                place(&e),
                (ErrorKind::Syntax, line, column),
                "{input:?}: {e}"
            );
            assert!(e.message().contains(message), "{input:?}: {e}");
        }
        let e = graph_comms::repair(input.as_bytes()).unwrap_err();
        assert_eq!(
            place(&e),
            (ErrorKind::Syntax, line, column),
            "{input:?}: {e}"
        );
    }
    // Objects and arrays the input leaves open at its end: strict fails where `,` or
    // the bracket belongs; lenient closes them there, reports each, and repair appends
    // the brackets.
    let cases = [
        ("{\"targets\": [{}", 1, 16, "expected `,` or `]`", "]}"),
        ("{\"subject\": \"s\"\n", 2, 1, "expected `,` or `}`", "}"),
        ("{", 1, 2, "expected a member name", "}"),
        ("{\"x\": [[[", 1, 10, "end of input", "]]]}"),
    ];
    for (input, line, column, message, closers) in cases {
        let e = decode_err::<Call>(&DecodeOptions::strict(), input.as_bytes());
        assert_eq!(
            place(&e),
            (ErrorKind::Syntax, line, column),
            "{input:?}: {e}"
        );
        assert!(e.message().contains(message), "{input:?}: {e}");
        let decoded = DecodeOptions::lenient()
            .decode::<Call>(input.as_bytes())
            .unwrap();
        assert_eq!(
            kinds(&decoded.diagnostics),
            vec![DiagnosticKind::Unclosed; closers.len()],
            "{input:?}"
        );
        let last = decoded.diagnostics.last().unwrap();
        assert_eq!(last.pointer, "", "{input:?}: the root closes last");
        assert_eq!(
            last.position.map(|p| (p.line, p.column)),
            Some((line, column))
        );
        let repaired = graph_comms::repair(input.as_bytes()).unwrap();
        assert_eq!(&*repaired.text, format!("{input}{closers}").as_bytes());
        let again = graph_comms::from_slice::<Call>(&repaired.text)
            .unwrap()
            .value;
        assert_eq!(again, decoded.value, "{input:?}");
    }
    // An unterminated block comment: at its start (lenient); strict has no comments.
    for input in [
        "{\"subject\": \"s\" /* never closed",
        "/*",
        "{} /*/",
        "[1, /* */ 2 /*",
    ] {
        let at = input.rfind("/*").unwrap();
        let e = graph_comms::from_str::<Value>(input).unwrap_err();
        assert_eq!(place(&e), (ErrorKind::Syntax, 1, at + 1), "{input:?}: {e}");
        assert!(e.message().contains("unterminated /* comment"), "{e}");
        let e = graph_comms::repair(input.as_bytes()).unwrap_err();
        assert_eq!(place(&e), (ErrorKind::Syntax, 1, at + 1), "{input:?}: {e}");
        let e = decode_err::<Value>(&DecodeOptions::strict(), input.as_bytes());
        assert_eq!(e.kind(), ErrorKind::Syntax);
    }
    // A line comment runs to the end of the input: the value is what is missing.
    let e = graph_comms::from_str::<Call>("{\"subject\": // s").unwrap_err();
    assert_eq!(place(&e), (ErrorKind::Syntax, 1, 17), "{e}");
    // A lone `/` is not a comment.
    let e = graph_comms::from_str::<Call>("{\"subject\": / \"s\"}").unwrap_err();
    assert_eq!(place(&e), (ErrorKind::Syntax, 1, 13), "{e}");
}

// ---------------------------------------------------------------------- members

#[test]
fn duplicate_members_are_errors_when_strict_and_the_last_wins_when_lenient() {
    let cases = [
        // (input, pointer, column of the second value)
        (r#"{"subject": "a", "subject": "b"}"#, "/subject", 29),
        (r#"{"x": 1, "x": 2}"#, "/x", 15),
        (r#"{"x": {"k": 1, "k": 2}}"#, "/x/k", 21),
        (
            r#"{"source": {"identity": {}, "identity": {}}}"#,
            "/source/identity",
            41,
        ),
    ];
    for (input, pointer, column) in cases {
        let e = decode_err::<Call>(&DecodeOptions::strict(), input.as_bytes());
        assert_eq!(
            place(&e),
            (ErrorKind::DuplicateKey, 1, column),
            "{input}: {e}"
        );
        assert_eq!(e.pointer(), pointer);
        let d = graph_comms::from_str::<Call>(input).unwrap();
        assert_eq!(
            kinds(&d.diagnostics),
            [DiagnosticKind::DuplicateKey],
            "{input}"
        );
        assert_eq!(d.diagnostics[0].pointer, pointer);
        assert_eq!(d.diagnostics[0].position.map(|p| p.column), Some(column));
    }
    let d = graph_comms::from_str::<Call>(
        r#"{"subject": "a", "x": {"k": 1, "k": 2}, "subject": "b", "x": [3]}"#,
    )
    .unwrap();
    assert_eq!(d.value.subject.as_deref(), Some("b"));
    assert_eq!(d.value.extra["x"], serde_json::json!([3]));
    assert_eq!(d.diagnostics.len(), 3);
}

/// Regression (fuzz target `roundtrip`): a member whose first value was mistyped,
/// and so kept raw in `extra`, and whose last value fits, was read with both: the
/// typed value, and the stale raw one in `extra`, which encoding then shadowed; and
/// the duplicate was not reported. Now the last one wins as for any duplicate.
#[test]
fn a_duplicate_after_a_mistyped_member_replaces_the_raw_value() {
    for (input, targets) in [
        (r#"{"targets":"","targets":[]}"#, Some(0)),
        (r#"{"targets": "", "targets": null}"#, None),
        (
            r#"{"targets": 1, "subject": "s", "targets": [{}]}"#,
            Some(1),
        ),
    ] {
        let d = graph_comms::from_str::<Call>(input).unwrap();
        assert_eq!(d.value.targets.as_ref().map(Vec::len), targets, "{input}");
        assert!(d.value.extra.is_empty(), "{input}: {:?}", d.value.extra);
        assert_eq!(
            kinds(&d.diagnostics),
            [DiagnosticKind::Shape, DiagnosticKind::DuplicateKey],
            "{input}"
        );
        let again = graph_comms::from_slice::<Call>(&graph_comms::to_vec(&d.value)).unwrap();
        assert_eq!(again.value, d.value);
        let e = decode_err::<Call>(&DecodeOptions::strict(), input.as_bytes());
        assert_eq!(e.kind(), ErrorKind::Type);
    }
    // So does a value read from another case's spelling (whose received text is
    // kept beside it): a later duplicate replaces the text too.
    let d = graph_comms::from_str::<Call>(r#"{"state": "Established", "state": "terminated"}"#)
        .unwrap();
    assert_eq!(
        d.value.state,
        Some(graph_comms::call::CallState::Terminated)
    );
    assert!(d.value.extra.is_empty(), "{:?}", d.value.extra);
    assert!(kinds(&d.diagnostics).contains(&DiagnosticKind::DuplicateKey));
    // The other way round the raw value is the last, and kept.
    let d = graph_comms::from_str::<Call>(r#"{"targets": [], "targets": "x"}"#).unwrap();
    assert_eq!(d.value.targets, None);
    assert_eq!(d.value.extra["targets"], "x");
    assert_eq!(
        kinds(&d.diagnostics),
        [DiagnosticKind::Shape, DiagnosticKind::DuplicateKey]
    );
}

#[test]
fn hundreds_of_thousands_of_members_and_items_decode() {
    const N: usize = 200_000;
    let mut members = String::from("{\"subject\": \"s\"");
    for i in 0..N {
        members.push_str(&format!(", \"m{i}\": {i}"));
    }
    members.push('}');
    let mut items = String::from("{\"x\": [");
    for i in 0..N {
        items.push_str(if i == 0 { "0" } else { ",0" });
    }
    items.push_str("], \"targets\": [");
    for i in 0..N {
        items.push_str(if i == 0 { "{}" } else { ",{}" });
    }
    items.push_str("]}");
    for options in both() {
        let d = options.decode::<Call>(members.as_bytes()).unwrap();
        assert_eq!(d.value.extra.len(), N);
        assert_eq!(d.value.extra["m199999"], 199_999);
        assert!(d.diagnostics.is_empty());
        let d = options.decode::<Call>(items.as_bytes()).unwrap();
        assert_eq!(d.value.extra["x"].as_array().map(Vec::len), Some(N));
        assert_eq!(d.value.targets.as_ref().map(Vec::len), Some(N));
    }
    assert!(graph_comms::repair(members.as_bytes()).is_ok());
    // The same member 200 000 times: strict stops at the second one, lenient keeps the
    // last and caps the diagnostics.
    let mut dup = String::from("{");
    for i in 0..N {
        dup.push_str(if i == 0 { "\"x\": 0" } else { ", \"x\": 1" });
    }
    dup.push('}');
    let e = decode_err::<Call>(&DecodeOptions::strict(), dup.as_bytes());
    assert_eq!(place(&e), (ErrorKind::DuplicateKey, 1, 15));
    let d = graph_comms::from_str::<Call>(&dup).unwrap();
    assert_eq!(d.value.extra["x"], 1);
    assert_eq!(d.diagnostics.len(), 1001);
    assert_eq!(d.diagnostics[1000].kind, DiagnosticKind::Truncated);
    assert!(
        d.diagnostics[1000]
            .message
            .starts_with(&format!("{} ", N - 1 - 1000))
    );
}

#[test]
fn diagnostics_are_capped_on_hundreds_of_thousands_of_mistyped_values() {
    const N: usize = 200_000;
    let mut input = String::from("{\"value\": [");
    for i in 0..N {
        if i > 0 {
            input.push(',');
        }
        input.push_str("{\"changeType\": 1}");
    }
    input.push_str("]}");
    let d = graph_comms::from_str::<CommsNotifications>(&input).unwrap();
    let value = d.value.value.as_ref().unwrap();
    assert_eq!(value.len(), N);
    assert!(
        value
            .iter()
            .all(|n| n.change_type.is_none() && n.extra["changeType"] == 1)
    );
    let limit = DecodeOptions::lenient().max_diagnostics;
    assert_eq!(d.diagnostics.len(), limit + 1);
    assert!(
        d.diagnostics[..limit]
            .iter()
            .all(|d| d.kind == DiagnosticKind::TypeMismatch)
    );
    assert_eq!(
        d.diagnostics[limit - 1].pointer,
        format!("/value/{}/changeType", limit - 1)
    );
    let last = &d.diagnostics[limit];
    assert_eq!(last.kind, DiagnosticKind::Truncated);
    assert_eq!(
        last.message,
        format!("{} more diagnostics were not kept", N - limit)
    );
    assert_eq!(last.position, None);
    for (cap, kept) in [(0, 0), (3, 3)] {
        let d = DecodeOptions::lenient()
            .with_max_diagnostics(cap)
            .decode::<CommsNotifications>(input.as_bytes())
            .unwrap();
        assert_eq!(d.diagnostics.len(), kept + 1);
        assert_eq!(d.diagnostics[kept].kind, DiagnosticKind::Truncated);
    }
    // Strict stops at the first.
    let e = decode_err::<CommsNotifications>(&DecodeOptions::strict(), input.as_bytes());
    assert_eq!(e.kind(), ErrorKind::Type);
    assert_eq!(e.pointer(), "/value/0/changeType");
}

// ---------------------------------------------------------------------- numbers

#[test]
fn numbers_beyond_f64_are_errors_and_big_integers_are_floats() {
    let digits = |n: usize| format!("1{}", "0".repeat(n - 1));
    // Out of f64's range: not representable, in any member, in either mode.
    for number in [
        "1e400",
        "-1e400",
        "1E+309",
        &digits(400),
        &format!("-{}", digits(400)),
    ] {
        let input = format!("{{\"x\": {number}}}");
        for options in both() {
            let e = decode_err::<Call>(&options, input.as_bytes());
            assert_eq!(place(&e), (ErrorKind::Syntax, 1, 7), "{number}: {e}");
            assert!(e.message().contains("out of range"), "{e}");
            assert_eq!(e.pointer(), "/x");
        }
        // The repair pass only checks the grammar, which has no range.
        assert!(graph_comms::repair(input.as_bytes()).is_ok());
    }
    // Integers beyond 64 bits, within f64: floats, in an unknown member.
    for n in [21, 40, 300] {
        let input = format!("{{\"x\": {}}}", digits(n));
        for options in both() {
            let call = options.decode::<Call>(input.as_bytes()).unwrap().value;
            let x = call.extra["x"].as_f64().unwrap();
            assert!(call.extra["x"].is_f64());
            assert_eq!(x, format!("1e{}", n - 1).parse::<f64>().unwrap());
        }
    }
    // Underflow is zero, not an error; the 64-bit extremes stay integers.
    let call = graph_comms::from_str::<Call>(
        r#"{"a": 1e-400, "b": 18446744073709551615, "c": -9223372036854775808, "d": 18446744073709551616}"#,
    )
    .unwrap()
    .value;
    assert_eq!(call.extra["a"].as_f64(), Some(0.0));
    assert_eq!(call.extra["b"].as_u64(), Some(u64::MAX));
    assert_eq!(call.extra["c"].as_i64(), Some(i64::MIN));
    assert!(call.extra["d"].is_f64());

    // In an Int64 member: a type error when strict; when lenient a number that fits
    // f64 is kept raw (type_mismatch), one that does not is the syntax error above.
    for (number, kept) in [
        (digits(30), true),
        ("1.5".to_owned(), true),
        (digits(400), false),
    ] {
        let input = format!("{{\"rosterSequenceNumber\": {number}}}");
        let e = decode_err::<Participant>(&DecodeOptions::strict(), input.as_bytes());
        assert_eq!(place(&e), (ErrorKind::Type, 1, 26), "{e}");
        assert_eq!(e.pointer(), "/rosterSequenceNumber");
        let lenient = graph_comms::from_str::<Participant>(&input);
        if kept {
            let d = lenient.unwrap();
            assert_eq!(d.value.roster_sequence_number, None);
            assert!(d.value.extra["rosterSequenceNumber"].is_f64());
            assert_eq!(kinds(&d.diagnostics), [DiagnosticKind::TypeMismatch]);
        } else {
            let e = lenient.unwrap_err();
            assert_eq!(place(&e), (ErrorKind::Syntax, 1, 26), "{e}");
        }
    }
    // Out of i64 but an integer: a type error too, kept raw when lenient.
    let input = r#"{"rosterSequenceNumber": 9223372036854775808}"#;
    let e = decode_err::<Participant>(&DecodeOptions::strict(), input.as_bytes());
    assert!(e.message().contains("out of range"), "{e}");
    let d = graph_comms::from_str::<Participant>(input).unwrap();
    assert_eq!(
        d.value.extra["rosterSequenceNumber"].as_u64(),
        Some(1 << 63)
    );
    // Malformed numbers are syntax errors at the byte that breaks them.
    for (number, column) in [
        ("-", 8),
        ("1.", 9),
        ("1e", 9),
        ("1e+", 10),
        ("-x", 8),
        (".5", 7),
    ] {
        let input = format!("{{\"x\": {number}}}");
        for options in both() {
            let e = decode_err::<Call>(&options, input.as_bytes());
            assert_eq!(place(&e), (ErrorKind::Syntax, 1, column), "{number}: {e}");
        }
    }
}

// ------------------------------------------------------------------ long inputs

#[test]
fn a_ten_megabyte_string_decodes() {
    const LEN: usize = 10 << 20;
    let long = "a".repeat(LEN);
    // Plain, and with an escape every so often (the slow path of the reader).
    let escaped = "abcdefg\\n".repeat(LEN / 9);
    for (text, expected_len) in [(&long, LEN), (&escaped, LEN / 9 * 8)] {
        for member in ["subject", "unknown"] {
            let input = format!("{{\"{member}\": \"{text}\"}}");
            for options in both() {
                let d = options.decode::<Call>(input.as_bytes()).unwrap();
                let value = match member {
                    "subject" => d.value.subject.unwrap(),
                    _ => d.value.extra[member].as_str().unwrap().to_owned(),
                };
                assert_eq!(value.len(), expected_len);
            }
        }
    }
    // As a member name, and unterminated.
    let input = format!("{{\"{long}\": 1}}");
    assert_eq!(
        graph_comms::from_str::<Call>(&input)
            .unwrap()
            .value
            .extra
            .len(),
        1
    );
    let input = format!("{{\"subject\": \"{long}");
    for options in both() {
        let e = decode_err::<Call>(&options, input.as_bytes());
        assert_eq!(place(&e), (ErrorKind::Syntax, 1, 13));
    }
}

/// Regression: every kept diagnostic carries the JSON pointer of its place, and the
/// names in it are the input's. A long member name above many diagnostics once cost a
/// copy of that name per diagnostic (up to `max_diagnostics` of them, and for
/// duplicate members one per duplicate even beyond that): memory and time the
/// product of the two, a thousand times the input.
#[test]
fn diagnostics_under_a_long_member_name_stay_proportional() {
    let name = "n".repeat(1 << 20);
    let comments = "/**/".repeat(5_000);
    let duplicates = "\"k\": 1, ".repeat(200_000);
    for input in [
        format!("{{\"{name}\": [{comments} 1]}}"),
        format!("{{\"{name}\": {{{duplicates} \"k\": 2}}}}"),
    ] {
        let d = graph_comms::from_str::<Call>(&input).unwrap();
        let pointers: usize = d.diagnostics.iter().map(|d| d.pointer.len()).sum();
        assert!(
            pointers <= 4 * input.len(),
            "{} bytes of pointers for {} bytes of input",
            pointers,
            input.len()
        );
        assert_eq!(
            d.diagnostics.last().map(|d| d.kind),
            Some(DiagnosticKind::Truncated)
        );
        let r = graph_comms::repair(input.as_bytes()).unwrap();
        let pointers: usize = r.diagnostics.iter().map(|d| d.pointer.len()).sum();
        assert!(pointers <= 4 * input.len());
    }
}

/// Regression: positions of diagnostics were worked out by counting the characters
/// from the start of the line each time, so a thousand diagnostics on one long line
/// (minified JSON) cost a thousand scans of it.
#[test]
fn diagnostics_on_one_long_line_are_located_in_one_pass() {
    // 10 MB on one line, with a comment every 10 kB.
    let chunk = format!("\"{}\", /**/ ", "x".repeat(10_000));
    let input = format!("{{\"x\": [{} 1]}}", chunk.repeat(1_000));
    let d = graph_comms::from_str::<Call>(&input).unwrap();
    assert_eq!(d.diagnostics.len(), 1000);
    let last = d.diagnostics[999].position.unwrap();
    assert_eq!(last.line, 1);
    assert_eq!(last.column, last.offset + 1);
    assert_eq!(&input[last.offset..last.offset + 4], "/**/");
    // Every position agrees with locating its offset from the start.
    let input = "{\"x\": [/**/ 1, \n  \"\u{e9}\u{1f600}\", /* a */\n\n/**/ 2,\n// c\n  ]} // end";
    let d = graph_comms::from_str::<Call>(input).unwrap();
    assert_eq!(d.diagnostics.len(), 6);
    for diagnostic in &d.diagnostics {
        let p = diagnostic.position.unwrap();
        assert_eq!(p, graph_comms::Position::locate(input.as_bytes(), p.offset));
    }
    // Non-ASCII characters count as one column each.
    let input = format!("{{\"x\": [\"{}\", /**/ 1]}}", "é".repeat(1000));
    let d = graph_comms::from_str::<Call>(&input).unwrap();
    let p = d.diagnostics[0].position.unwrap();
    assert_eq!(p.column, p.offset + 1 - 1000);
}

/// Regression (fuzz target `roundtrip`): an untyped object at an abstract point was
/// typed from its members even when the telling member was `null`, which is absent:
/// encoding leaves it out, and the encoding then decoded to another type.
#[test]
fn null_members_are_no_evidence_of_a_type() {
    use graph_comms::meeting::MeetingInfo;
    use graph_comms::notification::Resource;

    let input = r#"{"meetingInfo": {"joinMeetinwId": "1234567", "passcode": null}}"#;
    let d = graph_comms::from_str::<Call>(input).unwrap();
    assert!(
        d.value.meeting_info.as_ref().is_some_and(|m| !m.is_known()),
        "{:?}",
        d.value.meeting_info
    );
    assert_eq!(kinds(&d.diagnostics), [DiagnosticKind::UnknownType]);
    let again = graph_comms::from_slice::<Call>(&graph_comms::to_vec(&d.value)).unwrap();
    assert_eq!(again.value, d.value);
    // Not null, it tells.
    let d = graph_comms::from_str::<Call>(r#"{"meetingInfo": {"passcode": "p"}}"#).unwrap();
    assert!(matches!(
        d.value.meeting_info,
        Some(MeetingInfo::JoinMeetingId(_))
    ));

    // A resource under a participants path: a null `sequenceNumber` does not make it
    // a delta roster.
    let input = r#"{"value": [{"resourceUrl": "/communications/calls/c/participants",
        "resourceData": [{"sequenceNumber": null, "id": "p"}]}]}"#;
    let d = graph_comms::from_str::<CommsNotifications>(input).unwrap();
    let resources: Vec<&Resource> = d.value.resources().collect();
    assert!(
        matches!(resources[..], [Resource::Participant(_)]),
        "{resources:?}"
    );
    let again =
        graph_comms::from_slice::<CommsNotifications>(&graph_comms::to_vec(&d.value)).unwrap();
    assert_eq!(again.value, d.value);
}

/// Regression (mutation test): an `@odata.type` that is not a string was a type error
/// even when lenient, so the whole member holding the object was kept raw; with a
/// later, valid `@odata.type` (a duplicate, the last wins) the raw value then
/// encoded to JSON that decoded to another value. Now it is kept raw in the object's
/// `extra`, as any mistyped member is.
#[test]
fn an_odata_type_that_is_not_a_string_is_kept_raw_when_lenient() {
    use graph_comms::notification::Resource;

    let input = r##"{"value": [{"resource": "/app/calls/c/participants", "resourceData": [
        {"@odata.type": ["#microsoft.graph.participant"], "@odata.type": "#microsoft.graph.participant", "id": "p"}]}]}"##;
    let d = graph_comms::from_str::<CommsNotifications>(input).unwrap();
    let resources: Vec<&Resource> = d.value.resources().collect();
    let [Resource::Participant(p)] = resources[..] else {
        panic!("{resources:?}");
    };
    assert!(p.odata_type.is_present() && p.extra.is_empty(), "{p:?}");
    assert!(kinds(&d.diagnostics).contains(&DiagnosticKind::TypeMismatch));
    assert!(kinds(&d.diagnostics).contains(&DiagnosticKind::DuplicateKey));
    let again =
        graph_comms::from_slice::<CommsNotifications>(&graph_comms::to_vec(&d.value)).unwrap();
    assert_eq!(again.value, d.value);

    let input = br#"{"@odata.type": 5, "subject": "s"}"#;
    let d = graph_comms::from_slice::<Call>(input).unwrap();
    assert_eq!(d.value.subject.as_deref(), Some("s"));
    assert_eq!(d.value.extra["@odata.type"], 5);
    assert!(!d.value.odata_type.is_present());
    assert_eq!(kinds(&d.diagnostics), [DiagnosticKind::TypeMismatch]);
    assert_eq!(d.diagnostics[0].pointer, "/@odata.type");
    let again = graph_comms::from_slice::<Call>(&graph_comms::to_vec(&d.value)).unwrap();
    assert_eq!(again.value, d.value);
    let e = decode_err::<Call>(&DecodeOptions::strict(), input);
    assert_eq!(place(&e), (ErrorKind::Type, 1, 17));
}

/// Regression (mutation test): at a polymorphic point, an object whose first member
/// is `@odata.type` was typed by it, although a later `@odata.type` member wins (the
/// last of duplicates); encoding then wrote the later one, and the encoding decoded
/// as another type. Now the last `@odata.type` decides, however the object starts.
#[test]
fn the_last_odata_type_decides_at_a_polymorphic_point() {
    use graph_comms::notification::Resource;

    let notification = |resource: &str| {
        format!(
            r#"{{"value": [{{"resourceUrl": "/communications/calls/c/operations/o", "resourceData": {resource}}}]}}"#
        )
    };
    for (resource, expected) in [
        // The first names an operation, the last no type this crate knows.
        (
            r##"{"@odata.type": "#microsoft.graph.addLargeGalleryViewOperation", "@odata.type": "#x.y", "status": "completed"}"##,
            None,
        ),
        // The first names no known type, the last an operation.
        (
            r##"{"@odata.type": "#x.y", "@odata.type": "#microsoft.graph.addLargeGalleryViewOperation", "status": "completed"}"##,
            Some("addLargeGalleryViewOperation"),
        ),
        // The last is not a string: no type is given, the path tells.
        (
            r##"{"@odata.type": "#microsoft.graph.call", "@odata.type": 1, "status": "completed"}"##,
            Some("commsOperation"),
        ),
        // A last `null` is absent: no type is given either.
        (
            r##"{"@odata.type": "#microsoft.graph.call", "@odata.type": null, "status": "completed"}"##,
            Some("commsOperation"),
        ),
    ] {
        let input = notification(resource);
        let d = graph_comms::from_str::<CommsNotifications>(&input).unwrap();
        let resources: Vec<&Resource> = d.value.resources().collect();
        let [resource] = resources[..] else {
            panic!("{resources:?}");
        };
        let known = resource.is_known();
        assert_eq!(
            known.then(|| resource.type_name()).flatten(),
            expected,
            "{input}"
        );
        let encoded = graph_comms::to_vec(&d.value);
        let again = graph_comms::from_slice::<CommsNotifications>(&encoded).unwrap();
        assert_eq!(
            again.value,
            d.value,
            "{}",
            String::from_utf8_lossy(&encoded)
        );
        // Strict: the duplicate is an error.
        let e = decode_err::<CommsNotifications>(&DecodeOptions::strict(), input.as_bytes());
        assert!(
            matches!(e.kind(), ErrorKind::DuplicateKey | ErrorKind::Type),
            "{e}"
        );
    }
}
