"""Documents: the gate every upload goes through (CV, essay, draft), whatever the vacancy asks.

document = check_document(data, accept={"pdf", "docx"}, limits=Limits(max_bytes=..., max_pdf_pages=30))
document.format, document.content_type, document.pages     # or DocumentRefused(code), reason_in("fr")
"""

from __future__ import annotations

from concours.kernel.documents.errors import DocumentRefused
from concours.kernel.documents.gate import CONTENT_TYPES, FORMATS, CheckedDocument, Limits, check_document

__all__ = ["CONTENT_TYPES", "FORMATS", "CheckedDocument", "DocumentRefused", "Limits", "check_document"]
