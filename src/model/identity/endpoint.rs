//! The kind of endpoint a party calls from.

use crate::declare::open_enum;

open_enum! {
    /// The kind of endpoint a participant uses.
    EndpointType = "endpointType" {
        Default = "default",
        Voicemail = "voicemail",
        SkypeForBusiness = "skypeForBusiness",
        SkypeForBusinessVoipPhone = "skypeForBusinessVoipPhone",
        /// Evolvable-enum sentinel: members after it are sent only to clients that opt in.
        UnknownFutureValue = "unknownFutureValue",
    }
}
