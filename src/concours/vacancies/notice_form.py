"""The recruiter's review form: every parsed field of a notice, editable as plain fields and lines.

Structured parts are edited one item per line (`title | reference | grade` for posts, `Name: level` for
competencies…), which a recruiter can read and correct without knowing JSON.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _

from concours.kernel.reference.duty_stations import default_zone, zone_for_location

DEGREES = [
    ("", "—"),
    ("secondary", _("Secondary")),
    ("bachelor", _("Bachelor's degree")),
    ("master", _("Master's degree")),
    ("doctorate", _("Doctorate")),
]
SCALES = [
    ("", "—"),
    ("NATO", _("NATO (I–VI)")),
    ("CEFR", _("CEFR (A1–C2)")),
    ("STANAG6001", "STANAG 6001"),
    ("UN", _("United Nations")),
    ("other", _("Other")),
]
TRISTATE = [("", _("Not stated")), ("yes", _("Yes")), ("no", _("No"))]
# "en VI"; a code alone ("en") is a language required with no level (min_level null); ISO 639-3 codes
# ("tet") for the few languages without an ISO 639-1 one.
LANGUAGE_LEVEL = re.compile(r"^\s*([a-z]{2,3})(?:\s+(\S+))?\s*$")
YEARS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?))?\s*$")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _cells(line: str, count: int) -> list[str]:
    cells = [cell.strip() for cell in line.split("|")]
    return (cells + [""] * count)[:count]


def _number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


# The longest section of a notice a recruiter may type: several pages of text.
LINES_MAX_LENGTH = 10_000


def _lines_field(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=LINES_MAX_LENGTH,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class NoticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    title_fr = forms.CharField(label=_("Title in French"), max_length=300, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=120)
    body = forms.CharField(label=_("Body"), max_length=200, required=False)
    division = forms.CharField(label=_("Division"), max_length=200, required=False)
    reference = forms.CharField(label=_("Reference"), max_length=40, required=False)
    grade = forms.CharField(label=_("Grade"), max_length=40, required=False)
    location = forms.CharField(label=_("Location"), max_length=120, required=False)
    zone = forms.CharField(label=_("Time zone of the duty station"), max_length=64, initial="Europe/Brussels")
    deadline = forms.DateTimeField(
        label=_("Deadline (local time at the duty station)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )
    posted = forms.DateField(
        label=_("Posted"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    schedule = forms.ChoiceField(
        label=_("Schedule"),
        required=False,
        choices=[("", "—"), ("full-time", _("Full-time")), ("part-time", _("Part-time"))],
    )
    posts = _lines_field(_("Posts"), _("One per line: title | post reference | grade | direct reports"))
    salary_amount = forms.DecimalField(label=_("Salary"), required=False, decimal_places=2, max_digits=12)
    salary_currency = forms.CharField(label=_("Currency"), max_length=3, required=False)
    salary_period = forms.ChoiceField(
        label=_("Per"),
        required=False,
        choices=[
            ("", "—"),
            ("month", _("month")),
            ("year", _("year")),
            ("day", _("day")),
            ("hour", _("hour")),
        ],
    )
    contract_type = forms.ChoiceField(
        label=_("Contract"),
        required=False,
        choices=[
            ("", "—"),
            ("definite", _("Definite duration")),
            ("indefinite", _("Indefinite duration")),
            ("temporary", _("Temporary")),
            ("secondment", _("Secondment")),
        ],
    )
    contract_initial_years = forms.DecimalField(label=_("Initial years"), required=False, min_value=0)
    contract_renewal_years = forms.DecimalField(label=_("Renewal years"), required=False, min_value=0)
    contract_max_years = forms.DecimalField(label=_("Maximum years"), required=False, min_value=0)
    contract_extension_years = forms.DecimalField(label=_("Extension years"), required=False, min_value=0)
    contract_conversion = forms.ChoiceField(label=_("Conversion possible"), required=False, choices=TRISTATE)
    reports_to = forms.CharField(label=_("Reports to"), max_length=200, required=False)
    direct_reports = forms.IntegerField(label=_("Direct reports"), required=False, min_value=0)
    indirect_reports = forms.IntegerField(label=_("Indirect reports"), required=False, min_value=0)
    staff_managed = forms.IntegerField(label=_("Staff managed"), required=False, min_value=0)
    principal_issues = _lines_field(_("Principal issues"), _("One per line"))
    key_challenges = _lines_field(_("Key challenges"), _("One per line"))
    essential_qualifications = _lines_field(_("Essential qualifications"), _("One per line"))
    desirable_qualifications = _lines_field(_("Desirable qualifications"), _("One per line"))
    experience = _lines_field(_("Experience required"), _("One per line: years (or 10-15) | of what"))
    degree_min = forms.ChoiceField(label=_("Minimum degree"), required=False, choices=DEGREES)
    degree_preferred = forms.ChoiceField(label=_("Preferred degree"), required=False, choices=DEGREES)
    language_scale = forms.ChoiceField(label=_("Language scale"), required=False, choices=SCALES)
    language_alternatives = _lines_field(
        _("Language requirements"), _("One alternative per line, e.g. “en VI, fr II”; any line suffices")
    )
    competencies = _lines_field(_("Competencies"), _("One per line: Name: behavioural level"))
    nationality_restriction = forms.CharField(
        label=_("Nationality restriction"), max_length=500, required=False
    )
    essay_required = forms.BooleanField(label=_("An essay is required"), required=False)
    essay_max_pages = forms.IntegerField(label=_("Essay: maximum pages"), required=False, min_value=1)
    essay_paper = forms.CharField(label=_("Essay: paper size"), max_length=20, required=False)
    essay_format = forms.CharField(label=_("Essay: format"), max_length=20, required=False)
    essay_title_must_include = forms.CharField(
        label=_("Essay: its title must include"),
        max_length=300,
        required=False,
        help_text=_("Separated by commas"),
    )
    essay_due = forms.DateField(
        label=_("Essay: due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    genai_prohibited = forms.BooleanField(label=_("Generative AI is prohibited"), required=False)
    selection_timeline = _lines_field(_("Selection timeline"), _("One per line: stage | when | where"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.initial.get("zone") == "":  # see notice_initial: the duty station's zone is not known
            self.fields["zone"].help_text = _(
                "The time zone of this duty station is not known: give it as an IANA name, e.g. Asia/Kabul."
            )

    def clean_zone(self) -> str:
        zone: str = self.cleaned_data["zone"].strip()
        if zone not in available_timezones():
            raise forms.ValidationError(_("Not a time zone name, e.g. Europe/Brussels."))
        return zone

    def clean_posts(self) -> list[dict[str, Any]]:
        posts = []
        for line in _lines(self.cleaned_data["posts"]):
            title, reference, grade, reports = _cells(line, 4)
            if not title or (reports and not reports.isdigit()):
                raise forms.ValidationError(
                    _("Write “title | reference | grade | direct reports”: “%(line)s”") % {"line": line}
                )
            post: dict[str, Any] = {"title": title, "reference": reference or None, "grade": grade or None}
            if reports:
                post["direct_reports"] = int(reports)
            posts.append(post)
        return posts

    def clean_experience(self) -> list[dict[str, Any]]:
        items = []
        for line in _lines(self.cleaned_data["experience"]):
            years, of = _cells(line, 2)
            match = YEARS.match(years)
            if not match or not of:
                raise forms.ValidationError(
                    _("Write “years | of what”, e.g. “10 | policy development”: “%(line)s”") % {"line": line}
                )
            low, high = float(match.group(1)), match.group(2)
            items.append(
                {"min_years": _number(low), "max_years": _number(float(high)) if high else None, "of": of}
            )
        return items

    def clean_language_alternatives(self) -> list[list[dict[str, str | None]]]:
        alternatives = []
        for line in _lines(self.cleaned_data["language_alternatives"]):
            levels: list[dict[str, str | None]] = []
            for part in line.split(","):
                match = LANGUAGE_LEVEL.match(part.lower())
                if not match:
                    raise forms.ValidationError(
                        _("Write each level as “language level”, e.g. “en VI”: “%(part)s”")
                        % {"part": part.strip()}
                    )
                level = part.split()[-1].strip() if match.group(2) else None
                levels.append({"language": match.group(1), "min_level": level})
            alternatives.append(levels)
        return alternatives

    def clean_competencies(self) -> list[dict[str, Any]]:
        items = []
        for line in _lines(self.cleaned_data["competencies"]):
            name, _sep, level = line.partition(":")
            items.append({"name": name.strip(), "level": level.strip() or None})
        return items

    def clean_selection_timeline(self) -> list[dict[str, Any]]:
        items = []
        for line in _lines(self.cleaned_data["selection_timeline"]):
            stage, when, where = _cells(line, 3)
            items.append({"stage": stage, "when": when, "where": where or None})
        return items

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("language_alternatives") and not data.get("language_scale"):
            self.add_error("language_scale", _("Choose the scale of the language levels."))
        return data

    def to_notice(self, base: dict[str, Any]) -> dict[str, Any]:
        """The edited notice; keys the form does not show (summaries, sources) are kept from `base`."""
        d = self.cleaned_data
        text = lambda key: d.get(key) or None  # noqa: E731
        deadline: dt.datetime | None = d.get("deadline")
        salary = None
        if d.get("salary_amount") is not None:
            salary = {
                "amount": float(d["salary_amount"]),
                "currency": d.get("salary_currency") or "EUR",
                "period": d.get("salary_period") or "month",
            }
        contract_keys = ["initial_years", "renewal_years", "max_years", "extension_years"]
        contract: dict[str, Any] | None = {
            "type": d.get("contract_type") or None,
            **{
                key: _number(float(d[f"contract_{key}"])) if d.get(f"contract_{key}") is not None else None
                for key in contract_keys
            },
            "conversion_possible": {"yes": True, "no": False}.get(d.get("contract_conversion") or ""),
        }
        if contract is not None and not any(v is not None for v in contract.values()):
            contract = None
        essay = None
        if d.get("essay_required"):
            essay = {
                "required": True,
                "max_pages": d.get("essay_max_pages"),
                "paper": text("essay_paper"),
                "format": text("essay_format"),
                "title_must_include": [
                    w.strip() for w in (d.get("essay_title_must_include") or "").split(",") if w.strip()
                ],
                "due": d["essay_due"].isoformat() if d.get("essay_due") else None,
            }
        experience = d.get("experience") or []
        degree = None
        if d.get("degree_min") or d.get("degree_preferred"):
            degree = {
                "min_level": d.get("degree_min") or None,
                "preferred_level": d.get("degree_preferred") or None,
            }
        languages = None
        if d.get("language_alternatives"):
            languages = {"scale": d["language_scale"], "any_of": d["language_alternatives"]}
        return {
            **base,
            "organisation": d["organisation"],
            "body": text("body"),
            "division": text("division"),
            "title": d["title"],
            "reference": text("reference"),
            "posts": d.get("posts") or [{"title": d["title"], "reference": None, "grade": text("grade")}],
            "grade": text("grade"),
            "location": text("location"),
            "deadline": deadline.replace(tzinfo=None).isoformat(timespec="minutes") if deadline else None,
            "posted": d["posted"].isoformat() if d.get("posted") else None,
            "schedule": text("schedule"),
            "salary": salary,
            "contract": contract,
            "reports_to": text("reports_to"),
            "direct_reports": d.get("direct_reports"),
            "indirect_reports": d.get("indirect_reports"),
            "staff_managed": d.get("staff_managed"),
            "principal_issues": _lines(d.get("principal_issues") or ""),
            "key_challenges": _lines(d.get("key_challenges") or ""),
            "essential_qualifications": _lines(d.get("essential_qualifications") or ""),
            "desirable_qualifications": _lines(d.get("desirable_qualifications") or ""),
            "experience": experience,
            "min_years_experience": max((e["min_years"] for e in experience), default=None),
            "degree": degree,
            "languages": languages,
            "competencies": d.get("competencies") or [],
            "nationality_restriction": text("nationality_restriction"),
            "essay": essay,
            "genai_prohibited": bool(d.get("genai_prohibited")),
            "selection_timeline": d.get("selection_timeline") or [],
        }

    def deadline_instant(self) -> dt.datetime | None:
        deadline: dt.datetime | None = self.cleaned_data.get("deadline")
        if deadline is None:
            return None
        return deadline.replace(tzinfo=ZoneInfo(self.cleaned_data["zone"]))


def notice_initial(
    notice: dict[str, Any], *, title_fr: str, zone: str, deadline: dt.datetime | None
) -> dict[str, Any]:
    """The form's initial values from a stored notice.

    Where the duty station's time zone is not known and the vacancy still has the default zone it was
    imported with, the zone starts empty: the field is required, so the recruiter must give it.
    """
    salary, contract, essay = (
        notice.get("salary") or {},
        notice.get("contract") or {},
        notice.get("essay") or {},
    )
    degree, languages = notice.get("degree") or {}, notice.get("languages") or {}
    join = "\n".join
    return {
        "title": notice.get("title", ""),
        "title_fr": title_fr,
        "organisation": notice.get("organisation") or "",
        "body": notice.get("body") or "",
        "division": notice.get("division") or "",
        "reference": notice.get("reference") or "",
        "grade": notice.get("grade") or "",
        "location": notice.get("location") or "",
        "zone": "" if _zone_unconfirmed(notice, zone) else zone,
        "deadline": deadline.astimezone(ZoneInfo(zone)).replace(tzinfo=None) if deadline else None,
        "posted": (notice.get("posted") or "")[:10] or None,
        "schedule": notice.get("schedule") or "",
        "posts": join(_post_line(p) for p in notice.get("posts") or []),
        "salary_amount": salary.get("amount"),
        "salary_currency": salary.get("currency") or "",
        "salary_period": salary.get("period") or "",
        "contract_type": contract.get("type") or "",
        **{
            f"contract_{k}": contract.get(k)
            for k in ("initial_years", "renewal_years", "max_years", "extension_years")
        },
        "contract_conversion": _tristate(contract.get("conversion_possible")),
        "reports_to": notice.get("reports_to") or "",
        "direct_reports": notice.get("direct_reports"),
        "indirect_reports": notice.get("indirect_reports"),
        "staff_managed": notice.get("staff_managed"),
        **{
            key: join(notice.get(key) or [])
            for key in (
                "principal_issues",
                "key_challenges",
                "essential_qualifications",
                "desirable_qualifications",
            )
        },
        "experience": join(_experience_line(e) for e in notice.get("experience") or []),
        "degree_min": degree.get("min_level") or "",
        "degree_preferred": degree.get("preferred_level") or "",
        "language_scale": languages.get("scale") or "",
        "language_alternatives": join(
            ", ".join(f"{x['language']} {x['min_level'] or ''}".strip() for x in alt)
            for alt in languages.get("any_of") or []
        ),
        "competencies": join(
            f"{c['name']}: {c.get('level') or ''}".rstrip(": ") for c in notice.get("competencies") or []
        ),
        "nationality_restriction": notice.get("nationality_restriction") or "",
        "essay_required": bool(essay.get("required")),
        "essay_max_pages": essay.get("max_pages"),
        "essay_paper": essay.get("paper") or "",
        "essay_format": essay.get("format") or "",
        "essay_title_must_include": ", ".join(essay.get("title_must_include") or []),
        "essay_due": (essay.get("due") or "")[:10] or None,
        "genai_prohibited": bool(notice.get("genai_prohibited")),
        "selection_timeline": join(
            " | ".join([t.get("stage") or "", t.get("when") or "", t.get("where") or ""]).rstrip(" |")
            for t in notice.get("selection_timeline") or []
        ),
    }


def _zone_unconfirmed(notice: dict[str, Any], zone: str) -> bool:
    """The vacancy's zone is only the default an import stores for a duty station of unknown zone."""
    return zone == default_zone() and zone_for_location(notice.get("location")) is None


