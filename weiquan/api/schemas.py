from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import BaseModel, Field, field_validator

from weiquan.cases.services.validation import clean_text
from weiquan.lib import workflow

Kind = Literal["complaint", "report", "consultation"]
Channel = Literal["phone", "letter", "visit", "web", "12345", "department", "station", "import"]
Action = Literal[workflow.ALL_ACTIONS]  # type: ignore[valid-type]
# Earliest and latest times the API takes as "received": outside them a date is a typo, not a case.
RECEIVED_MIN = date(2000, 1, 1)
RECEIVED_MAX_YEAR = 2200


class ErrorOut(Schema):
    detail: str | list | dict


class OrgOut(Schema):
    code: str
    name: str
    kind: str
    region_code: str


class ClockOut(Schema):
    kind: str
    start: date
    due: date
    state: str
    provisional: bool
    working_days_left: int | None = None


class PartyOut(Schema):
    name: str
    phone: str
    address: str


class BusinessOut(Schema):
    name: str
    uscc: str
    address: str
    region_code: str
    platform_name: str = ""
    platform_address: str = ""


class CaseOut(Schema):
    number: str
    kind: str
    channel: str
    received_at: datetime
    rule_version: str
    state: str
    complainant: PartyOut
    business: BusinessOut
    description: str
    request: str
    amount: Decimal | None
    category: str
    problem: str
    handling_org: OrgOut
    intake_org: OrgOut
    clocks: list[ClockOut]
    outcome: str
    amount_recovered: Decimal
    enforcement_ref: str
    split_from: str | None
    split_into: list[str] = []
    merged_into: str | None = None
    police_referral: str = ""
    allowed_actions: list[str]


class CaseListItem(Schema):
    number: str
    kind: str
    channel: str
    received_at: datetime
    state: str
    business_name: str
    category: str
    handling_org: str
    next_due: date | None


class CaseList(Schema):
    items: list[CaseListItem]
    next_cursor: str | None


class EventOut(Schema):
    seq: int
    at: datetime
    actor: str
    org: str | None
    action: str
    from_state: str
    to_state: str
    payload: dict
    hash: str


class In(BaseModel):
    """Request bodies: plain pydantic, so a string where an object belongs is refused (ninja's Schema would
    read attributes off any object)."""


def _clean(v):
    """NUL bytes and lone surrogates out (PostgreSQL refuses both); other values are left to the type."""
    return clean_text(v, 20_000) if isinstance(v, str) else v


def _strict_datetime(v):
    """A JSON string in ISO 8601 (not a number of seconds), within years the calendar can handle."""
    if v is None or isinstance(v, datetime):
        return v
    if not isinstance(v, str):
        raise ValueError("give an ISO 8601 date and time, e.g. 2026-05-01T09:30:00+08:00")
    return clean_text(v, 64)


def _received_bounds(v: datetime | None):
    if v is not None and not (RECEIVED_MIN <= v.date() and v.year <= RECEIVED_MAX_YEAR):
        raise ValueError("the time received must lie between 2000 and today")
    return v


class PartyIn(In):
    name: str = Field("", max_length=100)
    phone: str = Field("", max_length=30)
    address: str = Field("", max_length=300)
    id_number: str = Field("", max_length=18)

    _c = field_validator("*", mode="before")(classmethod(lambda cls, v: _clean(v)))


class BusinessIn(In):
    name: str = Field("", max_length=200)
    uscc: str = Field("", max_length=30)
    address: str = Field("", max_length=300)
    region_code: str = Field("", max_length=6)
    platform_name: str = Field("", max_length=100, description="the e-commerce platform, when bought from a "
                                                                  "seller on one (Art. 13, 31)")
    platform_address: str = Field("", max_length=300, description="the platform operator's domicile: "
                                                                     "competent when the seller shows no address")

    _c = field_validator("*", mode="before")(classmethod(lambda cls, v: _clean(v)))


class CaseIn(In):
    kind: Kind
    channel: Channel = "phone"
    received_at: datetime | None = Field(
        None, description="when the item reached the bureau (a letter may arrive days before it is entered); "
                          "defaults to now, never in the future")
    complainant: PartyIn = PartyIn()
    confidential: bool = False
    agent_name: str = Field("", max_length=100)
    business: BusinessIn = BusinessIn()
    description: str = Field(..., min_length=1, max_length=20_000)
    request: str = Field("", max_length=100)
    amount: Decimal | None = Field(None, ge=0, lt=Decimal("1e12"), max_digits=14, decimal_places=2)
    category: str = Field("", max_length=64)
    problem: str = Field("", max_length=32)
    org: str = Field("", max_length=32, description="route at once to this organisation code")

    _c = field_validator("description", "request", "category", "problem", "agent_name", "org",
                         mode="before")(classmethod(lambda cls, v: _clean(v)))
    _t = field_validator("received_at", mode="before")(classmethod(lambda cls, v: _strict_datetime(v)))
    _b = field_validator("received_at")(classmethod(lambda cls, v: _received_bounds(v)))


class TransitionIn(In):
    action: Action
    ground: str | None = Field(None, max_length=32, description="legal ground: required by refuse "
                               "(Art. 16) and terminate (Art. 23)")
    note: str = Field("", max_length=2000)
    amount_recovered: Decimal | None = Field(None, ge=0, lt=Decimal("1e12"), max_digits=14, decimal_places=2)
    org: str | None = Field(None, max_length=32)
    enforcement_ref: str = Field("", max_length=64)
    into: str | None = Field(None, max_length=20, description="merge_into / close_as_repeat: the number of "
                             "the earlier report (Art. 35)")

    _c = field_validator("*", mode="before")(classmethod(lambda cls, v: _clean(v)))


class DueOut(Schema):
    due: date
    provisional: bool
