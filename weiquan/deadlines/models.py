"""The holiday calendar and the clocks that hold every bureau to its time limits."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """A year whose State Council holiday schedule is known (entered or imported)."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    source = models.CharField(_("source"), max_length=32, default="chinesecalendar")
    published_note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")

    def __str__(self) -> str:
        return str(self.year)


class HolidayDay(models.Model):
    """A day that differs from the Monday-to-Friday rule: a holiday on a weekday or a make-up weekend."""

    date = models.DateField(_("date"), primary_key=True)
    is_working_day = models.BooleanField(_("working day"))
    name = models.CharField(_("name"), max_length=32, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday or make-up day")
        verbose_name_plural = _("holidays and make-up days")

    def __str__(self) -> str:
        return f"{self.date} {'working' if self.is_working_day else 'rest'} {self.name}"


class Clock(models.Model):
    class Kind(models.TextChoices):
        ACCEPTANCE = "acceptance", _("acceptance decision")
        MEDIATION = "mediation", _("mediation")
        NOTIFICATION = "notification", _("termination notice")
        VERIFICATION = "verification", _("report verification")
        JURISDICTION = "jurisdiction", _("jurisdiction dispute")
        ANSWER = "answer", _("answer")
        ODR = "odr", _("ODR negotiation")
        SUPERVISION = "supervision", _("supervision order")
        HOTLINE = "hotline", _("12345 limit")
        REPORTER_NOTICE = "reporter_notice", _("telling the reporter")

    class State(models.TextChoices):
        RUNNING = "running", _("running")
        PAUSED = "paused", _("paused")
        MET = "met", _("met")
        BREACHED = "breached", _("breached")
        CANCELLED = "cancelled", _("cancelled")

    # case and org: looked up through the indexes below, which lead with them
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="clocks", db_index=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    unit = models.CharField(max_length=2, choices=[("wd", _("working days")), ("d", _("days"))])
    length = models.PositiveSmallIntegerField(_("length"))
    extra_working_days = models.PositiveSmallIntegerField(default=0, help_text=_("approved extension"))
    start = models.DateField(_("start"))
    due = models.DateField(_("due"))
    provisional = models.BooleanField(_("provisional"), default=False,
                                      help_text=_("computed beyond the known holiday calendar"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.RUNNING)
    paused_on = models.DateField(null=True, blank=True)
    # Closed pauses as [["YYYY-MM-DD", "YYYY-MM-DD"], …]; their days do not count (Art. 22).
    pauses = models.JSONField(default=list, blank=True)
    stopped_on = models.DateField(null=True, blank=True)
    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False,
                            help_text=_("the organisation this limit binds"))

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("clock")
        verbose_name_plural = _("clocks")
        indexes = [
            models.Index(fields=["state", "due"], name="clock_open_due"),
            models.Index(fields=["org", "state", "due"], name="clock_org_state_due"),
            # a case's earliest running due date, on every action: one index range, statistics or not
            models.Index(fields=["case", "state", "due"], name="clock_case_state_due"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}→{self.due} ({self.state})"

    @property
    def is_open(self) -> bool:
        return self.state in (self.State.RUNNING, self.State.PAUSED)
