//! How generated operations settle into the outcomes Graph reports: a status, and
//! with it the result and completion reason that go with it — none while the
//! operation runs, success when it completed, an error code when it failed.

use super::{
    AddLargeGalleryViewOperation, CancelMediaProcessingOperation, CommsOperation,
    InviteParticipantsOperation, MuteParticipantOperation, OperationStatus,
    PlayPromptCompletionReason, PlayPromptOperation, RecordOperation, ResultInfo,
    SendDtmfCompletionReason, SendDtmfTonesOperation, StartHoldMusicOperation,
    StopHoldMusicOperation, SubscribeToToneOperation, UnmuteParticipantOperation,
    UpdateRecordingStatusOperation,
};
use crate::declare::traffic::{Dice, extra_member, pick};

/// What an operation's settling needs of it.
pub(crate) trait Outcome {
    /// Its id, status and result.
    fn parts(
        &mut self,
    ) -> (
        &mut Option<String>,
        &mut Option<OperationStatus>,
        &mut Option<ResultInfo>,
    );

    /// Sets what goes with how it ended: `Some(true)` completed, `Some(false)`
    /// failed, `None` not ended (or a status of a later version).
    fn ended(&mut self, ended: Option<bool>, d: &mut dyn Dice) {
        let _ = (ended, d);
    }
}

/// Settles an operation: a GUID, a status (mostly completed), the result that goes
/// with it, and what its type adds.
pub(crate) fn operation<T: Outcome>(op: &mut T, d: &mut dyn Dice) {
    let (id, status, result) = op.parts();
    if id.is_none() {
        *id = Some(d.uuid());
    }
    let status = status.get_or_insert_with(|| match d.below(10) {
        0 => OperationStatus::NotStarted,
        1 | 2 => OperationStatus::Running,
        3 => OperationStatus::Failed,
        _ => OperationStatus::Completed,
    });
    let ended = match status {
        OperationStatus::Completed => Some(true),
        OperationStatus::Failed => Some(false),
        _ => None,
    };
    *result = ended.map(|ok| result_info(ok, d));
    op.ended(ended, d);
}

/// The result of an operation that ended, as the documents show them.
fn result_info(ok: bool, d: &mut dyn Dice) -> ResultInfo {
    let mut r = ResultInfo::default();
    if ok {
        r.code = Some(200);
        r.subcode = Some(*pick(d, &[0, 8510]));
        r.message = Some("Action completed.".to_owned());
    } else {
        r.code = Some(*pick(d, &[400, 403, 404, 500]));
        r.subcode = Some(4000 + i32::try_from(d.below(5000)).unwrap_or(0));
        r.message = Some("The operation failed.".to_owned());
    }
    extra_member(&mut r.extra, d);
    r
}

/// What a completion reason says of how an operation ended: `ok` or `failed`, none
/// while it runs; a reason of a later version stays.
fn reason<E: Clone>(
    current: &mut Option<E>,
    known: fn(&E) -> bool,
    ended: Option<bool>,
    ok: E,
    failed: E,
) {
    if current.as_ref().is_some_and(|r| !known(r)) {
        return;
    }
    *current = ended.map(|done| if done { ok.clone() } else { failed.clone() });
}

/// Implements [`Outcome`] for operation types; `ended = f` names what a type adds
/// once it ended.
macro_rules! outcome {
    ($($ty:ty $(, ended = $ended:expr)?;)+) => {$(
        impl Outcome for $ty {
            fn parts(
                &mut self,
            ) -> (&mut Option<String>, &mut Option<OperationStatus>, &mut Option<ResultInfo>) {
                (&mut self.id, &mut self.status, &mut self.result_info)
            }

            $(fn ended(&mut self, ended: Option<bool>, _: &mut dyn Dice) {
                let f: fn(&mut Self, Option<bool>) = $ended;
                f(self, ended);
            })?
        }
    )+};
}

outcome! {
    AddLargeGalleryViewOperation;
    CancelMediaProcessingOperation;
    CommsOperation;
    InviteParticipantsOperation;
    MuteParticipantOperation;
    StartHoldMusicOperation;
    StopHoldMusicOperation;
    SubscribeToToneOperation;
    UnmuteParticipantOperation;
    UpdateRecordingStatusOperation;
    PlayPromptOperation, ended = |op, ended| reason(
        &mut op.completion_reason,
        PlayPromptCompletionReason::is_known,
        ended,
        PlayPromptCompletionReason::CompletedSuccessfully,
        PlayPromptCompletionReason::MediaOperationCanceled,
    );
    SendDtmfTonesOperation, ended = |op, ended| reason(
        &mut op.completion_reason,
        SendDtmfCompletionReason::is_known,
        ended,
        SendDtmfCompletionReason::CompletedSuccessfully,
        SendDtmfCompletionReason::MediaOperationCanceled,
    );
    // A recording is where to fetch it only once it completed.
    RecordOperation, ended = |op, ended| {
        if ended != Some(true) {
            op.recording_location = None;
            op.recording_access_token = None;
        }
    };
}
