"""Fake Telegram, X, LinkedIn, Facebook and WhatsApp APIs on 127.0.0.1 for delivery tests.

Each fake is a real HTTP/1.1 server (random port on 127.0.0.1, never anything else) that answers
like the real API, so the posters are tested against the answers they will meet:

- Telegram Bot API: POST /bot<token>/sendMessage|sendPhoto -> 200 {"ok": true, "result":
  {"message_id", "chat", "date", "text"|"caption"}}; bad token 401 {"ok": false, "error_code":
  401, "description": "Unauthorized"}; flood 429 {"ok": false, "error_code": 429, "description":
  "Too Many Requests: retry after N", "parameters": {"retry_after": N}}; 502 is nginx's HTML
  page; a text over 4096 characters is 400 "Bad Request: message is too long".
- X API v2: POST /2/tweets (Bearer) -> 201 {"data": {"id", "text", "edit_history_tweet_ids"}};
  429 with x-rate-limit-limit/-remaining/-reset headers; the same text twice is 403 "You are
  not allowed to create a Tweet with duplicate content."; 401/503 problem+json bodies.
- LinkedIn: POST /rest/posts (Bearer, LinkedIn-Version, X-Restli-Protocol-Version 2.0.0) ->
  201, empty body, `x-restli-id: urn:li:share:N`; the same commentary twice is 422
  {"code": "DUPLICATE_POST", "message": "Content is a duplicate of urn:li:share:N"}; 429
  TOO_MANY_REQUESTS; 401 INVALID_ACCESS_TOKEN. GET /rest/posts?q=author&author=URN lists the
  author's posts newest first ({"elements": [{"id", "commentary", "createdAt"...}]}).
- Facebook Graph: POST /<version>/<page_id>/feed (access_token in the body, the query or a
  Bearer header) -> 200 {"id": "<page>_<n>"}; Graph errors {"error": {"message", "type",
  "code", "fbtrace_id"}}: 32 page rate limit (with X-Business-Use-Case-Usage), 506 duplicate
  status message, 1 unknown error (500), 190 bad token. GET /<version>/<page_id>/feed lists
  {"data": [{"id", "message", "created_time"}]}.
- WhatsApp Cloud API: POST /<version>/<phone_number_id>/messages (Bearer) -> 200
  {"messaging_product": "whatsapp", "contacts": [...], "messages": [{"id": "wamid..."}]};
  errors 131056 pair rate limit, 130429 throughput, 131000 (500), 190 (401).

Tests script the next answers with `then(...)`: "ok", "rate_limit" (retry_after), "server_error",
"gateway_timeout" (the post is made, then 504), "duplicate", "unauthorized", "bad_request",
"slow" (the post is made, the answer comes `delay` seconds later: after the client's timeout)
and "drop" (the post is made, the connection closes without an answer). `posts` holds every
post the platform accepted, which is what "posted exactly once" is asserted against.

Importable by path (bench/delivery.py) as well as `from support.fakeplatforms import ...`.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self
from urllib.parse import parse_qs, unquote, urlsplit

from workers.channels import ChannelConfig, load_channel_config
from workers.models import Article

GRAPH_VERSION = "v21.0"


@dataclass
class Behaviour:
    """How the fake answers one POST."""

    kind: str = "ok"
    retry_after: float = 2.0
    delay: float = 0.0


@dataclass
class Post:
    """A post the fake platform accepted (it exists on the "platform")."""

    id: str
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float
    text: str = ""


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any] = field(default_factory=dict)


@dataclass
class Reply:
    status: int
    body: Any = None  # dict -> JSON, bytes/str as is, None -> empty
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    #: headers and body go out in separate writes: without TCP_NODELAY, Nagle plus the
    #: client's delayed ACK stall every keep-alive answer for 40 ms
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _read_body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not raw:
            return {}
        try:
            data = json.loads(raw)
        except ValueError:
            return {"_raw": raw.decode("latin-1")}
        return data if isinstance(data, dict) else {"_json": data}

    def _handle(self, method: str) -> None:
        fake = self.server.fake
        body = self._read_body() if method == "POST" else {}
        headers = {k.lower(): v for k, v in self.headers.items()}
        reply = fake.dispatch(method, self.path, headers, body)
        if reply is None:  # "drop": hang up without answering
            self.close_connection = True
            return
        payload: bytes
        if reply.body is None:
            payload = b""
        elif isinstance(reply.body, bytes):
            payload = reply.body
        elif isinstance(reply.body, str):
            payload = reply.body.encode()
        else:
            payload = json.dumps(reply.body).encode()
        try:
            self.send_response(reply.status)
            if payload:
                self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def do_POST(self) -> None:
        self._handle("POST")

    def do_GET(self) -> None:
        self._handle("GET")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakePlatform

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that time out and hang up are what several tests do on purpose."""


