#!/usr/bin/env python3
"""A small Microsoft Graph calling bot in the Python 3 standard library only.

It exists to show that the project's Graph calling simulator
(``graph-comms simulate``) holds any bot to account, whatever its language: the
bot talks to the simulator over HTTP exactly as it would talk to Graph.

What it does:

* verifies the RS256 bearer token of every callback against the key set named by
  the OpenID configuration (the RSA arithmetic done here, with ``pow``);
* answers a legacy (Skype-format) callback ``204``, a notification ``202``, a
  bad token ``401`` and a body that is not JSON ``400``, and never ``5xx``;
* forgets nothing it must remember and repeats nothing: callbacks are deduped by
  ``X-Microsoft-Skype-Message-ID``, a call is answered once, welcomed once;
* replies at once and sends its own requests from one ordered queue per call,
  each with a ``client-request-id``, retrying ``429``/``503`` after
  ``Retry-After`` with the same id;
* stops talking about a call as soon as it hears that the call ended.

``--fault NAME`` breaks one of those rules on purpose, to show the simulator's
finding for it (see the README next to this file).

Command line::

    python3 bot.py --listen HOST:PORT --graph-base URL \\
        --openid-configuration URL --app-id ID --callback-url URL \\
        [--access-token TOKEN] [--fault NAME]

It prints ``listening on HOST:PORT`` on standard output once it serves; its logs
go to standard error. Python 3.8 or later.
"""

from __future__ import annotations

import argparse
import base64
import collections
import email.utils
import hashlib
import hmac
import http.client
import json
import logging
import os
import re
import signal
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Deque, Dict, List, Optional, Set, Tuple

LOG = logging.getLogger("python-bot")

#: The issuer of Graph's callback tokens.
ISSUER = "https://graph.microsoft.com"
#: How far the token's clock may be from ours, in seconds.
CLOCK_SKEW_S = 300
#: The DER prefix of a SHA-256 DigestInfo (RFC 8017, section 9.2, note 1).
SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")
#: The key set is fetched again for an unknown key id at most this often.
KEY_REFRESH_INTERVAL_S = 60.0
#: ... or this often while the key set could not be fetched at all.
KEY_RETRY_INTERVAL_S = 5.0
#: How many message ids are remembered for dedupe.
SEEN_MESSAGES = 4096
#: How many calls are remembered (the oldest are forgotten past this).
CALLS_KEPT = 4096
#: The largest callback body read, in bytes.
MAX_BODY = 16 << 20
#: Attempts of one request to Graph, the first included.
MAX_ATTEMPTS = 3
#: The timeout of one request to Graph, in seconds.
HTTP_TIMEOUT_S = 10.0
#: The timeout of one request for the OpenID configuration or the key set.
KEY_FETCH_TIMEOUT_S = 5.0
#: How long ``slow-ack`` holds each acknowledgement.
SLOW_ACK_S = 3.5
#: How long after the last notification of a call's end ``act-after-hangup`` acts
#: on it anyway: past the 250 ms the simulator allows for actions in flight.
LATE_ACTION_S = 0.4

#: The deliberate faults, by name.
FAULTS = (
    "accept-forged",
    "legacy-202",
    "answer-twice",
    "ignore-retry-after",
    "no-authorization",
    "act-after-hangup",
    "slow-ack",
)

SERVICE_HOSTED_MEDIA = {"@odata.type": "#microsoft.graph.serviceHostedMediaConfig"}
CALL_URL = re.compile(r"^/?communications/calls/([^/?#]+)(/[^?#]*)?", re.IGNORECASE)

Json = Dict[str, Any]


class TokenError(Exception):
    """A callback's token is not one Graph signed for this bot."""


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def b64url_decode(text: str) -> bytes:
    """Decodes unpadded base64url, strictly (no stray characters)."""
    if not isinstance(text, str) or not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def lower(value: Any) -> str:
    """A string value lower-cased for comparison (enums may be PascalCase); anything
    else as the empty string."""
    return value.lower() if isinstance(value, str) else ""


