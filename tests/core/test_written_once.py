"""A record kept as made cannot be saved twice, whichever model keeps it."""

from __future__ import annotations

import pytest

from concours.core.models import WrittenOnce


@pytest.mark.parametrize("model", WrittenOnce.__subclasses__())
def test_every_written_once_model_keeps_its_message(model: type[WrittenOnce]) -> None:
    # Each model says in its own words why it cannot be changed (the error a caller reads).
    assert model.immutable_message != WrittenOnce.immutable_message


def test_the_models_that_are_written_once() -> None:
    names = {model.__name__ for model in WrittenOnce.__subclasses__()}
    assert {"SelectionReport", "SignalCalibration"} <= names
