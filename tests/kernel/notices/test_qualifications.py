"""Essential and desirable qualifications, years of experience, degree levels."""

from __future__ import annotations

from concours.kernel.notices.qualifications import degree, experience, min_years, qualifications
from concours.kernel.notices.sections import Notice

NATO_STYLE = """2. QUALIFICATIONS AND EXPERIENCE

ESSENTIAL

The incumbent must:

  • have a university degree (Master's level preferred) in a relevant field;
  • have at least 12 years of experience in defence planning, out of which at least 4 years managing teams;

DESIRABLE

The following would be considered an advantage:

  • experience in a multinational headquarters.

3. ACCOUNTABILITIES
"""


def test_bullets_under_essential_and_desirable() -> None:
    """One item per bullet, in order, under each heading."""
    found = qualifications(Notice(NATO_STYLE))
    assert found.essential == [
        "have a university degree (Master's level preferred) in a relevant field;",
        "have at least 12 years of experience in defence planning, out of which at least 4 years "
        "managing teams;",
    ]
    assert found.desirable == ["experience in a multinational headquarters."]


def test_un_paragraphs_are_one_item_each_under_their_heading() -> None:
    """Without bullets, each paragraph is an item, in the list its heading says, whatever it says of
    itself; the UN's language boilerplate is not an item."""
    text = (
        "Education\nA first-level university degree in finance is required.\n\n"
        "Work Experience\nA minimum of seven years of experience in finance is required. "
        "Experience in the field is desirable.\n\n"
        "Languages\nEnglish and French are the working languages of the United Nations Secretariat. "
        "For this position, fluency in English is required.\n"
    )
    found = qualifications(Notice(text))
    assert found.essential == [
        "A first-level university degree in finance is required.",
        "A minimum of seven years of experience in finance is required. "
        "Experience in the field is desirable.",
    ]
    assert found.desirable == []


def test_a_board_s_sub_headings_decide_the_list() -> None:
    """ "Desired skills:" starts the desirable list, "Required Language(s):" goes back to essential, an
    inline "Skills: ..." field is an item without its name, "Travel:" is not a requirement, and a
    paragraph addressed to the reader ends the section."""
    text = (
        "Required Skills and Experience\n\nEducation:\n\n"
        "Advanced university degree in economics is required.\n\n"
        "Skills: Familiarity with Microsoft Office applications is required\n\n"
        "Desired skills:\n\nExperience in mine action.\n\nGood command of databases\n\n"
        "Required Language(s):\n\nFluency in English is required.\n\n"
        "Travel:\n\nThe Organization will cover the cost of travel to the duty station.\n\n"
        "If you are a committed professional, we would like to hear from you.\n"
    )
    found = qualifications(Notice(text))
    assert found.essential == [
        "Advanced university degree in economics is required.",
        "Familiarity with Microsoft Office applications is required",
        "Fluency in English is required.",
    ]
    assert found.desirable == ["Experience in mine action.", "Good command of databases"]


def test_un_volunteer_boxes_are_not_items() -> None:
    """A UN Volunteer notice: the education level's value and the skills are items; the eligibility box,
    the language rows and the areas of expertise are not."""
    text = (
        "Eligibility criteria\n\nAge: 18 - 80\n\nRequired experience: 3 years\n\n"
        "Assignment requirements\n\nRelevant experience:\n\n3 years\n\nLanguages:\n\n"
        "French, Level: Fluent, Required\n\nRequired education level:\n\nSecondary education\n\n"
        "Skills and experience:\n\nExcellent drafting skills;\n\nArea(s) of expertise:\n\nEducation\n\n"
        "Other information\n"
    )
    found = qualifications(Notice(text))
    assert found.essential == ["Secondary education", "Excellent drafting skills;"]


def test_years_ranges_minimums_and_number_words() -> None:
    """'10-15 years', 'at least 4 years', 'a minimum of seven years', 'au moins 8 ans'."""
    found = experience(
        [
            "a strong background in security policy, developed through 10-15 years of experience;",
            "at least 10 years' experience in reporting, out of which at least 4 years managing teams;",
            "A minimum of seven years of progressively responsible experience is required.",
            "avoir au moins 8 ans d'expérience professionnelle ;",
        ]
    )
    assert [(e["min_years"], e["max_years"]) for e in found] == [
        (10, 15),
        (10, None),
        (4, None),
        (7, None),
        (8, None),
    ]
    assert min_years(found) == 10


def test_years_of_study_are_not_experience() -> None:
    """'university studies of at least 4 years' is education; only the 6 years of experience count."""
    found = experience(
        [
            "completed university studies of at least 4 years attested by a diploma, followed by "
            "at least 6 years of professional experience"
        ]
    )
    assert [e["min_years"] for e in found] == [6]


def test_degree_minimum_and_preference() -> None:
    """'university degree (Master's level preferred)' -> bachelor required, master preferred."""
    assert degree(["have a university degree (Master's level preferred);"], []) == {
        "min_level": "bachelor",
        "preferred_level": "master",
    }
    assert degree(["a university degree;"], ["a post-graduate degree in a relevant discipline;"]) == {
        "min_level": "bachelor",
        "preferred_level": "master",
    }
    assert degree(["experience in audit;"], []) is None


def test_degree_in_lieu_is_an_alternative() -> None:
    """A first-level degree accepted 'in lieu of' the advanced one is an alternative: master required."""
    items = [
        "An advanced university degree is required.",
        "A first-level university degree with two additional years of experience may be accepted "
        "in lieu of the advanced university degree.",
    ]
    assert degree(items, []) == {"min_level": "master", "preferred_level": None}
    # The only item naming a degree gives its first one, whatever it accepts in its place.
    alone = ["Bachelor's degree in A first-level university degree or equivalent may be accepted in lieu of "
             "an advanced university degree."]  # fmt: skip
    assert degree(alone, []) == {"min_level": "bachelor", "preferred_level": None}


