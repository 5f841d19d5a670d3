"""`weiquan classifier evaluate` scores the pipeline on any labelled CSV (contract output), and
`weiquan classifier train` learns from the cases clerks confirmed or corrected."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from weiquan.triage.models import Triage

ROWS_ZH = [("衣柜开裂", "家具"), ("沙发开裂", "家具"), ("床垫塌陷", "家具"), ("餐桌变形", "家具"), ("书柜掉漆", "家具"),
           ("健身房跑路", "健身"), ("健身卡不退", "健身"), ("私教课退费", "健身"), ("游泳馆停业", "健身"), ("瑜伽馆关门", "健身")]
ROWS_EN = [("the wardrobe door cracked", "furniture"), ("sofa fell apart", "furniture"),
           ("table legs broke", "furniture"), ("bed frame snapped", "furniture"),
           ("gym closed and kept my fee", "fitness"), ("trainer left, no refund", "fitness"),
           ("gym membership refused refund", "fitness"), ("pool shut for renovation", "fitness")]


def _csv(tmp_path: Path, rows, encoding="utf-8", header=("text", "label")) -> Path:
    path = tmp_path / f"labelled-{encoding}.csv"
    lines = [",".join(header)] + [f"{t},{lab}" for t, lab in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def _evaluate(path, *extra):
    out = StringIO()
    call_command("classifier", "evaluate", "--csv", str(path), "--text", "text", "--label", "label", "--json",
                 *extra, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_evaluate_prints_exactly_the_contract_keys_for_any_encoding(tmp_path, encoding):
    result = _evaluate(_csv(tmp_path, ROWS_ZH, encoding))
    assert set(result) == {"accuracy", "macro_f1", "n_train", "n_test"}
    assert (result["n_train"], result["n_test"]) == (8, 2)
    assert 0 <= result["accuracy"] <= 1 and 0 <= result["macro_f1"] <= 1


def test_evaluate_works_on_english_and_honours_split_and_seed(tmp_path):
    path = _csv(tmp_path, ROWS_EN)
    first = _evaluate(path, "--test-size", "0.5", "--seed", "3")
    assert (first["n_train"], first["n_test"]) == (4, 4)
    assert _evaluate(path, "--test-size", "0.5", "--seed", "3") == first


def test_evaluate_on_the_labelled_set_learns_something():
    data = Path(__file__).parent / "data" / "triage_labelled.csv"
    out = StringIO()
    call_command("classifier", "evaluate", "--csv", str(data), "--text", "text", "--label", "problem", "--json",
                 stdout=out)
    result = json.loads(out.getvalue())
    assert result["n_train"] + result["n_test"] >= 300 and result["accuracy"] > 0.5


def test_evaluate_explains_a_missing_column_and_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no column 'label'"):
        _evaluate(_csv(tmp_path, ROWS_ZH, header=("text", "类别")))
    with pytest.raises(CommandError, match="no such file"):
        _evaluate(tmp_path / "absent.csv")


def test_train_learns_from_confirmed_cases_and_triage_uses_the_model(make_case, clerk, settings, tmp_path):
    from weiquan.triage.services import confirm_triage

    settings.DATA_DIR = tmp_path
    furniture = ["衣柜门开裂了", "沙发坐塌了", "餐桌腿断了"]
    gyms = ["健身房突然关门了", "私教课不给退", "游泳卡退不了"]
    for text in furniture:
        confirm_triage(clerk, make_case(route_to="", description=text, category=""), "category", "家具")
    for text in gyms:
        confirm_triage(clerk, make_case(route_to="", description=text, category=""), "category", "健身")
    out = StringIO()
    call_command("classifier", "train", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["trained"] and result["fields"] == ["category"] and result["examples"]["category"] == 6
    assert (tmp_path / "models" / "classifier.joblib").exists()
    case = make_case(route_to="", description="买的书柜门开裂", category="")
    triage = Triage.objects.get(case=case)
    assert triage.category == "goods.daily.furniture"
    assert any("model" in reason for reason in triage.reasons["category"])


def test_train_with_too_little_data_says_so(settings, tmp_path, db):
    settings.DATA_DIR = tmp_path
    out = StringIO()
    call_command("classifier", "train", stdout=out)
    assert "Too few confirmed cases" in out.getvalue()
    assert not (tmp_path / "models").exists()
