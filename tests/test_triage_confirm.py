"""The clerk confirms or corrects each suggestion on the case page; the case changes through an event and
the decision is recorded as training data. Analysts may look but not change."""

import pytest

from weiquan.cases.services.errors import InvalidInput, NotVisible
from weiquan.triage.models import Feedback
from weiquan.triage.services import confirm_triage

WARDROBE = "我在某家具城买的实木衣柜，两个月后柜门开裂，商家拒绝退换，要求退货退款。"


@pytest.fixture
def case(make_case):
    return make_case(route_to="", category="", problem="", description=WARDROBE)


def test_confirming_a_suggestion_sets_the_case_and_records_it(clerk, case):
    case = confirm_triage(clerk, case, "category", "goods.daily.furniture")
    assert case.category == "家具"
    last = case.events.order_by("-seq").first()
    assert last.action == "classify" and last.payload["category"] == "家具" and last.actor_id == clerk.pk
    feedback = Feedback.objects.get(case=case)
    assert (feedback.field, feedback.value, feedback.confirmed) == ("category", "goods.daily.furniture", True)


def test_correcting_a_suggestion_is_recorded_as_a_correction(clerk, case):
    case = confirm_triage(clerk, case, "problem", "after_sales")
    assert case.problem == "售后服务"
    feedback = Feedback.objects.get(case=case)
    assert (feedback.suggested, feedback.value, feedback.confirmed) == ("quality", "after_sales", False)


def test_a_label_works_as_well_as_a_code(clerk, case):
    assert confirm_triage(clerk, case, "problem", "质量").problem == "质量"


def test_unknown_values_and_fields_are_refused(clerk, case):
    with pytest.raises(InvalidInput):
        confirm_triage(clerk, case, "category", "flying saucers")
    with pytest.raises(InvalidInput):
        confirm_triage(clerk, case, "state", "closed")
    assert not Feedback.objects.exists()


def test_an_analyst_cannot_change_a_case(analyst, case):
    with pytest.raises(NotVisible):
        confirm_triage(analyst, case, "category", "goods.daily.furniture")


def test_the_panel_shows_suggestions_and_confirms_through_htmx(client, clerk, case):
    client.force_login(clerk)
    page = client.get(f"/staff/triage/{case.number}/")
    html = page.content.decode()
    assert page.status_code == 200 and "家具" in html and "衣柜" in html and 'data-confirm="category"' in html
    answer = client.post(f"/staff/triage/{case.number}/confirm/", {"field": "category",
                                                                   "value": "goods.daily.furniture"},
                         HTTP_HX_REQUEST="true")
    assert answer.status_code == 200 and answer["HX-Trigger"] == "case-changed"
    assert 'data-confirm="category"' not in answer.content.decode()  # already agreed: nothing to confirm
    case.refresh_from_db()
    assert case.category == "家具"


def test_a_handler_elsewhere_does_not_see_the_panel(client, yungang, make_case):
    case = make_case(route_to="140213", description=WARDROBE)
    client.force_login(yungang)
    assert client.get(f"/staff/triage/{case.number}/").status_code == 404
    assert client.post(f"/staff/triage/{case.number}/confirm/", {"field": "category", "value": "家具"}).status_code == 404


def test_the_panel_speaks_chinese_by_default_and_english_on_request(client, clerk, case):
    client.force_login(clerk)
    chinese = client.get(f"/staff/triage/{case.number}/").content.decode()
    assert "Triage suggestions" not in chinese and "重新分析" in chinese
    client.cookies["django_language"] = "en"
    english = client.get(f"/staff/triage/{case.number}/").content.decode()
    assert "Triage suggestions" in english and "furniture" in english


def test_the_reasons_for_a_mixed_text_name_each_half_in_the_users_language(client, clerk, make_case):
    mixed = make_case(route_to="", category="", problem="", description=(
        "在该店买的衣柜柜门开裂，要求退货退款；另外举报该店无照经营，请依法查处。"))
    client.force_login(clerk)
    chinese = client.get(f"/staff/triage/{mixed.number}/").content.decode()
    assert "投诉：" in chinese and "举报：" in chinese
    assert "complaint:" not in chinese and "report:" not in chinese
    client.cookies["django_language"] = "en"
    english = client.get(f"/staff/triage/{mixed.number}/").content.decode()
    assert "complaint: " in english and "report: " in english and "举报：" not in english


def test_an_inferred_request_names_kind_and_problem_type_in_the_users_language(client, clerk, make_case):
    case = make_case(route_to="", category="", problem="",
                     description="在该店买的衣柜，用了两个月柜门开裂，质量太差。")
    client.force_login(clerk)
    assert "投诉/质量" in client.get(f"/staff/triage/{case.number}/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(f"/staff/triage/{case.number}/").content.decode()
    assert "complaint/quality" in english and "投诉/质量" not in english