class FakePlatform:
    """Base fake: request bookkeeping, scripted behaviours, duplicate detection."""

    platform = ""
    #: whether the real API refuses the same text twice
    dedupes = False

    def __init__(self, token: str = "test-token", *, graph_version: str = GRAPH_VERSION) -> None:
        self.token = token
        self.graph_version = graph_version
        self.posts: list[Post] = []
        self.requests: list[Seen] = []
        self.script: deque[Behaviour] = deque()
        self.default = Behaviour("ok")
        self.received = threading.Event()  # set when a POST arrives (before it is answered)
        self.lock = threading.Lock()
        self._ids = itertools.count(1001)
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    # --- lifecycle -----------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- scripting -----------------------------------------------------------------------
    def then(self, *behaviours: Behaviour | str) -> Self:
        """Answer the next POSTs with `behaviours` (then "ok" again)."""
        with self.lock:
            for b in behaviours:
                self.script.append(Behaviour(b) if isinstance(b, str) else b)
        return self

    def texts(self) -> list[str]:
        return [p.text for p in self.posts]

    def _next(self) -> Behaviour:
        with self.lock:
            return self.script.popleft() if self.script else self.default

    def _new_id(self) -> int:
        with self.lock:
            return next(self._ids)

    # --- dispatch ------------------------------------------------------------------------
    def dispatch(
        self, method: str, raw_path: str, headers: dict[str, str], body: dict[str, Any]
    ) -> Reply | None:
        parts = urlsplit(raw_path)
        path, query = unquote(parts.path), {k: v[-1] for k, v in parse_qs(parts.query).items()}
        with self.lock:
            self.requests.append(Seen(method, path, headers, body))
        if method == "GET":
            if not self.authorized(path, headers, body, query):
                return self.unauthorized()
            return self.listing(path, query) or Reply(404, self.not_found())
        if not self.is_post_path(path):
            return Reply(404, self.not_found())
        self.received.set()
        if not self.authorized(path, headers, body, query):
            return self.unauthorized()
        behaviour = self._next()
        kind = behaviour.kind
        if kind == "rate_limit":
            return self.rate_limited(behaviour.retry_after)
        if kind == "server_error":
            return self.server_error()
        if kind == "unauthorized":
            return self.unauthorized()
        if kind == "bad_request":
            return self.bad_request("forced by the test")
        problem = self.validate(path, headers, body)
        if problem is not None:
            return problem
        text = self.text_of(body)
        if kind == "duplicate" or (self.dedupes and kind == "ok" and self._is_duplicate(text)):
            return self.duplicate(self._duplicate_of(text))
        post = Post(id=self.make_id(path, body), path=path, body=body, headers=headers,
                    at=time.time(), text=text)
        with self.lock:
            self.posts.append(post)
        if kind == "gateway_timeout":
            return Reply(504, b"<html><body><h1>504 Gateway Time-out</h1></body></html>",
                         content_type="text/html")
        if kind == "slow":
            time.sleep(behaviour.delay)
        if kind == "drop":
            return None
        return self.success(post)

    def _is_duplicate(self, text: str) -> bool:
        with self.lock:
            return any(p.text == text for p in self.posts)

    def _duplicate_of(self, text: str) -> str:
        with self.lock:
            for p in self.posts:
                if p.text == text:
                    return p.id
        return ""

    # --- per platform ------------------------------------------------------------------------
    def is_post_path(self, path: str) -> bool:
        raise NotImplementedError

    def authorized(self, path: str, headers: dict[str, str], body: dict[str, Any],
                   query: Mapping[str, str]) -> bool:
        return headers.get("authorization") == f"Bearer {self.token}"

    def validate(self, path: str, headers: dict[str, str], body: dict[str, Any]) -> Reply | None:
        return None

    def text_of(self, body: dict[str, Any]) -> str:
        raise NotImplementedError

    def make_id(self, path: str, body: dict[str, Any]) -> str:
        return str(self._new_id())

    def success(self, post: Post) -> Reply:
        raise NotImplementedError

    def rate_limited(self, retry_after: float) -> Reply:
        raise NotImplementedError

    def server_error(self) -> Reply:
        raise NotImplementedError

    def unauthorized(self) -> Reply:
        raise NotImplementedError

    def bad_request(self, why: str) -> Reply:
        raise NotImplementedError

    def duplicate(self, of: str) -> Reply:
        return self.bad_request("duplicate")

    def not_found(self) -> Any:
        return {"error": "not found"}

    def listing(self, path: str, query: Mapping[str, str]) -> Reply | None:
        return None


