"""The client's address for login protection (django-axes).

Behind N reverse proxies each proxy appends the address it received the
request from to X-Forwarded-For, so the N-th entry from the right is the one
the outermost trusted proxy saw: the client. Whatever a client wrote into the
header itself sits further left and is ignored; with no proxy configured the
header is not read at all. A forged header therefore neither escapes the
failure limit (a new made-up address per attempt) nor locks others out (their
address written into the header).
"""

import logging

from django.conf import settings

logger = logging.getLogger(__name__)
_warned = False


def _warn_unconfigured_proxy():
    """A forwarded header with no proxy configured: most likely a proxy that
    DJANGO_PROXY_COUNT does not know of (see accounts.checks). Said once per
    process, in the log."""
    global _warned
    if not _warned:
        _warned = True
        logger.warning(
            "X-Forwarded-For seen but DJANGO_PROXY_COUNT is 0: every client behind the "
            "proxy shares its address for login protection. Set DJANGO_PROXY_COUNT."
        )


def client_ip_address(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    proxies = getattr(settings, "TOS_PROXY_COUNT", 0)
    if proxies <= 0:
        if request.META.get("HTTP_X_FORWARDED_FOR"):
            _warn_unconfigured_proxy()
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in chain if part]
    if len(chain) < proxies:
        # The request did not come through the configured proxies.
        return remote
    return chain[-proxies]
