//! How generated participants settle into the roster entries Graph sends: an id,
//! an identity, mute and lobby flags, and the media streams a Teams client opens.

use super::{MediaDirection, MediaStream, Participant, ParticipantInfo};
use crate::declare::traffic::{Dice, enum_value, extra_member};
use crate::identity::{AnyIdentitySet, IdentitySet};
use crate::media::Modality;

/// A participant as a roster lists it.
pub(crate) fn participant(p: &mut Participant, d: &mut dyn Dice) {
    if p.id.is_none() {
        p.id = Some(d.uuid());
    }
    let info = p.info.get_or_insert_with(|| {
        let mut info = ParticipantInfo::default();
        extra_member(&mut info.extra, d);
        info
    });
    if info.identity.is_none() {
        let mut set = IdentitySet::default();
        crate::identity::settle::identity_set(&mut set, d);
        extra_member(&mut set.extra, d);
        info.identity = Some(AnyIdentitySet::from(set));
    }
    // Most are unmuted and admitted.
    p.is_muted.get_or_insert_with(|| d.one_in(3));
    p.is_in_lobby.get_or_insert_with(|| d.one_in(10));
    if p.media_streams.as_ref().is_none_or(Vec::is_empty) {
        p.media_streams = Some(streams(d));
    }
}

/// The streams of a Teams client: audio always, now and then video, screen
/// sharing and data, each with its source id.
fn streams(d: &mut dyn Dice) -> Vec<MediaStream> {
    let mut out = vec![stream(Modality::Audio, MediaDirection::SendReceive, d)];
    if d.one_in(2) {
        out.push(stream(Modality::Video, MediaDirection::SendReceive, d));
    }
    if d.one_in(5) {
        out.push(stream(
            Modality::VideoBasedScreenSharing,
            MediaDirection::ReceiveOnly,
            d,
        ));
    }
    if d.one_in(10) {
        out.push(stream(Modality::Data, MediaDirection::SendReceive, d));
    }
    out
}

fn stream(media_type: Modality, direction: MediaDirection, d: &mut dyn Dice) -> MediaStream {
    let mut s = MediaStream {
        media_type: Some(enum_value(media_type, d)),
        direction: Some(enum_value(direction, d)),
        server_muted: Some(d.one_in(20)),
        source_id: Some((1 + d.below(999)).to_string()),
        ..MediaStream::default()
    };
    extra_member(&mut s.extra, d);
    s
}
