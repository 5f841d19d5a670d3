from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from weiquan.lib import workflow


class Case(models.Model):
    class Kind(models.TextChoices):
        COMPLAINT = workflow.COMPLAINT, _("complaint")
        REPORT = workflow.REPORT, _("report")
        CONSULTATION = workflow.CONSULTATION, _("consultation")

    class Channel(models.TextChoices):
        PHONE = "phone", _("12315 hotline")
        LETTER = "letter", _("letter")
        VISIT = "visit", _("visit")
        WEB = "web", _("web / app")
        HOTLINE_12345 = "12345", _("12345 transfer")
        DEPARTMENT = "department", _("department hand-over")
        STATION = "station", _("service station")
        IMPORT = "import", _("import")

    class State(models.TextChoices):
        RECEIVED = workflow.RECEIVED, _("received")
        ROUTED = workflow.ROUTED, _("awaiting decision")
        ACCEPTED = workflow.ACCEPTED, _("accepted")
        MEDIATING = workflow.MEDIATING, _("mediating")
        PAUSED = workflow.PAUSED, _("paused for testing")
        SUSPENDED = workflow.SUSPENDED, _("mediation suspended (recusal)")
        SETTLED = workflow.SETTLED, _("settled")
        TERMINATED = workflow.TERMINATED, _("mediation terminated")
        NOT_ACCEPTED = workflow.NOT_ACCEPTED, _("not accepted")
        WITHDRAWN = workflow.WITHDRAWN, _("withdrawn")
        VERIFYING = workflow.VERIFYING, _("verifying")
        FILED = workflow.FILED, _("case filed")
        NOT_FILED = workflow.NOT_FILED, _("not filed")
        ANSWERED = workflow.ANSWERED, _("answered")
        CLOSED = workflow.CLOSED, _("closed")

    class RuleVersion(models.TextChoices):
        ORDER_121 = workflow.ORDER_121, _("SAMR Order No. 121 (from 2026-04-15)")
        ORDER_20 = workflow.ORDER_20, _("SAMR Order No. 20 (before 2026-04-15)")

    number = models.CharField(_("case number"), max_length=20)  # unique: Meta.constraints
    query_code = models.CharField(_("query code"), max_length=12, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    received_at = models.DateTimeField(_("received at"))
    received_on = models.DateField(_("date received"))  # local (Asia/Shanghai) date: legal periods count from it
    rule_version = models.CharField(_("rule version"), max_length=10, choices=RuleVersion.choices)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.RECEIVED)

    # the person (complainant, reporter or enquirer); an agent when one acts for them (Art. 11)
    complainant_name = models.CharField(_("name"), max_length=100, blank=True)
    complainant_phone = models.CharField(_("phone"), max_length=20, blank=True)
    complainant_address = models.CharField(_("address"), max_length=300, blank=True)
    complainant_id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    agent_name = models.CharField(_("agent"), max_length=100, blank=True)
    confidential = models.BooleanField(_("reporter's identity confidential"), default=False)

    # the business (snapshot as given; `business` links the register entry when known)
    business = models.ForeignKey("cases.Business", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="cases")
    business_name = models.CharField(_("business"), max_length=200, blank=True)
    # the name from its 字号 on, for searches by the part people remember (regions.names.business_short_name)
    business_short_name = models.CharField(_("business name without its divisions"), max_length=200, blank=True,
                                           default="", editable=False)
    business_uscc = models.CharField(_("USCC"), max_length=18, blank=True)
    business_address = models.CharField(_("business address"), max_length=300, blank=True)
    # Bought from a seller on an e-commerce platform (Art. 13, 31): the platform and its operator's domicile,
    # competent when the seller shows no usable address of its own.
    platform_name = models.CharField(_("platform"), max_length=100, blank=True)
    platform_address = models.CharField(_("platform's domicile"), max_length=300, blank=True)
    business_region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", db_index=False)  # a partial index (Meta)

    category = models.CharField(_("category"), max_length=64, blank=True)
    problem = models.CharField(_("problem type"), max_length=32, blank=True)
    request = models.CharField(_("request"), max_length=100, blank=True)
    amount = models.DecimalField(_("amount involved"), max_digits=14, decimal_places=2, null=True, blank=True)
    description = models.TextField(_("description"))

    # both looked up through the indexes of Meta, which lead with them
    intake_org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="registered_cases",
                                   db_index=False)
    handling_org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="handled_cases",
                                     db_index=False)

    outcome = models.CharField(_("ground / outcome"), max_length=32, blank=True)
    outcome_note = models.TextField(_("outcome note"), blank=True)
    amount_recovered = models.DecimalField(_("money recovered"), max_digits=14, decimal_places=2, default=0)
    enforcement_ref = models.CharField(_("enforcement case"), max_length=64, blank=True)
    police_referral = models.CharField(_("referred to the police"), max_length=200, blank=True)  # Art. 42
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)

    split_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="split_cases", db_index=False)  # partial index below
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="duplicates", db_index=False)  # partial index below

    next_due = models.DateField(null=True, blank=True)  # earliest open clock: "my work" sorts on it
    accepted_on = models.DateField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", db_index=False)  # partial index below
    last_event_hash = models.CharField(max_length=64, blank=True)
    event_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            # "my work": open cases of a subtree by state, sorted by due date
            models.Index(fields=["handling_org", "state", "next_due"], name="case_org_state_due"),
            models.Index(fields=["intake_org", "state", "next_due"], name="case_intake_state_due"),
            models.Index(fields=["handling_org", "id"], name="case_org_id"),
            models.Index(fields=["intake_org", "id"], name="case_intake_id"),
            models.Index(fields=["complainant_phone"], name="case_phone"),
            # prefix search (LIKE 'x%'): PostgreSQL needs the pattern operator class under a non-C collation
            models.Index(fields=["business_name"], name="case_business_name_prefix",
                         opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["business_short_name"], name="case_business_short_prefix",
                         opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["received_on"], name="case_received_on"),
            # looked up by value only, and empty on most cases (imports and the public site have no
            # registering user): partial indexes cost nothing for the cases they leave out
            models.Index(fields=["split_from"], name="case_split_from", condition=Q(split_from__isnull=False)),
            models.Index(fields=["duplicate_of"], name="case_duplicate_of", condition=Q(duplicate_of__isnull=False)),
            models.Index(fields=["created_by"], name="case_created_by", condition=Q(created_by__isnull=False)),
            models.Index(fields=["business_region"], name="case_business_region",
                         condition=Q(business_region__isnull=False)),
        ]
        # a constraint rather than unique=True: the number is looked up whole, and on PostgreSQL unique=True
        # also builds a second, pattern-operator index that nothing reads
        constraints = [models.UniqueConstraint(fields=["number"], name="case_number_unique")]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.state != workflow.CLOSED
