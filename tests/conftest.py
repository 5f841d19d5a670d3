"""Fixed personas in a real Shanxi: the provincial 12315 centre, 平城区 and 云冈区 bureaus, 大同 and 太原."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
# Marks of a browser test module: `pytestmark = BROWSER_TEST`.
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"Chromium is not installed at {CHROMIUM}"),
    pytest.mark.usefixtures("reference_data_kept"),
]


def build_reference_data():
    from weiquan.deadlines.calendar import forget_cache, seed_from_chinesecalendar
    from weiquan.demo.province import build_province, create_demo_accounts

    build_province("140000", field_offices_per_county=1)
    create_demo_accounts()
    seed_from_chinesecalendar()
    forget_cache()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build_reference_data()
    yield
    with django_db_blocker.unblock():
        _end_stray_sessions()


def _end_stray_sessions():
    """A live server's request thread the browser abandoned (a look-up cancelled as the user typed on)
    may still hold a connection when the run ends; PostgreSQL would then refuse to drop the test database."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()")


@pytest.fixture(scope="module")
def reference_data_kept(django_db_setup, django_db_blocker):
    """A transactional test flushes every table when it ends: modules with such tests put the province,
    the personas and the calendar back for the modules that follow."""
    yield
    with django_db_blocker.unblock():
        build_reference_data()


@pytest.fixture
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _huey_immediate(settings):
    settings.HUEY.immediate = True
    settings.WEIQUAN_TRIAGE_DEFER = False  # inline: a test sees the suggestions at once (test_triage_deferred)
    from weiquan.deadlines.calendar import forget_cache

    forget_cache()
    yield
    forget_cache()


def _user(username):
    from weiquan.orgs.models import User

    return User.objects.select_related("organisation").get(username=username)


@pytest.fixture
def clerk(db):
    return _user("clerk")


@pytest.fixture
def pingcheng(db):
    return _user("pingcheng")


@pytest.fixture
def yungang(db):
    return _user("yungang")


@pytest.fixture
def datong(db):
    return _user("datong")


@pytest.fixture
def taiyuan(db):
    return _user("taiyuan")


@pytest.fixture
def admin_user(db):
    return _user("admin")


@pytest.fixture
def analyst(db):
    return _user("analyst")


@pytest.fixture
def make_case(db, clerk):
    """Register a case at the provincial centre; `route_to` sends it to a bureau at once."""
    from weiquan.cases.services import IntakeData, register_case

    def make(kind="complaint", route_to="140213", **overrides):
        fields = dict(
            kind=kind, channel="phone",
            description="在平城区某家具城购买实木衣柜，两个月后柜门开裂，商家拒绝退换。",
            complainant_name="张三", complainant_phone="13812345678",
            complainant_address="大同市平城区新建南路1号", business_name="大同市平城区红旗家具城",
            business_address="大同市平城区御河西路168号", request="退货", category="家具", problem="质量",
        )
        fields.update(overrides)
        actor = fields.pop("actor", clerk)
        at = fields.pop("at", None)
        return register_case(actor, IntakeData(route_to=route_to or "", **fields), registered_at=at)

    return make


def api_client(user):
    from django.test import Client

    from weiquan.orgs.models import ApiToken

    _token, raw = ApiToken.issue(user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def api_as():
    return api_client
