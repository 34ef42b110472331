"""Fixtures for the end-to-end suite: the local stack (nginx + moto with signatures checked)
serving the release build, and a real browser driven through its WebDriver: headless Chromium
through chromedriver by default; `--engine firefox` (geckodriver) or `--engine webkit`
(WebKitWebDriver, under xvfb-run) for the other engines. scripts/test.sh runs all three."""
import os
import shutil
import sys
import tempfile

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
from browser import ENGINES  # noqa: E402
from unfold import UNFOLD_STEP  # noqa: E402
from local_stack import LocalStack  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))

DIST = os.path.join(os.path.dirname(__file__), "..", "..", "dist")


@pytest.fixture(scope="session")
def stack():
    if not os.path.exists(os.path.join(DIST, "index.html")):
        pytest.fail("dist/ is not built: run scripts/build.sh (scripts/test.sh does)")
    s = LocalStack(dist=DIST).start()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def downloads():
    d = tempfile.mkdtemp(prefix="tjs-downloads-")
    yield d
    shutil.rmtree(d, ignore_errors=True)


def pytest_addoption(parser):
    parser.addoption("--engine", choices=sorted(ENGINES), default="chromium",
                     help="the browser engine to run the suite in (scripts/test.sh runs each)")


ENGINE = {"name": "chromium"}

# What an engine's WebDriver truly lacks, in one place: the tests that need it say so and skip
# there (the app itself works in every engine).
LACKS = {
    "downloads": {"webkit": "WebKitGTK's MiniBrowser cannot be told where to save a download"},
    "clipboard-permission": {"firefox": "only Chromium's DevTools protocol can grant a page clipboard read access",
                             "webkit": "only Chromium's DevTools protocol can grant a page clipboard read access"},
}


def needs(feature):
    """Skips the calling test in an engine whose WebDriver lacks `feature`, saying why."""
    why = LACKS[feature].get(ENGINE["name"])
    if why:
        pytest.skip(f"{ENGINE['name']}: {why}")


def pytest_configure(config):
    ENGINE["name"] = config.getoption("--engine")


class ElementAsUsed(WebElement):
    """An element used as a user would, the same in every engine: scrolled to the middle of the
    window (until it stops moving) before it is clicked or cleared (an option: its select), and a line break typed with
    the Enter key. WebKitWebDriver does not scroll by itself to an element inside a section the
    page has not rendered yet (`content-visibility: auto`) and calls it not interactable, and it
    drops a "\\n" in typed text; the other engines do both anyway."""

    def _into_view(self):
        # Scrolled, then given frames until it stops moving: sections around it that come into
        # view are rendered at their real height (`content-visibility: auto`), which moves it,
        # and a click at its old place would land elsewhere.
        # Scrolled again if it settled out of sight or under the sticky toolbar.
        self.parent.execute_async_script("""
            const [element, done] = [arguments[0].closest('select') || arguments[0], arguments[1]];
            const toolbar = document.querySelector('nav.toolbar');
            const clear = () => {
                const box = element.getBoundingClientRect();
                const below = toolbar ? toolbar.getBoundingClientRect().bottom : 0;
                return box.top >= below && box.bottom <= innerHeight;
            };
            let last = null, frames = 0, rounds = 0;
            const settle = () => {
                const top = element.getBoundingClientRect().top;
                if ((top === last && frames > 1) || frames > 30) {
                    if (clear() || ++rounds > 3) return done();
                    element.scrollIntoView({block: 'center'});
                    last = null; frames = 0;
                } else {
                    last = top; frames++;
                }
                requestAnimationFrame(settle);
            };
            element.scrollIntoView({block: 'center'});
            requestAnimationFrame(settle);""", self)

    def click(self):
        self._into_view()
        super().click()

    def clear(self):
        self._into_view()
        super().clear()

    def send_keys(self, *value):
        super().send_keys(*(v.replace("\n", Keys.ENTER) if isinstance(v, str) else v for v in value))


def start_browser(downloads):
    driver, profile = ENGINES[ENGINE["name"]](downloads)
    driver._web_element_cls = ElementAsUsed
    return driver, profile


class SharedBrowser:
    """One browser for the whole run, started again when its page process has died.

    A crashed or hung engine (WebKitWebDriver answers "session deleted because of page crash or
    hang") fails the test it happened in; without a new browser, every later test would fail
    with it and hide what really broke."""

    def __init__(self, downloads):
        self.downloads, self.driver, self.profile = downloads, None, None

    def alive(self):
        if self.driver is not None:
            try:
                self.driver.execute_script("return 1")
                return self.driver
            except Exception as died:  # noqa: BLE001 - a dead driver raises urllib3's errors too
                print(f"\n{ENGINE['name']} lost its session ({type(died).__name__}); starting a new browser")
                self.stop()
        self.driver, self.profile = start_browser(self.downloads)
        return self.driver

    def stop(self):
        if self.driver is not None:
            try:
                self.driver.quit()
            except Exception:  # noqa: BLE001 - already gone
                pass
            shutil.rmtree(self.profile, ignore_errors=True)
        self.driver = None