def as_objects(value: Any) -> List[Json]:
    """``resourceData`` as a list of objects, whether it came as one or as a list."""
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    return []


def is_number(value: Any) -> bool:
    """Whether a JSON value is a number (``true`` is not)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def prompt(resource_id: str) -> Json:
    """A ``mediaPrompt`` of the bot's prompt called ``resource_id``."""
    return {
        "@odata.type": "#microsoft.graph.mediaPrompt",
        "mediaInfo": {
            "@odata.type": "#microsoft.graph.mediaInfo",
            "uri": "https://cdn.contoso.com/prompts/%s.wav" % resource_id,
            "resourceId": resource_id,
        },
    }


def http_opener() -> urllib.request.OpenerDirector:
    """An opener that ignores proxy settings of the environment: Graph (or the
    simulator on this machine) is reached directly."""
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


# --------------------------------------------------------------------------
# Token verification
# --------------------------------------------------------------------------


class KeySet:
    """Graph's signing keys, from the OpenID configuration's ``jwks_uri``:
    fetched at start, and again for an unknown key id at most once a minute."""

    def __init__(self, openid_configuration: str, opener: urllib.request.OpenerDirector) -> None:
        self._configuration_url = openid_configuration
        self._opener = opener
        self._jwks_uri: Optional[str] = None
        self._keys: Dict[str, Tuple[int, int]] = {}
        self._lock = threading.Lock()
        self._last_attempt = float("-inf")
        self._last_ok = False

    def _get_json(self, url: str) -> Any:
        """GETs a JSON document."""
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        with self._opener.open(request, timeout=KEY_FETCH_TIMEOUT_S) as response:
            return json.loads(response.read())

    def _fetch(self) -> None:
        """Fetches the configuration (unless its ``jwks_uri`` is known) and the key
        set; keeps the old keys on a failure. Called with the lock held."""
        self._last_attempt = time.monotonic()
        try:
            if self._jwks_uri is None:
                configuration = self._get_json(self._configuration_url)
                jwks_uri = configuration.get("jwks_uri") if isinstance(configuration, dict) else None
                if not isinstance(jwks_uri, str) or not jwks_uri:
                    raise ValueError("the OpenID configuration names no jwks_uri")
                self._jwks_uri = jwks_uri
            document = self._get_json(self._jwks_uri)
            keys = self._parse(document)
        except Exception as error:  # noqa: BLE001 - any failure keeps the old keys
            LOG.warning("cannot fetch the signing keys: %s", error)
            self._last_ok = False
            return
        self._keys = keys
        self._last_ok = True
        LOG.info("signing keys: %s", ", ".join(sorted(keys)) or "none")

    @staticmethod
    def _parse(document: Any) -> Dict[str, Tuple[int, int]]:
        """The RSA signing keys of a JWK set, by key id: ``(n, e)``."""
        keys: Dict[str, Tuple[int, int]] = {}
        entries = document.get("keys") if isinstance(document, dict) else None
        for jwk in entries if isinstance(entries, list) else []:
            if not isinstance(jwk, dict) or jwk.get("kty") != "RSA":
                continue
            if jwk.get("use", "sig") != "sig" or jwk.get("alg", "RS256") != "RS256":
                continue
            kid = jwk.get("kid")
            try:
                n = int.from_bytes(b64url_decode(jwk.get("n", "")), "big")
                e = int.from_bytes(b64url_decode(jwk.get("e", "")), "big")
            except ValueError:
                continue
            if isinstance(kid, str) and n > 0 and e > 0:
                keys[kid] = (n, e)
        return keys

    def start(self, patience_s: float = 10.0) -> None:
        """The first fetch, retried for up to ``patience_s`` seconds; the bot serves
        even without keys (it refuses every callback until it has some)."""
        until = time.monotonic() + patience_s
        with self._lock:
            while True:
                self._fetch()
                if self._last_ok or time.monotonic() >= until:
                    return
                time.sleep(0.5)

    def key(self, kid: str) -> Optional[Tuple[int, int]]:
        """The key of this id; an unknown one fetches the key set again, unless
        that was done lately."""
        found = self._keys.get(kid)  # the common case, without waiting on a refresh
        if found is not None:
            return found
        with self._lock:
            found = self._keys.get(kid)
            if found is not None:
                return found
            interval = KEY_REFRESH_INTERVAL_S if self._last_ok else KEY_RETRY_INTERVAL_S
            if time.monotonic() - self._last_attempt >= interval:
                self._fetch()
            return self._keys.get(kid)


