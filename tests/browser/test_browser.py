"""Neo4j Browser in headless Chromium, as a person would use it: connect, style, run a starter query.

Chromium and its driver come from Debian's packages (installed here with apt-get when missing, never
a downloaded browser build); Selenium drives them. Ports and credentials come from the settings, so
the test follows whichever server the run uses.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from neo4j import Driver
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from api.browser import read as browser_file
from api.main import create_app
from graph.cypher import load
from graph.settings import Settings, get_settings
from notebooks.magic import LABEL_COLOURS

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
APT_PACKAGES = ["chromium", "chromium-driver", "fonts-dejavu-core"]
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]


def ensure_chromium() -> None:
    """Debian's `chromium` and `chromium-driver` via apt-get, as root; skip with the reason otherwise."""
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        pytest.skip(f"needs {CHROMIUM} and {CHROMEDRIVER}: as root, apt-get install {' '.join(APT_PACKAGES)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (
        ["apt-get", "update"],
        ["apt-get", "install", "-y", "--no-install-recommends", *APT_PACKAGES],
    ):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1200, check=False)
        if done.returncode != 0:
            pytest.skip(f"`{' '.join(cmd)}` failed, so no Chromium to drive: {done.stderr[-400:]}")


def one_line(text: str) -> str:
    """Typed into the Browser's editor on one line: Enter would run a half-typed query."""
    return " ".join(text.split())


class NeoBrowser:
    """The few things a person does in Neo4j Browser, with waits instead of sleeps where possible."""

    def __init__(self, driver: webdriver.Chrome, settings: Settings) -> None:
        self.driver, self.settings = driver, settings
        self.wait = WebDriverWait(driver, 60)

    def find(self, selector: str, root: WebElement | None = None) -> WebElement:
        return self.wait.until(lambda _: (root or self.driver).find_element(By.CSS_SELECTOR, selector))

    def clickable(self, selector: str) -> WebElement:
        return self.wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, selector)))

    def connect(self) -> None:
        """Open Browser and log in over bolt:// (neo4j:// would follow the advertised address)."""
        s = self.settings
        self.driver.get(s.browser_url)
        Select(self.clickable('[data-testid="bolt-scheme-select"]')).select_by_value("bolt://")
        address = self.clickable('[data-testid="boltaddress"]')
        address.send_keys(Keys.CONTROL, "a")  # one call each: CONTROL stays down until the call ends
        address.send_keys(Keys.DELETE)
        address.send_keys(f"{s.neo4j_host}:{s.neo4j_bolt_port}")
        self.clickable('[data-testid="username"]').send_keys(s.neo4j_user)
        self.clickable('[data-testid="password"]').send_keys(s.neo4j_password.get_secret_value())
        self.clickable('[data-testid="connect"]').click()
        self.wait.until(lambda d: "You are connected as user" in d.find_element(By.TAG_NAME, "body").text)

    def frames(self) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, '[data-testid="frame"]')

    def run(self, text: str | None = None) -> WebElement:
        """Type `text` (or keep what a guide put in the editor), press Run; the new frame is on top."""
        before = len(self.frames())
        if text is not None:
            self.clickable('[data-testid="activeEditor"]').click()
            ActionChains(self.driver).send_keys(text).perform()
        self.clickable('[data-testid="editor-Run"]').click()
        self.wait.until(lambda _: len(self.frames()) > before)
        return self.frames()[0]

    def wait_for_nodes(self, frame: WebElement) -> list[WebElement]:
        self.wait.until(lambda _: frame.find_elements(By.CSS_SELECTOR, "svg g.node"))
        time.sleep(3)  # let the force layout settle before anyone looks
        return frame.find_elements(By.CSS_SELECTOR, "svg g.node")

    def node_colours(self, frame: WebElement) -> set[str]:
        fills = self.driver.execute_script(
            "return Array.from(arguments[0].querySelectorAll('svg g.node circle'))"
            ".map(c => c.getAttribute('fill')).filter(f => f)",
            frame,
        )
        return {f.upper() for f in fills}


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], NeoBrowser]]:
    """A fresh headless Chromium per call (own empty profile), all closed at the end of the module."""
    ensure_chromium()
    opened: list[webdriver.Chrome] = []

    def open_browser() -> NeoBrowser:
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"]:
            options.add_argument(flag)
        try:
            driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        except WebDriverException as exc:
            pytest.fail(f"Chromium did not start: {exc.msg}")
        opened.append(driver)
        return NeoBrowser(driver, get_settings())

    yield open_browser
    for driver in opened:
        driver.quit()


