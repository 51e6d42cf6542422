"""The two ways an essay can fail to be read: the file is refused, or LibreOffice could not render it."""

from __future__ import annotations

from concours.kernel.essays.messages import JSON, render


class EssayRefused(ValueError):
    """A file that no parser may trust: `code` is stable ("empty", "macro", ...); `reason` is for people.

    `params` are language-neutral (sizes in bytes, limits), so the web application can say the same
    thing again in the candidate's language with `reason_in("fr")`.
    """

    def __init__(self, code: str, params: dict[str, JSON] | None = None) -> None:
        self.code = code
        self.params: dict[str, JSON] = dict(params or {})
        self.reason = self.reason_in("en")
        super().__init__(self.reason)

    def reason_in(self, lang: str) -> str:
        return render(f"refused.{self.code}", self.params, lang)


class RenderError(RuntimeError):
    """LibreOffice could not turn the document into a PDF (it failed, or took longer than allowed)."""