def test_degree_made_precise_and_degrees_of_other_paths() -> None:
    """'University degree (Master or higher)' is a master; a degree named as another path's condition
    ('Applicants with a bachelor's degree ...', 'avec le diplôme de licence') is not the requirement."""
    assert degree(["University degree (Master or higher) in economics."], []) == {
        "min_level": "master",
        "preferred_level": None,
    }
    items = [
        "Un diplôme d'études secondaires est requis, ou",
        "Un diplôme universitaire en finance est souhaitable.",
        "Minimum 5 ans (avec le diplôme d'études secondaires) ou 2 ans (avec le diplôme de licence).",
    ]
    assert degree(items, []) == {"min_level": "secondary", "preferred_level": "bachelor"}


def test_years_of_another_degree_path_are_left_out() -> None:
    """With a master required, the years asked of bachelor's holders are another path's; 'not required
    to have professional experience' with the master is a minimum of 0."""
    items = [
        "Applicants with a master's degree are not required to have professional work experience.",
        "Applicants with a bachelor's degree are required to have a minimum of two (2) years of experience.",
    ]
    assert min_years(experience(items, main_level="master")) == 0
    french = ["Au moins 3 ans d'expérience et 6 ans d'expérience pour les titulaires d'une licence."]
    assert min_years(experience(french, main_level="master")) == 3
    assert min_years(experience(["5+ years relevant work experience in valuation models."])) == 5


def test_topics_within_a_block_are_of_the_block_s_list() -> None:
    """A candidate profile's sub-headings ("Academic Background") are requirement topics; a topic under
    "DESIRABLE QUALIFICATIONS" is desirable; a list's own "Desired skills:" does not make the next topic
    desirable, and a topic that says "Required" is essential."""
    profile = (
        "Ideal Candidate Profile\nAcademic Background\n- An advanced university degree in economics.\n"
        "Professional Background\n- At least five years' experience in tax policy.\n"
    )
    found = qualifications(Notice(profile))
    assert found.essential == [
        "An advanced university degree in economics.",
        "At least five years' experience in tax policy.",
    ]
    blocks = (
        "REQUIRED QUALIFICATIONS\nEducation\nAdvanced university degree in education.\n"
        "Languages\nExcellent knowledge of English.\n\nDESIRABLE QUALIFICATIONS\nLanguages\n"
        "Knowledge of Arabic.\n"
    )
    found = qualifications(Notice(blocks))
    assert found.essential == ["Advanced university degree in education.", "Excellent knowledge of English."]
    assert found.desirable == ["Knowledge of Arabic."]
    lists = (
        "Required Skills and Experience\nEducation:\nMaster's degree in statistics.\nDesired skills:\n"
        "Experience with surveys.\nRequired Language(s):\nFluency in English is required.\n"
    )
    found = qualifications(Notice(lists))
    assert found.essential == ["Master's degree in statistics.", "Fluency in English is required."]
    assert found.desirable == ["Experience with surveys."]


def test_years_asked_in_prose_outside_the_lists() -> None:
    """Where the lists name no years, the notice's sentences do ("Expérience : cinq ans d'expérience"), but
    not a sentence that calls itself desirable."""
    from concours.kernel.notices.parse import parse_notice_text

    french = "Intitulé du poste : Analyste\nExpérience : cinq ans d'expérience dans le domaine.\n"
    assert parse_notice_text(french)["min_years_experience"] == 5
    english = "Job Title: Analyst\nMinimum of seven years of experience in finance.\n"
    assert parse_notice_text(english)["min_years_experience"] == 7
    desirable = "Job Title: Analyst\nTen years of experience in audit would be an asset.\n"
    assert parse_notice_text(desirable)["min_years_experience"] is None


def test_year_ranges_and_open_ends_in_words() -> None:
    """'Deux (2) à quatre (4) ans' starts at 2; 'Ten or more years' is 10; a UNHCR 'Graduate degree' is a
    master's, so its years are not another path's."""
    from concours.kernel.notices.qualifications import experience

    assert experience(["Deux (2) à quatre (4) ans d'expérience en communication."])[0]["min_years"] == 2
    assert experience(["Ten or more years of relevant experience in health."])[0]["min_years"] == 10
    graduate = "Graduate degree (equivalent of a Master's) in Law plus 3 years of relevant experience."
    assert experience([graduate], main_level="master")[0]["min_years"] == 3


def test_a_path_after_or_is_not_the_required_degree() -> None:
    """'Master's degree ... with three years; or' / 'Bachelor's degree ... with five years': the first path
    is the requirement (master, 3 years), in two items or one; a degree after the 'or' is another path."""
    items = [
        "Master's degree in geology with three years of relevant experience; or",
        "Bachelor's degree in geology with five years of relevant experience.",
    ]
    assert degree(items, []) == {"min_level": "master", "preferred_level": None}
    assert min_years(experience(items, main_level="master")) == 3
    joined = ["Doctorate in chemistry; or Master's degree in chemistry with four more years of experience."]
    assert degree(joined, []) == {"min_level": "doctorate", "preferred_level": None}
    starting = [
        "Advanced university degree in statistics.",
        "Or a first-level degree in statistics with two more years.",
    ]
    assert degree(starting, []) == {"min_level": "master", "preferred_level": None}
    # Only paths after an 'or' name a degree: they still give it.
    assert degree(["Relevant experience; or", "Bachelor's degree in law."], []) == {
        "min_level": "bachelor",
        "preferred_level": None,
    }
