"""Blind review, crawled: every page and file a panel member and a hiring manager can reach, in a
competition in full swing, shows no candidate's identity.

The competition has the default plan of stages, a seated panel (chair, subject-matter expert, a hiring
manager who scores, an observer) and a hiring manager who holds the vacancy but is not on the panel.
Declarations are made (one conflict), scorecards submitted (one left as a draft), the chair agreed one
candidate's scores, the blind longlist is in progress, and a shortlisted candidate booked a slot of the
final stage. Every candidate has an identity a panel must never read: a name with accents and letters
that do not decompose (Ł, Ø, Þ), an e-mail address, a phone number, employers, a university, post
titles with their dates and a nationality; their CV and essay carry them too.

For each of those readers the test follows every link (GET only) within the site from the back office
and from the vacancy's assessment page, plus the calendar file, the scores as JSON and every file; it
folds what each response says (HTML entities, JSON escapes and calendar line folding undone, PDF text
extracted, accents stripped, case folded) and looks for every folded secret. It also checks that the crawl
reached the pages each role must reach, so a crawl that silently reaches nothing fails.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from pypdf import PdfReader

from assessment_scenario import NOTICE
from backoffice.test_blind_review import _Links
from concours.accounts.models import Role
from concours.applications.models import Application
from concours.applications.services import application_submit, application_transition
from concours.assessment.models import Invitation, PanelMember, Stage
from concours.assessment.services import (
    booking_make,
    candidates_invite,
    consensus_record,
    declarations_record,
    panel_member_add,
    scorecard_save,
    slot_open,
    stage_plan_create,
)
from concours.candidates.models import Education, WorkExperience
from concours.vacancies.models import VacancyAssignment
from factories import ESSAY_RULES, ApplicationFactory, ProfileFactory, VacancyFactory, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.libreoffice]

S = Application.Status


@dataclasses.dataclass(frozen=True)
class Identity:
    """What a candidate is, as their profile, CV and essay say it."""

    key: str
    name: str
    email: str
    phone: str
    employer: str
    university: str
    post: str
    post_start: dt.date
    nationality: str  # ISO code
    nationality_words: tuple[str, ...]  # how pages would name it, in English and French

    def secrets(self) -> list[str]:
        """Every value that would identify the candidate, as it could appear on a page or in a file."""
        local, domain = self.email.split("@")
        words = [w for w in re.split(r"[\s\-]+", self.name) if w]
        return [
            self.name,
            *words,
            self.name.replace(" ", ""),
            self.email,
            local,
            domain.split(".")[0],
            self.phone,
            re.sub(r"\D", "", self.phone)[-8:],  # the number without spaces or country code
            self.employer,
            *self._distinctive(self.employer),
            self.university,
            *self._distinctive(self.university),
            self.post,
            str(self.post_start.year),
            *self.nationality_words,
        ]

    @staticmethod
    def _distinctive(value: str) -> list[str]:
        # Each long word of an organisation's name: a page might show it cut or rearranged.
        return [w for w in re.split(r"[\s\-]+", value) if len(w) >= 8]


# Secrets chosen so that no staff name, vacancy text or page word can contain them (the staff below have
# fixed names; a random "Zoe Smith" once showed up as a leak). `_no_staff_carries_a_secret` checks it.
IN_COMPETITION = [
    Identity(
        "A",
        "Zoë Müller-Łukasiewicz",
        "zoe.lukasiewicz@fjordpost-tromso.example",
        "+47 412 55 019",
        "Utenriksdepartementet Tromsø",
        "Université de Montréal-Laval",
        "Arctic Fisheries Attaché",
        dt.date(1987, 9, 14),
        "IS",
        ("Iceland", "Islande", "Icelandic"),
    ),
    Identity(
        "B",
        "Þórunn Ægisdóttir",
        "thorunn.aegisdottir@hafrannsokn.example",
        "+354 771 2046",
        "Hafrannsóknastofnun Reykjavík",
        "Háskólinn á Akureyri",
        "Fisheries Liaison Chargée",
        dt.date(1983, 4, 2),
        "NO",
        ("Norway", "Norvège", "Norwegian"),
    ),
    Identity(
        "C",
        "Dragoș Țîrcă-Bălănescu",
        "dragos.tirca@vulturgri-constanta.example",
        "+40 723 918 446",
        "Compania Vulturgri Constanța",
        "Universitatea Babeș-Bolyai",
        "Hydrographic Surveyor Adjunct",
        dt.date(1991, 11, 30),
        "RO",
        ("Romania", "Roumanie", "Romanian"),
    ),
    Identity(
        "D",
        "Søren Kjærgård-Ødegaard",
        "soren.odegaard@kystverket-bodo.example",
        "+45 26 83 17 95",
        "Kystverket Bodø",
        "Københavns Universitet",
        "Maritime Cartography Steward",
        dt.date(1979, 2, 5),
        "DK",
        ("Denmark", "Danemark", "Danish"),
    ),
]
OUT_OF_COMPETITION = [
    Identity(
        "withdrawn",
        "Bartholomew Quistgaard",
        "b.quistgaard@lyngbyvej.example",
        "+45 31 62 90 74",
        "Lyngbyvej Shipbrokers",
        "Aarhus Universitet",
        "Chartering Clerk",
        dt.date(1975, 5, 20),
        "DK",
        ("Denmark",),
    ),
    Identity(
        "out",
        "Wilhelmina Ostrowska",
        "w.ostrowska@gdyniaport.example",
        "+48 601 447 320",
        "Zarząd Portu Gdynia",
        "Uniwersytet Gdański",
        "Harbour Pilot Trainee",
        dt.date(1972, 8, 8),
        "PL",
        ("Poland", "Pologne", "Polish"),
    ),
]
STAFF = {
    "recruiter": "Rita Recruiter",
    "chair": "Chair Member",
    "expert": "Expert Member",
    "manager": "Manager Member",
    "observer": "Observer Member",
    "offpanel": "Offpanel Manager",
}

# Letters NFKD leaves whole: folded as a reader without them would write the name.
_LETTERS = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "þ": "th", "Þ": "th",
                          "đ": "d", "Đ": "d", "ı": "i", "œ": "oe", "Œ": "oe"})  # fmt: skip


def fold(text: str) -> str:
    """Text as compared: entities undone, accents stripped (NFKD), special letters spelt out, case and
    whitespace folded."""
    decomposed = unicodedata.normalize("NFKD", html.unescape(text).translate(_LETTERS))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def _found(secret: str, folded: str) -> bool:
    """Whether the folded secret stands in the folded text as a word of its own (a random CSRF token
    may well contain "zoe" inside it)."""
    return re.search(rf"(?<![a-z0-9]){re.escape(fold(secret))}(?![a-z0-9])", folded) is not None


def _essay(who: Identity) -> bytes:
    """The essay as candidates write it: the name split by a line break and by a tab, decomposed
    accents, written without accents, contacts, employer and university."""
    from docx import Document
    from docx.shared import Mm

    first, *rest = who.name.split(" ")
    last = " ".join(rest)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    document.core_properties.author = who.name
    split = document.add_paragraph(f"Key challenges, by {first}")
    split.add_run().add_break()
    split.add_run(f"{last}. The section must renew its plan.")
    tabbed = document.add_paragraph(f"Signed: {first}")
    tabbed.add_run().add_tab()
    tabbed.add_run(last)
    document.add_paragraph(unicodedata.normalize("NFD", f"As {who.name} I would first listen."))
    document.add_paragraph(f"{fold(who.name).title()}, written without accents, closes the first part.")
    # The post's title and dates stay out of the prose: the anonymiser hides who the candidate is, not
    # the career the essay is about (pages and files must still never show the profile's posts).
    document.add_paragraph(
        f"At {who.employer}, after my years at the {who.university}, I led a unit of nine."
    )
    document.add_paragraph(f"Reach me at {who.email} or on {who.phone}.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _cv(who: Identity) -> SimpleUploadedFile:
    from concours.demo.documents import cv_pdf

    surname = fold(who.name.split(" ")[-1]).title()
    return SimpleUploadedFile(f"CV_{surname}.pdf", cv_pdf(f"{who.name}, {who.email}"), "application/pdf")


def _profile(who: Identity) -> Any:
    profile = ProfileFactory(
        name=who.name,
        nationalities=[who.nationality],
        user__email=who.email,
        user__name=who.name,
        complete=False,
    )
    Education.objects.create(
        profile=profile,
        level="master",
        institution=who.university,
        field="Oceanography",
        completed=who.post_start - dt.timedelta(days=400),
    )
    WorkExperience.objects.create(
        profile=profile,
        title=who.post,
        employer=who.employer,
        start=who.post_start,
        end=who.post_start + dt.timedelta(days=3000),
        tags=["policy"],
    )
    return profile


@dataclasses.dataclass
class Scene:
    vacancy: Any
    recruiter: Any
    staff: dict[str, Any]
    applications: dict[str, Application]

    def stage(self, key: str) -> Stage:
        return Stage.objects.get(vacancy=self.vacancy, key=key)


def _score(scene: Scene, member: PanelMember, key: str, value: int, *, submit: bool = True) -> None:
    stage = scene.stage("longlist")
    scorecard_save(
        stage=stage,
        member=member,
        application=scene.applications[key],
        values={c.pk: (value, "Seen in the essay." if value in (1, 5) else "") for c in stage.criteria.all()},
        submit=submit,
        actor=member.user,
    )


@pytest.fixture
def scene() -> Scene:
    vacancy = VacancyFactory(notice=dict(NOTICE, essay=ESSAY_RULES), title="Head of Section", posts=2)
    recruiter = make_user(Role.RECRUITER, name=STAFF["recruiter"])
    applications: dict[str, Application] = {}
    for who in IN_COMPETITION:
        profile = _profile(who)
        with TestCase.captureOnCommitCallbacks(execute=True):
            applications[who.key] = application_submit(
                candidate=profile,
                vacancy=vacancy,
                cv=_cv(who),
                essay=SimpleUploadedFile("Key challenges.docx", _essay(who)),
                actor=profile.user,
            )
        applications[who.key] = application_transition(
            application=applications[who.key], to=S.SCREENED_IN, reason="ok", actor=recruiter
        )
    applications["withdrawn"] = ApplicationFactory(
        vacancy=vacancy, candidate=_profile(OUT_OF_COMPETITION[0]), status=S.WITHDRAWN
    )
    applications["out"] = ApplicationFactory(
        vacancy=vacancy, candidate=_profile(OUT_OF_COMPETITION[1]), status=S.SCREENED_OUT
    )
    stage_plan_create(vacancy=vacancy, actor=recruiter)
    staff: dict[str, Any] = {"recruiter": recruiter}
    members: dict[str, PanelMember] = {}
    for key, role in (
        ("chair", PanelMember.Role.CHAIR),
        ("expert", PanelMember.Role.EXPERT),
        ("manager", PanelMember.Role.HIRING_MANAGER),
        ("observer", PanelMember.Role.OBSERVER),
    ):
        staff[key] = make_user(Role.PANEL_MEMBER, name=STAFF[key])
        with TestCase.captureOnCommitCallbacks(execute=True):
            members[key] = panel_member_add(vacancy=vacancy, user=staff[key], role=role, actor=recruiter)
    staff["offpanel"] = make_user(Role.HIRING_MANAGER, name=STAFF["offpanel"])
    VacancyAssignment.objects.create(
        vacancy=vacancy, user=staff["offpanel"], role=VacancyAssignment.Role.HIRING_MANAGER
    )
    scene = Scene(vacancy, recruiter, staff, applications)
    in_competition = [applications[who.key] for who in IN_COMPETITION]
    for key, member in members.items():
        conflicts = {applications["D"].pk: "A former colleague of mine."} if key == "expert" else {}
        declarations_record(
            member=member,
            answers={a.pk: (a.pk in conflicts, conflicts.get(a.pk, "")) for a in in_competition},
            actor=member.user,
        )
    for key, candidates in (("chair", "ABCD"), ("expert", "ABC"), ("manager", "AB")):
        for candidate in candidates:
            _score(scene, members[key], candidate, 3 if candidate != "B" else 4)
    _score(scene, members["manager"], "C", 2, submit=False)  # a draft
    longlist = scene.stage("longlist")
    consensus_record(
        stage=longlist,
        application=applications["B"],
        values={c.pk: (4, "") for c in longlist.criteria.all() if c.scored_on_scorecards},
        actor=staff["chair"],
    )
    # A goes on to the final stage and books a slot there; B, C and D are still at the blind longlist.
    for to in (S.LONGLISTED, S.SHORTLISTED):
        applications["A"] = application_transition(
            application=applications["A"], to=to, reason="ok", actor=recruiter
        )
    final = scene.stage("final")
    with TestCase.captureOnCommitCallbacks(execute=True):
        [invitation] = candidates_invite(stage=final, applications=[applications["A"]], actor=recruiter)
    slot = slot_open(
        stage=final,
        local_start=(timezone.now() + dt.timedelta(days=30)).replace(tzinfo=None, microsecond=0),
        minutes=45,
        place="Room B-201",
        video_link="",
        capacity=1,
        actor=recruiter,
    )
    booking_make(invitation=invitation, slot=slot, actor=applications["A"].candidate.user)
    assert Invitation.objects.get(pk=invitation.pk).status == Invitation.Status.BOOKED
    return scene


# ---------------------------------------------------------------------------------------------------
# The crawl


def _text_of(response: Any) -> str:
    """What a response says, as a reader would read it: PDF text and metadata, JSON unescaped, calendar
    lines unfolded, and the file name it is offered under."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    disposition = response.get("Content-Disposition", "")
    if kind.startswith("application/pdf"):
        reader = PdfReader(io.BytesIO(body))
        pages = " ".join(page.extract_text() for page in reader.pages)
        return f"{pages} {reader.metadata or {}} {disposition}"
    text = body.decode()
    if kind.startswith("application/json"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    if kind.startswith("text/calendar"):
        text = re.sub(r"\r?\n[ \t]", "", text).replace("\\", "")
    return f"{text} {disposition}"


def _crawl(client: Any, starts: Iterable[str], limit: int = 400) -> dict[str, tuple[int, str]]:
    """Every URL of the site reachable from `starts` by links and redirects, with its status and text.

    GET only: forms' actions are requested too (a POST-only view answers 405, which changes nothing).
    """
    seen: dict[str, tuple[int, str]] = {}
    queue = list(starts)
    while queue:
        url = queue.pop(0)
        if url in seen or not url.startswith("/") or url.startswith(("//", "/static/")) or "logout" in url:
            continue
        assert len(seen) < limit, "the crawl does not end"
        response = client.get(url)
        text = _text_of(response) if response.status_code == 200 else ""
        seen[url] = (response.status_code, text)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            parser = _Links()
            parser.feed(text)
            queue += [html.unescape(link) for link in parser.links]
            if resolve(url.split("?")[0]).url_name == "assessment_scorecard":
                queue.append(url.split("?")[0] + "scores.json")  # the same scores, as JSON
    return seen


def _names(pages: dict[str, tuple[int, str]]) -> set[str]:
    """The URL names of the pages that opened (200)."""
    names: set[str] = set()
    for url, (status, _text) in pages.items():
        try:
            match = resolve(url.split("?")[0])
        except Resolver404:
            continue
        if status == 200:
            names.add(match.view_name)
    return names


_MEMBER = {
    "backoffice:vacancies",
    "backoffice:vacancy",
    "backoffice:application",
    "backoffice:essay",
    "backoffice:assessment",
    "backoffice:assessment_declare",
    "backoffice:assessment_schedule",
}
_SCORER = _MEMBER | {
    "backoffice:assessment_candidates",
    "backoffice:assessment_scorecard",
    "backoffice:assessment_scores_json",
}
MUST_REACH = {
    "chair": _SCORER
    | {"backoffice:assessment_agreement", "backoffice:assessment_consensus", "backoffice:assessment_ranking"},
    "expert": _SCORER,
    "manager": _SCORER,
    "observer": _MEMBER,
    "offpanel": {"backoffice:vacancies", "backoffice:vacancy", "backoffice:application", "backoffice:essay"},
}
ALL_SECRETS = [s for who in IN_COMPETITION + OUT_OF_COMPETITION for s in who.secrets()]


def test_no_staff_name_carries_a_secret(scene: Scene) -> None:
    """The secrets cannot be found on a page for a reason other than a leak: no staff member's name or
    address and nothing of the vacancy contains one."""
    from concours.accounts.models import User

    staff_text = fold(
        " ".join(f"{u.name} {u.email}" for u in User.objects.filter(is_staff=True))
        + f" {scene.vacancy.title} {scene.vacancy.reference} {json.dumps(scene.vacancy.notice)}"
    )
    assert User.objects.filter(is_staff=True).count() == len(STAFF)
    assert [s for s in ALL_SECRETS if _found(s, staff_text)] == []


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("role", sorted(MUST_REACH))
def test_no_page_or_file_a_panel_reaches_shows_an_identity(
    client, scene: Scene, role: str, language: str
) -> None:  # type: ignore[no-untyped-def]
    """Every page and file each panel seat reaches, in English and in French (the French pages and
    documents are other templates' texts, and names could be written into them)."""
    user = scene.staff[role]
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    pages = _crawl(
        client,
        [
            reverse("backoffice:vacancies"),
            reverse("backoffice:assessment", args=[scene.vacancy.pk]),
            reverse("backoffice:assessment_schedule"),
            reverse("admin:index"),  # staff accounts may log in there: whatever it lists is read too
        ],
    )
    reached = _names(pages)
    assert MUST_REACH[role] <= reached, sorted(MUST_REACH[role] - reached)
    # Those pages are there, with what a panel must read: codes, the anonymised essay, the schedule.
    a, b = scene.applications["A"], scene.applications["B"]
    texts = {url: text for url, (status, text) in pages.items() if status == 200}
    assert f'<html lang="{language}"' in texts[reverse("backoffice:vacancies")]  # read in that language
    essays = [t for url, t in texts.items() if resolve(url.split("?")[0]).url_name == "essay"]
    assert len(essays) == len(IN_COMPETITION) - (role == "expert")  # the expert is conflicted with D
    assert all("renew its plan" in essay for essay in essays)
    assert any(b.candidate_code in text for text in texts.values())
    if role != "offpanel":
        schedule = texts[reverse("backoffice:assessment_schedule")]
        assert "BEGIN:VEVENT" in schedule and a.candidate_code in schedule
    if role == "chair":
        assert any('"others": [' in t and "Expert Member" in t for url, t in texts.items() if "json" in url)
    # ...and nothing of who the candidates are.
    leaks = {}
    for url, text in texts.items():
        folded = fold(text)
        found = [secret for secret in ALL_SECRETS if _found(secret, folded)]
        found += [
            scene.applications[who.key].candidate_code
            for who in OUT_OF_COMPETITION
            if scene.applications[who.key].candidate_code in text
        ]
        if found:
            leaks[url] = found
    assert leaks == {}
    # The pages the role must not reach refuse it.
    if role == "offpanel":
        assert client.get(reverse("backoffice:assessment", args=[scene.vacancy.pk])).status_code == 404
    for who in OUT_OF_COMPETITION:
        application = scene.applications[who.key]
        for name in ("backoffice:application", "backoffice:essay"):
            assert client.get(reverse(name, args=[application.pk])).status_code == 404
    for kind in ("cv", "essay"):
        assert client.get(reverse("backoffice:attachment", args=[a.pk, kind])).status_code in (403, 404)


def test_the_check_finds_an_identity_however_it_is_written(client, scene: Scene) -> None:  # type: ignore[no-untyped-def]
    """The same check, on what a recruiter reads (the application and its CV), finds the identity; and
    a name written without accents, in capitals, decomposed or with its special letters spelt out is
    found too."""
    zoe = IN_COMPETITION[0]
    for written in (
        "ZOE MULLER-LUKASIEWICZ",
        unicodedata.normalize("NFD", zoe.name),
        "Zoe  Muller-Lukasiewicz",
    ):
        assert _found(zoe.name, fold(written)), written
    assert not _found("Zoë", fold("csrf Xq7zoe9Kd"))  # inside a random token is no leak
    client.force_login(scene.recruiter)
    a = scene.applications["A"]
    page = fold(_text_of(client.get(reverse("backoffice:application", args=[a.pk]))))
    cv = fold(_text_of(client.get(reverse("backoffice:attachment", args=[a.pk, "cv"]))))
    for secret in (zoe.name, zoe.employer, zoe.post, "1987", "Iceland"):
        assert _found(secret, page), secret
    assert _found(zoe.email, cv) and _found("Lukasiewicz", cv)  # the demo CV writes no accents well
