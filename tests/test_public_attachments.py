"""Attachments: pictures and PDFs only (by their bytes), at most 5 × 5 MB, served only to who may see the case."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from public_helpers import JPEG, PDF, PNG, ensure_routed, post_complaint, receipt

from weiquan.cases.models import Case
from weiquan.public.models import Attachment


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path):
    cache.clear()  # the throttle counts per address in the cache
    settings.WEIQUAN_SMS_VERIFICATION = False
    settings.WEIQUAN_ATTACHMENT_DIR = tmp_path / "attachments"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def submit_with(client, files):
    return post_complaint(client, attachments=files)


def test_pictures_and_pdf_are_stored_outside_the_web_root(client, settings, db):
    response = submit_with(client, [upload("receipt.png", PNG), upload("crack.jpg", JPEG), upload("bill.pdf", PDF)])
    assert response.status_code == 302
    case = Case.objects.get(number=receipt(client)["number"])
    items = list(Attachment.objects.filter(case=case))
    assert [a.content_type for a in items] == ["image/png", "image/jpeg", "application/pdf"]
    stored = list((settings.WEIQUAN_ATTACHMENT_DIR).rglob("*.*"))
    assert len(stored) == 3
    assert not any(str(p).startswith(str(settings.STATIC_ROOT)) for p in stored)


def test_type_is_checked_by_content_not_name(client, db):
    response = submit_with(client, [upload("photo.jpg", b"MZ\x90\x00 this is an exe")])
    assert response.status_code == 422
    assert "photo.jpg" in str(response.context["form"].errors)
    assert not Case.objects.exists()


def test_too_large(client, settings, db):
    settings.WEIQUAN_ATTACHMENT_MAX_BYTES = 1024
    response = submit_with(client, [upload("big.png", PNG + b"\x00" * 2000)])
    assert response.status_code == 422
    assert not Case.objects.exists()


def test_five_mb_limit_by_default(client, db):
    response = submit_with(client, [upload("big.pdf", PDF + b"0" * (5 * 1024 * 1024))])
    assert response.status_code == 422
    assert not Case.objects.exists()


def test_at_most_five_files(client, db):
    response = submit_with(client, [upload(f"p{i}.png", PNG) for i in range(6)])
    assert response.status_code == 422
    assert not Case.objects.exists()


def test_served_to_submitter_and_competent_staff_only(client, make_case, pingcheng, yungang, clerk, db):
    submit_with(client, [upload("crack.png", PNG)])
    case = Case.objects.get(number=receipt(client)["number"])
    item = Attachment.objects.get(case=case)
    url = f"/attachments/{item.key}/"

    # the browser that submitted (it holds number and query code)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"

    # a stranger, anonymous
    assert Client().get(url).status_code == 404

    # the intake clerk sees the case; route it to 平城区: pingcheng sees it, yungang does not
    ensure_routed(case, clerk)
    for user, status in ((clerk, 200), (pingcheng, 200), (yungang, 404)):
        staff = Client()
        staff.force_login(user)
        assert staff.get(url).status_code == status, user.username


def test_attachment_of_a_tracked_case_is_listed(client, db):
    submit_with(client, [upload("crack.png", PNG)])
    number = receipt(client)["number"]
    page = client.get(f"/track/{number}/").content.decode()
    assert "crack.png" in page
