"""Argument-less addresses reversed once per process still follow the URL configuration."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from ngvh.core.fixed_urls import fixed_url


def test_fixed_url_is_reverse():
    # every address of the site's frame is the one reverse gives
    for name in ("site:home", "plans:list", "agencies:list", "public:home", "accounts:logout", "accounts:login",
                 "set_language", "dashboard:home"):
        assert fixed_url(name) == reverse(name)


def test_fixed_url_follows_the_script_prefix():
    # given the site mounted under /ngvh/ (a proxy's SCRIPT_NAME), after a request at the root
    root = fixed_url("plans:list")
    set_script_prefix("/ngvh/")
    try:
        # then the address carries the prefix, and the root's is not reused
        assert fixed_url("plans:list") == "/ngvh" + root == reverse("plans:list")
    finally:
        clear_script_prefix()
    assert fixed_url("plans:list") == root


def test_fixed_url_refuses_an_unknown_name_like_reverse():
    with pytest.raises(NoReverseMatch):
        fixed_url("no:such-page")


def test_fixed_url_follows_a_changed_urlconf(settings):
    # given the address cached under the project's URLconf
    assert fixed_url("site:home") == "/"
    # when the URLconf is replaced by one without that page
    settings.ROOT_URLCONF = "ngvh.core.urls"
    # then the old address is not served from the cache
    with pytest.raises(NoReverseMatch):
        fixed_url("site:home")


def test_template_tag_renders_the_address():
    html = Template("{% load ngvh %}<a href=\"{% fixed_url 'plans:list' %}\">").render(Context())
    assert html == f'<a href="{reverse("plans:list")}">'
