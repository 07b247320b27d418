"""One typed error hierarchy for every stage.

Why two branches: a task only has to ask one question of an error, "will trying again help?".
`TransientError` means yes (timeouts, 5xx, 429, a Redis hiccup): the task retries with backoff,
honouring `retry_after` when the remote side named one. `PermanentError` means no (a 404, a
feed that is not XML, a page that is a PDF, a refused address, bad configuration): the task
records the error against the feed/article/payload it concerns and moves on, so one broken
input never stops the others.

Every message names what was wrong and which URL/setting it concerned, because these texts are
shown verbatim in `newsrelay once` reports and in ops.
"""

from __future__ import annotations


class NewsrelayError(Exception):
    """Base of every error newsrelay raises on purpose."""

    transient: bool = False
    #: short machine-readable kind, shown in reports and metrics labels
    kind: str = "error"

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.url = url

    def __str__(self) -> str:
        return self.message


class TransientError(NewsrelayError):
    """Trying again later may succeed."""

    transient = True
    kind = "transient"

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message, url=url)
        self.retry_after = retry_after
        #: the HTTP status behind the error, when there was one (5xx, 429)
        self.status = status


class PermanentError(NewsrelayError):
    """Trying again will fail the same way: record it and move on."""

    transient = False
    kind = "permanent"


class SystemRunError(NewsrelayError):
    """The system itself could not run: Redis or a worker died, or a run timed out."""

    kind = "system"


# --- transient -------------------------------------------------------------------------------


class NetworkError(TransientError):
    """Connection refused/reset, DNS failure, or a timeout."""

    kind = "network"


class ServerError(TransientError):
    """The remote server answered 5xx."""

    kind = "server_error"


class RateLimitedError(TransientError):
    """The remote side answered 429 (or 503 with Retry-After): wait `retry_after` seconds."""

    kind = "rate_limited"


class StoreUnavailableError(TransientError):
    """Redis could not be reached; the work is retried once it is back."""

    kind = "store_unavailable"


class ParserUnavailableError(TransientError):
    """The process that parses a feed under a time limit could not be started (no processes
    or descriptors left, say); the feed is polled again later."""

    kind = "parser_unavailable"


# --- permanent -------------------------------------------------------------------------------


class ConfigError(PermanentError):
    """A setting is missing or invalid; the message names the setting."""

    kind = "config"


class InvalidURLError(PermanentError):
    """The URL cannot be parsed, has no host, or is not http(s)."""

    kind = "invalid_url"


class BlockedAddressError(PermanentError):
    """SSRF guard: the URL resolves to an address we refuse to connect to."""

    kind = "blocked_address"


class HTTPStatusError(PermanentError):
    """A 4xx answer other than 429 (404, 403, 410 ...)."""

    kind = "http_status"

    def __init__(self, message: str, *, url: str | None = None, status: int = 0) -> None:
        super().__init__(message, url=url)
        self.status = status


class FeedGoneError(HTTPStatusError):
    """410 Gone: the feed is disabled at once."""

    kind = "gone"


class BlockedByChallengeError(HTTPStatusError):
    """403 with a bot challenge (Cloudflare `cf-mitigated: challenge`)."""

    kind = "challenge"


class TooLargeError(PermanentError):
    """The body exceeded the configured cap (counted after decompression)."""

    kind = "too_large"


class TooManyRedirectsError(PermanentError):
    kind = "redirects"


class FeedParseError(PermanentError):
    """The body is not a feed we can read (not XML/JSON Feed, empty, or parse timed out)."""

    kind = "feed_parse"


class NotHTMLError(PermanentError):
    """An article URL served something that is not an HTML page (PDF, image, binary)."""

    kind = "not_html"


class ExtractionError(PermanentError):
    """No article text could be extracted from the page."""

    kind = "extraction"


class PayloadError(PermanentError):
    """A share payload could not be built or was rejected by the platform as invalid."""

    kind = "payload"


class DeliveryError(PermanentError):
    """The platform refused the post for a reason retrying will not fix (auth, bad request)."""

    kind = "delivery"
