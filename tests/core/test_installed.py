"""The benchmark ships with the source but is installed only where the bench runs."""

import os
import subprocess
import sys

LIST_APPS = "from django.conf import settings; import django; django.setup(); print('ngvh.bench' in settings.INSTALLED_APPS)"


def _apps_with(env_extra: dict) -> str:
    env = {k: v for k, v in os.environ.items() if k != "NGVH_BENCH"} | env_extra
    env["DJANGO_SETTINGS_MODULE"] = "ngvh.config.settings"
    return subprocess.run([sys.executable, "-c", LIST_APPS], env=env, capture_output=True, text=True, check=True).stdout.strip()


def test_a_production_start_has_no_benchmark_app():
    # given the settings as a server loads them
    # when the installed apps are listed
    # then the benchmark is not among them
    assert _apps_with({}) == "False"


def test_the_bench_command_installs_it():
    # given the command line asked for the bench
    # when it starts
    result = subprocess.run([sys.executable, "-m", "ngvh", "bench", "--help"], capture_output=True, text=True,
                            env={k: v for k, v in os.environ.items() if k != "NGVH_BENCH"})
    # then the bench command is found
    assert result.returncode == 0, result.stderr[-2000:]
    assert "--scale" in result.stdout
    assert _apps_with({"NGVH_BENCH": "1"}) == "True"
