"""Where uploaded files live when several machines share them: an S3-compatible bucket, kept private.

Selected by `CONCOURS_STORAGE=s3` (see settings and the README). Every read and write goes through
Django's storage API (`FieldFile.open`, `.save`, `.delete`), so the same code serves local disk and a
bucket; nothing opens a stored file by its path.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """django-storages' S3 backend that never gives out an address of the bucket.

    Candidates' files are only ever streamed by the permission-checked views. A URL of the bucket
    (public or signed) would let whoever holds it past those checks, so `url` answers what local
    storage answers: an address under MEDIA_URL, which Concours does not serve.
    """

    def url(self, name: str, *args: Any, **kwargs: Any) -> str:
        return f"{settings.MEDIA_URL}{quote(name)}"
