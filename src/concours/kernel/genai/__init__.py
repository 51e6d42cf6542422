"""The advisory generative-AI signal's kernel: the packaged language model run in numpy, the score of an
essay, and the calibration of a threshold with a bounded false-positive rate in every language group."""

from concours.kernel.genai.calibration import (
    Calibration,
    CalibrationRefused,
    GroupFigures,
    calibrate,
    clopper_pearson_upper,
    essays_needed,
)
from concours.kernel.genai.model import (
    LanguageModel,
    ModelNotFound,
    TokenStats,
    load_model,
    packaged_model_path,
)
from concours.kernel.genai.signal import MIN_WORDS, NOT_ENGLISH, TOO_SHORT, Assessment, assess, score_many

__all__ = [
    "MIN_WORDS",
    "NOT_ENGLISH",
    "TOO_SHORT",
    "Assessment",
    "Calibration",
    "CalibrationRefused",
    "GroupFigures",
    "LanguageModel",
    "ModelNotFound",
    "TokenStats",
    "assess",
    "calibrate",
    "clopper_pearson_upper",
    "essays_needed",
    "load_model",
    "packaged_model_path",
    "score_many",
]