# --- Telegram ------------------------------------------------------------------------------


class FakeTelegram(FakePlatform):
    platform = "telegram"

    def is_post_path(self, path: str) -> bool:
        return path.startswith("/bot") and path.rsplit("/", 1)[-1] in ("sendMessage",
                                                                        "sendPhoto")

    def authorized(self, path: str, headers: dict[str, str], body: dict[str, Any],
                   query: Mapping[str, str]) -> bool:
        return path.startswith(f"/bot{self.token}/")

    def validate(self, path: str, headers: dict[str, str], body: dict[str, Any]) -> Reply | None:
        if "chat_id" not in body:
            return self.bad_request("chat_id is empty")
        if path.endswith("/sendMessage"):
            text = body.get("text") or ""
            if not text:
                return self.bad_request("message text is empty")
            if len(text.encode("utf-16-le")) // 2 > 4096:
                return self.bad_request("message is too long")
        return None

    def text_of(self, body: dict[str, Any]) -> str:
        return str(body.get("text") or body.get("caption") or "")

    def success(self, post: Post) -> Reply:
        chat = post.body.get("chat_id")
        result: dict[str, Any] = {
            "message_id": int(post.id),
            "sender_chat": {"id": -1001234567890, "title": "newsrelay test", "type": "channel"},
            "chat": {"id": chat if isinstance(chat, int) else -1001234567890,
                     "title": "newsrelay test", "type": "channel"},
            "date": int(post.at),
        }
        result["caption" if post.path.endswith("sendPhoto") else "text"] = post.text
        return Reply(200, {"ok": True, "result": result})

    def rate_limited(self, retry_after: float) -> Reply:
        seconds = max(1, round(retry_after))
        return Reply(429, {"ok": False, "error_code": 429,
                           "description": f"Too Many Requests: retry after {seconds}",
                           "parameters": {"retry_after": seconds}})

    def server_error(self) -> Reply:
        return Reply(502, b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                          b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0"
                          b"</center>\r\n</body>\r\n</html>\r\n", content_type="text/html")

    def unauthorized(self) -> Reply:
        return Reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})

    def bad_request(self, why: str) -> Reply:
        if why == "forced by the test":
            why = "chat not found"
        return Reply(400, {"ok": False, "error_code": 400, "description": f"Bad Request: {why}"})

    def not_found(self) -> Any:
        return {"ok": False, "error_code": 404, "description": "Not Found"}


# --- X -------------------------------------------------------------------------------------


def _problem(status: int, title: str, detail: str) -> Reply:
    return Reply(status, {"title": title, "detail": detail, "type": "about:blank",
                          "status": status}, content_type="application/problem+json")


