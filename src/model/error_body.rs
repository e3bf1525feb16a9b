//! Error bodies: what Graph answers a failed request with.
//!
//! Graph's errors are OData error responses, `{"error": {"code", "message",
//! "target", "details", "innerError"}}`; the calling service adds a `DiagCode` to the
//! message. Real responses also come in two other shapes, which decode as well and
//! are reported as [`error_shape`](crate::DiagnosticKind::ErrorShape): the bare
//! inner object, without the `error` wrapper, and the calling service's own
//! `{"errorCode", "message", "instanceAnnotations"}`. [`ErrorBody`] keeps each as it
//! came, and reads its code and message whatever the shape.
//!
//! ```
//! use graph_comms::error_body::{ErrorBody, ErrorShape};
//!
//! let body = br#"{"error": {"code": "Forbidden", "message": "Not allowed. DiagCode: 7504#7504.@",
//!   "innerError": {"date": "2026-12-02T03:00:00", "request-id": "6a2b4f7c", "client-request-id": "1c8f02d4"}}}"#;
//! let decoded = graph_comms::from_slice::<ErrorBody>(body)?;
//! assert_eq!(decoded.value.shape(), ErrorShape::Standard);
//! assert_eq!(decoded.value.code(), Some("Forbidden"));
//! assert_eq!(decoded.value.diag_code(), Some("7504#7504.@"));
//!
//! let bare = graph_comms::from_slice::<ErrorBody>(br#"{"code": "NotFound", "message": "Gone"}"#)?;
//! assert_eq!(bare.value.shape(), ErrorShape::Bare);
//! assert_eq!(bare.diagnostics[0].kind.as_str(), "error_shape");
//! # Ok::<(), graph_comms::Error>(())
//! ```

use serde_json::Value;

use crate::declare::object;
use crate::decode::Decoder;

object! {
    /// An error body as Graph, or the calling service, sends it: the OData shape's
    /// `error` member, or the members of one of the two other shapes.
    ErrorBody = untyped "error" [after = report_shape] {
        /// The error, in the OData shape `{"error": {…}}`.
        error: MainError = "error",
        /// The bare shape: the error's code.
        code: String = "code",
        /// The bare shape, or the calling service's: the message.
        message: String = "message",
        /// The bare shape: the target of the error.
        target: String = "target",
        /// The bare shape: the details.
        details: Vec<ErrorDetail> = "details",
        /// The bare shape: the inner error.
        inner_error: InnerError = "innerError",
        /// The calling service's shape: its error code (a string or a number).
        error_code: Value = "errorCode",
        /// The calling service's shape: its annotations.
        instance_annotations: Value = "instanceAnnotations",
    }
}

object! {
    /// The error of an OData error response: what went wrong, where, and the
    /// service's own details.
    MainError = untyped "mainError" {
        /// A service-defined code, such as `Forbidden` or `7503`.
        code: String = "code",
        /// A human-readable message; the calling service ends it with a `DiagCode`.
        message: String = "message",
        /// What the error is about, such as a parameter's name.
        target: String = "target",
        /// More errors behind this one.
        details: Vec<ErrorDetail> = "details",
        /// The service's own details: the date and the request ids.
        inner_error: InnerError = "innerError",
    }
}

object! {
    /// One error behind an error: its code, message and target.
    ErrorDetail = untyped "errorDetail" {
        /// A service-defined code.
        code: String = "code",
        /// A human-readable message.
        message: String = "message",
        /// What the error is about.
        target: String = "target",
    }
}

object! {
    /// The service's details of an error: when, and the ids to give Microsoft support.
    /// Members beyond these are kept in `extra`.
    InnerError = untyped "innerError" {
        /// When the error occurred (UTC, as the service writes it).
        date: String = "date",
        /// The id of the request, as Graph logged it.
        request_id: String = "request-id",
        /// The `client-request-id` the request sent, if it sent one.
        client_request_id: String = "client-request-id",
    }
}

