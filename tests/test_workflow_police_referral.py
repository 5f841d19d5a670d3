"""Referral to the police (Art. 42): suspected fraud or extortion by the person who complained is handed to the
public security organs — recorded once, the complaint's state unchanged, never shown to the filer."""

import pytest
from django.test import Client

from weiquan.cases.models import Case
from weiquan.cases.services import ActionInput, apply_action
from weiquan.cases.services.errors import InvalidInput
from weiquan.lib.workflow import WorkflowError
from weiquan.public.progress import progress

REFERRAL = "投诉人以曝光相威胁索要高额赔偿，涉嫌敲诈勒索，已移送大同市公安局平城分局。"


def refer(user, case, note=REFERRAL):
    return apply_action(user, case, ActionInput(action="refer_to_police", note=note))


def test_recorded_once_and_the_state_stays(make_case, pingcheng):
    case = apply_action(pingcheng, make_case(), ActionInput(action="accept"))
    case = refer(pingcheng, case)
    assert (case.state, case.police_referral) == ("accepted", REFERRAL)
    event = case.events.order_by("-seq").first()
    assert (event.action, event.from_state, event.to_state, event.payload["note"]) == (
        "refer_to_police", "accepted", "accepted", REFERRAL)
    with pytest.raises(WorkflowError) as excinfo:
        refer(pingcheng, case)
    assert excinfo.value.status == 409
    # then the complaint ends the usual way: termination on ground 6 of Art. 23
    case = apply_action(pingcheng, case, ActionInput(action="terminate", ground="inadmissible_found"))
    assert case.state == "terminated"


def test_a_note_is_required(make_case, pingcheng):
    case = make_case()
    with pytest.raises(InvalidInput) as excinfo:
        refer(pingcheng, case, note=" ")
    assert "note" in excinfo.value.errors
    assert Case.objects.get(pk=case.pk).police_referral == ""


def test_only_complaints_held_by_a_bureau_and_only_its_staff(make_case, pingcheng, clerk, yungang):
    for case in (make_case(kind="report"), make_case(route_to=None)):
        with pytest.raises(WorkflowError) as excinfo:
            refer(pingcheng if case.kind == "report" else clerk, case)
        assert excinfo.value.status in (403, 409)
    with pytest.raises(Exception) as excinfo:
        refer(yungang, make_case())
    assert getattr(excinfo.value, "status", 404) == 404


def test_staff_see_it_on_the_case_page_and_the_filer_never(make_case, pingcheng):
    case = refer(pingcheng, make_case())
    client = Client()
    client.force_login(pingcheng)
    html = client.get(f"/staff/cases/{case.number}/").content.decode()
    assert REFERRAL in html
    assert 'data-action="refer_to_police"' not in html  # once
    public = str(progress(Case.objects.get(pk=case.pk)))
    assert "公安" not in public and "police" not in public.lower()
