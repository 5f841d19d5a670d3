from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class TriageGroup(models.Model):
    """A group complaint (群体投诉, Art. 12): many complainants, one business, the same issue, within days.
    Its cases are handled jointly; the consumers may elect representatives."""

    business_key = models.BigIntegerField()
    business_name = models.CharField(_("business"), max_length=200)
    issue = models.CharField(_("issue"), max_length=32)  # problem type code
    opened_on = models.DateField(_("first case received"))
    last_on = models.DateField(_("last case received"))
    size = models.PositiveIntegerField(_("cases"), default=0)
    complainants = models.PositiveIntegerField(_("complainants"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group complaint")
        verbose_name_plural = _("group complaints")
        indexes = [models.Index(fields=["business_key", "issue", "last_on"], name="triage_group_lookup")]

    def __str__(self) -> str:
        return f"{self.business_name} · {self.issue} · {self.size}"


class Triage(models.Model):
    """What triage suggested for one case, with confidences and reasons. Suggestions only: the case
    changes when a clerk confirms or corrects (see `services.confirm_triage`)."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="triage", primary_key=True)
    kind = models.CharField(max_length=16, blank=True)
    kind_confidence = models.FloatField(default=0)
    category = models.CharField(max_length=64, blank=True)  # taxonomy code
    category_confidence = models.FloatField(default=0)
    problem = models.CharField(max_length=32, blank=True)
    problem_confidence = models.FloatField(default=0)
    request = models.CharField(max_length=32, blank=True)
    request_confidence = models.FloatField(default=0)
    reasons = models.JSONField(default=dict, blank=True)  # field → [keywords or model]
    mixed = models.BooleanField(default=False)  # complaint and report in one: split (Art. 9)
    out_of_scope = models.CharField(max_length=32, blank=True)  # taxonomy.OUT_OF_SCOPE code
    tags = models.JSONField(default=list, blank=True)
    model_label = models.CharField(max_length=100, blank=True)

    region_code = models.CharField(max_length=12, blank=True)
    org_code = models.CharField(max_length=32, blank=True)
    zone_code = models.CharField(max_length=32, blank=True)
    routing_candidates = models.JSONField(default=list, blank=True)
    routing_matched = models.JSONField(default=list, blank=True)
    routing_basis = models.CharField(max_length=32, blank=True)  # weiquan.lib.jurisdiction: whose address decided
    routing_alternatives = models.JSONField(default=list, blank=True)  # other competent bureaus (platform's)
    auto_routed = models.BooleanField(default=False)

    duplicates = models.JSONField(default=list, blank=True)  # [{case_id, number, similarity, reasons}]
    group = models.ForeignKey(TriageGroup, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="triages", db_index=False)  # few cases have one: a partial index
    signals = models.JSONField(default=list, blank=True)  # [{code, reasons}]: shown, never acted on
    # compared with other cases (duplicates, group, professional-claimant signals)? Not for a case already
    # closed when triaged (an imported history): those findings inform a decision that has been taken
    compared = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("triage")
        verbose_name_plural = _("triages")
        indexes = [models.Index(fields=["group"], name="triage_group_member", condition=models.Q(group__isnull=False))]

    def __str__(self) -> str:
        return f"triage of case {self.case_id}"


class Signature(models.Model):
    """The keys a new case is checked against: hashed identities (never the phone or name in clear), the
    business, the suggested issue and the text's MinHash. One row per case; no foreign-key constraint so
    the index can be rebuilt or bulk-loaded on its own."""

    case = models.OneToOneField("cases.Case", on_delete=models.DO_NOTHING, db_constraint=False,
                                related_name="+", primary_key=True)
    received_on = models.DateField()
    phone_key = models.BigIntegerField(null=True)
    person_key = models.BigIntegerField(null=True)  # name + address
    address_key = models.BigIntegerField(null=True)  # the complainant's address alone
    business_key = models.BigIntegerField(null=True)  # normalised business name
    uscc = models.CharField(max_length=18, blank=True)
    problem = models.CharField(max_length=32, blank=True)
    category = models.CharField(max_length=64, blank=True)
    minhash = models.BinaryField()

    class Meta:
        indexes = [
            models.Index(fields=["phone_key", "received_on"], name="triage_sig_phone"),
            models.Index(fields=["person_key", "received_on"], name="triage_sig_person"),
            models.Index(fields=["address_key", "received_on"], name="triage_sig_address"),
            models.Index(fields=["business_key", "received_on"], name="triage_sig_business"),
            # most cases carry no credit code: the look-up asks for uscc > '' (index._rows_by) to use it
            models.Index(fields=["uscc", "received_on"], name="triage_sig_uscc_given", condition=Q(uscc__gt="")),
        ]

    def __str__(self) -> str:
        return f"signature of case {self.case_id}"


class TextBand(models.Model):
    """LSH band keys of a case's text within its business: band key → cases, so similar texts about the same
    business are found by an indexed lookup. The primary key is the only index, and it is the look-up's
    (key, then the date window); the case comes last so the look-up reads it from the index alone. Rows
    of given cases are found through their keys (`index.forget`), not by case."""

    pk = models.CompositePrimaryKey("key", "received_on", "case")
    key = models.BigIntegerField()
    received_on = models.DateField()
    case = models.ForeignKey("cases.Case", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False,
                             related_name="+")

    def __str__(self) -> str:
        return f"band {self.key} of case {self.case_id}"


class Feedback(models.Model):
    """A clerk confirmed or corrected one suggestion: the training data of `weiquan classifier train`."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="triage_feedback")
    field = models.CharField(max_length=16)
    suggested = models.CharField(max_length=64, blank=True)  # taxonomy code suggested, "" when none
    value = models.CharField(max_length=64)  # taxonomy code chosen
    confirmed = models.BooleanField()  # True: the suggestion was right; False: corrected
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["field", "at"], name="triage_feedback_field")]

    def __str__(self) -> str:
        return f"{self.field}={self.value} on case {self.case_id}"


class PendingTriage(models.Model):
    """A registered case waiting for its triage, written in the registration's own transaction (so no
    case is ever forgotten) and deleted when the worker has triaged it (see `weiquan.triage.queue`)."""

    # no constraint: a queue entry, gone with its case (the ORM cascades), and a drain skips a case that is
    # gone — so an import's batch does not check a thousand references more at its commit
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="+",
                                db_constraint=False)
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case waiting for triage")
        verbose_name_plural = _("cases waiting for triage")

    def __str__(self) -> str:
        return f"case {self.case_id} waiting for triage"