def rs256_valid(signing_input: bytes, signature: bytes, n: int, e: int) -> bool:
    """Whether ``signature`` is an RSASSA-PKCS1-v1_5 SHA-256 signature of
    ``signing_input`` by the key ``(n, e)``."""
    size = (n.bit_length() + 7) // 8
    if len(signature) != size:
        return False
    s = int.from_bytes(signature, "big")
    if s >= n:
        return False
    encoded = pow(s, e, n).to_bytes(size, "big")
    digest_info = SHA256_DIGEST_INFO + hashlib.sha256(signing_input).digest()
    padding = size - len(digest_info) - 3
    if padding < 8:
        return False
    expected = b"\x00\x01" + b"\xff" * padding + b"\x00" + digest_info
    return hmac.compare_digest(encoded, expected)


def verify_token(authorization: Optional[str], keys: KeySet, app_id: str) -> Json:
    """The claims of a callback's ``Authorization: Bearer`` token, verified; else
    :class:`TokenError`."""
    if not authorization or authorization[:7].lower() != "bearer ":
        raise TokenError("no bearer token")
    parts = authorization[7:].strip().split(".")
    if len(parts) != 3:
        raise TokenError("not a JWS compact serialisation")
    try:
        header = json.loads(b64url_decode(parts[0]))
        claims = json.loads(b64url_decode(parts[1]))
        signature = b64url_decode(parts[2])
    except ValueError as error:
        raise TokenError("undecodable token: %s" % error) from None
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise TokenError("the header or the claims are not objects")
    if header.get("alg") != "RS256":
        raise TokenError("alg %r is not RS256" % header.get("alg"))
    kid = header.get("kid")
    if not isinstance(kid, str):
        raise TokenError("no kid")
    key = keys.key(kid)
    if key is None:
        raise TokenError("unknown kid %r" % kid)
    signing_input = (parts[0] + "." + parts[1]).encode("ascii")
    if not rs256_valid(signing_input, signature, *key):
        raise TokenError("bad signature")
    if claims.get("iss") != ISSUER:
        raise TokenError("issuer %r" % claims.get("iss"))
    audience = claims.get("aud")
    if not (audience == app_id or (isinstance(audience, list) and app_id in audience)):
        raise TokenError("audience %r" % audience)
    now = time.time()
    expires = claims.get("exp")
    if not is_number(expires) or expires <= now - CLOCK_SKEW_S:
        raise TokenError("expired or no exp")
    not_before = claims.get("nbf")
    if not_before is not None and (not is_number(not_before) or not_before > now + CLOCK_SKEW_S):
        raise TokenError("not valid yet")
    return claims


# --------------------------------------------------------------------------
# The bot
# --------------------------------------------------------------------------


class Outgoing:
    """One request of the bot's to Graph, with the ``client-request-id`` its
    retries keep."""

    def __init__(self, method: str, path: str, body: Optional[Json], what: str,
                 after_end: bool = False) -> None:
        self.method = method
        self.path = path
        self.body = body
        self.what = what
        self.request_id = str(uuid.uuid4())
        #: Sent even though the call ended (only ``act-after-hangup`` does so).
        self.after_end = after_end
        #: Not sent before this (``time.monotonic()``); may be put off while queued.
        self.send_at = 0.0


