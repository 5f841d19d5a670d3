from __future__ import annotations

from datetime import date

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from weiquan.deadlines.calendar import get_calendar

from .schemas import DueOut, ErrorOut

router = Router(tags=["calendar"])


class DueQuery(Schema):
    start: date
    working_days: int | None = Field(None, ge=0, le=3650)
    days: int | None = Field(None, ge=0, le=3650)


@router.get("/due", auth=None, response={200: DueOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut},
            summary="Due date of a period (Art. 45 counting)")
def due(request, query: Query[DueQuery]):
    if (query.working_days is None) == (query.days is None):
        raise HttpError(422, "Give exactly one of working_days or days.")
    if not date(1990, 1, 1) <= query.start <= date(2200, 1, 1):
        raise HttpError(422, "start must lie between 1990 and 2200.")
    calendar = get_calendar()
    result = (calendar.add_working_days(query.start, query.working_days) if query.working_days is not None
              else calendar.add_days(query.start, query.days))
    return {"due": result.day, "provisional": result.provisional}
