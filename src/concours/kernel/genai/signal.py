"""The advisory signal on one essay: a score from the token log-probabilities under the packaged model.

The statistic is the analytic criterion of Fast-DetectGPT (Bao et al., ICLR 2024) with one model as
both sampler and scorer, averaged per token rather than summed:

    score = mean_t(log p(x_t) - mu_t) / sqrt(mean_t(sigma_t^2))

where mu_t and sigma_t^2 are the mean and variance of log p(X) for X drawn from the model's own
distribution at position t. Machine text picks the tokens the model finds likely *given how many likely
tokens there were*, so it scores near or above 0; human text scores below. Why this rather than plain
perplexity: perplexity alone is low for any plain, predictable prose, which is exactly the prose of
writers with a smaller English vocabulary (Liang et al., 2023); comparing each token with what the model
expected at that position takes out part of that predictability. A per-token mean (not Fast-DetectGPT's
sum) keeps the score from growing with the essay's length, so long and short essays share a threshold.
It remains biased, and it detects less: on the Liang et al. essays cut to 150 words (the bench, 1
December 2026), at the threshold that flagged none of 40 native essays it flagged 2 of 45 non-native ones
and 15 of 39 GPT-3 ones; plain mean log-probability flagged 13 of 45 non-native and 36 of 39 GPT-3 ones.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np

from concours.kernel.genai.model import LanguageModel, TokenStats, load_model

# Fewer words than this and a per-token mean rests on too few tokens to be shown to anyone; an essay of
# the NATO kind runs to several hundred words. (The bench scores shorter texts anyway, and says so.)
MIN_WORDS = 150
# English prose has about a third of its words from the list below; French or German prose almost
# none. Text under this share is not read as English (the model is trained on English).
MIN_ENGLISH_SHARE = 0.12
TOO_SHORT = "too_short"
NOT_ENGLISH = "not_english"

# Frequent English function words that are not also common words of French, German, Spanish, Italian
# or Dutch ("a", "i", "in", "on", "an", "die", "was", "will", "also" are left out for that reason).
_FUNCTION_WORDS = """the of and to is that it for with as are this be by not or have from they which you we
at but their has more can were been would there what when who about if its these than our should them my
because very he she his her how some other into only could such those while your do does did had
being any each many most much through between where why after before"""
ENGLISH_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class Assessment:
    """`score` is None and `reason` says why when the essay is not assessable; "" otherwise."""

    assessable: bool
    score: float | None
    reason: str


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def english_share(text: str) -> float:
    """Share of the words that are frequent English function words (0 when there are no words)."""
    found = words(text)
    if not found:
        return 0.0
    return sum(1 for w in found if w.lower() in ENGLISH_FUNCTION_WORDS) / len(found)


def statistic(stats: TokenStats) -> float:
    """The score of a text from its token statistics (see the module's docstring); higher = more
    machine-like."""
    if len(stats) == 0:
        raise ValueError("no token to score")
    discrepancy = float(np.mean(stats.logprob.astype(np.float64) - stats.expected))
    spread = math.sqrt(max(float(np.mean(stats.variance.astype(np.float64))), 1e-12))
    return discrepancy / spread


def _unassessable(text: str, min_words: int) -> str:
    if len(words(text)) < min_words:
        return TOO_SHORT
    if english_share(text) < MIN_ENGLISH_SHARE:
        return NOT_ENGLISH
    return ""


def _assess(model: LanguageModel | None, text: str, min_words: int) -> Assessment:
    reason = _unassessable(text, min_words)
    if reason:
        return Assessment(assessable=False, score=None, reason=reason)
    stats = (model or load_model()).text_stats(text)
    if len(stats) == 0:
        return Assessment(assessable=False, score=None, reason=TOO_SHORT)
    return Assessment(assessable=True, score=statistic(stats), reason="")


@overload
def assess(text: str, *, model: LanguageModel | None = None, min_words: int = MIN_WORDS) -> Assessment: ...
@overload
def assess(model: LanguageModel, text: str, /, *, min_words: int = MIN_WORDS) -> Assessment: ...
def assess(
    text: str | LanguageModel,
    second: str | None = None,
    *,
    model: LanguageModel | None = None,
    min_words: int = MIN_WORDS,
) -> Assessment:
    """Assess one essay's text. `assess(text, model=m)`, or `assess(m, text)`; the model defaults to
    the packaged one (loaded once per process). Nothing is loaded for a text that is not assessable."""
    essay, model = _arguments(text, second, model)
    return _assess(model, essay, min_words)


@overload
def score_many(
    texts: Iterable[str], *, model: LanguageModel | None = None, min_words: int = MIN_WORDS
) -> list[Assessment]: ...
@overload
def score_many(
    model: LanguageModel, texts: Iterable[str], /, *, min_words: int = MIN_WORDS
) -> list[Assessment]: ...
def score_many(
    texts: Iterable[str] | LanguageModel,
    second: Iterable[str] | None = None,
    *,
    model: LanguageModel | None = None,
    min_words: int = MIN_WORDS,
) -> list[Assessment]:
    """`assess` for each text, in order, with one model."""
    if isinstance(texts, LanguageModel):
        if second is None or model is not None:
            raise TypeError("score_many(model, texts): one model and the texts")
        model, essays = texts, second
    else:
        if second is not None:
            raise TypeError("score_many(texts, *, model=...): the model is passed by keyword")
        essays = texts
    listed: Sequence[str] = list(essays)
    return [_assess(model, text, min_words) for text in listed]


def _arguments(
    first: str | LanguageModel, second: str | None, model: LanguageModel | None
) -> tuple[str, LanguageModel | None]:
    if isinstance(first, LanguageModel):
        if second is None or model is not None:
            raise TypeError("assess(model, text): one model and one text")
        return second, first
    if second is not None:
        raise TypeError("assess(text, *, model=...): the model is passed by keyword")
    return first, model