class Call:
    """What the bot knows of one call, and its queue of requests to Graph."""

    def __init__(self, call_id: str) -> None:
        self.id = call_id
        self.answer_sent = False
        self.answered = False
        self.welcomed = False
        self.ended = False
        #: The deliberate late action of ``act-after-hangup``, once planned.
        self.late_action: Optional[Outgoing] = None
        self.pending: Deque[Outgoing] = collections.deque()
        self.worker: Optional[threading.Thread] = None
        self.roster: Dict[str, bool] = {}
        self.roster_sequence = -1


class Bot:
    """The bot: its settings, the keys, the calls, and the requests it sends."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.graph_base = args.graph_base.rstrip("/")
        self.app_id: str = args.app_id
        self.callback_url: str = args.callback_url
        self.callback_path = urllib.parse.urlsplit(args.callback_url).path or "/"
        self.access_token: str = args.access_token
        self.fault: Optional[str] = args.fault
        self.opener = http_opener()
        self.keys = KeySet(args.openid_configuration, self.opener)
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._seen: "collections.OrderedDict[str, None]" = collections.OrderedDict()
        self._calls: "collections.OrderedDict[str, Call]" = collections.OrderedDict()
        self._workers: Set[threading.Thread] = set()

    # -- callbacks ---------------------------------------------------------

    def handle_callback(self, headers: Any, body: bytes) -> int:
        """Handles one callback and returns the status to reply; never raises, and
        never waits on Graph."""
        if self.fault != "accept-forged":
            try:
                verify_token(headers.get("Authorization"), self.keys, self.app_id)
            except TokenError as error:
                LOG.info("callback refused: %s", error)
                return 401
            except Exception as error:  # noqa: BLE001 - a token we cannot judge is refused
                LOG.warning("callback refused: token check failed: %r", error)
                return 401
        try:
            document = json.loads(body)
        except (ValueError, RecursionError):
            return 400
        if not isinstance(document, dict):
            return 400
        if "value" not in document and "@odata.type" not in document:
            # Legacy (Skype-format) incoming call: Graph sends it again in its own
            # format when it gets exactly 204.
            return 202 if self.fault == "legacy-202" else 204
        message_id = headers.get("X-Microsoft-Skype-Message-ID")
        if message_id and self._seen_before(message_id):
            return 202
        notifications = document.get("value")
        for notification in notifications if isinstance(notifications, list) else []:
            try:
                if isinstance(notification, dict):
                    self._on_notification(notification)
            except Exception:  # noqa: BLE001 - one odd notification spoils no other
                LOG.exception("a notification could not be handled")
        if self.fault == "slow-ack":
            self.stopping.wait(SLOW_ACK_S)
        return 202

    def _seen_before(self, message_id: str) -> bool:
        """Whether this message id was seen; remembers it (a bounded number)."""
        with self._lock:
            if message_id in self._seen:
                return True
            self._seen[message_id] = None
            while len(self._seen) > SEEN_MESSAGES:
                self._seen.popitem(last=False)
            return False

    def _on_notification(self, notification: Json) -> None:
        """Acts on one ``commsNotification``: about a call, or about something under
        it (its participants; operations and the rest are ignored)."""
        match = CALL_URL.match(str(notification.get("resourceUrl") or ""))
        if match is None:
            return
        call_id = urllib.parse.unquote(match.group(1))
        under = (match.group(2) or "").strip("/").lower()
        change = lower(notification.get("changeType"))
        data = as_objects(notification.get("resourceData"))
        if under == "":
            for resource in data:
                kind = lower(resource.get("@odata.type"))
                if kind in ("", "#microsoft.graph.call"):
                    self._on_call(call_id, resource)
            if change == "deleted":
                self._end(call_id, "deleted")
        elif under == "participants":
            self._on_roster(call_id, data)

    def _on_call(self, call_id: str, resource: Json) -> None:
        """A call resource: answer it, welcome the caller, hear a tone, or end it."""
        state = lower(resource.get("state"))
        if state in ("terminating", "terminated"):
            self._end(call_id, state)
            return
        tone_info = resource.get("toneInfo")
        with self._lock:
            call = self._call(call_id)
            if call.ended:
                return
            if state == "incoming" and not call.answer_sent:
                call.answer_sent = True
                for _ in range(2 if self.fault == "answer-twice" else 1):
                    self._enqueue(call, self._answer(call_id))
            if state == "established" and not call.welcomed:
                call.welcomed = True
                # The prompt is the only action at establishment: the simulator may
                # hang up as soon as an operation of the call completed.
                self._enqueue(call, self._play(call_id, "welcome", "welcome"))
            if isinstance(tone_info, dict) and state in ("", "established"):
                tone = lower(tone_info.get("tone"))
                if tone == "pound":
                    self._enqueue(call, Outgoing("DELETE", self._path(call_id), None, "hang up"))
                elif re.fullmatch(r"tone[0-9]|star|[a-d]", tone):
                    self._enqueue(call, self._play(call_id, "tone-" + tone, tone))

    def _on_roster(self, call_id: str, data: List[Json]) -> None:
        """A roster: full participants, or deltas kept in sequence-number order (an
        older delta than the last applied changes nothing)."""
        with self._lock:
            call = self._calls.get(call_id)
            if call is None or call.ended:
                return
            changed = False
            for item in data:
                kind = lower(item.get("@odata.type"))
                if kind == "#microsoft.graph.deltaparticipants":
                    sequence = item.get("sequenceNumber")
                    if not is_number(sequence) or sequence <= call.roster_sequence:
                        continue
                    call.roster_sequence = sequence
                    entries = item.get("participants")
                    participants = [p for p in entries if isinstance(p, dict)] if isinstance(entries, list) else []
                elif kind in ("", "#microsoft.graph.participant"):
                    participants = [item]
                else:
                    continue
                for participant in participants:
                    pid = participant.get("id")
                    if not isinstance(pid, str):
                        continue
                    changed = True
                    if participant.get("removedState") is not None:
                        call.roster.pop(pid, None)
                    else:
                        call.roster[pid] = participant.get("isMuted") is True
            present = len(call.roster)
            muted = sum(call.roster.values())
        if changed:
            LOG.info("call %s: %d in the roster, %d muted", call_id, present, muted)

    def _end(self, call_id: str, why: str) -> None:
        """The call ended: nothing more is sent about it (what is queued is
        dropped), except the deliberate late action of ``act-after-hangup``."""
        with self._lock:
            call = self._call(call_id)
            if not call.ended:
                call.ended = True
                call.pending.clear()
                LOG.info("call %s: %s", call_id, why)
            if self.fault == "act-after-hangup" and call.answered:
                self._plan_late_action(call, why)

    # -- calls and their queues (the lock held) ----------------------------

    def _plan_late_action(self, call: Call, why: str) -> None:
        """``act-after-hangup``: one prompt :data:`LATE_ACTION_S` after the call's
        end, counted from the last notification of it to arrive (``terminating``
        may come after ``terminated`` when the two are delivered out of order)."""
        if why not in ("terminating", "terminated", "deleted"):
            return
        if call.late_action is None and why != "terminating":
            call.late_action = self._play(call.id, "too-late", "welcome")
            call.late_action.after_end = True
            call.late_action.send_at = time.monotonic() + LATE_ACTION_S
            self._enqueue(call, call.late_action)
        elif call.late_action is not None:
            call.late_action.send_at = time.monotonic() + LATE_ACTION_S

    def _call(self, call_id: str) -> Call:
        """The call of this id, made on first mention; the oldest are forgotten
        past :data:`CALLS_KEPT`."""
        call = self._calls.get(call_id)
        if call is None:
            call = self._calls[call_id] = Call(call_id)
            while len(self._calls) > CALLS_KEPT:
                self._calls.popitem(last=False)
        return call

    def _enqueue(self, call: Call, outgoing: Outgoing) -> None:
        """Queues a request for the call's worker, starting one if none runs."""
        if call.ended and not outgoing.after_end:
            return
        call.pending.append(outgoing)
        if call.worker is None and not self.stopping.is_set():
            worker = threading.Thread(target=self._drain, args=(call,),
                                      name="call-%s" % call.id[:8], daemon=True)
            call.worker = worker
            self._workers.add(worker)
            worker.start()

    def _path(self, call_id: str, action: str = "") -> str:
        """The path of a call, or of one of its actions."""
        path = "/v1.0/communications/calls/" + urllib.parse.quote(call_id, safe="")
        return path + "/" + action if action else path

    def _answer(self, call_id: str) -> Outgoing:
        """The answer of an incoming call, with service-hosted audio."""
        body = {
            "callbackUri": self.callback_url,
            "acceptedModalities": ["audio"],
            "mediaConfig": dict(SERVICE_HOSTED_MEDIA),
        }
        return Outgoing("POST", self._path(call_id, "answer"), body, "answer")

    def _play(self, call_id: str, context: str, resource_id: str) -> Outgoing:
        """A ``playPrompt`` of one prompt."""
        body = {"clientContext": context, "prompts": [prompt(resource_id)]}
        return Outgoing("POST", self._path(call_id, "playPrompt"), body, "playPrompt " + context)

    # -- the workers -------------------------------------------------------

    def _drain(self, call: Call) -> None:
        """A call's worker: sends its queued requests in order, then exits."""
        try:
            while not self.stopping.is_set():
                with self._lock:
                    if not call.pending:
                        call.worker = None
                        return
                    outgoing = call.pending.popleft()
                if not self._wait_until(outgoing):
                    break
                self._send(call, outgoing)
        except Exception:  # noqa: BLE001 - a worker never dies silently
            LOG.exception("call %s: the worker failed", call.id)
        finally:
            with self._lock:
                if call.worker is threading.current_thread():
                    call.worker = None
                self._workers.discard(threading.current_thread())

    def _wait_until(self, outgoing: Outgoing) -> bool:
        """Waits for the request's ``send_at`` (which may move meanwhile); whether
        the bot is still running."""
        while True:
            remaining = outgoing.send_at - time.monotonic()
            if remaining <= 0:
                return not self.stopping.is_set()
            if self.stopping.wait(remaining):
                return False

    def _send(self, call: Call, outgoing: Outgoing) -> None:
        """Sends one request, retrying after ``429``/``503`` as ``Retry-After``
        says, with the same ``client-request-id``: at most :data:`MAX_ATTEMPTS`."""
        for attempt in range(1, MAX_ATTEMPTS + 1):
            with self._lock:
                if call.ended and not outgoing.after_end:
                    return
            status, retry_after = self._exchange(outgoing)
            if status is None:
                return
            if 200 <= status < 300:
                if outgoing.what == "answer":
                    with self._lock:
                        call.answered = True
                if outgoing.method == "DELETE":
                    self._end(call.id, "hung up by the bot")
                LOG.info("call %s: %s: %d", call.id, outgoing.what, status)
                return
            if status in (429, 503) and attempt < MAX_ATTEMPTS:
                wait_s = 0.0 if self.fault == "ignore-retry-after" else retry_after
                LOG.info("call %s: %s: %d, again in %.1f s", call.id, outgoing.what, status, wait_s)
                if wait_s and self.stopping.wait(wait_s):
                    return
                continue
            if status == 404:
                # The call is gone (the caller hung up, perhaps before the answer
                # reached Graph): nothing more about it, and nothing to complain of.
                self._end(call.id, "gone (%s got 404)" % outgoing.what)
                return
            LOG.warning("call %s: %s: %d, given up", call.id, outgoing.what, status)
            return

    def _exchange(self, outgoing: Outgoing) -> Tuple[Optional[int], float]:
        """One HTTP exchange with Graph: the status (``None`` when none came) and
        the wait ``Retry-After`` asks for (a little more than it says)."""
        headers = {"client-request-id": outgoing.request_id, "Accept": "application/json"}
        if self.fault != "no-authorization":
            headers["Authorization"] = "Bearer " + self.access_token
        data = None
        if outgoing.body is not None:
            data = json.dumps(outgoing.body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.graph_base + outgoing.path, data=data,
                                         headers=headers, method=outgoing.method)
        try:
            with self.opener.open(request, timeout=HTTP_TIMEOUT_S) as response:
                response.read()
                return response.status, 0.0
        except urllib.error.HTTPError as error:
            try:
                error.read()
            except OSError:
                pass
            return error.code, self._retry_after(error.headers.get("Retry-After"))
        except (OSError, ValueError, http.client.HTTPException) as error:
            LOG.warning("%s %s: %s", outgoing.method, outgoing.path, error)
            return None, 0.0

    @staticmethod
    def _retry_after(value: Optional[str]) -> float:
        """``Retry-After`` (whole seconds, or an HTTP date) as a wait in seconds,
        with a margin; 1 s when it is missing or unreadable."""
        text = (value or "").strip()
        seconds = 1.0
        if text.isdigit():
            seconds = float(int(text))
        elif text:
            try:
                seconds = max(0.0, email.utils.parsedate_to_datetime(text).timestamp() - time.time())
            except (TypeError, ValueError, IndexError, OverflowError):
                pass
        return seconds + 0.05

    # -- shutting down -----------------------------------------------------

    def stop(self, patience_s: float = 2.0) -> None:
        """Stops the workers: waits are cut short, queues dropped; each worker gets
        a little time to finish the request it is sending."""
        self.stopping.set()
        with self._lock:
            workers = list(self._workers)
            for call in self._calls.values():
                call.pending.clear()
        until = time.monotonic() + patience_s
        for worker in workers:
            worker.join(max(0.0, until - time.monotonic()))


