//! The requests of the "Create call" page: one constructor per scenario, each taking
//! the media either way (service-hosted or application-hosted).

use super::{Call, ChatInfo};
use crate::identity::{AnyIdentity, AnyIdentitySet, CommunicationsIdentitySet};
use crate::media::{MediaConfig, Modality};
use crate::meeting::{
    JoinMeetingIdMeetingInfo, MeetingInfo, OrganizerMeetingInfo, TokenMeetingInfo,
};
use crate::participant::{InvitationParticipantInfo, ParticipantInfo};

impl Call {
    /// Who is calling, for an incoming call: the identity set of its `source`
    /// (a Teams user, a phone number, an application).
    ///
    /// ```
    /// use graph_comms::call::{CallState, Call};
    /// use graph_comms::notification::{CommsNotifications, Resource};
    ///
    /// // An incoming PSTN call, as Graph posts it: the caller's set is written as an
    /// // `identitySet`, and its `phone` makes it a `communicationsIdentitySet`.
    /// let body = br##"{"value": [{"changeType": "created",
    ///   "resourceUrl": "/communications/calls/491f0b00-ffff-4bc9-a43e-b226498ec22a",
    ///   "resourceData": {"@odata.type": "#microsoft.graph.call", "state": "incoming",
    ///     "direction": "incoming",
    ///     "source": {"@odata.type": "#microsoft.graph.participantInfo",
    ///       "identity": {"@odata.type": "#microsoft.graph.identitySet",
    ///         "phone": {"@odata.type": "#microsoft.graph.identity", "id": "+12345678901"}}},
    ///     "targets": [{"@odata.type": "#microsoft.graph.invitationParticipantInfo",
    ///       "identity": {"@odata.type": "#microsoft.graph.identitySet",
    ///         "applicationInstance": {"@odata.type": "#microsoft.graph.identity",
    ///           "id": "3d913abb-aec0-4964-8fa6-3c6850c4f278", "displayName": "Calling Bot"}}}]}}]}"##;
    /// let decoded = graph_comms::from_slice::<CommsNotifications>(body)?;
    /// for resource in decoded.value.resources() {
    ///     if let Resource::Call(call) = resource {
    ///         assert_eq!(call.state, Some(CallState::Incoming));
    ///         let number = call.caller().and_then(|c| c.phone()).and_then(|p| p.id());
    ///         assert_eq!(number, Some("+12345678901"));
    ///     }
    /// }
    /// # Ok::<(), graph_comms::Error>(())
    /// ```
    pub fn caller(&self) -> Option<&AnyIdentitySet> {
        self.source.as_ref()?.identity.as_ref()
    }

    /// What every outgoing call carries: where Graph posts its notifications, audio,
    /// and how the media is hosted
    /// ([`ServiceHostedMediaConfig`](crate::media::ServiceHostedMediaConfig) or
    /// [`AppHostedMediaConfig`](crate::media::AppHostedMediaConfig)).
    pub fn outgoing(callback_uri: impl Into<String>, media: impl Into<MediaConfig>) -> Self {
        Call::default()
            .with_callback_uri(callback_uri)
            .with_requested_modalities([Modality::Audio])
            .with_media_config(media)
    }

    /// A peer-to-peer VoIP call to `target` (examples 1 and 2).
    ///
    /// ```
    /// use graph_comms::call::Call;
    /// use graph_comms::identity::{Identity, IdentitySet};
    /// use graph_comms::media::ServiceHostedMediaConfig;
    ///
    /// let john = Identity::new("112f7296-5fa4-42ca-bae8-6a692b15d4b8").with_display_name("John");
    /// let call = Call::peer_to_peer(
    ///     "https://bot.contoso.com/callback",
    ///     IdentitySet::user(john),
    ///     ServiceHostedMediaConfig::default(),
    /// );
    /// let json = graph_comms::to_value(&call);
    /// assert_eq!(json["targets"][0]["identity"]["user"]["displayName"], "John");
    /// assert_eq!(json["requestedModalities"][0], "audio");
    /// ```
    pub fn peer_to_peer(
        callback_uri: impl Into<String>,
        target: impl Into<AnyIdentitySet>,
        media: impl Into<MediaConfig>,
    ) -> Self {
        Call::outgoing(callback_uri, media).with_targets([InvitationParticipantInfo::new(target)])
    }

    /// A group call with each of `targets` (examples 3 and 4); give it a
    /// [`subject`](Self::with_subject).
    pub fn group<T: Into<AnyIdentitySet>>(
        callback_uri: impl Into<String>,
        targets: impl IntoIterator<Item = T>,
        media: impl Into<MediaConfig>,
    ) -> Self {
        let targets: Vec<InvitationParticipantInfo> = targets
            .into_iter()
            .map(InvitationParticipantInfo::new)
            .collect();
        Call::outgoing(callback_uri, media).with_targets(targets)
    }

    /// Joining a meeting, however `meeting` names it.
    pub fn join_meeting(
        callback_uri: impl Into<String>,
        meeting: impl Into<MeetingInfo>,
        media: impl Into<MediaConfig>,
    ) -> Self {
        Call::outgoing(callback_uri, media).with_meeting_info(meeting)
    }

    /// Joining a scheduled meeting named by its organizer and its chat (examples 5
    /// and 6); add the meeting's [`tenant_id`](Self::with_tenant_id).
    pub fn join_meeting_by_organizer(
        callback_uri: impl Into<String>,
        organizer: impl Into<AnyIdentitySet>,
        chat: ChatInfo,
        media: impl Into<MediaConfig>,
    ) -> Self {
        Call::join_meeting(callback_uri, OrganizerMeetingInfo::new(organizer), media)
            .with_chat_info(chat)
    }

    /// Joining a scheduled meeting by its join meeting ID, and its passcode if it has
    /// one (examples 7 and 8).
    pub fn join_meeting_by_id(
        callback_uri: impl Into<String>,
        join_meeting_id: impl Into<String>,
        passcode: Option<&str>,
        media: impl Into<MediaConfig>,
    ) -> Self {
        let mut meeting = JoinMeetingIdMeetingInfo::new(join_meeting_id);
        meeting.passcode = passcode.map(str::to_owned);
        Call::join_meeting(callback_uri, meeting, media)
    }

    /// Joining a meeting named by a token.
    pub fn join_meeting_by_token(
        callback_uri: impl Into<String>,
        token: impl Into<String>,
        media: impl Into<MediaConfig>,
    ) -> Self {
        Call::join_meeting(callback_uri, TokenMeetingInfo::new(token), media)
    }

    /// A peer-to-peer PSTN call from an application instance (a bot with a phone
    /// number) to `phone_number`, in E.164 format (examples 9 and 10); add the
    /// [`tenant_id`](Self::with_tenant_id).
    pub fn pstn(
        callback_uri: impl Into<String>,
        application_instance: impl Into<AnyIdentity>,
        phone_number: impl Into<String>,
        media: impl Into<MediaConfig>,
    ) -> Self {
        let source = CommunicationsIdentitySet::application_instance(application_instance);
        Call::peer_to_peer(
            callback_uri,
            CommunicationsIdentitySet::phone(phone_number),
            media,
        )
        .with_source(ParticipantInfo::new(source))
    }
}
