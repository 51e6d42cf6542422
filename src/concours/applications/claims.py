"""What an application says beyond its files: the posts claimed for each experience requirement of the
notice, and the answers to the vacancy's screening questions.

The apply services keep them: in a draft as the candidate left them, and at submission, in its
transaction, as part of what was submitted (claims then name posts by their position in the profile as
submitted, which screening and recruiters read).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from concours.applications.models import Application, ExperienceClaim, ScreeningAnswer
from concours.candidates.models import WorkExperience
from concours.core.errors import DomainError
from concours.kernel.eligibility import InvalidInput
from concours.kernel.eligibility.claims import requirement_key, tags_match
from concours.kernel.eligibility.experience import compile_experience
from concours.kernel.eligibility.profile import TAG_BITS
from concours.kernel.eligibility.questions import answer_passes, compile_questions
from concours.vacancies.models import ScreeningQuestion, Vacancy

SENTENCE_MAX_LENGTH = 300
# An answer is a yes/no or a number of at most 9 digits, 2 of them decimals (the model's field).
NUMBER_LIMIT = Decimal("9999999.99")

Answer = bool | Decimal


@dataclass(frozen=True)
class ExperienceRequirement:
    """One experience requirement of a notice, as the candidate claims posts for it."""

    key: str
    index: int
    of: str
    min_years: float
    max_years: float | None
    # The requirement's words in the reader's language when the notice has them, and that language.
    shown: str = ""
    shown_lang: str = "en"

    @property
    def years_count(self) -> int:
        return years_count(self.min_years)


def years_count(years: float) -> int:
    """The whole number a sentence agrees with ("1 year", "2.5 years"): plural forms count integers."""
    return int(years) if years == int(years) else 2


@dataclass(frozen=True)
class ClaimInput:
    """What the candidate said for one requirement: the ids of their posts that show it, one sentence."""

    requirement_key: str
    posts: tuple[int, ...]
    sentence: str = ""


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def experience_requirements(vacancy: Vacancy) -> list[ExperienceRequirement]:
    """The notice's experience requirements, each with its key (see kernel/eligibility/claims.py).

    Screening reads the notice (in English); the candidate reads each requirement in their language
    when the notice in that language lists as many, else in English.
    """
    items = vacancy.notice.get("experience") if isinstance(vacancy.notice, dict) else None
    items = items if isinstance(items, list) else []
    translated, lang = vacancy.section_in_language("experience")
    if not isinstance(translated, list) or len(translated) != len(items):
        translated, lang = items, "en"
    requirements = []
    for index, (item, shown) in enumerate(zip(items, translated, strict=True)):
        if not isinstance(item, dict):
            continue
        of, min_years = str(item.get("of") or ""), _number(item.get("min_years")) or 0.0
        words = str(shown.get("of") or "") if isinstance(shown, dict) else ""
        requirements.append(
            ExperienceRequirement(
                requirement_key(index, of, min_years),
                index,
                of,
                min_years,
                _number(item.get("max_years")),
                (words or of).strip().rstrip(";,."),
                lang if words else "en",
            )
        )
    return requirements


def preselected_posts(vacancy: Vacancy, posts: Iterable[WorkExperience]) -> dict[str, list[int]]:
    """Per requirement key, the posts whose tags would count for it: only a first guess the candidate
    corrects (a notice screening cannot read pre-selects nothing)."""
    requirements = experience_requirements(vacancy)
    try:
        rules = compile_experience({"experience": vacancy.notice.get("experience") or []})
    except InvalidInput:
        return {requirement.key: [] for requirement in requirements}
    posts = list(posts)
    bits = {post.pk: sum(TAG_BITS.get(tag, 0) for tag in set(post.tags or [])) for post in posts}
    return {
        requirement.key: [post.pk for post in posts if tags_match(rule, bits[post.pk])]
        for requirement, rule in zip(requirements, rules, strict=False)
    }


def claims_checked(
    vacancy: Vacancy, claims: Sequence[ClaimInput], *, draft: bool = False
) -> list[ClaimInput]:
    """The claims, refused when a sentence is too long, or when they name a requirement the notice no
    longer has (it was edited while the candidate was applying; a draft just drops those)."""
    keys = {requirement.key for requirement in experience_requirements(vacancy)}
    for claim in claims:
        if claim.requirement_key not in keys and not draft:
            raise DomainError(
                _(
                    "The experience this vacancy asks for has changed while you were applying: check your "
                    "claims again and submit."
                )
            )
        if len(claim.sentence) > SENTENCE_MAX_LENGTH:
            raise DomainError(
                _("Describe each experience in one sentence of at most %(n)d characters.")
                % {"n": SENTENCE_MAX_LENGTH}
            )
    return list(claims)


def answer_read(question: ScreeningQuestion, value: object) -> Answer | None:
    """An answer in the type its question asks (None: no answer); DomainError for a wrong one."""
    if value is None or value == "":
        return None
    if question.kind == ScreeningQuestion.Kind.YES_NO:
        if isinstance(value, bool):
            return value
        raise DomainError(
            _("Answer “%(question)s” with yes or no.") % {"question": question.localized_text()}
        )
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        number = Decimal("NaN")
    if isinstance(value, bool) or not number.is_finite() or abs(number) > NUMBER_LIMIT:
        raise DomainError(_("Answer “%(question)s” with a number.") % {"question": question.localized_text()})
    return number.quantize(Decimal("0.01"))


def answers_checked(
    vacancy: Vacancy, answers: Mapping[int, object], *, complete: bool
) -> dict[ScreeningQuestion, Answer]:
    """The answers to the vacancy's questions, by question; `complete`: every question must be answered
    (a submission), else what was answered is kept (a draft). Answers to other questions are ignored."""
    found: dict[ScreeningQuestion, Answer] = {}
    missing = []
    for question in questions_for(vacancy):
        answer = answer_read(question, answers.get(question.pk))
        if answer is None:
            missing.append(question.localized_text())
        else:
            found[question] = answer
    if complete and missing:
        raise DomainError(
            _("Answer every screening question before submitting: %(questions)s")
            % {"questions": "; ".join(f"“{text}”" for text in missing)}
        )
    return found


def kept_claims(application: Application) -> list[ClaimInput]:
    """The claims a draft keeps, as the candidate left them."""
    return [
        ClaimInput(claim.requirement_key, tuple(int(pk) for pk in claim.chosen), claim.sentence)
        for claim in application.claims.all()
    ]


def kept_answers(application: Application) -> dict[int, Answer]:
    answers: dict[int, Answer] = {}
    for answer in application.answers.all():
        if answer.yes is not None:
            answers[answer.question_id] = answer.yes
        elif answer.number is not None:
            answers[answer.question_id] = answer.number
    return answers


def claims_and_answers_keep(
    application: Application,
    *,
    vacancy: Vacancy,
    claims: Sequence[ClaimInput] | None,
    answers: Mapping[ScreeningQuestion, Answer],
    own_posts: Sequence[int],
    submitted: bool,
    new: bool = False,
) -> None:
    """Replace what the application holds by these claims and answers (claims None: no claim at all,
    as for applications made before claims existed, whose experience screening reads by tags). `new`:
    the application was made in this transaction and holds none yet (nothing to delete).

    `own_posts`: the ids of the candidate's posts, in the order of the profile as submitted when
    `submitted` (a post's position there is what the claim keeps); a post not among them is dropped.
    At submission every requirement of the notice gets a claim, empty when nothing was claimed, so that
    screening tells "not claimed" from an application made before claims existed.
    """
    position = {pk: index for index, pk in enumerate(own_posts)}
    given = {claim.requirement_key: claim for claim in claims or ()}
    if not new:
        application.claims.all().delete()
    rows = []
    for requirement in experience_requirements(vacancy) if claims is not None else ():
        claim = given.get(requirement.key)
        if claim is None and not submitted:
            continue
        chosen = [pk for pk in dict.fromkeys(claim.posts if claim else ()) if pk in position]
        rows.append(
            ExperienceClaim(
                application=application,
                requirement_key=requirement.key,
                requirement=requirement.of[:500],
                min_years=requirement.min_years,
                chosen=chosen,
                posts=sorted(position[pk] for pk in chosen) if submitted else [],
                # Line breaks and runs of spaces become one space; no-break spaces stay.
                sentence=re.sub(r"[ \t\r\n]+", " ", claim.sentence if claim else "").strip(),
            )
        )
    ExperienceClaim.objects.bulk_create(rows)
    if not new:
        application.answers.all().delete()
    ScreeningAnswer.objects.bulk_create(
        ScreeningAnswer(
            application=application,
            question=question,
            yes=answer if isinstance(answer, bool) else None,
            number=answer if not isinstance(answer, bool) else None,
        )
        for question, answer in answers.items()
    )


def questions_for(vacancy: Vacancy) -> list[ScreeningQuestion]:
    """The vacancy's screening questions, in the order they were added."""
    return list(ScreeningQuestion.objects.filter(vacancy=vacancy).order_by("id"))


def vacancy_has_submissions(*, vacancy: Vacancy) -> bool:
    """Whether anyone submitted an application to the vacancy (withdrawn ones count: they answered)."""
    return Application.objects.filter(vacancy=vacancy).exclude(status=Application.Status.DRAFT).exists()


def answers_as_read(answers: Iterable[ScreeningAnswer]) -> dict[str, Any]:
    """Answers keyed as screening reads them ("q<id>": true/false or a number)."""
    return {f"q{answer.question_id}": answer.value for answer in answers}


@dataclass(frozen=True)
class ClaimedPost:
    """A post of the profile as submitted, beside a claim: whether the candidate claimed it, whether it
    counts now (after a review, the recruiter's choice)."""

    position: int
    title: str
    employer: str
    start: str
    end: str
    fte: float
    claimed: bool
    counted: bool


@dataclass(frozen=True)
class ClaimForReview:
    claim: ExperienceClaim
    posts: list[ClaimedPost]


def claims_for_review(application: Application) -> list[ClaimForReview]:
    """The application's claims, each beside every post of the profile as submitted. For recruiters
    only: posts carry employers and dates, which blind pages never show."""
    experience = (application.profile_snapshot or {}).get("experience") or []
    found = []
    for claim in application.claims.select_related("reviewed_by").order_by("requirement_key"):
        claimed, counted = set(claim.posts), set(claim.counted_posts)
        posts = [
            ClaimedPost(
                position,
                str(item.get("title") or ""),
                str(item.get("employer") or ""),
                str(item.get("start") or "")[:7],
                str(item.get("end") or "")[:7],
                float(item.get("fte") or 1),
                position in claimed,
                position in counted,
            )
            for position, item in enumerate(experience)
        ]
        found.append(ClaimForReview(claim, posts))
    return found


@dataclass(frozen=True)
class AnswerForReview:
    question: ScreeningQuestion
    answer: bool | float | None
    # For a knock-out question: whether the answer keeps the candidate in (None: not knock-out, or none).
    passes: bool | None


def answers_for_review(application: Application) -> list[AnswerForReview]:
    """Every screening question of the vacancy with the application's answer (None if it gave none)."""
    answers = {answer.question_id: answer.value for answer in application.answers.all()}
    found = []
    for question in questions_for(application.vacancy):
        answer = answers.get(question.pk)
        passes = None
        if question.knockout:
            (rule,) = compile_questions([question.as_rule()])
            passes = answer_passes(rule, answer)
        found.append(AnswerForReview(question, answer, passes))
    return found
