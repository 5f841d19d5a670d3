"""Per-IP throttling of the public doors, on Django's cache (no Redis needed on a laptop).

Fixed windows: `limit` hits per `window` seconds per scope and client address. Rates are settings
(`WEIQUAN_PUBLIC_RATES`, e.g. {"submit": (10, 3600)}); the defaults are below.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

DEFAULT_RATES = {
    "submit": (10, 3600),  # submissions per hour and address
    "track": (60, 3600),  # look-ups of a case per hour and address
    "sms": (5, 3600),  # verification codes per hour and address
    "lookup": (600, 3600),  # business look-ups as you type
    "open311": (300, 3600),
}


class Throttled(Exception):
    status = 429

    def __init__(self, scope: str, retry_after: int):
        super().__init__(_("Too many requests from your network. Please wait a while and try again "
                           "(about %(minutes)d minutes).") % {"minutes": max(1, retry_after // 60)})
        self.scope = scope
        self.retry_after = retry_after


def client_ip(request) -> str:
    if getattr(settings, "WEIQUAN_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:64]
    return (request.META.get("REMOTE_ADDR") or "unknown")[:64]


def rate(scope: str) -> tuple[int, int]:
    rates = {**DEFAULT_RATES, **getattr(settings, "WEIQUAN_PUBLIC_RATES", {})}
    return rates[scope]


def check(request, scope: str) -> None:
    """Count one hit of `scope` for the request's address; Throttled when over the limit."""
    limit, window = rate(scope)
    now = int(time.time())
    bucket = now // window
    key = f"wq:throttle:{scope}:{client_ip(request)}:{bucket}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    if count > limit:
        raise Throttled(scope, (bucket + 1) * window - now)
