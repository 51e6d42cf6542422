"""The post in its organisation: the posts a notice fills, the issues it covers, its key challenges,
whom it reports to and how many people it leads."""

from __future__ import annotations

import re

from concours.kernel.notices.sections import Notice, mentions, squash

_PRINCIPAL_ISSUES_RE = re.compile(
    r"principal issues|(?:these|which|that) include|agenda including|portfolio (?:covers|includes)|"
    r"principaux dossiers|questions principales|(?:ces|qui) (?:comprennent|incluent)|notamment\s*:|"
    r"dossiers suivants|questions suivantes",
    re.IGNORECASE,
)
_KEY_CHALLENGES_RE = re.compile(
    r"key challenges|(?:principaux|grands) d[ée]fis|d[ée]fis (?:majeurs|cl[ée]s)", re.IGNORECASE
)
_POSTS_INTRO_RE = re.compile(
    r"following (?:positions|posts|vacancies)|postes suivants|(?:two|three|four|deux|trois|quatre|\d) "
    r"(?:positions|posts|postes)\s*:",
    re.IGNORECASE,
)
_POST_RE = re.compile(
    r"^(?P<title>[^()]{3,140}?)\s*(?:\((?P<grade>G\d{1,2}(?:/\d{1,2})?|[ABCL]\.?\d|[PD]-?\d|AD ?\d{1,2}|"
    r"AST ?\d{1,2})\))?\s*\((?P<ref>[A-Z]{2,8}[\s-]?\d{2,6}[A-Z]?|\d{5,7})\)\s*[;,.]?$"
)
_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_REPORTS_TO_RE = re.compile(
    r"\b(?:reports?|reporting)\s+(?:directly\s+)?to\s+(?:the\s+)?(?P<whom>[^.;:\n]+)"
    r"|\b(?:rel[èe]ve|rend compte)\s+(?:directement\s+)?(?:du|de la|de l['’]|des|à|au|"
    r"aux)\s*(?P<qui>[^.;:\n]+)"
    r"|\bunder the (?:direct |overall )?supervision of (?:the\s+)?(?P<under>[^.;:\n]+)",
    re.IGNORECASE,
)
# How each match of the pattern above begins (lower case): its scan starts at the first of them.
_REPORTS_TO_STARTS = ("report", "relève", "releve", "rend compte", "under the")
_REPORTS_TO_END_RE = re.compile(
    r",\s*(?:and|who|which|et|qui)\b.*$|\s+(?:and|et)\s+(?=[a-zà-ÿ])(?!(?:of|for|the|des|de|du|la|le|les|l['’])\b).*$|\s*\(.*$"
    r"|,\s+(?=[a-z]).*$"
)
_REPORTS_RE = re.compile(
    r"\b(?P<kind>direct|indirect)\s+reports?\s*[:\-–]\s*(?P<n>\d+|n/?a|none)"
    r"|\bsubordonn[ée]s\s+(?P<fkind>directs|indirects)\s*[:\-–]\s*(?P<fn>\d+|n/?a|aucun)",
    re.IGNORECASE,
)
_STAFF_RE = re.compile(
    r"\b(?:approximately|about|around|some|nearly|over|roughly|environ|quelque|près de|plus "
    r"de)\s+(?P<n>\d{1,4})\s+"
    r"(?:(?:[A-Z][\w-]*|international|civilian|military|permanent|temporary|)\s+){0,3}"
    r"(?i:staff|personnel|employees|people|persons|agents|collaborateurs|membres du personnel)",
)


def _list_after_trigger(notice: Notice, trigger: re.Pattern[str], *, before: int | None = None) -> list[str]:
    stop = len(notice.lines) if before is None else before
    for line in notice.lines[:stop]:
        if not line.text or line.bullet:
            continue
        if line.heading in ("key_challenges", "principal_issues") and trigger.search(line.text):
            items = notice.items_after(line.number, intro_lines=3)
        elif line.text.endswith((":", "：")) and trigger.search(line.text):
            items = notice.items_after(line.number, intro_lines=0)
        else:
            continue
        if items:
            return [item.item for item in items]
    return []


