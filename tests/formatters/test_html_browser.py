"""The HTML report in a real browser: headless Chromium driven by Selenium through
chromedriver (Debian's ``chromium`` and ``chromium-driver``).

Every check reads the page as the browser built it (the DOM, computed styles, the console),
after its script ran. Outside CI the tests skip when Chromium is not installed; in CI
(``CI=true``) they fail instead, since ``.ci/run`` installs it.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from conftest import SEED

pytestmark = pytest.mark.slow

#: Flags that let Chromium run headless as root in a container, and keep it off the network.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
)

#: Run in every page before its own script: dialogs are recorded instead of shown.
RECORD_DIALOGS = """
window.__dialogs = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = function (message) { window.__dialogs.push(name + ":" + message); };
}
"""


@pytest.fixture(scope="module")
def browser():
    missing = [name for name in ("chromium", "chromedriver") if shutil.which(name) is None]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("the selenium package (pip install -e '.[test]')")
    if missing:
        message = (
            f"the HTML report's browser tests need {' and '.join(missing)} "
            "(apt-get install chromium chromium-driver)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="newslint-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_DIALOGS})
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(browser, path: Path) -> None:
    """Load a report and wait for its script to have run; nothing may be in the console."""
    browser.get_log("browser")  # drop what earlier pages logged
    browser.get(path.as_uri())
    browser.execute_script("return document.readyState")
    assert browser.get_log("browser") == []


def highlights(browser) -> dict[str, str]:
    """Each finding's highlight text in the page (its pieces joined), by finding id."""
    return browser.execute_script(
        """
        const text = {};
        for (const mark of document.querySelectorAll("mark.f")) {
          const key = mark.dataset.f;
          text[key] = (text[key] || "") + mark.textContent;
        }
        return text;
        """
    )


def shown_entries(browser) -> list[str]:
    return browser.execute_script(
        "return [...document.querySelectorAll('li.finding')]"
        ".filter(li => li.offsetParent !== null).map(li => li.dataset.f)"
    )


def drawn(browser) -> list[str]:
    """The findings whose highlight is drawn (a background colour)."""
    return browser.execute_script(
        "return [...document.querySelectorAll('mark.f[id]')]"
        ".filter(m => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)')"
        ".map(m => m.id)"
    )


def press(browser, keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser).send_keys(keys).perform()


def seed_report(run_cli, tmp_path) -> tuple[Path, list[dict]]:
    report = tmp_path / "seed.html"
    run_cli(str(SEED), "--format", "html", "-o", str(report))
    _, listing, _ = run_cli(str(SEED), "--format", "json")
    return report, json.loads(listing)


# --- the seed ---------------------------------------------------------------------------------


def test_the_seed_shows_each_finding_highlighted_over_its_span(browser, run_cli, tmp_path):
    report, diagnostics = seed_report(run_cli, tmp_path)
    open_page(browser, report)
    text = SEED.read_text(encoding="utf-8")
    shown = highlights(browser)
    assert len(shown) == len(diagnostics) > 0  # one highlight per finding the command reports
    assert sorted(shown.values()) == sorted(
        text[d["offset"] : d["end_offset"]] for d in diagnostics
    )
    # Each highlight is the finding the list says it is, at the place the list says.
    entries = browser.execute_script(
        "return [...document.querySelectorAll('li.finding')].map(li => "
        "[li.dataset.f, li.querySelector('code').textContent])"
    )
    order = diagnostics  # as the command reports them, sorted by position
    assert [code for _, code in entries] == [d["code"] for d in order]
    for (key, _), d in zip(entries, order, strict=True):
        assert shown[key] == text[d["offset"] : d["end_offset"]]
    assert browser.execute_script("return window.__dialogs") == []


def test_hovering_or_focusing_a_highlight_shows_its_message_code_summary_and_docs(
    browser, run_cli, tmp_path
):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    report, diagnostics = seed_report(run_cli, tmp_path)
    open_page(browser, report)
    hedge = next(d for d in diagnostics if d["code"] == "NL301")
    mark = browser.execute_script(
        "return [...document.querySelectorAll('mark.f[id]')]"
        ".find(m => m.textContent === arguments[0])",
        SEED.read_text(encoding="utf-8")[hedge["offset"] : hedge["end_offset"]],
    )
    ActionChains(browser).move_to_element(mark).perform()
    popover = browser.find_element(By.ID, "popover")
    assert popover.is_displayed()
    assert hedge["message"] in popover.text and "NL301" in popover.text
    assert "Hedge in the writer's voice" in popover.text  # the rule's summary
    docs = popover.find_element(By.LINK_TEXT, "rule docs").get_attribute("href")
    target = browser.find_element(By.ID, docs.split("#", 1)[1])
    assert target.tag_name == "details" and "NL301" in target.text
    press(browser, "\ue00c")  # Escape
    assert not popover.is_displayed()
    browser.execute_script("arguments[0].focus()", mark)
    assert popover.is_displayed() and "NL301" in popover.text


