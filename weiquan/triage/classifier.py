"""The deployment's learned classifier: where it is stored, loading it (cached, reloaded when the file
changes), and training it from the suggestions clerks confirmed or corrected."""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

from weiquan.lib import classify_model
from weiquan.lib.classify import FIELDS

from .models import Feedback

_lock = threading.Lock()
_cache: dict[str, tuple[float, object]] = {}


def model_path() -> Path:
    return Path(settings.DATA_DIR) / "models" / "classifier.joblib"


def current_model():
    """The trained model, or None while nothing has been trained (the lexicon then decides alone)."""
    path = model_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    key = str(path)
    cached = _cache.get(key)
    if cached and cached[0] == mtime:
        return cached[1]
    with _lock:
        model = classify_model.LearnedModel.load(path)
        _cache[key] = (mtime, model)
    return model


def training_examples() -> dict[str, list[tuple[str, str]]]:
    """field → [(case description, the code the clerk chose)], the latest choice per case and field."""
    latest: dict[tuple[int, str], str] = {}
    for case_id, field, value in Feedback.objects.filter(field__in=FIELDS).order_by("at", "id").values_list(
            "case_id", "field", "value").iterator(chunk_size=2000):
        latest[(case_id, field)] = value
    texts: dict[int, str] = {}
    ids = sorted({case_id for case_id, _f in latest})
    from weiquan.cases.models import Case

    for start in range(0, len(ids), 2000):
        for case_id, name, description in Case.objects.filter(pk__in=ids[start:start + 2000]).values_list(
                "id", "business_name", "description"):
            texts[case_id] = f"{name} {description}" if name else description  # as compute.classification_text
    examples: dict[str, list[tuple[str, str]]] = {}
    for (case_id, field), value in latest.items():
        if case_id in texts:
            examples.setdefault(field, []).append((texts[case_id], value))
    return examples


def train_from_feedback() -> tuple[classify_model.LearnedModel | None, dict[str, int]]:
    """Train and store the model; returns it (None when there is too little to learn) and the counts of
    examples per field."""
    examples = training_examples()
    counts = {field: len(rows) for field, rows in examples.items()}
    model = classify_model.train(examples)
    if model is not None:
        model.save(model_path())
    return model, counts