def key_challenges(notice: Notice) -> list[str]:
    """The key challenges the notice lists, one per bullet."""
    return _list_after_trigger(notice, _KEY_CHALLENGES_RE)


def principal_issues(notice: Notice) -> list[str]:
    """The principal issues the post covers, one per bullet (nested bullets join their parent)."""
    for line in notice.lines:
        if not line.text or line.bullet or (line.heading is None and not line.text.endswith((":", "："))):
            continue
        if _KEY_CHALLENGES_RE.search(line.text):
            continue
        if line.heading == "principal_issues" or (
            line.text.endswith((":", "：")) and _PRINCIPAL_ISSUES_RE.search(line.text)
        ):
            items = notice.items_after(line.number, intro_lines=1 if line.heading else 0)
            if items:
                return [item.item for item in items]
    return []


def posts(notice: Notice) -> list[dict[str, object]]:
    """The posts a notice fills when it lists more than one ("Title (G22) (PASP0109)"); [] otherwise."""
    if not mentions(notice.lower, ("positions", "posts", "postes", "vacancies")):
        return []
    for line in notice.lines:
        if not line.text or not line.text.endswith(":") or not _POSTS_INTRO_RE.search(line.text):
            continue
        found: list[dict[str, object]] = []
        for following in notice.lines[line.number + 1 : line.number + 16]:
            if not following.text or _URL_RE.match(following.text):
                continue
            match = _POST_RE.match(following.item)
            if match is None:
                if found:
                    break
                continue
            found.append(
                {
                    "title": squash(match.group("title")).rstrip(" ,-–"),
                    "reference": match.group("ref"),
                    "grade": match.group("grade"),
                }
            )
        if len(found) > 1:
            return found
    return []


def reports_to(notice: Notice) -> str | None:
    """Whom the post reports to, as written ("Director, Security Policy")."""
    best: tuple[int, str] | None = None
    if not mentions(notice.lower, ("report", "relève", "releve", "rend compte", "supervision")):
        return None
    for match in notice.finditer(_REPORTS_TO_RE, _REPORTS_TO_STARTS):
        whom = match.group("whom") or match.group("qui") or match.group("under") or ""
        whom = _REPORTS_TO_END_RE.sub("", whom.strip()).strip(" ,")
        # Prefer "reports to" over "under the supervision of": it is the sentence that names the line.
        rank = 0 if match.group("whom") or match.group("qui") else 1
        if whom and len(whom) <= 120 and (best is None or rank < best[0]):
            best = (rank, whom)
            if rank == 0:
                break
    return best[1] if best else None


def report_counts(notice: Notice) -> tuple[list[int | None], list[int | None]]:
    """The direct and the indirect report counts, in the order the notice gives them (None for "N/a")."""
    direct: list[int | None] = []
    indirect: list[int | None] = []
    if not mentions(notice.lower, ("reports", "subordonn")):
        return direct, indirect
    for match in notice.finditer(_REPORTS_RE, ("direct", "indirect", "subordonn")):
        kind = (match.group("kind") or match.group("fkind") or "").lower()
        raw = match.group("n") or match.group("fn") or ""
        count = int(raw) if raw.isdigit() else None
        (direct if kind.startswith("direct") else indirect).append(count)
    return direct, indirect


_STAFF_WORDS = ("staff", "personnel", "employees", "people", "persons", "agents", "collaborateurs")
_MANAGES_RE = re.compile(r"manag|\blead|\bhead|direct|supervis|dirig|encadr|compos|gère|comprising", re.I)


def staff_managed(notice: Notice) -> int | None:
    """The size of the unit the post manages ("manages the Division (approximately 65 staff members)").

    A head count in a sentence that does not say the unit is managed, led or made of those staff (a
    branch "with approximately 40 staff" the post merely works in) is not the post's span of control.
    """
    for sentence in notice.sentences_mentioning(_STAFF_WORDS):
        match = _STAFF_RE.search(sentence)
        if match and _MANAGES_RE.search(sentence):
            return int(match.group("n"))
    return None
