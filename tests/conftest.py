from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# A notice-parser rule that fails raises under tests instead of costing its field silently (see
# concours/kernel/notices/rules.py). Set at import so that it holds with or without the Django plugin and
# in subprocesses such as `concours parse_notice` run by the scoring tests.
os.environ["CONCOURS_PARSER_STRICT"] = "1"

# Hypothesis: `make test` (and so CI) runs the same examples every time (derandomized), so that a red run
# is reproducible and a green one is not luck; no deadline, as speed is measured in `make bench`, never in
# tests (a loaded machine would fail it). `HYPOTHESIS_PROFILE=explore` searches afresh, with more
# examples, to look for new failing cases.
hypothesis_settings.register_profile("repeatable", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("explore", max_examples=1000, deadline=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

# Fixtures of the tests marked `s3`: a local S3-compatible server and a bucket for Django's storage.
pytest_plugins = ["object_storage"]


@pytest.fixture(autouse=True)
def _isolated_media(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    """Uploads go to a temporary folder and mail to memory, so a test sees exactly what was kept.

    Kernel tests run without Django (`-p no:django`), so this only applies when the plugin is loaded.
    """
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A fast hasher: the tests are about the process, not about password storage.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A request in French leaves French active in this thread; each test starts in English.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def media_files(settings) -> list[Path]:  # type: ignore[no-untyped-def]
    """Every file under MEDIA_ROOT, for tests that check nothing was left behind."""

    def _list() -> list[Path]:
        root = Path(settings.MEDIA_ROOT)
        return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []

    return _list  # type: ignore[return-value]
