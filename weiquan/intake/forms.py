"""Forms of the intake doors. Field names are those of IntakeData, so service errors land on their fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from weiquan.cases.models import Case


def _dt():
    return forms.DateTimeField(
        label=_("received at"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"])


class PartyFields(forms.Form):
    complainant_name = forms.CharField(label=_("name"), required=False, max_length=100)
    complainant_phone = forms.CharField(label=_("phone"), required=False, max_length=30,
                                        widget=forms.TextInput(attrs={"inputmode": "tel"}))
    complainant_address = forms.CharField(label=_("address"), required=False, max_length=300)
    business_name = forms.CharField(label=_("business"), required=False, max_length=200)
    business_address = forms.CharField(label=_("business address"), required=False, max_length=300)
    business_uscc = forms.CharField(label=_("USCC"), required=False, max_length=30)
    request = forms.CharField(label=_("request"), required=False, max_length=100)
    amount = forms.DecimalField(label=_("amount involved"), required=False, min_value=0, max_digits=14,
                                decimal_places=2)
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 5}),
                                  max_length=20_000)


class HandoverForm(PartyFields):
    kind = forms.ChoiceField(label=_("kind"), choices=Case.Kind.choices, widget=forms.RadioSelect,
                             initial="complaint")
    received_at = _dt()
    confidential = forms.BooleanField(label=_("reporter's identity confidential"), required=False)

    field_order = ["kind", "received_at", "complainant_name", "complainant_phone", "complainant_address",
                   "confidential", "business_name", "business_address", "business_uscc", "request", "amount",
                   "description"]


class StationForm(PartyFields):
    received_at = _dt()
    amount_recovered = forms.DecimalField(label=_("money recovered"), min_value=0, max_digits=14,
                                          decimal_places=2)
    note = forms.CharField(label=_("settlement"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("What the parties agreed (refund, exchange, repair…)."))

    field_order = ["received_at", "complainant_name", "complainant_phone", "complainant_address",
                   "business_name", "business_address", "business_uscc", "request", "amount", "description",
                   "amount_recovered", "note"]


class ExportForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", "—"), *Case.Kind.choices])
    state = forms.ChoiceField(label=_("state"), required=False, choices=[("", "—"), *Case.State.choices])
    org = forms.CharField(label=_("handling organisation (code)"), required=False, max_length=32)
    date_from = forms.DateField(label=_("received from"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("received to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    personal = forms.BooleanField(label=_("with personal data"), required=False)
