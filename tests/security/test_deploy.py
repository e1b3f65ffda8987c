"""Production settings: `check --deploy` is clean with the documented environment."""

import os
import subprocess
import sys

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
