"""Files sent with a submission: checked by their first bytes (not their name), limited in number and
size, stored under WEIQUAN_DATA_DIR/attachments (outside the web root) by a random key."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from weiquan.cases.services.errors import InvalidInput
from weiquan.cases.services.validation import clean_text

from .models import Attachment

MAX_FILES = 5
MAX_BYTES = 5 * 1024 * 1024
KINDS = {  # content type: extension
    "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf",
}


def sniff(head: bytes) -> str | None:
    """The content type the first bytes prove, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def max_files() -> int:
    return int(getattr(settings, "WEIQUAN_ATTACHMENT_MAX_FILES", MAX_FILES))


def max_bytes() -> int:
    return int(getattr(settings, "WEIQUAN_ATTACHMENT_MAX_BYTES", MAX_BYTES))


def root() -> Path:
    return Path(getattr(settings, "WEIQUAN_ATTACHMENT_DIR", settings.DATA_DIR / "attachments"))


def check(files) -> list[tuple[object, str]]:
    """The files with their proven content types; InvalidInput (field `attachments`) otherwise."""
    files = [f for f in files if f is not None and getattr(f, "size", 0)]
    if len(files) > max_files():
        raise InvalidInput({"attachments": _("At most %(n)d files.") % {"n": max_files()}})
    checked = []
    for f in files:
        name = clean_text(getattr(f, "name", ""), 200) or "file"
        if f.size > max_bytes():
            raise InvalidInput({"attachments": _("“%(name)s” is larger than %(mb)d MB.") % {
                "name": name, "mb": max_bytes() // (1024 * 1024)}})
        f.seek(0)
        kind = sniff(f.read(16))
        f.seek(0)
        if kind is None:
            raise InvalidInput({"attachments": _("“%(name)s” is not a JPEG, PNG or WebP picture or a PDF "
                                                 "document.") % {"name": name}})
        checked.append((f, kind))
    return checked


def store(case, checked: list[tuple[object, str]]) -> list[Attachment]:
    """Write checked files for a case (inside the registering transaction)."""
    saved = []
    for f, kind in checked:
        key = secrets.token_hex(16)
        path = root() / key[:2] / f"{key}.{KINDS[kind]}"
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        f.seek(0)
        with open(path, "wb") as out:
            for chunk in f.chunks():
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        saved.append(Attachment.objects.create(
            case=case, key=key, original_name=clean_text(getattr(f, "name", ""), 200) or "file",
            content_type=kind, size=size, sha256=digest.hexdigest()))
    return saved


def path_of(attachment: Attachment) -> Path:
    return root() / attachment.key[:2] / f"{attachment.key}.{KINDS[attachment.content_type]}"