def test_a_finding_lights_up_the_related_spans_it_names(browser, run_cli, tmp_path):
    report, diagnostics = seed_report(run_cli, tmp_path)
    open_page(browser, report)
    text = SEED.read_text(encoding="utf-8")
    repeat = next(d for d in diagnostics if d["code"] == "NL402")
    key = browser.execute_script(
        "return [...document.querySelectorAll('mark.f[id]')]"
        ".find(m => m.getAttribute('aria-describedby') && "
        "document.getElementById(m.id + 'd').textContent.includes('NL402')).id"
    )
    related = browser.execute_script(
        "return [...document.querySelectorAll('[data-rel=\"' + arguments[0] + '\"]')]"
        ".map(s => s.textContent).join('')",
        key,
    )
    paragraph = text.split("\n")[repeat["related"][0]["line"] - 1]
    assert related == paragraph
    browser.execute_script("document.getElementById(arguments[0]).focus()", key)
    lit = browser.execute_script(
        "return document.querySelector('[data-rel=\"' + arguments[0] + '\"]')"
        ".classList.contains('lit')",
        key,
    )
    assert lit


def test_filters_hide_and_show_highlights_by_category_and_severity(browser, run_cli, tmp_path):
    from selenium.webdriver.common.by import By

    report, diagnostics = seed_report(run_cli, tmp_path)
    open_page(browser, report)
    every = set(drawn(browser))
    assert len(every) == len(diagnostics)
    categories = browser.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('li.finding')]"
        ".map(li => [li.dataset.f, li.querySelector('.cat').textContent]))"
    )
    filler = browser.find_element(By.XPATH, "//label[contains(., 'filler')]/input")
    filler.click()
    kept = {key for key in every if categories[key] != "filler"}
    assert set(drawn(browser)) == kept
    assert set(shown_entries(browser)) == kept
    assert len(kept) == len([d for d in diagnostics if d["category"] != "filler"])
    info = browser.find_element(By.XPATH, "//label[contains(., 'info')]/input")
    info.click()
    severities = {d["severity"] for d in diagnostics if d["category"] != "filler"}
    assert "info" in severities
    assert len(drawn(browser)) == len(
        [d for d in diagnostics if d["category"] != "filler" and d["severity"] != "info"]
    )
    filler.click()
    info.click()
    assert set(drawn(browser)) == every and set(shown_entries(browser)) == every


def test_the_keyboard_moves_between_visible_findings(browser, run_cli, tmp_path):
    from selenium.webdriver.common.by import By

    report, _ = seed_report(run_cli, tmp_path)
    open_page(browser, report)
    order = browser.execute_script(
        "return [...document.querySelectorAll('mark.f[id]')].map(m => m.id)"
    )
    press(browser, "n")
    assert browser.switch_to.active_element.get_attribute("id") == order[0]
    press(browser, "nnj")
    assert browser.switch_to.active_element.get_attribute("id") == order[3]
    press(browser, "k")
    assert browser.switch_to.active_element.get_attribute("id") == order[2]
    assert browser.find_element(By.ID, "popover").is_displayed()
    browser.find_element(By.XPATH, "//label[contains(., 'filler')]/input").click()
    visible = drawn(browser)
    browser.execute_script("document.activeElement.blur()")
    press(browser, "n" * len(visible))
    assert browser.switch_to.active_element.get_attribute("id") == visible[-1]
    hidden_tab_stops = browser.execute_script(
        "return [...document.querySelectorAll('mark.f[id]')].filter(m => m.tabIndex === 0)"
        ".map(m => m.id)"
    )
    assert hidden_tab_stops == visible  # hidden findings leave the tab order too
    press(browser, "\ue007")  # Enter: to the finding's entry in the list
    active = browser.switch_to.active_element
    assert active.tag_name == "a" and active.get_attribute("href").endswith("#" + visible[-1])


