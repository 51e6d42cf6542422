"""A vacancy notice's text -> the dict of `notice.schema.json` (every key present; null or [] where the
notice does not say).

The one entry point is `parse_notice_text`. It never raises: a text that is not a notice, or a notice
cut short, gives whatever fields it supports and nulls for the rest.
"""

from __future__ import annotations

from typing import Any

from concours.kernel.notices import application, competencies, contract, qualifications, role
from concours.kernel.notices.header import Header, extract_header
from concours.kernel.notices.languages import language_sentences, languages
from concours.kernel.notices.sections import Notice
from concours.kernel.notices.text import normalise


def _safely(extract: Any, default: Any, *args: Any, **kwargs: Any) -> Any:
    # One misbehaving rule must cost one field, never the whole notice: the CLI parses batches.
    try:
        return extract(*args, **kwargs)
    except Exception:
        return default


def parse_header(text: str) -> Header:
    """The header fields of `text` with where each one's evidence ends (used to check truncation)."""
    return _safely(extract_header, Header(), Notice(normalise(text)))  # type: ignore[no-any-return]


def parse_notice_text(text: str, *, source_file: str = "") -> dict[str, Any]:
    """The structured notice for `text`, in the shape of notice.schema.json."""
    notice = Notice(normalise(text or ""))
    header: Header = _safely(extract_header, Header(), notice)
    values = header.values
    title = str(values.get("title") or "")
    reference = values.get("reference")
    organisation = values.get("organisation")

    found = _safely(qualifications.qualifications, qualifications.Qualifications([], []), notice)
    experience = _safely(qualifications.experience, [], found.essential)
    direct, indirect = _safely(role.report_counts, ([], []), notice)
    listed_posts = _safely(role.posts, [], notice)
    if listed_posts:
        # Several posts: the report counts, given once per post in the same order, belong to the posts.
        counts = direct if len(direct) == len(listed_posts) else [None] * len(listed_posts)
        posts = [{**post, "direct_reports": count} for post, count in zip(listed_posts, counts, strict=True)]
        direct_reports = direct[0] if len(direct) == 1 else None
        indirect_reports = indirect[0] if len(indirect) == 1 else None
    else:
        direct_reports = direct[0] if direct else None
        indirect_reports = indirect[0] if indirect else None
        posts = [{"title": title, "reference": None, "grade": None, "direct_reports": direct_reports}]

    return {
        "source_file": source_file,
        "organisation": organisation,
        "body": values.get("body"),
        "division": values.get("division"),
        "title": title,
        "reference": reference,
        "posts": posts,
        "grade": values.get("grade"),
        "location": values.get("location"),
        "deadline": values.get("deadline"),
        "posted": values.get("posted"),
        "schedule": values.get("schedule"),
        "salary": values.get("salary"),
        "contract": _safely(contract.contract, None, notice),
        "reports_to": _safely(role.reports_to, None, notice),
        "direct_reports": direct_reports,
        "indirect_reports": indirect_reports,
        "staff_managed": _safely(role.staff_managed, None, notice),
        "principal_issues": _safely(role.principal_issues, [], notice),
        "key_challenges": _safely(role.key_challenges, [], notice),
        "essential_qualifications": found.essential,
        "desirable_qualifications": found.desirable,
        "experience": experience,
        "min_years_experience": qualifications.min_years(experience),
        "degree": _safely(qualifications.degree, None, found.essential, found.desirable),
        "languages": _safely(
            languages, None, found.essential, language_sentences(notice), organisation=organisation
        ),
        "competencies": _safely(competencies.competencies, [], notice),
        "nationality_restriction": _safely(application.nationality_restriction, None, notice),
        "essay": _safely(application.essay, None, notice, reference if isinstance(reference, str) else None),
        "genai_prohibited": _safely(application.genai_prohibited, False, notice),
        "selection_timeline": _safely(application.selection_timeline, [], notice),
    }
