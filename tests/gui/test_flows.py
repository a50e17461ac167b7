"""The GUI's flows without Qt: Event Log paging, the PostgreSQL form, text formatting."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.events import RecordedEvent
from app.gui import formatting
from app.gui.connect_flow import PostgresConnectForm, Problem
from app.gui.event_log_flow import EventLogBrowser
from app.services.ports import EventFilter, EventPage


def page_of(total: int, offset: int, limit: int = 100) -> EventPage:
    count = max(0, min(limit, total - offset))
    events = [
        RecordedEvent(total - offset - i, "s", 1, "t", "T", 1, {}, {}, datetime.now(UTC))
        for i in range(count)
    ]
    return EventPage(events=events, total=total, offset=offset, limit=limit)


# ---------------------------------------------------------------------- paging
def test_pages_through_events_and_reports_the_shown_range() -> None:
    browser = EventLogBrowser()
    request = browser.reload()
    assert browser.loading
    assert browser.accept(request, page_of(250, 0), head=250)
    assert browser.shown_range == (1, 100, 250)
    assert not browser.can_previous
    assert browser.can_next
    assert browser.first() is None
    assert browser.previous() is None

    request = browser.next()
    assert request is not None
    assert request.offset == 100
    browser.accept(request, page_of(250, 100), head=250)
    assert browser.shown_range == (101, 200, 250)

    request = browser.last()
    assert request is not None
    assert request.offset == 200
    browser.accept(request, page_of(250, 200), head=250)
    assert browser.shown_range == (201, 250, 250)
    assert browser.next() is None
    assert browser.last() is None
    assert browser.page_number == 3
    assert browser.page_count == 3


def test_an_overtaken_request_is_dropped() -> None:
    browser = EventLogBrowser()
    browser.accept(browser.reload(), page_of(500, 0), head=500)
    slow = browser.next()
    fast = browser.last()
    assert slow is not None
    assert fast is not None
    assert browser.accept(fast, page_of(500, 400), head=500)
    assert not browser.accept(slow, page_of(500, 100), head=500)
    assert browser.offset == 400
    assert not browser.fail(slow)


def test_a_new_filter_starts_at_the_first_page() -> None:
    browser = EventLogBrowser()
    browser.accept(browser.reload(), page_of(300, 0), head=300)
    browser.accept(browser.next(), page_of(300, 100), head=300)  # type: ignore[arg-type]
    request = browser.set_filter(event_type="PolicyApproved")
    assert request is not None
    assert request.offset == 0
    assert request.event_filter == EventFilter(event_type="PolicyApproved")
    assert browser.set_filter(event_type="PolicyApproved") is None  # nothing changed
    assert browser.set_filter(text="  acme ") is not None
    assert browser.event_filter.text == "acme"
    assert browser.clear_filter() is not None


def test_new_events_reload_the_first_page_but_only_flag_later_pages() -> None:
    browser = EventLogBrowser()
    assert browser.head_moved(5) is None  # nothing loaded yet
    browser.accept(browser.reload(), page_of(250, 0), head=250)
    assert browser.head_moved(250) is None
    request = browser.head_moved(251)
    assert request is not None
    assert request.offset == 0
    browser.accept(request, page_of(251, 0), head=251)
    browser.accept(browser.next(), page_of(251, 100), head=251)  # type: ignore[arg-type]
    assert browser.head_moved(260) is None
    assert browser.newer_available


def test_clamps_to_the_last_page_when_events_vanish_behind_it() -> None:
    browser = EventLogBrowser()
    browser.accept(browser.reload(), page_of(300, 0), head=300)
    request = browser.last()
    assert request is not None
    browser.accept(request, page_of(120, 200), head=300)
    follow = browser.clamp()
    assert follow is not None
    assert follow.offset == 100


def test_an_empty_log_shows_nothing_to_page() -> None:
    browser = EventLogBrowser()
    browser.accept(browser.reload(), page_of(0, 0), head=0)
    assert browser.shown_range == (0, 0, 0)
    assert browser.page_count == 1
    assert not browser.can_next
    assert not browser.can_previous


# ---------------------------------------------------------------------- the PostgreSQL form
@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("", Problem.URL_EMPTY),
        ("   ", Problem.URL_EMPTY),
        ("mysql://u@h/db", Problem.URL_NOT_POSTGRES),
        ("sqlite:///tmp/x.sqlite3", Problem.URL_NOT_POSTGRES),
        ("postgresql://u@/db", Problem.URL_NO_HOST),
        ("postgresql://u@h", Problem.URL_NO_DATABASE),
        ("postgresql://h/db", Problem.URL_NO_USER),
        ("postgresql://u@h:99999/db", Problem.URL_BAD_PORT),
        ("postgresql://u@h:port/db", Problem.URL_BAD_PORT),
        ("not a url at all", Problem.URL_MALFORMED),
    ],
)
def test_bad_urls_are_named(url: str, problem: Problem) -> None:
    form = PostgresConnectForm(name="bank", url=url)
    assert [(p.field, p.problem) for p in form.problems()] == [("url", problem)]
    with pytest.raises(ValueError, match="problems"):
        form.request()


def test_the_password_is_split_off_the_url() -> None:
    form = PostgresConnectForm(name="bank", url="postgresql://app:s3cr%40t@db.example:5433/bank")
    request = form.request()
    assert request.url == "postgresql://app@db.example:5433/bank"
    assert request.password == "s3cr@t"
    form.password = "typed"
    assert form.request().password == "typed"  # the password field wins


def test_the_short_scheme_is_accepted() -> None:
    request = PostgresConnectForm(name="bank", url="postgres://app@db/bank").request()
    assert request.url == "postgresql://app@db/bank"


@pytest.mark.parametrize(
    ("name", "tenant", "expected"),
    [
        ("", "acme", [("name", Problem.NAME_EMPTY)]),
        ("local", "acme", [("name", Problem.NAME_RESERVED)]),
        ("bad name!", "acme", [("name", Problem.NAME_INVALID)]),
        ("bank", "acme", [("name", Problem.NAME_TAKEN)]),
        ("new", "", [("tenant", Problem.TENANT_EMPTY)]),
        ("new", "a\x01b", [("tenant", Problem.TENANT_INVALID)]),
    ],
)
def test_name_and_tenant_problems(
    name: str, tenant: str, expected: list[tuple[str, Problem]]
) -> None:
    form = PostgresConnectForm(
        existing_names=frozenset({"local", "bank"}),
        name=name,
        url="postgresql://u@h/db",
        tenant_id=tenant,
    )
    assert [(p.field, p.problem) for p in form.problems()] == expected


@given(name=st.text(max_size=50), url=st.text(max_size=120), tenant=st.text(max_size=30))
def test_any_input_gives_problems_or_a_request_without_a_password(
    name: str, url: str, tenant: str
) -> None:
    form = PostgresConnectForm(name=name, url=url, tenant_id=tenant)
    problems = form.problems()
    if not problems:
        request = form.request()
        assert request.url.startswith("postgresql")
        userinfo = request.url.split("//", 1)[1].rsplit("@", 1)[0]
        assert ":" not in userinfo  # the password is never part of the remembered URL


# ---------------------------------------------------------------------- formatting
def test_fill_isolates_values_and_substitutes_once() -> None:
    text = formatting.fill("%1 of %2", "%2", 7)
    assert text == f"{formatting.FSI}%2{formatting.PDI} of {formatting.FSI}7{formatting.PDI}"
    assert formatting.strip_isolation(text) == "%2 of 7"


def test_numbers_and_dates_follow_the_language() -> None:
    moment = datetime(2025, 3, 9, 14, 5, tzinfo=UTC)
    try:
        formatting.set_language("en")
        assert formatting.format_number(2345) == "2,345"
        english = formatting.format_datetime(moment)
        formatting.set_language("ar")
        arabic = formatting.format_datetime(moment)
        assert arabic != english
        assert "Mar" in english
    finally:
        formatting.set_language("en")
    with pytest.raises(ValueError, match="unsupported"):
        formatting.set_language("xx")
