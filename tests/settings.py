"""Settings for the test run: the project's settings with development switches asked for.

The project defaults to production settings (DEBUG off, demo mode off); the suite runs
the Django test client over plain HTTP with the development static files, so it asks for
DEBUG=1 here, explicitly, instead of relying on a default. Demo mode stays off: tests that
need demo accounts turn ``settings.NGVH_DEMO`` on themselves. Tests of the defaults start
a fresh process with ``ngvh.config.settings`` and their own environment.
"""

import os

os.environ.setdefault("DEBUG", "1")

from ngvh.config.settings import *  # noqa: E402,F403

# Commands the tests start as subprocesses (``ngvh plan parse`` …) run from other folders,
# where this module cannot be imported: they read the project's settings, with the same
# DEBUG=1 inherited from the environment above.
os.environ["DJANGO_SETTINGS_MODULE"] = "ngvh.config.settings"
