"""Take the screenshots of the HTML report shown in the README and docs/html-report.md.

    python docs/html-report-screenshots.py

Renders the seed article and a corpus of 200 generated articles (the browser tests' own
sentences, no benchmark text) with ``newslint --format html``, opens each report in headless
Chromium (Debian's ``chromium`` and ``chromium-driver``, through Selenium) and writes
``docs/html-report-seed.png`` and ``docs/html-report-corpus.png``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "formatters"))
sys.path.insert(0, str(ROOT / "tests"))

from test_html_browser import CHROMIUM_FLAGS, generated_corpus  # noqa: E402


def report(target: Path, *inputs: str) -> Path:
    command = [sys.executable, "-m", "newslint", "--format", "html", "-o", str(target)]
    subprocess.run([*command, *inputs], check=False, cwd=ROOT)
    return target


def main() -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    work = Path(tempfile.mkdtemp(prefix="newslint-shots-"))
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={work / 'profile'}")
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    try:
        driver.set_window_size(1200, 820)
        seed = report(work / "seed.html", "seeds/000_48888c3d0b1816fe.txt")
        driver.get(seed.as_uri())
        driver.execute_script("document.querySelector('article').scrollIntoView()")
        marks = driver.find_elements(By.CSS_SELECTOR, "mark.f[id]")
        driver.execute_script("arguments[0].focus()", marks[2])
        driver.save_screenshot(str(ROOT / "docs" / "html-report-seed.png"))

        corpus = generated_corpus(work / "corpus.jsonl", 200)
        page = report(work / "corpus.html", str(corpus))
        driver.set_window_size(1200, 900)
        driver.get(page.as_uri())
        driver.find_element(By.XPATH, "//th/button[starts-with(., 'Findings')]").click()
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(ROOT / "docs" / "html-report-corpus.png"))
    finally:
        driver.quit()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