class FakeX(FakePlatform):
    platform = "twitter"
    dedupes = True

    def __init__(self, token: str = "test-token", **kwargs: Any) -> None:
        super().__init__(token, **kwargs)
        self._ids = itertools.count(1445880548472328192)

    def is_post_path(self, path: str) -> bool:
        return path == "/2/tweets"

    def validate(self, path: str, headers: dict[str, str], body: dict[str, Any]) -> Reply | None:
        if not isinstance(body.get("text"), str):
            return self.bad_request("text is required")
        return None

    def text_of(self, body: dict[str, Any]) -> str:
        return str(body.get("text") or "")

    def success(self, post: Post) -> Reply:
        return Reply(201, {"data": {"id": post.id, "text": post.text,
                                    "edit_history_tweet_ids": [post.id]}})

    def rate_limited(self, retry_after: float) -> Reply:
        reply = _problem(429, "Too Many Requests", "Too Many Requests")
        reply.headers = {"x-rate-limit-limit": "100", "x-rate-limit-remaining": "0",
                         "x-rate-limit-reset": str(int(time.time() + retry_after))}
        return reply

    def server_error(self) -> Reply:
        return _problem(503, "Service Unavailable", "Service Unavailable")

    def unauthorized(self) -> Reply:
        return _problem(401, "Unauthorized", "Unauthorized")

    def bad_request(self, why: str) -> Reply:
        return Reply(400, {"errors": [{"message": why}], "title": "Invalid Request",
                           "detail": "One or more parameters to your request was invalid.",
                           "type": "https://api.twitter.com/2/problems/invalid-request"})

    def duplicate(self, of: str) -> Reply:
        return _problem(403, "Forbidden",
                        "You are not allowed to create a Tweet with duplicate content.")


# --- LinkedIn ------------------------------------------------------------------------------


class FakeLinkedIn(FakePlatform):
    platform = "linkedin"
    dedupes = True

    def __init__(self, token: str = "test-token", **kwargs: Any) -> None:
        super().__init__(token, **kwargs)
        self._ids = itertools.count(7049000000000000001)

    def is_post_path(self, path: str) -> bool:
        return path == "/rest/posts"

    def validate(self, path: str, headers: dict[str, str], body: dict[str, Any]) -> Reply | None:
        if not headers.get("linkedin-version"):
            return Reply(426, {"status": 426, "code": "NONEXISTENT_VERSION",
                               "message": "Requested version  is not active"})
        if headers.get("x-restli-protocol-version") != "2.0.0":
            return self.bad_request("X-Restli-Protocol-Version 2.0.0 is required")
        if not str(body.get("author", "")).startswith("urn:li:"):
            return Reply(422, {"status": 422, "code": "UNPROCESSABLE_ENTITY",
                               "message": "/author: Invalid URN"})
        return None

    def text_of(self, body: dict[str, Any]) -> str:
        return str(body.get("commentary") or "")

    def make_id(self, path: str, body: dict[str, Any]) -> str:
        return f"urn:li:share:{self._new_id()}"

    def success(self, post: Post) -> Reply:
        return Reply(201, None, {"x-restli-id": post.id, "x-linkedin-id": post.id})

    def rate_limited(self, retry_after: float) -> Reply:
        return Reply(429, {"status": 429, "serviceErrorCode": 101, "code": "TOO_MANY_REQUESTS",
                           "message": "Resource level throttle MEMBER DAY limit for calls to "
                                      "this resource is reached."},
                     {"Retry-After": str(max(1, round(retry_after)))})

    def server_error(self) -> Reply:
        return Reply(503, {"status": 503, "code": "SERVICE_UNAVAILABLE",
                           "message": "Service Unavailable"})

    def unauthorized(self) -> Reply:
        return Reply(401, {"status": 401, "serviceErrorCode": 65600,
                           "code": "INVALID_ACCESS_TOKEN", "message": "Invalid access token"})

    def bad_request(self, why: str) -> Reply:
        return Reply(400, {"status": 400, "code": "BAD_REQUEST", "message": why})

    def duplicate(self, of: str) -> Reply:
        message = f"Content is a duplicate of {of}" if of else "Content is a duplicate"
        return Reply(422, {"errorDetailType": "com.linkedin.common.error.BadRequest",
                           "code": "DUPLICATE_POST", "message": message,
                           "errorDetails": {}, "status": 422})

    def listing(self, path: str, query: Mapping[str, str]) -> Reply | None:
        if path != "/rest/posts" or query.get("q") != "author":
            return None
        with self.lock:
            mine = [p for p in self.posts if p.body.get("author") == query.get("author")]
        mine.sort(key=lambda p: p.at, reverse=True)
        count = int(query.get("count") or 10)
        elements = [{"id": p.id, "author": p.body.get("author"), "commentary": p.text,
                     "createdAt": int(p.at * 1000), "lastModifiedAt": int(p.at * 1000),
                     "lifecycleState": "PUBLISHED", "visibility": "PUBLIC"}
                    for p in mine[:count]]
        return Reply(200, {"paging": {"start": 0, "count": count, "links": [],
                                      "total": len(mine)}, "elements": elements})


