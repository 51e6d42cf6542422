"""Reading the reference data files shipped inside this package."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed JSON file `data/<name>.json`, read once per process."""
    text = (
        resources.files("concours.kernel.reference")
        .joinpath("data", f"{name}.json")
        .read_text(encoding="utf-8")
    )
    document: dict[str, Any] = json.loads(text)
    return document
