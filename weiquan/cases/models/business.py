from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from weiquan.regions.models import Region


class Business(models.Model):
    """A business complained about or reported (被投诉/被举报主体)."""

    name = models.CharField(_("name"), max_length=200)
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True, default="")
    address = models.CharField(_("address"), max_length=300, blank=True)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_platform = models.BooleanField(_("e-commerce platform"), default=False)
    platform = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="sellers", verbose_name=_("sells on platform"))
    odr_org = models.OneToOneField("orgs.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="business", verbose_name=_("ODR account"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("business")
        verbose_name_plural = _("businesses")
        indexes = [models.Index(fields=["name"]), models.Index(fields=["uscc"])]
        constraints = [models.UniqueConstraint(fields=["uscc"], condition=~models.Q(uscc=""),
                                               name="business_uscc_unique")]

    def __str__(self) -> str:
        return self.name
