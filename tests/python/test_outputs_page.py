"""reports/index.html: a self-contained page, escaped, and working in a real browser.

The browser tests drive Debian's ``chromium`` through ``chromium-driver`` (selenium, with
the driver and browser paths given, so nothing is ever downloaded). Without them the
tests skip, saying how to install them; under ``CI=true`` a missing browser fails, so CI
cannot pass without running them (``.ci/run`` installs both packages first).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from ingest.outputs import page

WAREHOUSE_SQL = Path(__file__).resolve().parent.parent / "fixtures" / "outputs" / "warehouse.sql"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
NOW = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
# Captured at import, before conftest's per-test network guard replaces it.
_REAL_GETADDRINFO = socket.getaddrinfo
HOSTILE = '</script><script>alert("x")</script><!-- <b>&amp;'


@pytest.fixture
def con():
    """GIVEN the tiny hand-made warehouse (tests/fixtures/outputs/warehouse.sql)."""
    connection = duckdb.connect()
    connection.execute(WAREHOUSE_SQL.read_text())
    yield connection
    connection.close()


def test_the_page_is_self_contained_and_embeds_the_charts(con, tmp_path):
    # GIVEN a chart in the reports folder
    (tmp_path / "compute_trend.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    # WHEN the page is written
    text = page.write_page(con, tmp_path, now=NOW).read_text()
    # THEN nothing on it is fetched from anywhere: no external script, style, font or image
    assert not re.search(r"<(script|img|link|iframe)[^>]*\s(src|href)=\"(?!data:)", text)
    assert "@import" not in text and "url(" not in text
    assert "data:image/png;base64,iVBORw0KGgpmYWtl" in text
    # AND it shows each published row, the sample banner and when the data was fetched
    assert text.count('<tr class="model"') == 4
    assert "SAMPLE DATA." in text and "epoch, lmarena" in text
    assert "newest capture 2025-11-01" in text
    assert "2026-01-02 03:04 UTC" in text


def test_source_strings_are_escaped_in_the_html_and_in_the_embedded_json(con, tmp_path):
    # GIVEN a model name and an estimate note that try to close the script block
    con.execute(
        "update marts.models_above_1e25_flop set model_name = ? where model_id = 'alpha-1'",
        [HOSTILE],
    )
    con.execute(
        "update marts.model_estimates set estimation_method = ? where model_id = 'alpha-1'",
        [HOSTILE],
    )
    # WHEN the page is written
    text = page.write_page(con, tmp_path, now=NOW).read_text()
    # THEN the only script elements are the page's own two
    assert text.count("<script") == 2 and text.count("</script>") == 2
    assert "<!--" not in text
    # AND the name shows as text
    assert "&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)" in text
    # AND the JSON block parses back to the original string
    block = text.split('<script type="application/json" id="estimates">', 1)[1]
    data = json.loads(block.split("</script>", 1)[0])
    assert {e["method"] for e in data["alpha-1"]} == {HOSTILE}


def test_without_sample_data_there_is_no_banner(con, tmp_path):
    con.execute("update raw.loaded_captures set is_sample = false")
    con.execute("update marts.models_above_1e25_flop set is_sample_data = false")
    text = page.write_page(con, tmp_path, now=NOW).read_text()
    assert "SAMPLE DATA" not in text


def test_a_date_no_source_announced_is_shown_as_a_first_sighting(con, tmp_path):
    # GIVEN one published model whose date is only its first sighting on LMArena
    con.execute(
        "alter table marts.models_above_1e25_flop add column is_publication_date_announced boolean"
    )
    con.execute("update marts.models_above_1e25_flop set is_publication_date_announced = true")
    con.execute(
        "update marts.models_above_1e25_flop set is_publication_date_announced = false "
        "where model_id = 'alpha-1'"
    )
    (date,) = con.execute(
        "select publication_date from marts.models_above_1e25_flop where model_id = 'alpha-1'"
    ).fetchone()
    # WHEN the page is written
    text = page.write_page(con, tmp_path, now=NOW).read_text()
    # THEN that date says so, and sorts as the date; the announced dates show bare
    assert f'<td data-sort="{date.isoformat()}">{date.isoformat()} (first seen)</td>' in text
    assert text.count("(first seen)") == 1


# -- in a real browser ------------------------------------------------------------------------


def _browser_missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (make setup installs the dev extras)"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not path.exists():
            return (
                f"{path} not found: install Debian's browser with "
                f"`apt-get install -y --no-install-recommends chromium chromium-driver` "
                f"(package {package})"
            )
    return None


@pytest.fixture
def browser(monkeypatch):
    """Headless Chromium, driven over localhost only (the test's network guard stays on for
    every other host)."""
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and no browser for the page test: {missing}")
        pytest.skip(f"page test in a browser skipped: {missing}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    def local_only(host, *args, **kwargs):
        if host not in ("localhost", "127.0.0.1", "::1"):
            raise socket.gaierror(f"network access blocked in tests (tried {host!r})")
        return _REAL_GETADDRINFO(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)
    # Selenium Manager is never needed (both paths are given); offline if it ever runs.
    monkeypatch.setenv("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1300,1000",
    ):
        options.add_argument(argument)
    try:
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        try:
            yield driver
        finally:
            driver.quit()
    finally:
        # Chromium writes a few MB of profile there: not left behind by every run.
        shutil.rmtree(profile, ignore_errors=True)


def _model_ids(driver) -> list[str]:
    rows = driver.find_elements("css selector", "#models tbody tr.model")
    return [row.get_attribute("data-model-id") for row in rows if row.is_displayed()]


def _click(driver, element) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


@pytest.mark.slow
def test_the_page_renders_sorts_filters_and_opens_estimates_in_chromium(
    sample_warehouse, browser, tmp_path
):
    # GIVEN the page written from the warehouse built on the committed samples
    with duckdb.connect(str(sample_warehouse.path), read_only=True) as con:
        path = page.write_page(con, tmp_path, now=NOW)
    published = sample_warehouse.rows(
        "select model_id, training_compute_flop, threshold_class from marts.models_above_1e25_flop"
    )
    # WHEN it is opened from disk in headless Chromium
    browser.get(path.as_uri())
    # THEN the table has one row per model of the published list
    assert len(published) > 5
    assert len(_model_ids(browser)) == len(published)
    assert browser.find_element("id", "shown").text == (
        f"{len(published)} of {len(published)} models shown"
    )
    # AND a click on the compute header sorts by compute, ascending, then descending
    compute = {model_id: flop for model_id, flop, _ in published}
    header = browser.find_element("css selector", "#models th button[data-col='3']")
    _click(browser, header)
    ascending = [compute[model_id] for model_id in _model_ids(browser)]
    assert ascending == sorted(ascending) and ascending[0] < ascending[-1]
    _click(browser, header)
    assert [compute[model_id] for model_id in _model_ids(browser)] == sorted(
        ascending, reverse=True
    )
    # AND the class filter leaves exactly the warehouse's rows of that class
    above = sorted(model_id for model_id, _, cls in published if cls == "above")
    browser.find_element(
        "css selector", "select[data-filter='class'] option[value='above']"
    ).click()
    assert sorted(_model_ids(browser)) == above
    # AND a click on a model opens every estimate the warehouse holds for it
    first = browser.find_element("css selector", f"tr.model[data-model-id='{above[0]}']")
    _click(browser, first)
    (methods,) = sample_warehouse.one(
        "select count(*) from marts.model_estimates where model_id = ?", above[0]
    )
    boxes = browser.find_elements("css selector", "tr.details .est")
    assert len(boxes) == methods > 0
    assert "final estimate" in browser.find_element("css selector", "tr.details").text
