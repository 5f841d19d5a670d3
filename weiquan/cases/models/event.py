from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from weiquan.lib import hashchain


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk changes are refused too; only raw SQL can touch a stored event (and `verify-events` sees it)."""

    def update(self, **kwargs):
        raise AppendOnlyError("case events are append-only")

    def delete(self):
        raise AppendOnlyError("case events are append-only")


class CaseEvent(models.Model):
    """One step of a case's timeline. Append-only and hash-chained per case."""

    # looked up through the (case, seq) constraint's index: no index of its own
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="events", db_index=False)
    seq = models.PositiveIntegerField()
    at = models.DateTimeField(_("time"))
    # system events (imports, sweeps, triage) have neither: partial indexes (Meta) leave them out
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", db_index=False)
    actor_label = models.CharField(max_length=150, blank=True)
    org = models.ForeignKey("orgs.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="+", db_index=False)
    action = models.CharField(_("action"), max_length=32)
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["case_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="case_event_seq_unique")]
        indexes = [models.Index(fields=["actor"], name="case_event_actor", condition=Q(actor__isnull=False)),
                   models.Index(fields=["org"], name="case_event_org", condition=Q(org__isnull=False))]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("case events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("case events are append-only")

    def content(self, number: str) -> dict:
        """What the hash covers."""
        return {
            "case": number, "seq": self.seq, "at": self.at.isoformat(), "actor": self.actor_label,
            "org": self.org_id, "action": self.action, "from": self.from_state, "to": self.to_state,
            "payload": self.payload,
        }

    def seal(self, number: str, prev_hash: str) -> None:
        self.prev_hash = prev_hash
        self.hash = hashchain.link(prev_hash, self.content(number))
