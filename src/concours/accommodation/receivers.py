"""Files follow their rows: a document deleted by any path (an application erased with everything it
holds, say) takes its stored file with it once the deletion is committed."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from concours.accommodation.models import AccommodationDocument


def document_deleted(
    sender: type[AccommodationDocument], instance: AccommodationDocument, **kwargs: Any
) -> None:
    name = instance.file.name
    storage = instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
