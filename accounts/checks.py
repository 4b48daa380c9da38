"""Checks of `manage.py check --deploy` for the production settings."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

W_PROXY = "accounts.W001"


@register(Tags.security, deploy=True)
def proxy_count_check(app_configs=None, **kwargs):
    """Behind a reverse proxy every request comes from the proxy's address;
    with DJANGO_PROXY_COUNT=0 the login protection then counts everybody's
    failures against that one address, and anyone can lock anyone out."""
    if getattr(settings, "TOS_PROXY_COUNT", 0) > 0:
        return []
    if not getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return []
    return [
        Warning(
            "DJANGO_PROXY_COUNT is 0, but SECURE_PROXY_SSL_HEADER is set: the app "
            "expects a reverse proxy, yet would take the proxy's address for every "
            "client, and five failed logins of anyone would lock out everyone.",
            hint="Set DJANGO_PROXY_COUNT to the number of proxies in front of the app "
            "(1 for one nginx). See docs/deployment.md.",
            id=W_PROXY,
        )
    ]
