"""`manage.py check --deploy` warns when the app expects a proxy it does not
count (pen test, issue 14 item 9): then every client shares the proxy's
address and anyone can lock anyone out."""

import logging

from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import RequestFactory, override_settings

from accounts import security
from accounts.checks import W_PROXY, proxy_count_check


def ids(messages):
    return [m.id for m in messages]


@override_settings(TOS_PROXY_COUNT=0, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_warns_when_a_proxy_is_expected_but_not_counted():
    assert ids(proxy_count_check()) == [W_PROXY]


@override_settings(TOS_PROXY_COUNT=1, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_quiet_with_the_proxy_counted():
    assert proxy_count_check() == []


@override_settings(TOS_PROXY_COUNT=0, SECURE_PROXY_SSL_HEADER=None)
def test_quiet_without_a_proxy():
    assert proxy_count_check() == []


@override_settings(TOS_PROXY_COUNT=0, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_check_deploy_command_reports_it():
    try:
        call_command("check", "--deploy", "--fail-level", "WARNING", verbosity=0)
    except SystemCheckError as error:
        assert W_PROXY in str(error)
    else:
        raise AssertionError("check --deploy passed without the proxy warning")


@override_settings(TOS_PROXY_COUNT=0)
def test_a_forwarded_header_without_proxy_count_is_logged_once(caplog, monkeypatch):
    monkeypatch.setattr(security, "_warned", False)
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="203.0.113.7",
                                   REMOTE_ADDR="127.0.0.1")
    with caplog.at_level(logging.WARNING, logger="accounts.security"):
        assert security.client_ip_address(request) == "127.0.0.1"
        security.client_ip_address(request)
    assert sum("DJANGO_PROXY_COUNT" in r.getMessage() for r in caplog.records) == 1
