"""What the public site keeps beside the case: attachments and phone verifications."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Attachment(models.Model):
    """A file a consumer sent with a submission. The bytes live under WEIQUAN_DATA_DIR/attachments,
    outside the web root, named by a random key; they are served only through a view that checks
    the viewer may see the case."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="attachments")
    key = models.CharField(max_length=64, unique=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class PhoneVerification(models.Model):
    """A 6-digit code sent to a phone; only its hash is kept. Expires, and allows a few attempts."""

    phone = models.CharField(max_length=20, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["phone", "created_at"], name="phone_verif_recent")]

    def __str__(self) -> str:
        return f"{self.phone[:3]}****"
