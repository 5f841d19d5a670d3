"""Demo organisations and accounts of the intake doors; idempotent (call it after build_province)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import transaction

from weiquan.orgs.models import Organisation, User

STATION_CODE = "140213-Z01"
# (username, role, organisation code)
ACCOUNTS = [("station", "handler", STATION_CODE), ("department", "clerk", None)]


@transaction.atomic
def ensure_intake_demo(create_accounts: bool = True) -> dict[str, str | None]:
    """A 12315 service station in a 平城区 market (under the 平城区 bureau) and, when asked, the demo
    accounts `station` and `department` (消费者权益保护处). Returns username → new password (None if kept)."""
    province = settings.WEIQUAN_PROVINCE_CODE
    passwords: dict[str, str | None] = {}
    bureau = Organisation.objects.filter(code="140213").first()
    if bureau is None:
        return passwords
    if not Organisation.objects.filter(kind=Organisation.Kind.STATION).exists():
        Organisation.objects.update_or_create(code=STATION_CODE, defaults={
            "name": "大同市平城区红旗家具城12315消费维权服务站", "kind": Organisation.Kind.STATION,
            "parent": bureau, "region": bureau.region})
    station = Organisation.objects.filter(kind=Organisation.Kind.STATION).order_by("id").first()
    department = Organisation.objects.filter(code=f"{province}-D01").first()
    if not create_accounts:
        return passwords
    for username, role, code in ACCOUNTS:
        org = station if code == STATION_CODE else department
        if org is None:
            continue
        user = User.objects.filter(username=username).first()
        password = None
        if user is None:
            user = User(username=username, role=role, organisation=org)
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.save()
        passwords[username] = password
    return passwords
