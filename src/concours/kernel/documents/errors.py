"""The refusal of an upload: a stable code, language-neutral parameters, a reason in each language."""

from __future__ import annotations

from concours.kernel.documents.messages import JSON, render


class DocumentRefused(ValueError):
    """A file no reader may trust: `code` is stable ("javascript", "macro", ...); `reason` is for people.

    `params` are language-neutral (sizes in bytes, page counts, what was found), so the web application
    can say the same thing in the candidate's language with `reason_in("fr")`.
    """

    def __init__(self, code: str, params: dict[str, JSON] | None = None) -> None:
        self.code = code
        self.params: dict[str, JSON] = dict(params or {})
        self.reason = self.reason_in("en")
        super().__init__(self.reason)

    def reason_in(self, lang: str) -> str:
        return render(self.code, self.params, lang)
