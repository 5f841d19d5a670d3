"""Classifying a complaint text: kind, category, problem type and request, each with a confidence and the
reasons (which keywords, or which model) a clerk can check.

Cold start: a keyword lexicon drawn from `taxonomy`, matched in one Aho-Corasick pass over the normalised
text. When a learned model exists (`classify_model.LearnedModel`, trained on the deployment's confirmed
cases) its prediction is combined with the lexicon's: agreement raises the confidence, a confident model
overrides the lexicon, and anything under `REVIEW_BELOW` is flagged for the clerk to decide.

Pure: no Django. The caller passes the model, if any.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field

import ahocorasick

from . import taxonomy
from .classify_text import normalise

REVIEW_BELOW = 0.5  # below this the panel asks the clerk instead of suggesting
FIELDS = ("kind", "category", "problem", "request")
_QUESTION = re.compile(r"(吗|么|呢|能否|可否|是否|请问|怎么|如何|能不能|可不可以)\s*[?？]?\s*$|[?？]\s*$")
_AMOUNT_QTY = re.compile(r"(\d+)\s*(箱|件|瓶|盒|袋|包|台|部|个|支|条|份|斤|公斤|千克|双|套|张)")


@dataclass
class Suggestion:
    code: str = ""
    label: str = ""
    confidence: float = 0.0
    reasons: list[str] = field(default_factory=list)
    source: str = "lexicon"  # lexicon | model | both | none

    @property
    def needs_review(self) -> bool:
        return not self.code or self.confidence < REVIEW_BELOW


@dataclass
class Classification:
    kind: Suggestion
    category: Suggestion
    problem: Suggestion
    request: Suggestion
    mixed: bool = False  # a complaint and a report in one text: split it (Art. 9)
    out_of_scope: Suggestion | None = None
    quantities: list[tuple[int, str]] = field(default_factory=list)  # (number, unit) found in the text
    tags: list[str] = field(default_factory=list)  # taxonomy.TAGS codes: prepaid, online, punitive

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def needs_review(self) -> list[str]:
        return [name for name in FIELDS if getattr(self, name).needs_review]


class Lexicon:
    """Every keyword of every facet in one automaton; a keyword's weight grows with its length (a longer
    keyword is more specific: 退货被拒 says more than 退货)."""

    def __init__(self):
        self._automaton = ahocorasick.Automaton()
        words: dict[str, list[tuple[str, str]]] = {}
        for facet, entries in taxonomy.FACETS.items():
            for entry in entries:
                for word in entry.keywords:
                    words.setdefault(normalise(word), []).append((facet, entry.code))
        for word, owners in words.items():
            weight = 1.0 + 0.5 * min(len(word) - 1, 4) if not word.isascii() else 2.0
            key = _as_bytes(word)
            self._automaton.add_word(key, (len(key), weight, word, tuple(owners)))
        self._automaton.make_automaton()

    def scan(self, text: str) -> dict[str, dict[str, tuple[float, list[str]]]]:
        """facet → code → (score, keywords found), on already normalised text."""
        found: dict[str, dict[str, tuple[float, list[str]]]] = {}
        # (start, -length): by where a keyword starts, the longest first — two keywords found at the same
        # place with the same length are the same keyword, so the sort never compares the rest
        spans = [(end - n + 1, -n, end + 1, word, weight, owners)
                 for end, (n, weight, word, owners) in self._automaton.iter(_as_bytes(text))]
        spans.sort()
        # a keyword inside a longer keyword of the same facet does not count twice (包子 ⊃ 包); a keyword
        # of another facet still does (销售假冒, a report hint, does not hide 假冒, a problem type)
        covered: dict[str, list[tuple[int, int]]] = {}
        for start, minus_length, end, word, weight, owners in spans:
            for facet, code in owners:
                taken = covered.get(facet)
                if taken is None:
                    covered[facet] = [(start, end)]
                elif _inside(start, end, -minus_length, taken):
                    continue
                else:
                    taken.append((start, end))
                codes = found.get(facet)
                if codes is None:
                    codes = found[facet] = {}
                score, words = codes.get(code, (0.0, ()))
                if word not in words:
                    codes[code] = (score + weight, [*words, word])
                else:  # said again: a little more evidence
                    codes[code] = (score + 0.25, words)
        return found


def _as_bytes(text: str) -> str:
    """The text's UTF-8 bytes, one character each. The automaton walks them several times faster than the
    characters: a node's children are searched one by one, and the first character of a keyword has a
    thousand possible values where a byte has a few. Spans are then in bytes, which changes nothing for
    the scan: keywords start and end on character boundaries, so one span lies inside another, or is
    longer, in bytes exactly when it does in characters."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")  # a lone surrogate (JSON can carry one) too