# --- Facebook and WhatsApp (Graph API) -----------------------------------------------------


def _graph_error(status: int, code: int, message: str, **extra: Any) -> Reply:
    return Reply(status, {"error": {"message": message, "type": "OAuthException", "code": code,
                                    "fbtrace_id": "AbCdEfGhIjK", **extra}})


class FakeFacebook(FakePlatform):
    platform = "facebook"
    dedupes = True

    def _page(self, path: str) -> str | None:
        parts = path.strip("/").split("/")
        if len(parts) == 3 and parts[0] == self.graph_version and parts[2] == "feed":
            return parts[1]
        return None

    def is_post_path(self, path: str) -> bool:
        return self._page(path) is not None

    def authorized(self, path: str, headers: dict[str, str], body: dict[str, Any],
                   query: Mapping[str, str]) -> bool:
        token = (body.get("access_token") or query.get("access_token")
                 or headers.get("authorization", "").removeprefix("Bearer ")
                 .removeprefix("OAuth "))
        return token == self.token

    def validate(self, path: str, headers: dict[str, str], body: dict[str, Any]) -> Reply | None:
        if not body.get("message") and not body.get("link"):
            return _graph_error(400, 100, "(#100) Missing message or attachment")
        return None

    def text_of(self, body: dict[str, Any]) -> str:
        return str(body.get("message") or "")

    def make_id(self, path: str, body: dict[str, Any]) -> str:
        return f"{self._page(path)}_{self._new_id()}"

    def success(self, post: Post) -> Reply:
        return Reply(200, {"id": post.id})

    def rate_limited(self, retry_after: float) -> Reply:
        reply = _graph_error(400, 32, "(#32) Page request limit reached")
        usage = {"PAGE_ID": [{"type": "pages", "call_count": 100, "total_cputime": 10,
                              "total_time": 12,
                              "estimated_time_to_regain_access": max(1, round(retry_after / 60))}]}
        reply.headers = {"X-Business-Use-Case-Usage": json.dumps(usage)}
        return reply

    def server_error(self) -> Reply:
        return _graph_error(500, 1, "An unknown error has occurred.")

    def unauthorized(self) -> Reply:
        return _graph_error(400, 190, "Invalid OAuth access token - Cannot parse access token")

    def bad_request(self, why: str) -> Reply:
        return _graph_error(400, 100, f"(#100) {why}")

    def duplicate(self, of: str) -> Reply:
        return _graph_error(400, 506, "Duplicate status message", error_subcode=1455006)

    def listing(self, path: str, query: Mapping[str, str]) -> Reply | None:
        page = self._page(path)
        if page is None:
            return None
        since = float(query.get("since") or 0)
        with self.lock:
            mine = [p for p in self.posts if self._page(p.path) == page and p.at >= since]
        mine.sort(key=lambda p: p.at, reverse=True)
        data = [{"id": p.id, "message": p.text,
                 "created_time": time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime(p.at))}
                for p in mine[: int(query.get("limit") or 25)]]
        return Reply(200, {"data": data, "paging": {}})


class FakeWhatsApp(FakePlatform):
    platform = "whatsapp"

    def is_post_path(self, path: str) -> bool:
        parts = path.strip("/").split("/")
        return len(parts) == 3 and parts[0] == self.graph_version and parts[2] == "messages"

    def validate(self, path: str, headers: dict[str, str], body: dict[str, Any]) -> Reply | None:
        if body.get("messaging_product") != "whatsapp":
            return _graph_error(400, 100, "(#100) The parameter messaging_product is required.")
        if not body.get("to"):
            return _graph_error(400, 100, "(#100) The parameter to is required.")
        return None

    def text_of(self, body: dict[str, Any]) -> str:
        return str((body.get("text") or {}).get("body") or "")

    def make_id(self, path: str, body: dict[str, Any]) -> str:
        return f"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI{self._new_id()}"

    def success(self, post: Post) -> Reply:
        to = str(post.body.get("to"))
        return Reply(200, {"messaging_product": "whatsapp",
                           "contacts": [{"input": to, "wa_id": to.lstrip("+")}],
                           "messages": [{"id": post.id}]})

    def rate_limited(self, retry_after: float) -> Reply:
        return _graph_error(400, 131056, "(#131056) (Business Account, Consumer Account) pair "
                            "rate limit hit", error_data={
                                "messaging_product": "whatsapp",
                                "details": "Message failed to send because there were too many "
                                           "messages sent from this phone number to the same "
                                           "phone number in a short period of time."})

    def server_error(self) -> Reply:
        return _graph_error(500, 131000, "Something went wrong")

    def unauthorized(self) -> Reply:
        return _graph_error(401, 190, "Error validating access token: Session has expired")

    def bad_request(self, why: str) -> Reply:
        return _graph_error(400, 131026, "Message undeliverable")


