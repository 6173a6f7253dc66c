"""The client's address as seen through the configured proxies.

Behind N trusted reverse proxies (IISG_TRUSTED_PROXY_COUNT), each appends the address it
received the request from to X-Forwarded-For, so the client is the Nth address from the right;
anything further left was written by the client and is not trusted. With no proxy configured,
the address is the connection's own (REMOTE_ADDR) and X-Forwarded-For is ignored.

One function for every consumer: django-axes (AXES_CLIENT_IP_CALLABLE), django-allauth's rate
limits (its adapter), our throttles and the security log.
"""

import ipaddress

from django.conf import settings


def client_address(request, *_args, **_kwargs):
    """The client's IP address as text; "" when the request carries none that parses.

    Extra arguments are accepted and ignored, as django-axes passes the credentials too."""
    proxies = getattr(settings, "IISG_TRUSTED_PROXY_COUNT", 0)
    address = request.META.get("REMOTE_ADDR", "")
    if proxies > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            address = hops[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return ""
