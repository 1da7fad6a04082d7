"""The client address django-axes records and locks on (settings.AXES_CLIENT_IP_CALLABLE)."""

import ipaddress

from core.network import client_ip


def lockout_address(request):
    """The same client address the rate limits use (CLIENT_IP_HEADER behind a proxy), with an
    IPv6 client reduced to its /64: one subscriber gets a whole /64 and could otherwise rotate
    through it for fresh attempts on the same account."""
    address = ipaddress.ip_address(client_ip(request))
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)
