"""`weiquan export` and /staff/export/: scoped, filtered, streamed, personal data masked unless permitted."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation


@pytest.fixture
def cases(make_case):
    return [make_case(), make_case(route_to="140214", complainant_name="李雷", complainant_phone="13900001111"),
            make_case(kind="report", business_name="=HYPERLINK(\"x\")", request="")]


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def export(*args):
    with translation.override("en"):
        call_command("export", *map(str, args))


def test_export_is_scoped_to_the_user_and_masked(cases, tmp_path):
    export(tmp_path / "p.csv", "--as", "pingcheng")
    rows = read(tmp_path / "p.csv")
    numbers = {r["登记编号"] for r in rows}
    assert cases[0].number in numbers and cases[1].number not in numbers  # 云冈区's case is not 平城区's
    assert rows[0]["联系电话"] == "138****5678" and rows[0]["投诉人"] == "张某"
    assert {r["处理单位"] for r in rows} == {"140213"}


def test_personal_data_only_when_asked_and_permitted(cases, tmp_path):
    export(tmp_path / "c.csv", "--as", "clerk", "--with-personal-data")
    phones = {r["联系电话"] for r in read(tmp_path / "c.csv")}
    assert "13812345678" in phones and "13900001111" in phones
    with pytest.raises(CommandError, match="personal data"):
        export(tmp_path / "a.csv", "--as", "analyst", "--with-personal-data")


def test_filters_and_formula_cells(cases, tmp_path):
    export(tmp_path / "r.csv", "--as", "admin", "--kind", "report")
    rows = read(tmp_path / "r.csv")
    assert len(rows) == 1 and rows[0]["被投诉人"].startswith("'=")  # no formula reaches a spreadsheet
    export(tmp_path / "o.csv", "--as", "admin", "--org", "140200", "--state", "routed")
    assert {r["处理单位"] for r in read(tmp_path / "o.csv")} == {"140213", "140214"}
    export(tmp_path / "n.csv", "--as", "admin", "--from", "2000-01-01", "--to", "2000-12-31")
    assert read(tmp_path / "n.csv") == []
    with pytest.raises(CommandError, match="date"):
        export(tmp_path / "x.csv", "--as", "admin", "--from", "yesterday")


def test_xlsx_export(cases, tmp_path):
    import openpyxl

    export(tmp_path / "a.xlsx", "--as", "admin")
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx", read_only=True).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "登记编号" and len(values) == 4


def test_export_can_be_imported_elsewhere(cases, tmp_path):
    from weiquan.intake.export import HEADER
    from weiquan.intake.importer.mapping import DEFAULT, build

    mapping = build(HEADER, DEFAULT, {})
    assert {"source_number", "received_at", "kind", "description", "handling_org", "state", "platform_name",
            "platform_address"} <= set(mapping.columns)


def test_staff_download_streams_csv(client, cases, pingcheng, analyst):
    client.force_login(pingcheng)
    assert client.get("/staff/export/").status_code == 200
    response = client.get("/staff/export/", {"download": "1", "kind": "complaint"})
    assert response.status_code == 200 and response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["登记编号"] for r in rows] == [cases[0].number]
    client.force_login(analyst)
    response = client.get("/staff/export/", {"download": "1", "personal": "on"})
    assert response.status_code == 422
