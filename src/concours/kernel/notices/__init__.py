"""The vacancy-notice parser: a notice's text (or file) -> the dict of shared/contracts/notice.schema.json.

Plain Python, no Django: `parse_notice_text(text)` and `read_notice_file(path)` are the entry points.
"""

from __future__ import annotations

from concours.kernel.notices.errors import NoticeError
from concours.kernel.notices.parse import parse_notice_text
from concours.kernel.notices.text import read_notice_file

__all__ = ["NoticeError", "parse_notice_text", "read_notice_file"]
