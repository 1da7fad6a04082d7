"""Which address a request comes from, for the rate limits (settings.RATELIMIT_IP_META_KEY)."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The client's address: from ``CLIENT_IP_HEADER`` when a reverse proxy sets it (the last
    entry of a list is the one our proxy appended; earlier ones are the client's say), else
    REMOTE_ADDR. IPv4 clients on a dual-stack socket (``::ffff:a.b.c.d``) count as IPv4, not
    as one shared IPv6 /64. Never fails: an unreadable address counts as 0.0.0.0."""
    candidates = []
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        candidates.append(request.META[header].split(",")[-1].strip())
    candidates.append(request.META.get("REMOTE_ADDR", ""))
    for candidate in candidates:
        try:
            address = ipaddress.ip_address(candidate)
        except ValueError:
            continue
        if address.version == 6 and address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(address)
    return "0.0.0.0"
