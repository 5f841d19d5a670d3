"""`weiquan import` on the files people really have: GBK CSV, XLSX, BOMs, broken files, bad rows."""

import csv
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from weiquan.cases.models import Case
from weiquan.intake.importer.sample import HEADER, write_csv
from weiquan.intake.models import ImportedRow

DATA = Path(__file__).parent / "data" / "imports"


def run(*args):
    with translation.override("en"):
        call_command("import", *map(str, args), "--no-progress")


def rejected(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return {int(r["row"]): r["reason"] for r in csv.DictReader(f)}


def rejected_fields(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return {int(r["row"]): r["field"] for r in csv.DictReader(f)}


def test_gbk_export_of_the_national_platform(db, tmp_path, capsys):
    run(DATA / "national-gbk.csv", "--rejects", tmp_path / "r.csv")
    assert "gb18030" in capsys.readouterr().out
    assert rejected(tmp_path / "r.csv") == {}
    gym = Case.objects.get(imported_row__key="n:GB2025000001")
    assert gym.kind == "complaint" and gym.channel == "import" and gym.state == "routed"
    assert gym.handling_org.code == "140105" and gym.amount == 3680
    assert gym.received_at.isoformat() == "2025-03-02T02:11:12+00:00"  # 10:11:12 in Beijing
    assert gym.number.startswith("14250302")  # numbered by the day received
    assert list(gym.clocks.values_list("kind", "state")) == [("acceptance", "running")]
    phone = Case.objects.get(imported_row__key="n:GB2025000002")
    assert phone.state == "closed" and phone.kind == "report"
    assert list(phone.events.values_list("action", flat=True)) == ["register", "route", "close"]
    question = Case.objects.get(imported_row__key="n:GB2025000003")
    assert question.state == "closed" and question.handling_org.code == "140000-12315"
    assert question.complainant_phone == "03521234567"
    call_command("verify-events")


def test_dry_run_imports_nothing_but_checks_everything(db, tmp_path, capsys):
    write_csv(tmp_path / "a.csv", 300, bad_every=50)
    run(tmp_path / "a.csv", "--dry-run", "--rejects", tmp_path / "r.csv")
    assert not Case.objects.filter(channel="import").exists() and not ImportedRow.objects.exists()
    assert len(rejected(tmp_path / "r.csv")) == 6
    assert "would import 294" in capsys.readouterr().out


def test_rerun_and_rows_without_numbers_import_nothing_twice(db, tmp_path):
    path = tmp_path / "a.csv"
    write_csv(path, 50, bad_every=0)
    text = path.read_text(encoding="utf-8").splitlines()
    # drop the 登记编号 column: rows are then known by a hash of their content
    rows = [line.split(",", 1)[1] for line in text]
    path.write_text("\n".join(rows) + "\n" + rows[1] + "\n", encoding="utf-8")
    run(path, "--rejects", tmp_path / "r.csv")
    assert Case.objects.filter(channel="import").count() == 50
    assert rejected(tmp_path / "r.csv") == {52: "same record as row 2"}
    run(path)
    assert Case.objects.filter(channel="import").count() == 50
    assert ImportedRow.objects.filter(key__startswith="h:").count() == 50


def test_xlsx_with_date_cells(db, tmp_path):
    from datetime import datetime

    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("导出")
    sheet.append(HEADER)
    sheet.append(["X1", datetime(2025, 6, 18, 20, 5), "投诉", "网络", "周七", 13712345678, "大同市平城区新建南路1号",
                  "大同市平城区红旗家具城", "大同市平城区御河西路168号", "", "退货", "质量问题", 1299.5,
                  "618买的沙发塌陷，商家拒绝退货。", "140213", "待处理"])
    sheet.append([None] * len(HEADER))  # a blank row: ignored
    sheet.append(["X2", "2025-06-19", "表扬", "", "", "", "", "", "", "", "", "", "", "谢谢", "", ""])
    book.save(tmp_path / "a.xlsx")
    run(tmp_path / "a.xlsx", "--rejects", tmp_path / "r.csv")
    case = Case.objects.get(imported_row__key="n:X1")
    assert case.amount == pytest.approx(1299.5) and case.complainant_phone == "13712345678"
    assert case.state == "routed" and case.received_on.isoformat() == "2025-06-18"
    assert list(rejected(tmp_path / "r.csv")) == [4]


def test_broken_xlsx_is_a_clear_error_and_imports_nothing(db, tmp_path):
    good = tmp_path / "good.xlsx"
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.save(good)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[:300])
    with pytest.raises(CommandError, match="XLSX"):
        run(broken)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("登记编号,类型\n1,投诉\n", encoding="utf-8")
    with pytest.raises(CommandError, match="not a ZIP"):
        run(fake)
    no_sheet = tmp_path / "nosheet.xlsx"
    with zipfile.ZipFile(no_sheet, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(CommandError, match="XLSX"):
        run(no_sheet)
    assert not Case.objects.filter(channel="import").exists()


def test_nul_bytes_bad_encoding_and_oversized_rows_are_rejected_one_by_one(db, tmp_path):
    path = tmp_path / "a.csv"
    write_csv(path, 6, bad_every=0)
    lines = path.read_bytes().split(b"\r\n")
    lines[2] = lines[2].replace("质量问题".encode(), b"\x00\x00")  # row 3
    lines[3] = lines[3].replace("质量问题".encode(), "质量问题".encode("gbk"))  # row 4: GBK bytes in UTF-8
    lines[4] = lines[4].replace("质量问题".encode(), ("很长" * 40_000).encode())  # row 5
    path.write_bytes(b"\r\n".join(lines))
    run(path, "--rejects", tmp_path / "r.csv")
    reasons = rejected(tmp_path / "r.csv")
    assert set(reasons) == {3, 4, 5}
    assert "NUL" in reasons[3] and "not valid utf-8" in reasons[4] and "too large" in reasons[5]
    assert Case.objects.filter(channel="import").count() == 3


def test_mapping_file_for_other_headers(db, tmp_path):
    path = tmp_path / "en.csv"
    path.write_text("No,When,Text,Who,Tel,Where,Shop,Shop address,Wants\n"
                    "E1,2025-02-01 09:00,门店关闭无法退卡,A Li,13800000001,太原市小店区1号,某美容店,太原市小店区2号,退费\n",
                    encoding="utf-8")
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"source_number": "No", "received_at": "When", "description": "Text",
                                   "complainant_name": "Who", "complainant_phone": "Tel",
                                   "complainant_address": "Where", "business_name": "Shop",
                                   "business_address": "Shop address", "request": "Wants",
                                   "defaults": {"kind": "投诉"}}), encoding="utf-8")
    run(path, "--mapping", mapping)
    case = Case.objects.get(imported_row__key="n:E1")
    assert case.kind == "complaint" and case.state == "received" and case.complainant_name == "A Li"
    bad = tmp_path / "bad.json"
    bad.write_text('{"colour": "X"}', encoding="utf-8")
    with pytest.raises(CommandError, match="colour"):
        run(path, "--mapping", bad)
    with pytest.raises(CommandError, match="received_at"):
        run(path)  # the default mapping finds no 登记时间


def test_not_a_table_at_all(db, tmp_path):
    binary = tmp_path / "photo.csv"
    binary.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(CommandError):
        run(binary)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="empty"):
        run(empty)
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "missing.csv")