/// Which of the shapes an error body is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorShape {
    /// The OData shape: `{"error": {…}}`.
    Standard,
    /// The inner object without the `error` wrapper: `{"code", "message", …}`.
    Bare,
    /// The calling service's own: `{"errorCode", "message", "instanceAnnotations"}`.
    CallingService,
    /// None of these: neither `error`, `code`, `errorCode` nor `message`.
    Unrecognized,
}

impl ErrorBody {
    /// The shape the body is in.
    pub fn shape(&self) -> ErrorShape {
        if self.error.is_some() {
            ErrorShape::Standard
        } else if self.error_code.is_some() || self.instance_annotations.is_some() {
            ErrorShape::CallingService
        } else if self.code.is_some() || self.message.is_some() || self.inner_error.is_some() {
            ErrorShape::Bare
        } else {
            ErrorShape::Unrecognized
        }
    }

    /// The error's code, whatever the shape: `Forbidden`, `7503`, …
    pub fn code(&self) -> Option<&str> {
        if let Some(error) = &self.error {
            return error.code.as_deref();
        }
        match &self.error_code {
            Some(Value::String(code)) => Some(code),
            _ => self.code.as_deref(),
        }
    }

    /// The calling service's error code when it is a number (`{"errorCode": 7503}`).
    pub fn numeric_error_code(&self) -> Option<i64> {
        self.error_code.as_ref().and_then(Value::as_i64)
    }

    /// The error's message, whatever the shape.
    pub fn message(&self) -> Option<&str> {
        match &self.error {
            Some(error) => error.message.as_deref(),
            None => self.message.as_deref(),
        }
    }

    /// The error's target, whatever the shape.
    pub fn target(&self) -> Option<&str> {
        match &self.error {
            Some(error) => error.target.as_deref(),
            None => self.target.as_deref(),
        }
    }

    /// The error's details, whatever the shape (none for the calling service's).
    pub fn details(&self) -> &[ErrorDetail] {
        let details = match &self.error {
            Some(error) => &error.details,
            None => &self.details,
        };
        details.as_deref().unwrap_or_default()
    }

    /// The error's inner error, whatever the shape.
    pub fn inner_error(&self) -> Option<&InnerError> {
        match &self.error {
            Some(error) => error.inner_error.as_ref(),
            None => self.inner_error.as_ref(),
        }
    }

    /// The `DiagCode` the calling service ends its messages with
    /// (`… DiagCode: 7504#7504.@`), if the message has one.
    pub fn diag_code(&self) -> Option<&str> {
        diag_code(self.message()?)
    }
}

/// The `DiagCode` in `message`: the text after `DiagCode:` up to the next whitespace.
fn diag_code(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once("DiagCode:")?;
    let code = rest.split_whitespace().next()?;
    Some(code.trim_end_matches([',', ';']))
}

/// Reports a body in a shape other than the OData one.
fn report_shape(d: &mut Decoder<'_>, body: &ErrorBody) {
    let what = match body.shape() {
        ErrorShape::Standard => return,
        ErrorShape::Bare => "the bare error object, without the `error` wrapper",
        ErrorShape::CallingService => {
            "the calling service's own error shape (`errorCode`, `message`)"
        }
        ErrorShape::Unrecognized => "no `error` member, nor a code or message",
    };
    d.report_shape_of_error(format!("not an OData error response: {what}"));
}

#[cfg(test)]
mod tests {
    use super::diag_code;

    #[test]
    fn diag_codes_are_read_from_messages() {
        assert_eq!(
            diag_code("Call not found. DiagCode: 7503#7503.@"),
            Some("7503#7503.@")
        );
        assert_eq!(diag_code("DiagCode:500#1203.@ x"), Some("500#1203.@"));
        assert_eq!(diag_code("Nothing here"), None);
        assert_eq!(diag_code("DiagCode: "), None);
    }
}
