"""Production settings: `check --deploy` is clean with the documented environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k7#Qv9!zR2@mX4$pL8^wN1&tY6*hB3(dF5)gJ0-sC7+eU9=aZ2_oI4%",
    "ALLOWED_HOSTS": "ngvh.haiphong.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://ngvh.haiphong.gov.vn",
}


def run_check(extra_env: dict) -> subprocess.CompletedProcess:
    # A subprocess: settings read the environment at import, so only a fresh process
    # sees the production values. The test run's own switches (the async escape hatch
    # the browser tests set) are not part of a deployment.
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(extra_env)
    env["DJANGO_SETTINGS_MODULE"] = "ngvh.config.settings"
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )


@pytest.mark.slow
def test_check_deploy_is_clean_in_production():
    # given the documented production environment
    # when Django's deployment checks run
    result = run_check(PRODUCTION_ENV)
    # then there is no warning at all
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_production_refuses_to_start_without_a_secret_key():
    # given DEBUG=0 but no SECRET_KEY
    env = dict(PRODUCTION_ENV)
    env.pop("SECRET_KEY")
    # when settings load
    result = run_check(env)
    # then it stops with a clear message
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def load_settings(extra_env: dict) -> subprocess.CompletedProcess:
    """Import the project's settings in a fresh process with only ``extra_env`` set."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DEBUG", "NGVH_DEMO", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(extra_env)
    code = "import ngvh.config.settings as s; print(s.DEBUG, s.NGVH_DEMO, s.SECRET_KEY == s.DEVELOPMENT_SECRET_KEY)"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)


def test_a_bare_start_gets_production_settings():
    # given a real secret and nothing else asked for
    # when settings load
    result = load_settings({"SECRET_KEY": PRODUCTION_ENV["SECRET_KEY"]})
    # then DEBUG and demo mode are off
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "False"]


def test_a_bare_start_without_a_secret_refuses_in_both_languages():
    # given no DEBUG, no demo mode and no SECRET_KEY
    # when settings load
    result = load_settings({})
    # then the process stops with the reason in English and Vietnamese
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert "phải đặt SECRET_KEY" in result.stderr


@pytest.mark.parametrize("secret", ["dev-only-insecure-key-change-me-" + "x" * 32, "django-insecure-abc123"])
def test_the_development_secret_is_refused_with_debug_off(secret):
    # given DEBUG=0 and a published development key
    # when settings load
    result = load_settings({"DEBUG": "0", "SECRET_KEY": secret})
    # then it refuses to start
    assert result.returncode != 0 and "development secret is refused" in result.stderr


def test_demo_mode_asks_for_development_settings():
    # given `make run`'s switch only
    # when settings load
    result = load_settings({"NGVH_DEMO": "1"})
    # then DEBUG is on with the development key, and demo mode is on
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True"]


def test_debug_zero_wins_over_demo_mode():
    # given demo mode but DEBUG=0 explicitly and no key
    # when settings load
    result = load_settings({"NGVH_DEMO": "1", "DEBUG": "0"})
    # then the production rule applies
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_the_makefile_run_target_asks_for_demo_mode():
    # given the Makefile's `run` target
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    run_recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    # then it asks for demo mode explicitly
    assert "NGVH_DEMO=1" in run_recipe and "ngvh serve" in run_recipe
