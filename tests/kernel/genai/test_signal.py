"""What is assessable, decided before the model is read (too short, not English), and the statistic
on given token figures. No model runs here: none of these texts reaches it."""

from __future__ import annotations

import numpy as np
import pytest

from concours.kernel.genai import NOT_ENGLISH, TOO_SHORT, Assessment, TokenStats, assess, score_many
from concours.kernel.genai.signal import MIN_WORDS, english_share, statistic, words

ENGLISH = (
    "The organisation must adapt its working methods to a changing security environment, and the staff who"
    " support its committees have to be ready for that. In my current post I have led a small team that"
    " prepared the decisions of a committee of thirty delegations, and I learned that careful preparation"
    " is what makes a meeting succeed. "
)
FRENCH = (
    "L'organisation doit adapter ses méthodes de travail à un environnement de sécurité en pleine"
    " évolution, et le personnel qui soutient ses comités doit y être prêt. Dans mon poste actuel, j'ai"
    " dirigé une petite équipe qui préparait les décisions d'un comité de trente délégations, et j'ai appris"
    " qu'une préparation soignée est ce qui fait réussir une réunion. "
)
GERMAN = (
    "Die Organisation muss ihre Arbeitsmethoden an ein sich wandelndes Sicherheitsumfeld anpassen, und das"
    " Personal, das ihre Ausschüsse unterstützt, muss darauf vorbereitet sein. In meiner jetzigen Stelle"
    " habe ich ein kleines Team geleitet, das die Beschlüsse eines Ausschusses von dreißig Delegationen"
    " vorbereitete, und ich habe gelernt, dass sorgfältige Vorbereitung eine Sitzung gelingen lässt. "
)


def test_english_share_tells_english_from_french_and_german() -> None:
    assert english_share(ENGLISH) > 0.25
    assert english_share(FRENCH) < 0.05
    assert english_share(GERMAN) < 0.05
    assert english_share("") == 0.0
    assert words("It's 2024: l'été, naïve-ly") == ["It's", "l'été", "naïve", "ly"]


def test_a_short_essay_is_not_assessable() -> None:
    short = " ".join((ENGLISH * 4).split()[: MIN_WORDS - 1])
    assert len(words(short)) == MIN_WORDS - 1
    assert assess(short) == Assessment(assessable=False, score=None, reason=TOO_SHORT)
    # Digits and punctuation are not words.
    assert assess(short + " 2024 — 42 !").reason == TOO_SHORT


@pytest.mark.parametrize("text", [FRENCH * 4, GERMAN * 4])
def test_an_essay_in_another_language_is_not_assessable(text: str) -> None:
    assert len(words(text)) >= MIN_WORDS
    assert assess(text) == Assessment(assessable=False, score=None, reason=NOT_ENGLISH)


def test_score_many_keeps_the_order() -> None:
    results = score_many(["short", FRENCH * 4, "also short"])
    assert [r.reason for r in results] == [TOO_SHORT, NOT_ENGLISH, TOO_SHORT]


def test_the_statistic_is_higher_when_the_text_takes_the_tokens_the_model_expected() -> None:
    expected = np.full(50, -2.0, dtype=np.float32)
    variance = np.full(50, 1.0, dtype=np.float32)
    likely = TokenStats(np.full(50, -0.5, dtype=np.float32), expected, variance)
    unlikely = TokenStats(np.full(50, -4.0, dtype=np.float32), expected, variance)
    assert statistic(likely) == pytest.approx(1.5)
    assert statistic(unlikely) == pytest.approx(-2.0)
    # Per token: the same tokens twice over give the same score (the score does not grow with length).
    doubled = TokenStats(*(np.concatenate([a, a]) for a in (likely.logprob, expected, variance)))
    assert statistic(doubled) == pytest.approx(statistic(likely))
    with pytest.raises(ValueError):
        statistic(TokenStats(*(np.zeros(0, dtype=np.float32) for _ in range(3))))
