"""The holiday calendar page: a year grid for administrators and the form to enter a year's schedule."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from weiquan.deadlines.calendar import get_calendar, set_year_schedule
from weiquan.deadlines.grid import schedule_of, year_grid
from weiquan.deadlines.models import CalendarYear
from weiquan.deadlines.schedule import ScheduleError, format_schedule, parse_schedule

FIRST_YEAR, LAST_YEAR = 2000, 2100


class ScheduleForm(forms.Form):
    schedule = forms.CharField(
        label=gettext_lazy("Schedule"), max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 48, "spellcheck": "false"}),
        help_text=gettext_lazy("One line per day or range: “2027-01-01..2027-01-03 休 元旦”, "
                               "“2027-02-06 班”. 休 (rest) marks rest days, 班 (work) make-up working days."))
    note = forms.CharField(label=gettext_lazy("Source"), max_length=200, required=False,
                           help_text=gettext_lazy("For example the number of the State Council notice."))

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.days: list = []

    def clean_schedule(self):
        text = self.cleaned_data["schedule"]
        try:
            self.days = parse_schedule(text, self.year)
        except ScheduleError as exc:
            raise forms.ValidationError([
                (_("Line %(line)d: %(problem)s") % {"line": line, "problem": problem}) if line else problem
                for line, problem in exc.problems]) from None
        return text


def _require_admin(user) -> None:
    if not (user.is_superuser or getattr(user, "role", "") == "admin"):
        raise PermissionDenied(_("Only administrators may edit the holiday calendar."))


@login_required
def calendar_year(request, year: int | None = None):
    _require_admin(request.user)
    if year is None:
        year = timezone.localdate().year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    if request.method == "POST":
        form = ScheduleForm(request.POST, year=year)
        if form.is_valid():
            changed = set_year_schedule(year, form.days, source="admin", note=form.cleaned_data["note"])
            messages.success(request, ngettext(
                "The %(year)d schedule is saved (%(days)d days); %(n)d open clock was recomputed.",
                "The %(year)d schedule is saved (%(days)d days); %(n)d open clocks were recomputed.",
                changed) % {"year": year, "days": len(form.days), "n": changed})
            return redirect("staff:calendar_year", year=year)
        form.fields["schedule"].widget.attrs["autofocus"] = True  # scrolls the problems into view
    else:
        known = CalendarYear.objects.filter(year=year).first()
        form = ScheduleForm(year=year, initial={
            "schedule": format_schedule(schedule_of(year)),
            "note": known.published_note if known else "",
        })
    known_years = list(CalendarYear.objects.values_list("year", flat=True))
    context = {
        "grid": year_grid(get_calendar(), year),
        "form": form,
        "nav": "calendar",
        "year": year,
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
        "known_range": (min(known_years), max(known_years)) if known_years else None,
        "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
    }
    return render(request, "staff/calendar.html", context)
