//! Strict mode: what it rejects, with the pointer and the position.

use graph_comms::call::Call;
use graph_comms::notification::CommsNotifications;
use graph_comms::participant::Participant;
use graph_comms::{Decode, DecodeOptions, Error, ErrorKind};

fn strict<T: Decode + std::fmt::Debug>(json: &[u8]) -> Error {
    DecodeOptions::strict()
        .decode::<T>(json)
        .expect_err(&String::from_utf8_lossy(json))
}

fn at(e: &Error) -> (ErrorKind, &str, usize, usize) {
    (
        e.kind(),
        e.pointer(),
        e.line().unwrap_or(0),
        e.column().unwrap_or(0),
    )
}

#[test]
fn mistyped_values_are_errors_with_pointer_and_position() {
    let json = b"{\"value\": [{\"resourceUrl\": \"/communications/calls/c\",\n  \"resourceData\": {\"@odata.type\": \"#microsoft.graph.call\",\n    \"resultInfo\": {\"code\": \"200\"}}}]}";
    let e = strict::<CommsNotifications>(json);
    assert_eq!(
        at(&e),
        (
            ErrorKind::Type,
            "/value/0/resourceData/resultInfo/code",
            3,
            28
        )
    );
    assert_eq!(
        e.to_string(),
        "/value/0/resourceData/resultInfo/code: expected a 32-bit integer, found a string at line 3 column 28"
    );
}

#[test]
fn syntax_the_documents_use_is_rejected() {
    assert_eq!(
        at(&strict::<Call>(b"{\"subject\": \"s\",}")),
        (ErrorKind::Syntax, "", 1, 16)
    );
    assert_eq!(
        at(&strict::<Call>(b"{\"targets\": [{},]}")),
        (ErrorKind::Syntax, "/targets", 1, 16)
    );
    assert_eq!(at(&strict::<Call>(b"{// c\n}")).0, ErrorKind::Syntax);
    assert_eq!(
        at(&strict::<Call>(b"\xef\xbb\xbf{}")),
        (ErrorKind::Syntax, "", 1, 1)
    );
}

#[test]
fn duplicates_foreign_types_and_lone_surrogates_are_errors() {
    assert_eq!(
        at(&strict::<Call>(b"{\"subject\": \"a\", \"subject\": \"b\"}")).0,
        ErrorKind::DuplicateKey
    );
    let e = strict::<Call>(br##"{"source": {"@odata.type": "#microsoft.graph.call"}}"##);
    assert_eq!(
        (e.kind(), e.pointer()),
        (ErrorKind::Type, "/source/@odata.type")
    );
    assert_eq!(
        at(&strict::<Call>(br#"{"subject": "\udc00"}"#)).0,
        ErrorKind::Syntax
    );
}

#[test]
fn malformed_input_is_an_error_in_both_modes() {
    let cases: &[(&[u8], ErrorKind, &str)] = &[
        (b"", ErrorKind::Syntax, "end of input"),
        (b"   \n\t ", ErrorKind::Syntax, "end of input"),
        (
            b"[]",
            ErrorKind::Type,
            "expected a `participant` object, found an array",
        ),
        (b"\"participant\"", ErrorKind::Type, "found a string"),
        (b"{} {}", ErrorKind::Syntax, "trailing characters"),
        (b"{\"id\": \"abc", ErrorKind::Syntax, "unterminated string"),
        (
            b"{\"id\": \"a\x01b\"}",
            ErrorKind::Syntax,
            "control character",
        ),
        (b"{\"id\": \"a\\qb\"}", ErrorKind::Syntax, "invalid escape"),
        (b"{\"id\": \"\xff\"}", ErrorKind::Utf8, "UTF-8"),
        (b"{\"id\" \"a\"}", ErrorKind::Syntax, "expected `:`"),
        (b"{\"isMuted\": tru}", ErrorKind::Syntax, "literal"),
        (
            b"{\"rosterSequenceNumber\": 01}",
            ErrorKind::Syntax,
            "after a member",
        ),
        (
            b"{\"rosterSequenceNumber\": -}",
            ErrorKind::Syntax,
            "invalid number",
        ),
        (b"{\"x\": 1e999}", ErrorKind::Syntax, "out of range"),
        (b"{\"x\": /}", ErrorKind::Syntax, "/"),
    ];
    for (input, kind, text) in cases {
        for options in [DecodeOptions::strict(), DecodeOptions::lenient()] {
            let e = options
                .decode::<Participant>(input)
                .expect_err(&String::from_utf8_lossy(input));
            assert_eq!(e.kind(), *kind, "{:?}: {e}", String::from_utf8_lossy(input));
            assert!(
                e.message().contains(text),
                "{:?}: {e}",
                String::from_utf8_lossy(input)
            );
            if *kind != ErrorKind::Type || input.len() > 2 {
                assert!(e.position().is_some(), "{e}");
            }
        }
    }
}

#[test]
fn invalid_utf8_is_located() {
    let e = DecodeOptions::lenient()
        .decode::<Call>(b"{\n \"subject\": \"\xc3\x28\"}")
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.line(), e.column()),
        (ErrorKind::Utf8, Some(2), Some(14))
    );
}
