"""Uploads: streamed to disk with their size limit checked as they arrive, then through the kernel's gate.

Django hands each uploaded file to its upload handlers chunk by chunk. `SizeLimitedUploadHandler` (in
`FILE_UPLOAD_HANDLERS`, after the in-memory handler for small requests) refuses a request whose body is
larger than `CONCOURS_MAX_REQUEST_BYTES` before reading any of it, and writes each file to a temporary
file, keeping nothing of it once it passes `CONCOURS_MAX_UPLOAD_BYTES`: the file's size still counts
every byte, so `upload_read` refuses it by its size, having read nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from concours.core.errors import DomainError
from concours.kernel.documents import CheckedDocument, DocumentRefused, Limits, check_document


class SizeLimitedUploadHandler(TemporaryFileUploadHandler):
    """Streams each file to a temporary file and keeps none of a file larger than the limit."""

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: str | None = None
    ) -> None:
        # Django's other request limits count form fields only; this one counts the files too.
        if content_length > settings.CONCOURS_MAX_REQUEST_BYTES:
            raise RequestDataTooBig(
                "Request body of %d bytes exceeds CONCOURS_MAX_REQUEST_BYTES." % content_length
            )

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start + len(raw_data) > settings.CONCOURS_MAX_UPLOAD_BYTES:
            self.file.seek(0)  # too large: what was kept goes, the rest is never written
            self.file.truncate()
            return None
        return super().receive_data_chunk(raw_data, start)  # type: ignore[no-any-return]


def upload_read(upload: UploadedFile | None, *, what: str) -> bytes:
    """The bytes of an upload, refused by its size before any of it is read (`what`: "CV", ...)."""
    if upload is None:
        raise DomainError(_("The %(kind)s is missing.") % {"kind": what})
    name = upload.name or ""
    limit = settings.CONCOURS_MAX_UPLOAD_BYTES
    if not upload.size:
        raise DomainError(_("The %(kind)s “%(name)s” is empty.") % {"kind": what, "name": name})
    if upload.size > limit:
        raise DomainError(
            _("The %(kind)s “%(name)s” is larger than %(limit)d MB.")
            % {"kind": what, "name": name, "limit": limit // (1024 * 1024)}
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:  # the size said otherwise: believe the bytes
        raise DomainError(
            _("The %(kind)s “%(name)s” is larger than %(limit)d MB.")
            % {"kind": what, "name": name, "limit": limit // (1024 * 1024)}
        )
    return data


def document_check(data: bytes, *, what: str, name: str, accept: Collection[str]) -> CheckedDocument:
    """The kernel's gate on an upload's bytes; a refusal becomes a `DomainError` in the reader's language."""
    limits = Limits(
        max_bytes=settings.CONCOURS_MAX_UPLOAD_BYTES, max_pdf_pages=settings.CONCOURS_MAX_PDF_PAGES
    )
    try:
        return check_document(data, accept=accept, limits=limits)
    except DocumentRefused as refused:
        language = "fr" if (get_language() or "en").startswith("fr") else "en"
        raise DomainError(
            _("The %(kind)s “%(name)s” was refused. %(reason)s")
            % {"kind": what, "name": name, "reason": refused.reason_in(language)}
        ) from refused
