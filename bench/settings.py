"""Settings for benchmarks: the real ones, plus a bare view to measure against."""

from tripartite.config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