def test_highlights_meet_wcag_aa_contrast(browser, run_cli, tmp_path):
    report, _ = seed_report(run_cli, tmp_path)
    open_page(browser, report)
    colours = browser.execute_script(
        "return [...document.querySelectorAll('mark.f, li.finding .icon, .msg, .rule-summary')]"
        ".map(el => { const s = getComputedStyle(el); let bg = el; "
        "while (getComputedStyle(bg).backgroundColor === 'rgba(0, 0, 0, 0)') bg = bg.parentElement;"
        " return [el.tagName, s.color, getComputedStyle(bg).backgroundColor, "
        "s.borderBottomColor, s.borderBottomStyle]; })"
    )
    assert len(colours) > 24
    for tag, text, background, border, style in colours:
        assert contrast(text, background) >= 4.5, (tag, text, background)
        if tag == "MARK":
            assert style in ("solid", "dashed", "dotted")  # severity told by shape too
            assert contrast(border, background) >= 3, (border, background)


def contrast(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- a corpus ---------------------------------------------------------------------------------

#: Sentences for generated articles: some draw no finding, some draw one each.
PLAIN = (
    "The county board voted five to two on Monday to widen the harbour road.",
    "Residents filled the hall for a three-hour hearing, clerk Jo Marsh said.",
    "The project will cost $14 million, according to the transport office.",
    "Work is due to start in March and to end the following spring.",
    "Shop owners on Quay Street said the closures would cut their trade.",
    "The school district hired 40 teachers for the autumn term, its director said.",
    "Bus fares stay at $2 under the plan, the transit authority said.",
)
FLAGGED = (
    "Arguably, the new route is the biggest change in a decade.",
    "Reports indicate that 3,000 people use the road every day.",
    "Officials currently expect the bridge to reopen.",
    "The mayor, a dynamic leader, praised the insightful survey.",
    "Prices rose last month, the survey found.",
    "The vote is expected to pass.",
)
CLOSING = "In summary, the plan remains a key focus for the county."


def generated_corpus(path: Path, count: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            paragraphs = [f"Harbour road report {number}"]
            for _ in range(rng.randint(2, 6)):
                pool = PLAIN + FLAGGED * rng.randint(0, 2)
                paragraphs.append(" ".join(rng.choice(pool) for _ in range(rng.randint(1, 3))))
            if rng.random() < 0.3:
                paragraphs.append(CLOSING)
            if rng.random() < 0.2:
                paragraphs.append("Post Comment")
            record = {"id": f"county/{number:04d}", "text": "\n\n".join(paragraphs) + "\n"}
            handle.write(json.dumps(record) + "\n")
    return path


def test_a_200_article_corpus_gets_a_sortable_index_and_one_article_at_a_time(
    browser, run_cli, tmp_path
):
    from selenium.webdriver.common.by import By

    corpus = generated_corpus(tmp_path / "corpus.jsonl", 200)
    texts = {
        json.loads(line)["id"]: json.loads(line)["text"]
        for line in corpus.read_text(encoding="utf-8").splitlines()
    }
    report = tmp_path / "corpus.html"
    run_cli(str(corpus), "--format", "html", "-o", str(report), "--jobs", "2")
    _, listing, _ = run_cli(str(corpus), "--format", "json")
    by_article: dict[str, list[dict]] = {name: [] for name in texts}
    for d in json.loads(listing):
        by_article[d["path"]].append(d)
    open_page(browser, report)

    def index_rows() -> list[list]:
        return browser.execute_script(
            "return [...document.querySelectorAll('#index-table tbody tr')]"
            ".map(r => [r.cells[1].textContent, +r.cells[2].textContent])"
        )

    expected_rows = [[name, len(found)] for name, found in by_article.items()]
    assert index_rows() == expected_rows[:100]  # a page of rows at a time
    browser.find_element(By.ID, "next-rows").click()
    assert index_rows() == expected_rows[100:]
    assert browser.find_element(By.ID, "rows-shown").text == "Rows 101\u2013200 of 200"
    # One article is in the page, not two hundred.
    assert browser.execute_script("return document.querySelectorAll('article').length") == 1

    browser.find_element(By.XPATH, "//th/button[starts-with(., 'Findings')]").click()
    counts = browser.execute_script(
        "return [...document.querySelectorAll('#index-table tbody tr')]"
        ".map(r => +r.cells[2].textContent)"
    )
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    assert counts[0] == max(len(found) for found in by_article.values())
    heading = browser.find_element(By.XPATH, "//th[button[starts-with(., 'Findings')]]")
    assert heading.get_attribute("aria-sort") == "descending"

    busiest = browser.find_element(By.CSS_SELECTOR, "#index-table tbody tr a")
    name = busiest.text
    busiest.click()
    assert browser.find_element(By.CSS_SELECTOR, "article h2").text == name
    text = texts[name]
    expected = sorted(text[d["offset"] : d["end_offset"]] for d in by_article[name])
    assert sorted(highlights(browser).values()) == expected

    press(browser, "]")  # the next article in the index's order
    second = browser.execute_script(
        "return document.querySelectorAll('#index-table tbody tr')[1].cells[1].textContent"
    )
    assert browser.find_element(By.CSS_SELECTOR, "article h2").text == second

    # A filter set before an article is opened applies to it.
    browser.find_element(By.XPATH, "//label[contains(., 'filler')]/input").click()
    browser.find_element(By.ID, "next-article").click()
    third = browser.find_element(By.CSS_SELECTOR, "article h2").text
    categories = {d["category"] for d in by_article[third]}
    assert len(drawn(browser)) == len([d for d in by_article[third] if d["category"] != "filler"])
    assert categories

    find = browser.find_element(By.ID, "find")
    find.send_keys("county/019")
    visible = browser.execute_script(
        "return [...document.querySelectorAll('#index-table tbody tr')]"
        ".filter(r => !r.hidden).map(r => r.cells[1].textContent)"
    )
    assert sorted(visible) == [f"county/019{i}" for i in range(10)]
    assert browser.get_log("browser") == []


# --- hostile input ----------------------------------------------------------------------------

HOSTILE = (
    "<script>alert('script')</script>",
    "\"><img src=x onerror=alert('img')>",
    "</textarea><textarea>",
    "</template><svg onload=alert('svg')>",
    "</style><style>body{display:none}</style>",
    "javascript:alert('href')",
    "</script><script>alert('block')</script><!--<script>",
)


def test_hostile_ids_texts_and_messages_run_no_script(browser, run_cli, tmp_path):
    from newslint.diagnostics import Diagnostic
    from newslint.engine import FileResult
    from newslint.formatters.html import HtmlFormatter
    from newslint.readers import Decoded

    corpus = tmp_path / "hostile.jsonl"
    lines = []
    for number, payload in enumerate(HOSTILE * 4):  # past the live limit: data blocks too
        text = f"Arguably, {payload} is here.\n\nReports indicate that {payload} rose 40%.\n"
        lines.append(json.dumps({"id": f"{payload}#{number}", "text": text}))
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = tmp_path / "hostile.html"
    run_cli(str(corpus), "--format", "html", "-o", str(report))
    open_page(browser, report)
    for number in range(len(lines)):
        browser.execute_script(f"location.hash = '#a{number}'")
        title = browser.execute_script("return document.querySelector('article h2').textContent")
        assert title == f"{HOSTILE[number % len(HOSTILE)]}#{number}"
        shown = browser.execute_script("return document.querySelector('article .text').textContent")
        assert shown == json.loads(lines[number])["text"]
        assert highlights(browser)
        popover_text = browser.execute_script(
            "const m = document.querySelector('mark.f[id]'); m.focus();"
            "return document.getElementById('popover').textContent"
        )
        assert popover_text
    checks_out(browser)

    # Messages, rule names and categories come from plugins: they are escaped too.
    payload = " ".join(HOSTILE)
    text = f"{payload}\n"
    hostile = Diagnostic(
        payload, 1, 1, 1, len(payload) + 1, "XS001", payload, payload, "error", payload,
        offset=0, end_offset=len(payload),
    )  # fmt: skip
    result = FileResult(payload, [hostile], decoded=Decoded(text, "utf-8", False, "\n"))
    crafted = tmp_path / "crafted.html"
    crafted.write_text(HtmlFormatter().format_results([result], {}), encoding="utf-8")
    open_page(browser, crafted)
    assert list(highlights(browser).values()) == [payload]
    entry = browser.execute_script("return document.querySelector('li.finding .msg').textContent")
    assert entry == payload
    browser.execute_script("document.querySelector('mark.f').focus()")
    checks_out(browser)


def checks_out(browser) -> None:
    """No script but the report's ran: no dialog, nothing in the console, no element the
    inputs tried to add."""
    assert browser.execute_script("return window.__dialogs") == []
    assert browser.get_log("browser") == []
    counts = browser.execute_script(
        "return ['script:not([type])', 'img', 'svg', 'textarea', 'style', 'b', 'iframe']"
        ".map(t => document.querySelectorAll(t).length)"
    )
    assert counts == [1, 0, 0, 0, 1, 0, 0]
    blocks = browser.execute_script("return [...document.scripts].map(s => s.type)")
    assert set(blocks) <= {"", "text/x-newslint-article", "text/x-newslint-rows"}
    assert browser.execute_script("return document.body.offsetHeight") > 0
