"""The built-in models by name, and :func:`load`."""

from __future__ import annotations

from pathlib import Path

from .errors import ModelLoadError
from .events import EventExtractor
from .families import load_tagger
from .pipeline import Pipeline

MODELS_DIR = Path(__file__).resolve().parent / "models"

#: built-in models shipped inside the package (name → directory under thidua_ner/models)
BUILTIN: dict[str, str] = {"crf": "crf", "e5-small": "e5-small"}
DEFAULT_MODEL = "crf"


def available_models() -> list[str]:
    """Names of the built-in models installed with this copy of the package."""
    return [name for name, sub in BUILTIN.items() if (MODELS_DIR / sub).is_dir()]


def resolve(name_or_path: str | Path | None) -> tuple[str, Path]:
    """``(display name, model directory)`` for a built-in name or a directory."""
    if name_or_path is None or name_or_path == "default":
        name_or_path = DEFAULT_MODEL
    if isinstance(name_or_path, str) and name_or_path in BUILTIN:
        path = MODELS_DIR / BUILTIN[name_or_path]
        if not path.is_dir():
            raise ModelLoadError(
                f"the built-in model {name_or_path!r} is not installed in {MODELS_DIR}; "
                f"installed: {', '.join(available_models()) or 'none'}"
            )
        return name_or_path, path
    path = Path(name_or_path)
    if not path.exists():
        raise ModelLoadError(
            f"no model named {str(name_or_path)!r}: it is neither a built-in name "
            f"({', '.join(BUILTIN)}) nor an existing directory"
        )
    return str(path), path


def load(name_or_path: str | Path | None = None, *, events: bool = True, device: str | None = None) -> Pipeline:
    """Load a model: ``None``/``"default"``, a built-in name (``"crf"``, ``"e5-small"``) or a model directory.

    Never touches the network. ``events=False`` leaves the event component out; ``device``
    (``"cpu"``, ``"cuda"``, ``"cuda:1"``, …) places a transformer model (the CRF ignores it).
    """
    name, path = resolve(name_or_path)
    tagger = load_tagger(path)
    if device is not None and hasattr(tagger, "to"):
        tagger.to(device)
    return Pipeline(tagger, name=name, components=[EventExtractor()] if events else [], path=path)
