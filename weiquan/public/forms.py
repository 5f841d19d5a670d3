"""Forms of the public site. They only parse and label; the rules are in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import REQUESTS

REQUEST_LABELS = {"退货": _("Return the goods"), "换货": _("Exchange the goods"), "维修": _("Repair"),
                  "退款": _("Refund"), "退费": _("Refund of fees paid in advance"), "赔偿": _("Compensation"), "其他": _("Something else (say it below)")}


class SubmissionForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=100, required=False)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    sms_code = forms.CharField(label=_("Verification code"), max_length=6, required=False,
                               widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                                             "maxlength": "6"}))
    address = forms.CharField(label=_("Your address"), max_length=300, required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "street-address"}))
    confidential = forms.BooleanField(label=_("Keep my identity confidential"), required=False)
    business_name = forms.CharField(label=_("Name of the business"), max_length=200, required=False,
                                    widget=forms.TextInput(attrs={"autocomplete": "off",
                                                                  "list": "business-suggestions"}))
    business_address = forms.CharField(label=_("Address of the business (or its shop on a platform)"),
                                       max_length=300, required=False)
    platform_name = forms.CharField(label=_("Online platform where you bought"), max_length=100, required=False)
    platform_address = forms.CharField(label=_("Address of the platform's operator"), max_length=300,
                                       required=False)
    description = forms.CharField(label=_("What happened"), max_length=20000,
                                  widget=forms.Textarea(attrs={"rows": 6}))
    request = forms.ChoiceField(label=_("What you ask for"), required=False,
                                choices=[("", "—")] + [(r, REQUEST_LABELS[r]) for r in REQUESTS])
    amount = forms.DecimalField(label=_("Amount involved (yuan)"), required=False, min_value=0,
                                max_digits=14, decimal_places=2,
                                widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}))
    mixed = forms.BooleanField(label=_("My submission also reports a violation of the law by the business"),
                               required=False)
    privacy_ack = forms.BooleanField(label=_("I have read how my personal data is used"), required=True,
                                     error_messages={"required": _("Please read and acknowledge the notice "
                                                                   "on personal data.")})
    website = forms.CharField(required=False, label="Website")  # honeypot: people never see it

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Case number"), max_length=40,
                             widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}))
    query_code = forms.CharField(label=_("Query code"), max_length=40,
                                 widget=forms.TextInput(attrs={"autocomplete": "off",
                                                               "autocapitalize": "characters"}))


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("Your rating"), coerce=int,
                                    choices=[(i, str(i)) for i in range(5, 0, -1)], widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
