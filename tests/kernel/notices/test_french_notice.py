"""A French notice's sections: principal issues ("dossiers suivants"), key challenges ("grands défis"),
qualifications and competencies, from a notice written for the tests in a shape of its own."""

from __future__ import annotations

from bilingual_notices import FRENCH
from concours.kernel.notices import parse_notice_text


def test_every_section_of_the_french_notice_is_read() -> None:
    notice = parse_notice_text(FRENCH)
    assert (notice["reference"], notice["grade"], notice["organisation"]) == ("260901", "G15", "NATO")
    assert notice["deadline"] == "2027-01-15T23:59:00+01:00"
    assert notice["principal_issues"] == [
        "le Traité sur les forces armées conventionnelles en Europe ;",
        "les mesures de confiance et de sécurité.",
    ]
    assert notice["key_challenges"][1] == "animer un réseau d'experts nationaux."
    assert len(notice["essential_qualifications"]) == 2
    assert notice["desirable_qualifications"][1] == "la connaissance du russe."
    assert [c["level"] for c in notice["competencies"]] == ["niveau 3", "niveau 3", "niveau 2"]


def test_great_challenges_are_key_challenges() -> None:
    text = (
        "Conseiller juridique\nRéférence : 260950\n\n"
        "La personne retenue devra relever les grands défis suivants :\n"
        "– conseiller le Conseil sur des dossiers sensibles ;\n"
        "– négocier des accords avec des pays partenaires.\n"
    )
    assert parse_notice_text(text)["key_challenges"] == [
        "conseiller le Conseil sur des dossiers sensibles ;",
        "négocier des accords avec des pays partenaires.",
    ]
