"""Platform posters: send one formatter-built API request and classify the answer.

Each module speaks one real API (base URL configurable per channel, so tests use fakes):

- telegram: POST {base}/bot{token}/sendMessage | sendPhoto          -> result.message_id
- twitter:  POST {base}/2/tweets, OAuth 2 user token (Bearer)       -> data.id
- linkedin: POST {base}/rest/posts, Bearer + LinkedIn-Version       -> x-restli-id header
- facebook: POST {base}/{version}/{page_id}/feed, page access token -> id
- whatsapp: POST {base}/{version}/{phone_number_id}/messages, Bearer -> messages[0].id

Why the classification matters more than the sending: delivery decides from the exception type
alone whether to retry (TransientError), wait (RateLimitedError with retry_after), give up
(PermanentError) or stop and reconcile (OutcomeUnknownError: the request may have reached the
platform, so sending it again could post twice). Duplicate-content answers come back as a
successful PostResult with `duplicate=True`: the post exists, which is all we wanted.
"""

from __future__ import annotations

from collections.abc import Mapping

from workers.errors import ConfigError
from workers.posters.base import OutcomeUnknownError, PostContext, Poster, PostResult
from workers.posters.facebook import FacebookPoster
from workers.posters.linkedin import LinkedInPoster
from workers.posters.telegram import TelegramPoster
from workers.posters.twitter import TwitterPoster
from workers.posters.whatsapp import WhatsAppPoster

POSTERS: Mapping[str, Poster] = {
    "telegram": TelegramPoster(),
    "twitter": TwitterPoster(),
    "linkedin": LinkedInPoster(),
    "facebook": FacebookPoster(),
    "whatsapp": WhatsAppPoster(),
}

__all__ = ["POSTERS", "OutcomeUnknownError", "PostContext", "PostResult", "Poster", "poster_for"]


def poster_for(platform: str) -> Poster:
    try:
        return POSTERS[platform]
    except KeyError:
        raise ConfigError(f"no poster for platform {platform!r}") from None
