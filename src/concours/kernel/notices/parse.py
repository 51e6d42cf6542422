"""A vacancy notice's text -> the dict of `notice.schema.json` (every key present; null or [] where the
notice does not say), plus `warnings`: the rules that failed on this text (see rules.py), usually [].

The one entry point is `parse_notice_text`. It never raises in production: a text that is not a notice,
or a notice cut short, gives whatever fields it supports and nulls for the rest, and a rule that fails
costs only its fields and is named in `warnings`. Under `CONCOURS_PARSER_STRICT=1` (the tests) a failing
rule raises instead.
"""

from __future__ import annotations

from typing import Any

from concours.kernel.notices import application, competencies, contract, qualifications, role, sections
from concours.kernel.notices import languages as language_rules
from concours.kernel.notices.header import Header, extract_header
from concours.kernel.notices.repair import repair
from concours.kernel.notices.rules import Rules
from concours.kernel.notices.text import normalise

# What the rules read when the notice itself cannot be split into lines (built once: it is never changed).
_NO_NOTICE = sections.Notice("")


def parse_header(text: str) -> Header:
    """The header fields of `text` with where each one's evidence ends (used to check truncation)."""
    rules = Rules()
    return extract_header(
        rules.run("sections.Notice", _NO_NOTICE, sections.Notice, repair(normalise(text))), rules
    )


def parse_notice_text(text: str, *, source_file: str = "") -> dict[str, Any]:
    """The structured notice for `text`, in the shape of notice.schema.json, with `warnings`."""
    rules = Rules(source_file)
    run = rules.run
    notice = run("sections.Notice", _NO_NOTICE, sections.Notice, repair(normalise(text or "")))
    values = extract_header(notice, rules).values
    title = str(values.get("title") or "")
    reference = values.get("reference")
    organisation = values.get("organisation")

    found = run(
        "qualifications.qualifications",
        qualifications.Qualifications([], []),
        qualifications.qualifications,
        notice,
    )
    required_degree = run(
        "qualifications.degree",
        None,
        qualifications.degree,
        found.essential,
        found.desirable,
        run("qualifications.degree_fields", [], qualifications.degree_fields, notice),
    )
    main_level = required_degree.get("min_level") if required_degree else None
    experience = run(
        "qualifications.experience",
        [],
        qualifications.experience,
        found.essential,
        main_level=main_level,
        notice=notice,
        desirable=found.desirable,
    )
    direct, indirect = run("role.report_counts", ([], []), role.report_counts, notice)
    listed_posts = run("role.posts", [], role.posts, notice)
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

    parsed: dict[str, Any] = {
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
        "contract": run("contract.contract", None, contract.contract, notice),
        "reports_to": run("role.reports_to", None, role.reports_to, notice),
        "direct_reports": direct_reports,
        "indirect_reports": indirect_reports,
        "staff_managed": run("role.staff_managed", None, role.staff_managed, notice),
        "principal_issues": run("role.principal_issues", [], role.principal_issues, notice),
        "key_challenges": run("role.key_challenges", [], role.key_challenges, notice),
        "essential_qualifications": found.essential,
        "desirable_qualifications": found.desirable,
        "experience": experience,
        "min_years_experience": run(
            "qualifications.min_years",
            None,
            qualifications.min_years,
            experience,
            run("qualifications.stated_years", None, qualifications.stated_years, notice),
        ),
        "degree": required_degree,
        "languages": run(
            "languages.languages",
            None,
            language_rules.languages,
            found.essential,
            run("languages.language_sentences", [], language_rules.language_sentences, notice),
            organisation=organisation if isinstance(organisation, str) else None,
            stated=run("languages.stated_levels", None, language_rules.stated_levels, notice),
        ),
        "competencies": run("competencies.competencies", [], competencies.competencies, notice),
        "nationality_restriction": run(
            "application.nationality_restriction", None, application.nationality_restriction, notice
        ),
        "essay": run(
            "application.essay",
            None,
            application.essay,
            notice,
            reference if isinstance(reference, str) else None,
        ),
        "genai_prohibited": run("application.genai_prohibited", False, application.genai_prohibited, notice),
        "selection_timeline": run(
            "application.selection_timeline", [], application.selection_timeline, notice
        ),
    }
    # Last, so that it lists the failures of every rule above (always present: [] when none failed).
    parsed["warnings"] = rules.warnings
    return parsed