def _inside(start: int, end: int, length: int, taken: list[tuple[int, int]]) -> bool:
    """Whether [start, end) lies within a longer span already taken."""
    for s, e in taken:
        if s <= start and end <= e and e - s > length:
            return True
    return False


_LEXICON: Lexicon | None = None


def lexicon() -> Lexicon:
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon()
    return _LEXICON


def _best(facet: str, scores: dict[str, tuple[float, list[str]]], default: str = "") -> Suggestion:
    if not scores:
        if default:
            return Suggestion(default, taxonomy.label(facet, default), 0.2, [], "none")
        return Suggestion(source="none")
    ranked = sorted(scores.items(), key=lambda kv: -kv[1][0])
    code, (top, words) = ranked[0]
    second = ranked[1][1][0] if len(ranked) > 1 else 0.0
    # margin over the runner-up and absolute evidence both matter
    confidence = (top / (top + second)) * (1 - math.exp(-top / 1.2))
    return Suggestion(code, taxonomy.label(facet, code), round(min(confidence, 0.97), 3), words[:6])


# A refusal to take the goods back is what follows almost any problem: it decides the problem type only
# when nothing else says what went wrong, or says it far more strongly than anything else.
_CONSEQUENCES = ("after_sales",)


def _discount_consequences(scores: dict[str, tuple[float, list[str]]]) -> dict[str, tuple[float, list[str]]]:
    causes = [score for code, (score, _w) in scores.items() if code not in _CONSEQUENCES]
    if not causes:
        return scores
    top_cause = max(causes)
    return {code: value for code, value in scores.items()
            if code not in _CONSEQUENCES or value[0] > 2 * top_cause}


# Where the goods were bought (超市, 商场) says less than what was bought: a complaint about milk bought at a
# supermarket is filed under the milk. The selling service decides the category only when nothing names the
# goods, or when it says far more than the goods do (搭售, 赠品, 会员日 — the service itself went wrong).
_SELLING_SERVICES = ("services.sales.",)


def _goods_before_venue(scores: dict[str, tuple[float, list[str]]]) -> dict[str, tuple[float, list[str]]]:
    goods = [score for code, (score, _w) in scores.items() if code.startswith("goods.")]
    if not goods:
        return scores
    top_goods = max(goods)
    return {code: value for code, value in scores.items()
            if not code.startswith(_SELLING_SERVICES) or value[0] > 2 * top_goods}


def _kind(text: str, found: dict, request: Suggestion) -> tuple[Suggestion, bool]:
    report = found.get("kind", {}).get("report")
    complaint = found.get("kind", {}).get("complaint")
    question = found.get("kind", {}).get("consultation")
    asks_question = bool(_QUESTION.search(text)) or text.count("?") > 0
    demands = bool(complaint) or (request.code not in ("", "investigate", "other") and request.confidence > 0.3)
    if report and demands:
        reasons = ["complaint: " + "、".join((complaint or (0, [request.label]))[1][:3]),
                   "report: " + "、".join(report[1][:3])]
        return Suggestion("complaint", taxonomy.label("kind", "complaint"), 0.55, reasons), True
    if report:
        return Suggestion("report", taxonomy.label("kind", "report"), round(min(0.95, 0.6 + 0.08 * report[0]), 3),
                          report[1][:4]), False
    hint = found.get("report_hint", {}).get("report_hint")
    if hint and not demands and not asks_question:
        return Suggestion("report", taxonomy.label("kind", "report"), round(min(0.8, 0.45 + 0.1 * hint[0]), 3),
                          hint[1][:4]), False
    if asks_question and (question or not demands):
        words = (question[1] if question else []) + ["?"]
        return Suggestion("consultation", taxonomy.label("kind", "consultation"), 0.75 if question else 0.6,
                          words[:4]), False
    if demands:
        words = complaint[1] if complaint else [request.label]
        return Suggestion("complaint", taxonomy.label("kind", "complaint"),
                          round(min(0.95, 0.6 + 0.08 * (complaint[0] if complaint else 1)), 3), words[:4]), False
    if question:
        return Suggestion("consultation", taxonomy.label("kind", "consultation"), 0.5, question[1][:4]), False
    return Suggestion("complaint", taxonomy.label("kind", "complaint"), 0.35, [], "none"), False


