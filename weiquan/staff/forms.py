"""Forms of the workbench. They parse and render; the rules are checked by the services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weiquan.cases.models import Case
from weiquan.lib import workflow
from weiquan.orgs.models import Organisation
from weiquan.regions.models import Region

from . import labels

ROUTABLE_KINDS = (Organisation.Kind.CITY, Organisation.Kind.COUNTY, Organisation.Kind.FIELD_OFFICE)


def grouped_org_choices(orgs) -> list:
    """Bureaus and field offices grouped by their city: [(city name, [(code, name), …]), …]."""
    cities = {o.pk: o for o in Organisation.objects.filter(kind=Organisation.Kind.CITY).select_related("region")}
    groups: dict[int, list] = {}
    loose: list = []
    for org in sorted(orgs, key=lambda o: o.code):
        ids = [int(i) for i in org.path.strip("/").split("/") if i]
        city_id = next((i for i in ids if i in cities), None)
        if city_id is None:
            loose.append((org.code, org.name))
        else:
            groups.setdefault(city_id, []).append((org.code, org.name))
    out = list(loose)
    for city_id, items in sorted(groups.items(), key=lambda kv: cities[kv[0]].code):
        city = cities[city_id]
        out.append((city.region.name if city.region_id else city.name, items))
    return out


def route_choices() -> list:
    return grouped_org_choices(Organisation.objects.filter(active=True, kind__in=ROUTABLE_KINDS))


def transfer_choices(user, case) -> list:
    qs = Organisation.objects.filter(active=True, kind__in=Organisation.HANDLING_KINDS).exclude(pk=case.handling_org_id)
    if not user.is_superuser and user.organisation_id:
        qs = qs.filter(path__startswith=user.organisation.path)
    return grouped_org_choices(qs)


def region_choices() -> list:
    prefix = settings.WEIQUAN_PROVINCE_CODE[:2]
    cities = Region.objects.filter(code__startswith=prefix, level=Region.Level.CITY, valid_to__isnull=True)
    counties = Region.objects.filter(code__startswith=prefix, level=Region.Level.COUNTY, valid_to__isnull=True)
    by_city: dict[str, list] = {c.code: [] for c in cities}
    for county in counties.order_by("code"):
        by_city.setdefault(county.parent_id, []).append((county.code, f"{county.name} {county.code}"))
    names = {c.code: c.name for c in cities}
    return [(f"{names[code]}", items) for code, items in sorted(by_city.items()) if code in names and items]


def now_local_input() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class IntakeForm(forms.Form):
    """Field names are those of `IntakeData`, so the service's errors land next to their fields."""

    kind = forms.ChoiceField(label=_("kind"), choices=Case.Kind.choices, initial=workflow.COMPLAINT,
                             widget=forms.RadioSelect)
    channel = forms.ChoiceField(label=_("channel"), widget=forms.RadioSelect, initial="phone",
                                choices=[c for c in Case.Channel.choices if c[0] in labels.INTAKE_CHANNELS])
    received_at = forms.DateTimeField(
        label=_("received at"), required=False,
        help_text=_("Letters may have arrived earlier; leave as is for a call or visit now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"])
    complainant_name = forms.CharField(label=_("name"), required=False, max_length=100)
    complainant_phone = forms.CharField(label=_("phone"), required=False, max_length=30,
                                        widget=forms.TextInput(attrs={"inputmode": "tel"}))
    complainant_address = forms.CharField(label=_("address"), required=False, max_length=300)
    complainant_id_number = forms.CharField(label=_("ID number"), required=False, max_length=18)
    agent_name = forms.CharField(label=_("agent"), required=False, max_length=100,
                                 help_text=_("Only when someone acts for the complainant (power of attorney, Art. 11)."))
    confidential = forms.BooleanField(label=_("reporter's identity confidential"), required=False)
    business_name = forms.CharField(label=_("business"), required=False, max_length=200)
    business_uscc = forms.CharField(label=_("USCC"), required=False, max_length=30,
                                    help_text=_("18 characters; the last one is a check digit."))
    business_address = forms.CharField(label=_("business address"), required=False, max_length=300)
    business_region_code = forms.ChoiceField(label=_("division"), required=False)
    platform_name = forms.CharField(label=_("platform"), required=False, max_length=100,
                                    help_text=_("When bought from a seller on an e-commerce platform."))
    platform_address = forms.CharField(label=_("platform's domicile"), required=False, max_length=300,
                                       help_text=_("Competent when the seller shows no address (Art. 13, 31)."))
    request = forms.CharField(label=_("request"), required=False, max_length=100,
                              widget=forms.TextInput(attrs={"list": "request-options"}))
    amount = forms.DecimalField(label=_("amount involved (yuan)"), required=False, min_value=0,
                                max_digits=14, decimal_places=2)
    category = forms.CharField(label=_("category"), required=False, max_length=64,
                               widget=forms.TextInput(attrs={"list": "category-options"}))
    problem = forms.ChoiceField(label=_("problem type"), required=False)
    description = forms.CharField(label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    route_to = forms.ChoiceField(label=_("route to"), required=False,
                                 help_text=_("Leave empty to keep the case at intake."))

    # Art. 10: what a complaint must state (the service enforces it; the form marks it)
    COMPLAINT_REQUIRED = ("complainant_name", "complainant_phone", "complainant_address", "business_name",
                          "business_address", "request", "description")

    SECTIONS = {
        "case": ("kind", "channel", "received_at"),
        "person": ("complainant_name", "complainant_phone", "complainant_address", "complainant_id_number",
                   "agent_name", "confidential"),
        "business": ("business_name", "business_uscc", "business_address", "business_region_code", "platform_name",
                     "platform_address"),
        "matter": ("request", "amount", "category", "problem", "description"),
        "routing": ("route_to",),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem"].choices = [("", "—")] + [(v, str(lbl)) for v, lbl in labels.PROBLEM_TYPES]
        self.fields["route_to"].choices = [("", _("— keep at intake —"))] + route_choices()
        self.fields["business_region_code"].choices = [("", "—")] + region_choices()
        if not self.is_bound:
            self.initial.setdefault("received_at", now_local_input())

    def section(self, name: str):
        fields = [self[f] for f in self.SECTIONS[name]]
        for field in fields:
            field.required_for_complaint = field.name in self.COMPLAINT_REQUIRED
        return fields

    @property
    def case_fields(self):
        return self.section("case")

    @property
    def person_fields(self):
        return self.section("person")

    @property
    def business_fields(self):
        return self.section("business")

    @property
    def matter_fields(self):
        return self.section("matter")

    @property
    def routing_fields(self):
        return self.section("routing")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("number, phone or business"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _(
                            "case number, phone, or the business's name or trade name")}))
    kind = forms.ChoiceField(label=_("kind"), required=False)
    state = forms.ChoiceField(label=_("state"), required=False)
    org = forms.ChoiceField(label=_("handling organisation"), required=False)
    overdue = forms.BooleanField(label=_("overdue only"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = Organisation.objects.filter(kind__in=Organisation.HANDLING_KINDS)
        if user is not None and not user.is_superuser:
            orgs = orgs.filter(path__startswith=user.organisation.path) if user.organisation_id else orgs.none()
        self.fields["org"].choices = [("", _("all organisations"))] + grouped_org_choices(orgs)
        self.fields["kind"].choices = [("", _("all kinds"))] + list(Case.Kind.choices)
        self.fields["state"].choices = [("", _("all states"))] + list(Case.State.choices)
