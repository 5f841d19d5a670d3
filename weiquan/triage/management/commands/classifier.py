"""`weiquan classifier train|evaluate`.

train     learn from the cases whose suggestions clerks confirmed or corrected (or from a labelled CSV export
          with --csv), store the model under WEIQUAN_DATA_DIR/models/.
evaluate  score the same pipeline on any labelled CSV (Chinese or English; UTF-8, UTF-8 with BOM or GBK)
          with a stratified split: --json prints {"accuracy", "macro_f1", "n_train", "n_test"}.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weiquan.lib import classify_model, taxonomy
from weiquan.lib.classify import FIELDS

MAX_CSV_BYTES = 512 * 1024 * 1024


def _read(path: str) -> bytes:
    p = Path(path)
    if not p.is_file():
        raise CommandError(f"no such file: {path}")
    if p.stat().st_size > MAX_CSV_BYTES:
        raise CommandError(f"{path} is larger than {MAX_CSV_BYTES // 2**20} MB")
    return p.read_bytes()


class Command(BaseCommand):
    help = "Train the triage classifier, or evaluate its pipeline on a labelled CSV."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        ev = sub.add_parser("evaluate", help="score the pipeline on a labelled CSV (stratified split)")
        ev.add_argument("--csv", required=True, dest="csv_path")
        ev.add_argument("--text", required=True, help="column holding the text")
        ev.add_argument("--label", required=True, help="column holding the label")
        ev.add_argument("--test-size", type=float, default=0.2)
        ev.add_argument("--seed", type=int, default=0)
        ev.add_argument("--json", action="store_true")
        tr = sub.add_parser("train", help="learn from confirmed cases (or a labelled CSV) and store the model")
        tr.add_argument("--csv", dest="csv_path", help="learn from this labelled CSV instead of the cases")
        tr.add_argument("--text", help="CSV column holding the text")
        for field in FIELDS:
            tr.add_argument(f"--{field}", help=f"CSV column holding the {field} (code or label)")
        tr.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        if options["action"] == "evaluate":
            return self._evaluate(options)
        return self._train(options)

    def _evaluate(self, o):
        try:
            texts, labels, skipped = classify_model.read_labelled_csv(_read(o["csv_path"]), o["text"], o["label"])
            started = time.perf_counter()
            result = classify_model.evaluate(texts, labels, test_size=o["test_size"], seed=o["seed"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if o["json"]:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(
            f"accuracy {result['accuracy']:.3f}  macro-F1 {result['macro_f1']:.3f}  "
            f"train {result['n_train']}  test {result['n_test']}  labels {len(set(labels))}  "
            f"rows skipped (empty) {skipped}  {time.perf_counter() - started:.1f} s")

    def _train(self, o):
        from weiquan.triage.classifier import model_path, train_from_feedback

        if o.get("csv_path"):
            model, counts = self._train_csv(o)
            if model is not None:
                model.save(model_path())
        else:
            model, counts = train_from_feedback()
        result = {"trained": model is not None, "examples": counts,
                  "fields": sorted(model.heads) if model else [], "path": str(model_path())}
        if o["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        elif model is None:
            self.stdout.write("Too few confirmed cases to learn from (each field needs two labels with two "
                              "examples each); the keyword lexicon keeps deciding alone.")
        else:
            self.stdout.write(f"Trained {', '.join(result['fields'])} on {counts}; stored in {result['path']}")

    def _train_csv(self, o):
        if not o.get("text"):
            raise CommandError("--text is required with --csv")
        columns = {f: o[f] for f in FIELDS if o.get(f)}
        if not columns:
            raise CommandError("name at least one label column: " + ", ".join(f"--{f}" for f in FIELDS))
        data = _read(o["csv_path"])
        examples: dict[str, list[tuple[str, str]]] = {}
        try:
            for field, column in columns.items():
                texts, labels, _skipped = classify_model.read_labelled_csv(data, o["text"], column)
                rows = []
                for text, label in zip(texts, labels, strict=True):
                    entry = taxonomy.lookup(field, label)
                    if entry is not None:
                        rows.append((text, entry.code))
                examples[field] = rows
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        return classify_model.train(examples), {f: len(r) for f, r in examples.items()}
