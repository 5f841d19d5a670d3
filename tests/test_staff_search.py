"""Search: by number, phone or business name prefix, with filters and keyset pagination."""

import re

from django.test import Client

from weiquan.staff import views


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def numbers(html: str) -> list[str]:
    return re.findall(r'class="num" href="/staff/cases/(\d+)/"', html)


def test_search_by_number_phone_and_business_prefix(make_case, pingcheng):
    a = make_case(complainant_phone="13900001111", business_name="大同市平城区阳光健身会所")
    b = make_case()
    client = client_for(pingcheng)
    assert numbers(client.get("/staff/cases/", {"q": a.number}).content.decode()) == [a.number]
    assert numbers(client.get("/staff/cases/", {"q": "139-0000-1111"}).content.decode()) == [a.number]
    assert numbers(client.get("/staff/cases/", {"q": "大同市平城区阳光"}).content.decode()) == [a.number]
    assert set(numbers(client.get("/staff/cases/", {"q": "大同市平城区"}).content.decode())) == {a.number, b.number}


def test_filters_by_kind_state_org_and_overdue(make_case, pingcheng, datong):
    from datetime import timedelta

    from django.utils import timezone

    complaint = make_case()
    report = make_case(kind="report")
    old = timezone.now() - timedelta(days=40)
    late = make_case(at=old, received_at=old)
    elsewhere = make_case(route_to="140214")
    client = client_for(pingcheng)
    assert set(numbers(client.get("/staff/cases/", {"kind": "report"}).content.decode())) == {report.number}
    assert set(numbers(client.get("/staff/cases/", {"overdue": "on"}).content.decode())) == {late.number}
    assert complaint.number in numbers(client.get("/staff/cases/", {"state": "routed"}).content.decode())
    assert numbers(client.get("/staff/cases/", {"state": "closed"}).content.decode()) == []
    city = client_for(datong)
    assert numbers(city.get("/staff/cases/", {"org": "140214"}).content.decode()) == [elsewhere.number]


def test_results_are_paged_newest_first_by_id(make_case, pingcheng, monkeypatch):
    monkeypatch.setattr(views, "SEARCH_PAGE", 2)
    cases = [make_case() for _ in range(3)]
    client = client_for(pingcheng)
    first = client.get("/staff/cases/", {"kind": "complaint"}).content.decode()
    assert numbers(first) == [cases[2].number, cases[1].number]
    more = re.search(r'class="btn more" href="\?([^"]+)"', first).group(1).replace("&amp;", "&")
    assert "kind=complaint" in more and "before=" in more
    second = client.get("/staff/cases/?" + more).content.decode()
    assert numbers(second) == [cases[0].number]
    assert 'class="btn more"' not in second


def test_bad_filters_do_not_crash(pingcheng):
    response = client_for(pingcheng).get("/staff/cases/", {"kind": "nonsense", "before": "x", "org": "nope"})
    assert response.status_code == 200
