"""The address a request came from, as the security features see it."""

from django.conf import settings


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or read through TRUSTED_PROXY_COUNT proxies.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For, so the
    client is the N-th entry from the right; anything further left was written by the client itself
    and cannot be trusted (it would let an attacker pick a fresh address for every guess).
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
