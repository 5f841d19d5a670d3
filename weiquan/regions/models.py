"""Administrative divisions (GB/T 2260) with their history, and development zones."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    class Level(models.IntegerChoices):
        PROVINCE = 1, _("province")
        CITY = 2, _("city")
        COUNTY = 3, _("county")

    code = models.CharField(_("division code"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    short_name = models.CharField(_("short name"), max_length=32, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    valid_from = models.PositiveSmallIntegerField(_("first year in use"), null=True, blank=True)
    valid_to = models.PositiveSmallIntegerField(_("last year in use"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="predecessors",
        help_text=_("for an abolished code: the division that took it over"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        indexes = [models.Index(fields=["name"]), models.Index(fields=["parent", "valid_to"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def current(self) -> Region:
        """This region, or the one that took it over when the code was abolished."""
        region, hops = self, 0
        while region.successor_id and region.valid_to is not None and hops < 10:
            region, hops = region.successor, hops + 1
        return region


class DevelopmentZone(models.Model):
    """A development or high-tech zone: no division code of its own, but a bureau of its own."""

    code = models.CharField(_("zone code"), max_length=16, primary_key=True)
    name = models.CharField(_("name"), max_length=64, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="zones",
                               help_text=_("the county the zone lies in"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("development zone")
        verbose_name_plural = _("development zones")

    def __str__(self) -> str:
        return self.name
