"""Organisations (bureaus, field offices, departments, ODR enterprises…), users, roles and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weiquan.regions.models import DevelopmentZone, Region


class Organisation(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("provincial bureau")
        CENTRE = "centre", _("12315 centre")
        CITY = "city", _("city bureau")
        COUNTY = "county", _("county bureau")
        FIELD_OFFICE = "field_office", _("field office")
        DEPARTMENT = "department", _("department")
        ASSOCIATION = "association", _("consumer association")
        ODR = "odr", _("ODR enterprise")
        STATION = "station", _("service station")
        INTEGRATION = "integration", _("integration")

    HANDLING_KINDS = (Kind.PROVINCE, Kind.CITY, Kind.COUNTY, Kind.FIELD_OFFICE, Kind.CENTRE)

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=128)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Materialised path of ids ("/1/4/17/"): a subtree is one indexed prefix match.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    jurisdiction = models.ManyToManyField(Region, blank=True, related_name="competent_orgs",
                                          verbose_name=_("regions in its jurisdiction"))
    zones = models.ManyToManyField(DevelopmentZone, blank=True, related_name="competent_orgs",
                                   verbose_name=_("development zones in its jurisdiction"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        expected = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
        if self.path != expected:
            old = self.path
            self.path = expected
            type(self).objects.filter(pk=self.pk).update(path=expected)
            if old:  # re-parented: move the whole subtree
                for child in type(self).objects.filter(path__startswith=old).exclude(pk=self.pk):
                    child.path = expected + child.path[len(old):]
                    type(self).objects.filter(pk=child.pk).update(path=child.path)

    @property
    def region_code(self) -> str:
        return self.region_id or ""

    def subtree(self):
        return type(self).objects.filter(path__startswith=self.path)

    def is_within(self, other: Organisation) -> bool:
        return self.path.startswith(other.path)


class User(AbstractUser):
    class Role(models.TextChoices):
        CLERK = "clerk", _("intake clerk")
        HANDLER = "handler", _("handler")
        SUPERVISOR = "supervisor", _("supervisor")
        ANALYST = "analyst", _("analyst")
        ADMIN = "admin", _("administrator")
        ODR = "odr", _("ODR enterprise staff")
        INTEGRATION = "integration", _("integration")

    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="users", verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.HANDLER)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def roles(self) -> frozenset[str]:
        return frozenset({"admin"} if self.is_superuser else {self.role})

    @property
    def sees_personal_data(self) -> bool:
        """Clerks and handlers need the parties' contact data; analysts and others see it masked."""
        return self.is_superuser or self.role in {self.Role.CLERK, self.Role.HANDLER, self.Role.SUPERVISOR,
                                                  self.Role.ADMIN}


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token; only its hash is stored. The raw value is shown once, when issued."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=64, default="default")
    prefix = models.CharField(max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} · {self.prefix}…"

    @classmethod
    def issue(cls, user: User, name: str = "default") -> tuple[ApiToken, str]:
        raw = "wq_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw[:8], digest=hash_token(raw))
        return token, raw

    @classmethod
    def authenticate(cls, raw: str) -> User | None:
        token = cls.objects.select_related("user__organisation").filter(
            digest=hash_token(raw), revoked=False, user__is_active=True).first()
        if token is None:
            return None
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user
