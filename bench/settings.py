"""Remix's settings with the benchmarks' URLs (the minimal view beside Remix's), for a served
instance: ``DJANGO_SETTINGS_MODULE=bench.settings remix serve``."""

from remix.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
