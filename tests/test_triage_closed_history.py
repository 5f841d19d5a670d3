"""A case already closed when it is triaged (an imported history) is classified, routed and indexed — the
cases after it find it — but not compared with other cases itself: duplicates, a group and the
professional-claimant signals inform a decision that has been taken. The panel says so."""

import csv

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from weiquan.cases.models import Case
from weiquan.intake.importer.sample import HEADER
from weiquan.triage.models import Signature, Triage

TEXT = "在红旗家具城购买实木衣柜，柜门开裂，商家拒绝退换，要求退货。"


def _row(number: str, day: str, state: str, org: str) -> list[str]:
    return [number, f"2025-03-{day} 09:00:00", "投诉", "电话", "赵敏", "13912345678", "大同市平城区御河西路9号2单元",
            "大同市平城区红旗家具城", "大同市平城区御河西路168号", "", "退货", "质量", "3000", TEXT, org, state]


def _import(tmp_path, rows) -> dict[str, Case]:
    path = tmp_path / "history.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    with translation.override("en"):
        call_command("import", str(path), "--no-progress")
    return {c.imported_row.key.removeprefix("n:"): c for c in Case.objects.select_related("imported_row")}


def test_a_closed_case_is_indexed_but_compared_with_nothing(db, tmp_path):
    cases = _import(tmp_path, [_row("H1", "02", "已办结", "140213"), _row("H2", "09", "处理中", "140213")])
    closed, open_ = Triage.objects.get(case=cases["H1"]), Triage.objects.get(case=cases["H2"])
    assert cases["H1"].state == "closed"
    assert not closed.compared and closed.duplicates == [] and closed.signals == []
    assert (closed.category, closed.problem, closed.org_code) == ("goods.daily.furniture", "quality", "140213")
    assert Signature.objects.filter(case_id=cases["H1"].pk).exists()
    assert open_.compared
    assert [d["number"] for d in open_.duplicates] == [cases["H1"].number]


def test_the_panel_says_a_closed_case_was_not_compared(db, tmp_path, client, clerk):
    cases = _import(tmp_path, [_row("H1", "02", "已办结", "")])
    client.force_login(clerk)
    url = reverse("staff:triage:panel", args=[cases["H1"].number])
    page = client.get(url).content.decode()
    assert 'data-finding="not-compared"' in page and "分诊前已办结" in page
    client.cookies["django_language"] = "en"
    assert "not compared with other cases" in client.get(url).content.decode()