FAKES: dict[str, type[FakePlatform]] = {
    "telegram": FakeTelegram,
    "twitter": FakeX,
    "linkedin": FakeLinkedIn,
    "facebook": FakeFacebook,
    "whatsapp": FakeWhatsApp,
}

#: destination keys of one test channel per platform
DESTINATIONS: dict[str, dict[str, Any]] = {
    "telegram": {"chat_id": "@newsrelay_test"},
    "twitter": {"account": "@newsrelay_test"},
    "linkedin": {"author_urn": "urn:li:organization:5515715"},
    "facebook": {"page_id": "105938172384"},
    "whatsapp": {"phone_number_id": "106540352242922", "to": "+15550100001"},
}


@contextmanager
def running_fakes(*platforms: str, token: str = "test-token") -> Iterator[dict[str, FakePlatform]]:
    """Start one fake per platform (all five by default) and stop them afterwards."""
    fakes = {p: FAKES[p](token).start() for p in (platforms or tuple(FAKES))}
    try:
        yield fakes
    finally:
        for fake in fakes.values():
            fake.stop()


def _toml_value(value: Any) -> str:
    """Enough TOML for channel files: scalars, lists, and inline tables in lists."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value)


def channels_toml(
    fakes: Mapping[str, FakePlatform],
    *,
    delivery: Mapping[str, Any] | None = None,
    extra: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:
    """A channels file with one live channel `<platform>-test` per fake, its API base pointing
    at the fake. Secrets are NOT in it: set NEWSRELAY_SECRET_<PLATFORM>_TEST to the token."""
    lines = ["[delivery]"]
    for key, value in {"rate_limits": False, **(delivery or {})}.items():
        lines.append(f"{key} = {_toml_value(value)}")
    for platform, fake in fakes.items():
        lines += ["", "[[channels]]", f'name = "{platform}-test"', f'platform = "{platform}"',
                  f'api_base = "{fake.base_url}"']
        for key, value in {**DESTINATIONS[platform], **((extra or {}).get(platform) or {})}.items():
            lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def secrets_env(fakes: Mapping[str, FakePlatform]) -> dict[str, str]:
    """The environment carrying each `<platform>-test` channel's secret."""
    return {f"NEWSRELAY_SECRET_{p.upper()}_TEST": fake.token for p, fake in fakes.items()}


def live_config(
    fakes: Mapping[str, FakePlatform],
    directory: Path,
    *,
    delivery: Mapping[str, Any] | None = None,
    extra: Mapping[str, Mapping[str, Any]] | None = None,
) -> ChannelConfig:
    """Write `channels_toml(fakes)` into `directory` and load it with the fakes' secrets."""
    path = directory / "channels.toml"
    path.write_text(channels_toml(fakes, delivery=delivery, extra=extra), encoding="utf-8")
    config = load_channel_config(path, secrets_env(fakes))
    for channel in config.channels:  # a live channel in a test only ever talks to a fake
        assert channel.dry or urlsplit(channel.api_base).hostname == "127.0.0.1", channel
    return config


def sample_article(
    n: int = 1, *, feed_url: str = "https://news.example.org/feed.xml", words: int = 60
) -> Article:
    """A plain article whose posts fit every platform (unique title and URL per `n`)."""
    body = " ".join(f"Sentence {i} of story {n} about the harbour council." for i in range(words))
    return Article(
        id=f"article-{n}", url=f"https://news.example.org/story-{n}.html",
        title=f"Harbour council approves flood barrier, part {n}", text=body,
        feed_url=feed_url, description=f"Story {n}: the council voted nine to two.",
        site_name="Example News", language="en", tags=["flood defence"],
    )
