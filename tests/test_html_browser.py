"""The HTML report in a real browser: headless Chromium (Debian's chromium and
chromium-driver) driven by selenium. Skips, saying why, where they are missing.

Set FACTLINT_SCREENSHOT=PATH to keep the screenshot somewhere (docs/img/report.png
is made this way); otherwise it goes to the test's temporary directory.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "openai-crisis-2023.ar.txt"

webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium is not installed (python3 -m pip install selenium)"
)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if CHROMIUM is None or DRIVER is None:
    pytest.skip(
        "Chromium or chromedriver is not installed (apt-get install -y chromium chromium-driver)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "report.html"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        code = main(["--format", "html", "-o", str(out), str(SEED.relative_to(ROOT))])
    finally:
        os.chdir(cwd)
    assert code == 1  # the seed has findings
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1400,1400",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    except Exception as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"Chromium could not be started: {exc}")
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def page(browser: Any, report: Path) -> Any:
    browser.get_log("performance")  # drain the new-tab page's own requests
    browser.get(report.as_uri())
    return browser


def _text_of(page: Any, ident: str) -> str:
    return str(
        page.execute_script(
            "return Array.from(document.querySelectorAll('[data-id=\"' + arguments[0] + '\"]'))"
            ".map(function(e){return e.textContent;}).join('');",
            ident,
        )
    )


def test_line_13_highlight_covers_exactly_switch(page: Any) -> None:
    ident = page.execute_script(
        "var m = document.querySelector('#d1-L13 mark.f'); return m && m.getAttribute('data-id');"
    )
    assert ident, "no finding highlighted on line 13"
    assert _text_of(page, ident) == "Switch"
    # the quieter claim mark around it covers more than the word
    claim = page.execute_script(
        "var c = document.querySelector('#d1-L13 .hl.c'); return c && c.getAttribute('data-id');"
    )
    assert claim and "Switch" in _text_of(page, claim) and _text_of(page, claim) != "Switch"


def test_arabic_article_runs_right_to_left(page: Any) -> None:
    direction = page.execute_script(
        "return getComputedStyle(document.querySelector('#doc-1 .text .tx')).direction;"
    )
    assert direction == "rtl"


def test_focus_shows_the_finding_details(page: Any) -> None:
    from selenium.webdriver.common.by import By

    mark = page.find_element(By.CSS_SELECTOR, "#d1-L13 mark.f[tabindex]")
    page.execute_script("arguments[0].focus();", mark)
    tip = page.find_element(By.ID, "tip")
    assert tip.is_displayed()
    text = tip.text
    assert "NM001" in text and "Twitch" in text and "polygon.com" in text


def test_filters_hide_panel_entries(page: Any) -> None:
    from selenium.webdriver.common.by import By

    before = len(
        [li for li in page.find_elements(By.CSS_SELECTOR, "#items li") if li.is_displayed()]
    )
    box = page.find_element(By.CSS_SELECTOR, "#filters input[name=verdict][value=verified]")
    box.click()
    after = len(
        [li for li in page.find_elements(By.CSS_SELECTOR, "#items li") if li.is_displayed()]
    )
    box.click()
    assert 0 < after < before


def test_no_network_request_and_screenshot(page: Any, tmp_path: Path) -> None:
    resources = page.execute_script(
        "return performance.getEntriesByType('resource').map(function(e){return e.name;});"
    )
    assert resources == []
    requests = []  # (url, the document that asked for it), since the report was opened
    for entry in page.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            params = message["params"]
            requests.append((params["request"]["url"], params.get("documentURL", "")))
    ours = [url for url, document in requests if document == page.current_url]
    assert ours, "the performance log recorded no request of the report (not even itself)"
    assert all(url.startswith(("file://", "data:")) for url in ours), ours
    # nothing at all went to the network (the browser's own chrome:// pages are not network)
    network = ("http:", "https:", "ws:", "wss:", "ftp:")
    assert not [url for url, _ in requests if url.startswith(network)], requests
    target = Path(os.environ.get("FACTLINT_SCREENSHOT") or tmp_path / "report.png")
    page.execute_script(
        "window.scrollTo(0, 0);"
        "document.querySelector('#d1-L13 mark.f[tabindex]').focus({preventScroll: true});"
    )
    assert page.save_screenshot(str(target))
    assert target.stat().st_size > 10_000


def test_hover_and_tab_key_show_details(page: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    tip = page.find_element(By.ID, "tip")
    page.execute_script("document.getElementById('tip').hidden = true; window.scrollTo(0, 0);")
    mark = page.find_element(By.CSS_SELECTOR, "#d1-L18 mark.f.sev-error")
    ActionChains(page).move_to_element(mark).perform()
    assert tip.is_displayed() and "AT001" in tip.text and "Bret Taylor" in tip.text
    # keyboard only: Tab from the top of the page reaches a highlight and shows it
    page.execute_script(
        "document.getElementById('tip').hidden = true; document.activeElement.blur();"
    )
    for _ in range(40):
        ActionChains(page).send_keys(Keys.TAB).perform()
        if page.execute_script("return document.activeElement.classList.contains('hl');"):
            break
    assert page.execute_script("return document.activeElement.classList.contains('hl');")
    assert tip.is_displayed() and tip.text.strip()
    ActionChains(page).send_keys(Keys.ESCAPE).perform()
    assert not tip.is_displayed()


def test_printed_page_leaves_out_filters_and_shows_fact_notes(page: Any) -> None:
    from selenium.webdriver.common.by import By

    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not page.find_element(By.ID, "filters").is_displayed()
        notes = [n for n in page.find_elements(By.CSS_SELECTOR, "#items .more") if n.is_displayed()]
        assert any("Twitch" in n.text for n in notes)
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