# When the text names no demand, the usual one for its kind and problem (a weak suggestion for the clerk).
_USUAL_REQUEST = {"safety": "compensation", "counterfeit": "compensation", "price": "refund",
                  "false_advertising": "refund", "dignity": "apology", "quality": "return",
                  "after_sales": "repair", "metrology": "refund"}


def _infer_request(kind: Suggestion, problem: Suggestion, category: Suggestion, found: dict) -> Suggestion:
    if kind.code == "report":
        code = "investigate"
    elif kind.code == "consultation":
        code = "other"
    elif problem.code == "contract":
        code = "fee_refund" if "prepaid" in found.get("tag", {}) or category.code.startswith("services") else "refund"
    elif problem.code == "quality" and category.code.startswith("services"):
        code = "refund"
    else:
        code = _USUAL_REQUEST.get(problem.code, "")
    if not code:
        return Suggestion(source="none")
    reason = f"{kind.label}/{problem.label}" if problem.code else kind.label
    return Suggestion(code, taxonomy.label("request", code), 0.3, [reason], "inferred")


def classify_lexicon(text: str, *, _scan: list | None = None, normalised: bool = False) -> Classification:
    norm = text if normalised else normalise(text)
    found = lexicon().scan(norm)
    if _scan is not None:
        _scan.append((norm, found))
    request = _best("request", found.get("request", {}))
    kind, mixed = _kind(norm, found, request)
    category = _best("category", _goods_before_venue(found.get("category", {})))
    problem = _best("problem", _discount_consequences(found.get("problem", {})))
    if kind.code == "complaint" and request.code == "investigate":
        # a complaint (or the complaint half of a mixed text) asks for the consumer's own remedy
        own = {c: v for c, v in found.get("request", {}).items() if c != "investigate"}
        request = _best("request", own) if own else Suggestion(source="none")
    if not request.code:
        request = _infer_request(kind, problem, category, found)
    oos = _best("out_of_scope", found.get("out_of_scope", {})) if found.get("out_of_scope") else None
    quantities = [(int(n), unit) for n, unit in _AMOUNT_QTY.findall(norm) if len(n) <= 6]
    tags = sorted(found.get("tag", {}))
    return Classification(kind, category, problem, request, mixed, oos, quantities, tags)


def _merge(lex: Suggestion, facet: str, predicted: tuple[str, float] | None, model_label: str) -> Suggestion:
    if predicted is None:
        return lex
    code, p = predicted
    if code == lex.code and lex.code:
        confidence = 1 - (1 - p) * (1 - lex.confidence)
        return Suggestion(code, lex.label, round(min(confidence, 0.99), 3),
                          [*lex.reasons, f"{model_label} p={p:.2f}"], "both")
    if p >= max(lex.confidence, 0.35) or not lex.code:
        return Suggestion(code, taxonomy.label(facet, code), round(p, 3), [f"{model_label} p={p:.2f}"], "model")
    return lex


def classify(text: str, model=None) -> Classification:
    """Lexicon, combined with `model` (a LearnedModel) when one is given."""
    return classify_many([text], model)[0]


def classify_many(texts: list[str], model=None, *, normalised: bool = False) -> list[Classification]:
    """`classify` of each text; `normalised`: the texts already went through `classify_text.normalise`."""
    scans: list[tuple[str, dict]] = []
    results = [classify_lexicon(t, _scan=scans, normalised=normalised) for t in texts]
    if model is None or not texts:
        return results
    predictions = model.predict([n for n, _f in scans], [f for _n, f in scans])  # field → [(code, p)]
    label = model.label
    for i, result in enumerate(results):
        for facet in FIELDS:
            if facet in predictions:
                merged = _merge(getattr(result, facet), facet, predictions[facet][i], label)
                setattr(result, facet, merged)
    return results
