"""The learned half of the classifier: TF-IDF over character 1–3-grams (Chinese needs no word segmenter
and English works too) feeding one linear model per field (kind, category, problem, request), all sharing
one vectoriser so a text is vectorised once.

`evaluate` scores exactly this pipeline on any labelled texts with a stratified split; `LearnedModel` is
what `weiquan classifier train` stores (joblib, with a format version) and the triage loads.
Pure: scikit-learn and numpy, imported lazily (importing scikit-learn costs about a second).
"""

from __future__ import annotations

import csv
import io
import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from .classify_text import normalise

FORMAT = 1
SMALL_BATCH = 32  # up to this many texts the inlined arithmetic beats scikit-learn's per-call overhead
MIN_PER_CLASS = 2  # a label seen once cannot be learned; it stays with the lexicon


LEXICON_WEIGHT = 2.0  # scale of the lexicon features beside the TF-IDF ones


def _lexicon_features(text: str, scan: dict | None = None) -> dict[str, float]:
    """The cold-start lexicon's findings as features: facet=code → capped score (and the major class of
    every category found), so a few hundred examples already learn what the lexicon knows. `scan`: the
    lexicon's findings on this text when the caller already has them."""
    if scan is None:
        from .classify import lexicon

        scan = lexicon().scan(text)
    out: dict[str, float] = {}
    for facet, codes in scan.items():
        for code, (score, _words) in codes.items():
            value = min(score, 6.0) / 3.0
            out[f"{facet}={code}"] = value
            if facet == "category":
                major = f"major={code.rsplit('.', 1)[0]}"
                out[major] = out.get(major, 0.0) + value
    return out


class Featuriser:
    """TF-IDF over character 1–3-grams, beside the lexicon features; input: normalised texts."""

    def __init__(self):
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), min_df=1, sublinear_tf=True,
                                     max_features=200_000, dtype=np.float64)
        self.lexicon = DictVectorizer()

    def fit(self, texts: Sequence[str]) -> Featuriser:
        self.tfidf.fit(texts)
        self.lexicon.fit([_lexicon_features(t) for t in texts])
        return self

    def transform(self, texts: Sequence[str], scans: Sequence[dict] | None = None):
        import scipy.sparse as sp

        tfidf, lex = self.parts(texts, scans)
        return sp.hstack([tfidf, sp.csr_matrix(lex)], format="csr")

    def rows(self, texts: Sequence[str], scans: Sequence[dict] | None = None
             ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Per text: (TF-IDF feature indices, their values, dense lexicon features) — the same numbers
        as `parts`, computed without scikit-learn's per-call validation, for the few-texts path."""
        vocab = self.tfidf.vocabulary_
        idf = self._idf()
        lex_vocab = self.lexicon.vocabulary_
        out = []
        for i, text in enumerate(texts):
            counts: dict[int, int] = {}
            for gram in _char_wb_ngrams(text):
                j = vocab.get(gram)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            vals = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * idf[idx]
            norm = float(np.sqrt((vals * vals).sum()))
            if norm:
                vals /= norm
            lex = np.zeros(len(lex_vocab))
            for name, value in _lexicon_features(text, scans[i] if scans is not None else None).items():
                j = lex_vocab.get(name)
                if j is not None:
                    lex[j] = value * LEXICON_WEIGHT
            out.append((idx, vals, lex))
        return out

    def _idf(self) -> np.ndarray:
        idf = self.__dict__.get("_idf_cache")
        if idf is None:
            idf = self.__dict__["_idf_cache"] = np.asarray(self.tfidf.idf_, dtype=np.float64)
        return idf

    def parts(self, texts: Sequence[str], scans: Sequence[dict] | None = None):
        """(sparse TF-IDF rows, dense lexicon rows): cheaper than one stacked matrix for a few texts."""
        vocabulary = self.lexicon.vocabulary_
        lex = np.zeros((len(texts), len(vocabulary)))
        for i, text in enumerate(texts):
            features = _lexicon_features(text, scans[i] if scans is not None else None)
            for name, value in features.items():
                j = vocabulary.get(name)
                if j is not None:
                    lex[i, j] = value * LEXICON_WEIGHT
        return self.tfidf.transform(texts), lex

    def fit_transform(self, texts: Sequence[str]):
        return self.fit(texts).transform(texts)


_WHITE = re.compile(r"\s\s+")


def _char_wb_ngrams(text: str) -> list[str]:
    """scikit-learn's `char_wb` analyser for n = 1..3 on lower-cased text, inlined."""
    grams: list[str] = []
    for w in _WHITE.sub(" ", text.lower()).split():
        w = " " + w + " "
        w_len = len(w)
        for n in (1, 2, 3):
            offset = 0
            grams.append(w[offset:offset + n])
            while offset + n < w_len:
                offset += 1
                grams.append(w[offset:offset + n])
            if offset == 0:
                break
    return grams


def _vectoriser() -> Featuriser:
    return Featuriser()


def _linear():
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(max_iter=500, C=10.0)


def _sklearn_version() -> str:
    import sklearn

    return sklearn.__version__


def _one_thread():
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)  # BLAS threads only fight each other on a small busy machine


