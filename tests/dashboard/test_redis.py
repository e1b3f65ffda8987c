"""The dashboards' cache on a real Redis (Debian's redis-server on loopback), as several app
servers share it; and a Redis that is down costs speed, not pages."""

import logging

import pytest
import redis
from django.core.cache.backends.redis import RedisCache
from django.urls import reverse

from ngvh.activities import services
from ngvh.config.settings import cache_settings
from ngvh.dashboard import cache as dash_cache

from ..documents.factories import scenario
from ..tools import free_port
from .test_cache import _data, _main

pytestmark = pytest.mark.django_db


def test_without_redis_url_the_cache_is_local_memory():
    assert cache_settings({})["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    chosen = cache_settings({"REDIS_URL": "redis://10.0.0.5:6379/1"})["default"]
    assert chosen["BACKEND"] == "django.core.cache.backends.redis.RedisCache" and chosen["LOCATION"] == "redis://10.0.0.5:6379/1"


def test_a_body_cached_by_one_server_is_served_to_another_and_a_write_replaces_it(client, redis_cache, settings):
    # given the province dashboard requested once through the app
    s = scenario(activities=2)
    client.force_login(s.coordinator)
    url = reverse("dashboard:plan", args=[s.plan.pk]) + f"?year={s.year}"
    first = _main(client.get(url))
    # then its body and figures sit in Redis
    keys = [k.decode() for k in redis.Redis.from_url(redis_cache).keys("*")]
    assert any(":ngvh:dash:" in k and ":plan:" in k for k in keys), keys
    assert any(":ngvh:dashboard:figures:" in k for k in keys), keys
    # and a second server process (another client of the same Redis) reads the same body
    other = RedisCache(redis_cache, {"KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"]})
    body_key = next(k.split(":", 2)[2] for k in keys if ":ngvh:dash:" in k and ":plan:" in k)
    assert other.get(body_key)["body"] in first
    # when an activity is written, the next request shows it (the versions changed, the key too)
    services.activity_create(user=s.coordinator, plan=s.plan, data=_data(s), confirm_unassigned=True)
    assert client.get(url).context["figures"].count == 3


def test_a_redis_that_is_down_costs_speed_not_pages(client, settings, caplog):
    # given REDIS_URL names a port where nothing listens
    s = scenario(activities=2)
    settings.CACHES = cache_settings({"REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"})
    try:
        client.force_login(s.coordinator)
        url = reverse("dashboard:plan", args=[s.plan.pk]) + f"?year={s.year}"
        # when the dashboard is asked for, twice
        with caplog.at_level(logging.WARNING, logger="ngvh.dashboard"):
            responses = [client.get(url), client.get(url)]
        # then both pages are whole, built without the cache, and the failure is logged
        assert [r.status_code for r in responses] == [200, 200]
        assert responses[1].context["figures"].count == 2
        assert "cache unavailable" in caplog.text
    finally:
        settings.CACHES = cache_settings({})


def test_after_a_cache_failure_the_process_leaves_the_cache_alone_for_a_while(monkeypatch):
    # given a cache whose every call fails the way a hung Redis does, and a clock
    calls = []

    class Hung:
        def get(self, key):
            calls.append(key)
            raise redis.exceptions.TimeoutError("Timeout reading from socket")

        def set(self, *args):  # pragma: no cover - never reached after a failed get
            calls.append("set")

    clock = [1000.0]
    monkeypatch.setattr(dash_cache, "cache", Hung())
    monkeypatch.setattr(dash_cache, "_now", lambda: clock[0])
    # when three bodies are asked for within the retry window, and one after it
    values = [dash_cache.get_or_build(f"k{n}", lambda n=n: n, 60) for n in range(3)]
    clock[0] += dash_cache.CACHE_RETRY_SECONDS + 1
    values.append(dash_cache.get_or_build("k3", lambda: 3, 60))
    # then every body is built, but only the first and the one after the window waited for the cache
    assert values == [0, 1, 2, 3]
    assert calls == ["k0", "k3"]


def test_get_or_build_stores_once(redis_cache):
    calls = []

    def build():
        calls.append(1)
        return {"n": len(calls)}

    assert dash_cache.get_or_build("ngvh:test:once", build, 60) == {"n": 1}
    assert dash_cache.get_or_build("ngvh:test:once", build, 60) == {"n": 1}
    assert calls == [1]
