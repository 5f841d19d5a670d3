from __future__ import annotations

from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from weiquan.orgs.models import Organisation

from .schemas import ErrorOut, OrgOut

router = Router(tags=["organisations"])
OrgKind = Literal[tuple(k for k in Organisation.Kind.values if k != "integration")]  # type: ignore[valid-type]


class OrgQuery(Schema):
    region_code: str | None = Field(None, pattern="^[0-9]{6}$", description="6-digit division code")
    kind: OrgKind | None = None  # type: ignore[valid-type]


@router.get("", auth=None, response={200: list[OrgOut], 400: ErrorOut, 422: ErrorOut},
            summary="Organisations, optionally those of one division code")
def list_orgs(request, query: Query[OrgQuery]):
    qs = Organisation.objects.filter(active=True).exclude(kind__in=["integration"])
    if query.region_code:
        qs = qs.filter(region_id=query.region_code)
    if query.kind:
        qs = qs.filter(kind=query.kind)
    return [{"code": o.code, "name": o.name, "kind": o.kind, "region_code": o.region_id or ""}
            for o in qs.order_by("code")[:1000]]
