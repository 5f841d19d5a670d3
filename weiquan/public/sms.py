"""Verification of a phone number by a 6-digit code sent by SMS, through a pluggable backend.

`WEIQUAN_SMS_BACKEND` names the backend class (dotted path); the default console backend writes the
message to the log and to standard output, `LocmemBackend` keeps it in `outbox` for tests. A backend
only needs `send(phone, message)`. Codes are stored hashed, expire after `WEIQUAN_SMS_CODE_TTL`
seconds and allow `WEIQUAN_SMS_MAX_ATTEMPTS` wrong guesses; a phone gets at most
`WEIQUAN_SMS_MAX_PER_HOUR` codes an hour.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from weiquan.cases.services.errors import InvalidInput
from weiquan.lib import phones

from .models import PhoneVerification

logger = logging.getLogger(__name__)


class ConsoleBackend:
    def send(self, phone: str, message: str) -> None:
        logger.warning("SMS to %s: %s", phone, message)
        print(f"[weiquan SMS] to {phone}: {message}", flush=True)


class LocmemBackend:
    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, message: str) -> None:
        type(self).outbox.append((phone, message))


def backend():
    path = getattr(settings, "WEIQUAN_SMS_BACKEND", "weiquan.public.sms.ConsoleBackend")
    return import_string(path)()


def required_on_web() -> bool:
    return getattr(settings, "WEIQUAN_SMS_VERIFICATION", True)


def required_on_api() -> bool:
    return getattr(settings, "WEIQUAN_SMS_VERIFICATION_API", False)


def _ttl() -> int:
    return int(getattr(settings, "WEIQUAN_SMS_CODE_TTL", 600))


def _hash(phone: str, code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{phone}:{code}".encode(), hashlib.sha256).hexdigest()


def _valid_phone(raw: str) -> str:
    phone = phones.normalise(raw or "")
    if not phones.MOBILE.match(phone):
        raise InvalidInput({"phone": _("Enter a mobile phone number of 11 digits to receive the code.")})
    return phone


def send_code(raw_phone: str) -> PhoneVerification:
    """Send a new code to a mobile phone. InvalidInput for a bad number or too many codes."""
    phone = _valid_phone(raw_phone)
    now = timezone.now()
    per_hour = int(getattr(settings, "WEIQUAN_SMS_MAX_PER_HOUR", 5))
    if PhoneVerification.objects.filter(phone=phone, created_at__gte=now - timedelta(hours=1)).count() >= per_hour:
        raise InvalidInput({"phone": _("Too many codes were sent to this number. Try again in an hour.")})
    code = f"{secrets.randbelow(1_000_000):06d}"
    verification = PhoneVerification.objects.create(
        phone=phone, code_hash=_hash(phone, code), created_at=now, expires_at=now + timedelta(seconds=_ttl()))
    minutes = max(1, _ttl() // 60)
    backend().send(phone, _("Your weiquan verification code is %(code)s. It is valid for %(minutes)d minutes. "
                            "Do not tell it to anyone.") % {"code": code, "minutes": minutes})
    return verification


def check_code(raw_phone: str, code: str) -> None:
    """Use up a code sent to this phone; InvalidInput (field `sms_code`) when wrong, expired or used up.
    Call it outside the registering transaction: a wrong guess must count even when nothing is saved."""
    phone = phones.normalise(raw_phone or "")
    code = (code or "").strip()
    now = timezone.now()
    verification = PhoneVerification.objects.filter(phone=phone, used_at__isnull=True).order_by("-id").first()
    if verification is None:
        raise InvalidInput({"sms_code": _("Ask for a verification code first.")})
    if verification.expires_at < now:
        raise InvalidInput({"sms_code": _("The code has expired. Ask for a new one.")})
    max_attempts = int(getattr(settings, "WEIQUAN_SMS_MAX_ATTEMPTS", 5))
    if verification.attempts >= max_attempts:
        raise InvalidInput({"sms_code": _("Too many wrong codes. Ask for a new one.")})
    if not (len(code) == 6 and code.isdigit() and hmac.compare_digest(verification.code_hash, _hash(phone, code))):
        PhoneVerification.objects.filter(pk=verification.pk).update(attempts=F("attempts") + 1)
        raise InvalidInput({"sms_code": _("The code is not right. Check the message and try again.")})
    used = PhoneVerification.objects.filter(pk=verification.pk, used_at__isnull=True).update(
        verified_at=now, used_at=now)
    if not used:  # a parallel request used it first
        raise InvalidInput({"sms_code": _("Ask for a verification code first.")})
