"""The client address: X-Forwarded-For only from a trusted proxy."""

import pytest
from django.test import RequestFactory

from ngvh.core.net import client_ip

rf = RequestFactory()


def request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **meta)


@pytest.mark.parametrize(
    "trusted, remote, forwarded, expected",
    [
        # no proxy trusted: the header is ignored whoever sends it
        ([], "203.0.113.9", "198.51.100.1", "203.0.113.9"),
        # an untrusted peer cannot choose its address
        (["10.0.0.1"], "203.0.113.9", "198.51.100.1", "203.0.113.9"),
        # the trusted proxy's header names the client
        (["10.0.0.1"], "10.0.0.1", "198.51.100.1", "198.51.100.1"),
        # a network of proxies, a chain: the first untrusted hop from the right
        (["10.0.0.0/24"], "10.0.0.5", "1.2.3.4, 198.51.100.1, 10.0.0.7", "198.51.100.1"),
        # a spoofed left part is not believed past an untrusted hop
        (["10.0.0.1"], "10.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        # a trusted proxy without the header: the proxy itself
        (["10.0.0.1"], "10.0.0.1", None, "10.0.0.1"),
        # garbage in the header: the proxy, not the garbage
        (["10.0.0.1"], "10.0.0.1", "not-an-ip", "10.0.0.1"),
        # IPv6
        (["::1"], "::1", "2001:db8::5", "2001:db8::5"),
    ],
)
def test_client_ip(settings, trusted, remote, forwarded, expected):
    settings.NGVH_TRUSTED_PROXIES = trusted
    assert client_ip(request(remote, forwarded)) == expected


def test_no_request_no_address():
    assert client_ip(None) is None