# --------------------------------------------------------------------------
# HTTP serving
# --------------------------------------------------------------------------


class CallbackHandler(BaseHTTPRequestHandler):
    """Serves the bot's callback URL: POST only, and never a 5xx."""

    server_version = "python-calling-bot/1.0"
    bot: Bot  # set on the subclass made for the server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        """Per-request logs are left out."""

    def send_error(self, code: int, message: Optional[str] = None, explain: Optional[str] = None) -> None:
        """The base class's error replies, but never a 5xx (an unknown method is
        ``405``, anything else it cannot serve ``400``)."""
        if code >= 500:
            code = 405 if code == 501 else 400
        super().send_error(code, message, explain)

    def _reply(self, status: int, close: bool = False) -> None:
        """A reply with no body."""
        self.send_response(status)
        if status == 401:
            self.send_header("WWW-Authenticate", "Bearer")
        if status != 204:
            self.send_header("Content-Length", "0")
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()

    def _read_body(self) -> Optional[bytes]:
        """The request's body, by ``Content-Length`` or chunked; ``None`` when it is
        over :data:`MAX_BODY`, :class:`ValueError` when it is malformed or cut
        short."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks: List[bytes] = []
            total = 0
            while True:
                size = int(self.rfile.readline(1024).split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline(1024).strip():
                        pass
                    return b"".join(chunks)
                total += size
                if size < 0 or total > MAX_BODY:
                    return None
                chunk = self.rfile.read(size)
                self.rfile.readline(1024)
                if len(chunk) < size:
                    raise ValueError("a chunk cut short")
                chunks.append(chunk)
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0:
            raise ValueError("a negative Content-Length")
        if length > MAX_BODY:
            return None
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            raise ValueError("a body cut short")
        return body

    def do_POST(self) -> None:  # noqa: N802 - the base's naming
        """A callback: read whole, handled, replied to at once."""
        if urllib.parse.urlsplit(self.path).path != self.bot.callback_path:
            self._reply(404, close=True)
            return
        try:
            body = self._read_body()
        except ValueError:
            self._reply(400, close=True)
            return
        if body is None:
            self._reply(413, close=True)
            return
        try:
            status = self.bot.handle_callback(self.headers, body)
        except Exception:  # noqa: BLE001 - the last line of defence: never a 5xx
            LOG.exception("a callback could not be handled")
            status = 400
        self._reply(status)

    def _not_allowed(self) -> None:
        """Anything but POST."""
        self.send_response(405)
        self.send_header("Allow", "POST")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _not_allowed


class CallbackServer(ThreadingHTTPServer):
    """The threaded HTTP server, for IPv4 or IPv6, quiet about clients that went
    away."""

    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Logs one line, not a traceback, for a connection that failed."""
        LOG.debug("connection from %s failed: %r", client_address, sys.exc_info()[1])