@pytest.fixture(scope="module")
def api_url() -> Iterator[str]:
    """`policygraph serve`'s app on a free loopback port, in a thread, for `:play` and `:style <url>`."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(get_settings()), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.1)
    assert server.started, "the API did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def require_guide_allowlist(driver: Driver) -> None:
    """Skip unless Neo4j lets Browser fetch guides from 127.0.0.1, where the test serves the API.

    Chromium here fails cross-origin fetches to `localhost` after a good preflight, so the default
    allowlist (`guides.neo4j.com,localhost`) is not enough; the local server's config adds 127.0.0.1.
    """
    records, _, _ = driver.execute_query(load("browser/client_config"))
    config = {r["name"]: r["value"] for r in records}
    allow = str(config.get("browser.remote_content_hostname_whitelist", ""))
    if not {"127.0.0.1", "*"} & {h.strip() for h in allow.split(",")}:
        pytest.skip(
            f"Neo4j's browser.remote_content_hostname_whitelist is {allow!r}: "
            "set browser.remote_content_hostname_whitelist=127.0.0.1,localhost in neo4j.conf"
        )


def test_browser_draws_the_sample_in_our_style(
    sample_graph: Driver, browser: Callable[[], NeoBrowser]
) -> None:
    neo = browser()
    neo.connect()
    style = neo.run(":style " + one_line(browser_file("style.grass")))
    assert "node.Person" in style.text.replace('"', "")
    frame = neo.run(one_line(load("browser/article")))
    nodes = neo.wait_for_nodes(frame)
    assert len(nodes) >= 3
    colours = neo.node_colours(frame)
    assert LABEL_COLOURS["Person"] in colours and LABEL_COLOURS["Quote"].upper() in colours, colours

    (ROOT / "artifacts").mkdir(exist_ok=True)
    assert neo.driver.save_screenshot(str(ROOT / "artifacts" / "browser.png"))
    (ROOT / "artifacts" / "browser-graph.png").write_bytes(frame.screenshot_as_png)
    if os.environ.get("POLICYGRAPH_UPDATE_SCREENSHOTS") == "1":  # a test run leaves the checkout clean
        (ROOT / "docs" / "browser.png").write_bytes(frame.screenshot_as_png)


def test_guide_plays_from_the_api_and_its_queries_run(
    sample_graph: Driver, browser: Callable[[], NeoBrowser], api_url: str
) -> None:
    require_guide_allowlist(sample_graph)
    neo = browser()
    neo.connect()
    guide = neo.run(f":play {api_url}/browser/guide.html")
    neo.wait.until(lambda _: "Who said what" in guide.text)

    neo.find("pre.runnable", guide).click()  # slide 1: load the style from the API
    style = neo.run()
    neo.wait.until(lambda _: "node.Person" in style.text.replace('"', ""))

    guide = neo.frames()[1]
    neo.find('[data-testid="nextSlide"]', guide).click()  # slide 2: one article
    neo.wait.until(lambda _: "One article, all its facts" in guide.text)
    neo.find("pre.runnable", guide).click()
    frame = neo.run()
    assert neo.wait_for_nodes(frame)
    assert LABEL_COLOURS["Person"] in neo.node_colours(frame)
    assert neo.driver.save_screenshot(str(ROOT / "artifacts" / "browser-guide.png"))