def _experience_line(item: dict[str, Any]) -> str:
    years = str(_number(item["min_years"]))
    if item.get("max_years"):
        years += f"-{_number(item['max_years'])}"
    return f"{years} | {item['of']}"


def _tristate(value: Any) -> str:
    return "yes" if value is True else "no" if value is False else ""


def _post_line(post: dict[str, Any]) -> str:
    reports = post.get("direct_reports")
    cells = [post.get("title") or "", post.get("reference") or "", post.get("grade") or ""]
    cells.append("" if reports is None else str(reports))
    return " | ".join(cells).rstrip(" |")


class FrenchNoticeForm(forms.Form):
    """The French version of a notice: its texts only (dates, grade, levels and rules are the English
    notice's, which screening reads). A line per item, as in the English form."""

    title_fr = forms.CharField(label=_("Title in French"), max_length=300, required=False)
    reports_to = forms.CharField(label=_("Reports to"), max_length=300, required=False)
    principal_issues = _lines_field(_("Principal issues"), _("One per line"))
    key_challenges = _lines_field(_("Key challenges"), _("One per line"))
    essential_qualifications = _lines_field(_("Essential qualifications"), _("One per line"))
    desirable_qualifications = _lines_field(_("Desirable qualifications"), _("One per line"))
    competencies = _lines_field(_("Competencies"), _("One per line: Name: behavioural level"))
    selection_timeline = _lines_field(_("Selection timeline"), _("One per line: stage | when | where"))

    # Beside the English form on one page: its fields' names and ids must not clash.
    prefix = "fr"

    def to_notice_fr(self, base: dict[str, Any]) -> dict[str, Any]:
        """The French notice `base` with these texts; what the form does not edit is kept."""
        d = self.cleaned_data
        competencies = []
        for line in _lines(d.get("competencies") or ""):
            name, _sep, level = line.partition(":")
            competencies.append({"name": name.strip(), "level": level.strip() or None})
        timeline = []
        for line in _lines(d.get("selection_timeline") or ""):
            stage, when, where = _cells(line, 3)
            timeline.append({"stage": stage, "when": when, "where": where or None})
        return {
            **base,
            "title": d.get("title_fr") or "",
            "reports_to": d.get("reports_to") or None,
            **{
                key: _lines(d.get(key) or "")
                for key in (
                    "principal_issues",
                    "key_challenges",
                    "essential_qualifications",
                    "desirable_qualifications",
                )
            },
            "competencies": competencies,
            "selection_timeline": timeline,
        }


def french_notice_initial(notice_fr: dict[str, Any], *, title_fr: str) -> dict[str, Any]:
    """The French form's initial values from a stored French notice."""
    join = "\n".join
    return {
        "title_fr": title_fr or notice_fr.get("title") or "",
        "reports_to": notice_fr.get("reports_to") or "",
        **{
            key: join(notice_fr.get(key) or [])
            for key in (
                "principal_issues",
                "key_challenges",
                "essential_qualifications",
                "desirable_qualifications",
            )
        },
        "competencies": join(
            f"{c['name']}: {c.get('level') or ''}".rstrip(": ") for c in notice_fr.get("competencies") or []
        ),
        "selection_timeline": join(
            " | ".join([t.get("stage") or "", t.get("when") or "", t.get("where") or ""]).rstrip(" |")
            for t in notice_fr.get("selection_timeline") or []
        ),
    }