def parse_listen(listen: str) -> Tuple[str, int]:
    """``HOST:PORT`` (``[v6]:PORT`` for IPv6) as a host and a port."""
    host, sep, port = listen.rpartition(":")
    if not sep or not port.isdigit() or int(port) > 65535:
        raise argparse.ArgumentTypeError("--listen wants HOST:PORT, not %r" % listen)
    return host.strip("[]") or "127.0.0.1", int(port)


def arguments(argv: Optional[List[str]] = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        description="A Graph calling bot in the Python standard library, for the "
                    "graph-comms simulator.")
    parser.add_argument("--listen", required=True, type=parse_listen, metavar="HOST:PORT",
                        help="the address to serve callbacks on")
    parser.add_argument("--graph-base", required=True, metavar="URL",
                        help="Graph's base URL, e.g. https://graph.microsoft.com")
    parser.add_argument("--openid-configuration", required=True, metavar="URL",
                        help="the OpenID configuration naming the callback signing keys")
    parser.add_argument("--app-id", required=True, metavar="ID",
                        help="the bot's application id: the callback tokens' audience")
    parser.add_argument("--callback-url", required=True, metavar="URL",
                        help="the bot's callback URL, served at its path")
    parser.add_argument("--access-token", metavar="TOKEN",
                        default=os.environ.get("GRAPH_ACCESS_TOKEN") or "any-token-the-simulator-accepts",
                        help="the bearer token for Graph (default: $GRAPH_ACCESS_TOKEN)")
    parser.add_argument("--fault", choices=FAULTS, metavar="NAME",
                        help="break one protocol rule on purpose: " + ", ".join(FAULTS))
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> int:
    """Runs the bot until SIGINT or SIGTERM."""
    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="python-bot: %(levelname)s: %(message)s")
    args = arguments(argv)
    host, port = args.listen
    bot = Bot(args)
    server_class = type("Server", (CallbackServer,), {
        "address_family": socket.AF_INET6 if ":" in host else socket.AF_INET,
    })
    handler = type("Handler", (CallbackHandler,), {"bot": bot})
    try:
        server = server_class((host, port), handler)
    except OSError as error:
        LOG.error("cannot listen on %s:%d: %s", host, port, error)
        return 1
    bot.keys.start()
    bound_host, bound_port = server.server_address[:2]
    shown = "[%s]" % bound_host if ":" in bound_host else bound_host
    done = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: done.set())
    serving = threading.Thread(target=server.serve_forever, name="serve", daemon=True)
    serving.start()
    print("listening on %s:%d" % (shown, bound_port), flush=True)
    LOG.info("fault: %s", args.fault or "none")
    while not done.wait(0.5):
        if not serving.is_alive():
            break
    server.shutdown()
    bot.stop()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
