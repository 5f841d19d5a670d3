"""Shared helpers of the public-site tests (not a test module)."""

from __future__ import annotations

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.4\n" + b"0" * 64

NAME, PHONE, ADDRESS = "李小梅", "13912345678", "大同市平城区新建南路20号3单元501"

COMPLAINT = {
    "name": NAME, "phone": PHONE, "address": ADDRESS,
    "business_name": "大同市平城区某家具城", "business_address": "大同市平城区御河西路168号",
    "description": "在家具城购买的实木衣柜，使用两个月后柜门开裂，商家拒绝退换。",
    "request": "退货", "amount": "3280", "privacy_ack": "on",
}


def post_complaint(client, **overrides):
    data = {**COMPLAINT, **overrides}
    return client.post("/submit/complaint/", data)


def receipt(client) -> dict:
    return client.session["wq_receipt"]


def ensure_routed(case, clerk, org="140213"):
    """Route the case to `org` unless triage has already routed it on registration."""
    from weiquan.cases.services import ActionInput, apply_action

    case.refresh_from_db()
    if case.state == "received":
        case = apply_action(clerk, case, ActionInput(action="route", org=org))
    assert case.handling_org.code == org
    return case