def fit_pipeline(texts: Sequence[str], labels: Sequence[str]):
    """(vectoriser, classifier) fitted on normalised texts."""
    vec = _vectoriser()
    with _one_thread():
        x = vec.fit_transform([normalise(t) for t in texts])
        clf = _linear()
        clf.fit(x, list(labels))
    return vec, clf


@dataclass
class LearnedModel:
    vectoriser: object
    heads: dict[str, object]  # field → fitted linear classifier
    counts: dict[str, int] = field(default_factory=dict)  # field → training examples
    trained_at: str = ""
    format: int = FORMAT

    @property
    def label(self) -> str:
        n = max(self.counts.values()) if self.counts else 0
        return f"model ({n} confirmed cases, {self.trained_at[:10]})"

    def predict(self, normalised_texts: list[str], scans: list[dict] | None = None
                ) -> dict[str, list[tuple[str, float]]]:
        split = len(self.vectoriser.tfidf.vocabulary_)
        out: dict[str, list[tuple[str, float]]] = {}
        if len(normalised_texts) <= SMALL_BATCH:  # skip scikit-learn's per-call overhead
            tfidf_t, lex_t, intercept, spans = self._stacked()
            rows = self.vectoriser.rows(normalised_texts, scans)
            scores = np.array([vals @ tfidf_t[idx] + lex @ lex_t for idx, vals, lex in rows]) + intercept
            for name, clf in self.heads.items():
                lo, hi = spans[name]
                proba = _softmax(scores[:, lo:hi])
                best = proba.argmax(axis=1)
                out[name] = [(str(clf.classes_[j]), float(proba[i, j])) for i, j in enumerate(best)]
            return out
        tfidf, lex = self.vectoriser.parts(normalised_texts, scans)
        for name, clf in self.heads.items():
            proba = _proba(clf, tfidf, lex, split)
            best = proba.argmax(axis=1)
            out[name] = [(str(clf.classes_[j]), float(proba[i, j])) for i, j in enumerate(best)]
        return out

    def _stacked(self):
        """All heads' coefficients side by side, features as rows (one gather and one product per text
        serve every head): (TF-IDF block, lexicon block, intercepts, head → column span)."""
        cached = self.__dict__.get("_stacked_cache")
        if cached is None:
            split = len(self.vectoriser.tfidf.vocabulary_)
            blocks, intercepts, spans, at = [], [], {}, 0
            for name, clf in self.heads.items():
                coef = clf.coef_
                if coef.shape[0] == 1:  # two classes: one logit → scores (0, z) give the same softmax
                    coef = np.vstack([np.zeros_like(coef), coef])
                    intercept = np.concatenate([[0.0], clf.intercept_])
                else:
                    intercept = clf.intercept_
                blocks.append(coef)
                intercepts.append(intercept)
                spans[name] = (at, at + coef.shape[0])
                at += coef.shape[0]
            full = np.vstack(blocks)
            cached = (np.ascontiguousarray(full[:, :split].T), np.ascontiguousarray(full[:, split:].T),
                      np.concatenate(intercepts), spans)
            self.__dict__["_stacked_cache"] = cached
        return cached

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_stacked_cache", None)
        return state

    def save(self, path: Path) -> None:
        import joblib

        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        joblib.dump({"format": FORMAT, "sklearn": _sklearn_version(), "model": self}, tmp)
        tmp.replace(path)

    @staticmethod
    def load(path: Path) -> LearnedModel | None:
        import joblib

        try:
            data = joblib.load(path)
        except (OSError, EOFError, ValueError, ImportError, AttributeError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("sklearn") != _sklearn_version():
            return None  # another format or library version: retrain (`weiquan classifier train`)
        return data["model"]


def _proba(clf, tfidf, lex: np.ndarray, split: int) -> np.ndarray:
    """predict_proba of a fitted LogisticRegression on the two feature blocks, without scikit-learn's
    per-call input validation (which costs more than the arithmetic for one short text)."""
    coef = clf.coef_
    return _softmax(np.asarray(tfidf @ coef[:, :split].T) + lex @ coef[:, split:].T + clf.intercept_)


def _softmax(scores: np.ndarray) -> np.ndarray:
    if scores.shape[1] == 1:  # two classes: one logit
        p = 1.0 / (1.0 + np.exp(-scores[:, 0]))
        return np.column_stack([1 - p, p])
    scores -= scores.max(axis=1, keepdims=True)
    e = np.exp(scores)
    return e / e.sum(axis=1, keepdims=True)


def train(examples: dict[str, list[tuple[str, str]]]) -> LearnedModel | None:
    """examples: field → [(text, label)]. Fields with fewer than two labels (after dropping labels seen
    once) get no head. None when no field can be learned."""
    usable: dict[str, list[tuple[str, str]]] = {}
    for name, rows in examples.items():
        counts: dict[str, int] = defaultdict(int)
        for _text, label in rows:
            counts[label] += 1
        kept = [(t, lab) for t, lab in rows if counts[lab] >= MIN_PER_CLASS and t.strip()]
        if len({lab for _t, lab in kept}) >= 2:
            usable[name] = kept
    if not usable:
        return None
    all_texts = sorted({normalise(t) for rows in usable.values() for t, _l in rows})
    vec = _vectoriser()
    heads = {}
    with _one_thread():
        vec.fit(all_texts)
        for name, rows in usable.items():
            clf = _linear()
            clf.fit(vec.transform([normalise(t) for t, _l in rows]), [lab for _t, lab in rows])
            heads[name] = clf
    return LearnedModel(vec, heads, {n: len(r) for n, r in usable.items()},
                        datetime.now(UTC).isoformat(timespec="seconds"))


def stratified_split(labels: Sequence[str], test_size: float, seed: int) -> tuple[list[int], list[int]]:
    """Indices (train, test): each label contributes round(n × test_size) examples to the test set (at
    least one when it has two or more, none when it has one), chosen by a seeded shuffle."""
    if not 0 < test_size < 1:
        raise ValueError("test size must lie between 0 and 1")
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        by_label[label].append(i)
    rng = random.Random(seed)
    train_idx: list[int] = []
    test_idx: list[int] = []
    for label in sorted(by_label):
        idx = by_label[label]
        rng.shuffle(idx)
        n_test = 0 if len(idx) < 2 else min(len(idx) - 1, max(1, round(len(idx) * test_size)))
        test_idx.extend(idx[:n_test])
        train_idx.extend(idx[n_test:])
    return sorted(train_idx), sorted(test_idx)


def evaluate(texts: Sequence[str], labels: Sequence[str], *, test_size: float = 0.2, seed: int = 0) -> dict:
    from sklearn.metrics import accuracy_score, f1_score

    train_idx, test_idx = stratified_split(labels, test_size, seed)
    if not test_idx or len({labels[i] for i in train_idx}) < 2:
        raise ValueError("need at least two labels with two or more examples each")
    vec, clf = fit_pipeline([texts[i] for i in train_idx], [labels[i] for i in train_idx])
    truth = [labels[i] for i in test_idx]
    predicted = list(clf.predict(vec.transform([normalise(texts[i]) for i in test_idx])))
    return {"accuracy": round(float(accuracy_score(truth, predicted)), 4),
            "macro_f1": round(float(f1_score(truth, predicted, average="macro", zero_division=0)), 4),
            "n_train": len(train_idx), "n_test": len(test_idx)}


ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030 is a superset of GBK and GB2312


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name): UTF-16 by its BOM, else UTF-8 (with or without BOM), else GBK/GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), ("gbk" if encoding == "gb18030" else "utf-8")
        except UnicodeDecodeError:
            continue
    raise ValueError("the file is neither UTF-8 nor GBK; save it as UTF-8")


def read_labelled_csv(data: bytes, text_col: str, label_col: str) -> tuple[list[str], list[str], int]:
    """(texts, labels, rows skipped for an empty text or label). Raises ValueError for a missing column."""
    text, _encoding = decode(data)
    if "\x00" in text:
        raise ValueError("the file contains NUL bytes; it is not a text CSV")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    columns = [c.strip() for c in (reader.fieldnames or [])]
    reader.fieldnames = columns
    for col in (text_col, label_col):
        if col not in columns:
            raise ValueError(f"no column {col!r}; the columns are: {', '.join(columns)}")
    texts: list[str] = []
    labels: list[str] = []
    skipped = 0
    for row in reader:
        t, lab = (row.get(text_col) or "").strip(), (row.get(label_col) or "").strip()
        if not t or not lab:
            skipped += 1
            continue
        texts.append(t)
        labels.append(lab)
    return texts, labels, skipped
