from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data and its `load_demo` command; above every domain app, so it may use them all.

    No models, so no page ever shows the app's name and it needs no translated verbose_name.
    """

    name = "concours.demo"
    label = "demo"