@pytest.fixture(scope="session")
def shared_browser(downloads):
    shared = SharedBrowser(downloads)
    yield shared
    shared.stop()


@pytest.fixture
def browser(shared_browser):
    return shared_browser.alive()


@pytest.fixture
def new_browser(downloads):
    """Starts browsers with fresh profiles of their own (nothing stored, as on another machine)."""
    started = []

    def start():
        driver, profile = start_browser(downloads)
        started.append((driver, profile))
        return driver

    yield start
    for driver, profile in started:
        assert page_faults(driver) == []
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


# The buttons of the service panel (Submit and the jobs), which loads when first reached.
SERVICE_ACTIONS = {"submit", "submit-anyway", "confirm", "cancel", "use-credentials", "clear-credentials",
                   "list-jobs", "more-jobs", "follow-job", "clone-job", "refresh-job", "stop-job",
                   "older-log-lines", "download-log"}
EXPORT_ACTIONS = {"copy-export", "download-export", "share-link", "copy-share-link"}
DRAFT_ACTIONS = {"load-template", "save-draft", "reset", "load-draft", "rename-draft", "confirm-rename",
                 "delete-draft"}


class App:
    """The page, through the behaviour §4 test hooks only."""

    def __init__(self, driver, stack):
        self.driver, self.stack = driver, stack

    def open(self):
        # Each test starts from an empty form: forget what earlier tests autosaved, from a page of
        # the same origin that does not run the app (the app saves its draft as it is left).
        self.driver.get(self.stack.app_url + "settings.json")
        self.driver.execute_script("localStorage.clear()")
        self.driver.get(self.stack.app_url)
        self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "main[data-ready] #preview"))
        return self

    def service_panel(self):
        """Submit and the job panel, as a user reaches them: scrolled to, the section loads its
        module, which is ready once the deployment's settings.json was applied."""
        panel = "[data-service-panel][data-ready]"
        if not self.driver.find_elements(By.CSS_SELECTOR, panel):
            self.driver.execute_script(
                "document.getElementById('submit-title').scrollIntoView({block: 'center'})")
        return self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, panel))[0]

    def export_panel(self):
        """Export, as a user reaches it: the same module as Submit, loaded as it comes near."""
        panel = "[data-export-panel][data-ready]"
        if not self.driver.find_elements(By.CSS_SELECTOR, panel):
            self.driver.execute_script(
                "document.getElementById('export-title').scrollIntoView({block: 'center'})")
        return self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, panel))[0]

    def export_part(self, name):
        """A part of the Export panel (`data-export`): `format`, `share-link`, or the text of the
        chosen export (`text`; its `data-export` is the export's kind)."""
        if name == "text":
            return self.export_panel().find_element(By.CSS_SELECTOR, "[data-export-text]")
        return self.export_panel().find_element(By.CSS_SELECTOR, f'[data-export="{name}"]')

    def drafts_panel(self):
        """Templates and drafts, as a user reaches them: scrolled to, the section loads the same
        module as Submit."""
        panel = "[data-drafts-panel][data-ready]"
        if not self.driver.find_elements(By.CSS_SELECTOR, panel):
            self.driver.execute_script(
                "document.getElementById('drafts-title').scrollIntoView({block: 'center'})")
        return self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, panel))[0]

    def wait(self, condition, timeout=10):
        return WebDriverWait(self.driver, timeout).until(condition)

    def one(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def field(self, path):
        return self.built(path, f'[data-path="{path}"]:not(button)')

    def built(self, path, css):
        """The element `css` for `path`, brought into being (unfold) and waited for: a row just
        added, for example, is drawn a frame after the click, sooner in some engines than others."""
        def present(driver):
            self.unfold(path)
            found = driver.find_elements(By.CSS_SELECTOR, css)
            return found[0] if found else None
        return self.wait(present)

    def unfold(self, path):
        """Brings the control for `path` into being as a user would: scrolls to a list item or
        row not built yet (they are built near the viewport) and opens the folded groups that
        hold it (they build their controls when first opened), outermost first."""
        for _ in range(2 * (path.count(".") + path.count("[")) + 2):
            step = self.driver.execute_script(UNFOLD_STEP, path)
            if not step:
                return
            kind, element = step
            if kind == "built":
                self.wait(lambda d: element.get_attribute("data-watch") is None)
            else:
                self.wait(lambda d: element.find_elements(By.CSS_SELECTOR, ":scope > :not(summary)"))

    def setting(self, name):
        """A submit setting; the region is chosen at the top of the page, the rest in Submit.
        Each waits until the page applied the deployment's settings.json."""
        panel = self.service_panel()
        if name == "region":
            return self.one('[data-setting="region"]')
        return panel.find_element(By.CSS_SELECTOR, f'[data-setting="{name}"]')

    def messages(self, path):
        return self.built(path, f'[data-error-for="{path}"]').text

    def reveal(self, element):
        """Unfolds the collapsed groups around an element, outermost first, as a user would."""
        self.driver.execute_script("""
            const closed = [];
            for (let d = arguments[0].closest('details'); d; d = d.parentElement.closest('details'))
                if (!d.open) closed.unshift(d);
            closed.forEach(d => d.querySelector(':scope > summary').click());""", element)
        return element

    def type(self, path, text):
        element = self.reveal(self.field(path))
        element.clear()
        element.send_keys(text)

    def choose(self, path, value):
        """Picks an option as a user would: the select builds its options when it gets focus."""
        from selenium.webdriver.support.ui import Select
        element = self.reveal(self.field(path))
        # Blurred first, so that focusing it fires a focus event even if it had focus already.
        self.driver.execute_script("arguments[0].blur(); arguments[0].focus()", element)
        self.wait(lambda d: element.find_elements(By.CSS_SELECTOR, f'option[value="{value}"]'))
        Select(element).select_by_value(value)

    def click(self, action, path=None):
        css = f'[data-action="{action}"]' + (f'[data-path="{path}"]' if path else "")
        if path:
            self.unfold(path)
        if action in SERVICE_ACTIONS:
            self.service_panel()
        if action in DRAFT_ACTIONS:
            self.drafts_panel()
        if action in EXPORT_ACTIONS:
            self.export_panel()
        # Some buttons come a moment later, such as "Send request" once the worker has signed.
        self.reveal(self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, css))[0]).click()

    def preview(self):
        return self.one("#preview").text

    def answer_confirm(self, accept=True, timeout=3):
        """Answers the browser's confirm(); returns its text."""
        from selenium.webdriver.support import expected_conditions
        alert = self.wait(expected_conditions.alert_is_present(), timeout)
        text = alert.text
        alert.accept() if accept else alert.dismiss()
        return text

    def import_text(self, text, confirm=None):
        """Pastes `text` into the import box and applies it; `confirm` answers the question
        about unsaved work (None: no question expected)."""
        box = self.one('[data-import="text"]')
        self.driver.execute_script(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", box, text)
        self.click("import")
        if confirm is not None:
            assert "unsaved changes" in self.answer_confirm(confirm)


@pytest.fixture
def app(browser, stack):
    page_faults(browser)  # forget earlier tests' log
    yield App(browser, stack).open()
    # behaviour §7: the strict Content-Security-Policy holds while every feature is used.
    assert page_faults(browser) == []


def page_faults(driver):
    """What the page's Content-Security-Policy blocked ("directive blocked-URI") and the errors
    nothing caught (a panic among them) since last asked, as the page itself recorded them
    (scripts/harden_dist.py): the same in every browser engine."""
    return driver.execute_script(
        "return [...(window.__tjsBlocked || []).splice(0), ...(window.__tjsErrors || []).splice(0)]") or []


RECORD_CONSOLE = """
    window.__tjsConsole = window.__tjsConsole || [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
        const write = console[level];
        console[level] = (...args) => { window.__tjsConsole.push(args.map(String).join(' ')); write.apply(console, args); };
    }"""


def record_console(driver):
    """From now on, what the page writes to its console is also kept where any engine's WebDriver
    can read it back (console_text)."""
    driver.execute_script(RECORD_CONSOLE + "; console.debug('console recorded')")
    assert "console recorded" in console_text(driver)


def console_text(driver):
    """What the page wrote to its console since record_console, plus Chromium's own log (which
    also has the browser's messages), as one text."""
    text = " ".join(driver.execute_script("return window.__tjsConsole || []"))
    if ENGINE["name"] == "chromium":
        text += " ".join(entry["message"] for entry in driver.get_log("browser"))
    return text


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test also reports what the page showed at that moment (its address, the
    status lines, what it logged or threw) and leaves a screenshot, so that a failure seen only
    in CI can be read from its output."""
    outcome = yield
    report = outcome.get_result()
    app = item.funcargs.get("app") if hasattr(item, "funcargs") else None
    if report.when != "call" or not report.failed or not isinstance(app, App):
        return
    try:
        driver = app.driver
        statuses = driver.execute_script(
            "return [...document.querySelectorAll('[role=status], [data-share], .status')]"
            ".map(e => (e.getAttribute('data-share') || e.className || e.tagName) + ': ' + e.textContent.trim())"
            ".filter(line => !line.endsWith(': '))")
        shot = os.path.join(tempfile.gettempdir(), "tjs-failures", item.name + ".png")
        os.makedirs(os.path.dirname(shot), exist_ok=True)
        driver.save_screenshot(shot)
        lines = [f"address: {driver.current_url}", f"screenshot: {shot}",
                 f"page faults: {page_faults(driver)}", *statuses]
        report.sections.append(("page at failure", "\n".join(lines)))
    except Exception as reading_failed:  # a crashed page must not hide the test's own failure
        report.sections.append(("page at failure", f"could not be read: {reading_failed!r}"))
