"""The app on a plain static host: no deployment settings, no proxy, no headers of our own; dist/
served as it is, as a bucket or GitHub Pages would. Submit, the job panel and the job list then
go through the static-host forwarder (deploy/static-host/forwarder.py) behind a local function
URL, in front of moto with signatures checked."""
import contextlib
import functools
import json
import urllib.request
from http.server import SimpleHTTPRequestHandler

import pytest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import DIST, App, page_faults
from function_url import FunctionUrl
from local_stack import free_port
from stand_ins import LocalServer
from test_jobs import open_job_list, rows, status
from test_slice import fill, submit
from test_submit import set_setting, unique


class StaticHost(LocalServer):
    """Serves a folder as it is and keeps each request's path and status; with `settings`, the
    site owner's settings.json instead of the app's empty one."""

    def __init__(self, folder, settings=None):
        host = self
        self.answered = []

        class Handler(SimpleHTTPRequestHandler):
            def log_request(self, code="-", size="-"):
                host.answered.append((self.path, int(code)))

            def do_GET(self):
                if settings is None or self.path != "/settings.json":
                    return super().do_GET()
                body = json.dumps(settings).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.serve(functools.partial(Handler, directory=folder))


def test_a_static_host_answers_every_request_of_the_app(browser):
    host = StaticHost(DIST)
    try:
        browser.get(host.url)
        WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "main[data-ready] #preview"))
        # Reaching Submit loads the service panel, which reads settings.json.
        browser.execute_script("document.getElementById('submit-title').scrollIntoView()")
        WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-service-panel][data-ready]"))
        WebDriverWait(browser, 10).until(lambda d: any(path == "/settings.json" for path, _ in host.answered))
        assert [(path, status) for path, status in host.answered if status >= 400] == []
        # The empty settings leave the defaults: the region's own endpoint, sent directly.
        assert browser.find_element(By.CSS_SELECTOR, '[data-setting="send-via"]').get_attribute("value") == ""
        assert page_faults(browser) == []
    finally:
        host.stop()


class StaticPage:
    """The app served by a plain static host on an origin of its own, with the static-host
    forwarder behind a local function URL (scripts/function_url.py) in front of moto."""

    def __init__(self, browser, stack, allowed_origins=None, forward_hosts=None, owner_sets_forwarder=False):
        self.forwarder = FunctionUrl({
            "FORWARD_HOSTS": forward_hosts or f"http://127.0.0.1:{stack.moto_port}",
            "UPSTREAM_TIMEOUT_SECONDS": "5"})
        # With owner_sets_forwarder, the site's settings.json names the forwarder and the endpoints
        # (moto stands for SageMaker and for CloudWatch Logs, which the job panel reads).
        settings = ({"endpoint": stack.moto_url, "accountEndpoint": stack.moto_url, "sendVia": self.forwarder.url}
                    if owner_sets_forwarder else None)
        self.host = StaticHost(DIST, settings)
        self.origin = self.host.url.rstrip("/")
        self.forwarder.environment["ALLOWED_ORIGINS"] = self.origin if allowed_origins is None else allowed_origins
        self.app = App(browser, stack)
        browser.get(self.host.url)
        self.app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "main[data-ready] #preview"))

    def stop(self):
        self.host.stop()
        self.forwarder.stop()


@contextlib.contextmanager
def static_page_of(browser, stack, **forwarder):
    """A StaticPage with the forwarder's settings in `forwarder`; the page must record no fault."""
    page_faults(browser)
    page = StaticPage(browser, stack, **forwarder)
    try:
        yield page
    finally:
        page.stop()
    assert page_faults(browser) == []


@pytest.fixture
def static_page(browser, stack):
    with static_page_of(browser, stack) as page:
        yield page


def send_via_forwarder(page, stack, endpoint=None):
    set_setting(page.app, "endpoint", endpoint or stack.moto_url)
    set_setting(page.app, "send-via", page.forwarder.url)


def test_a_static_page_says_submit_needs_a_forwarder_until_it_has_one(static_page, stack):
    app = static_page.app
    app.service_panel()
    # Straight to SageMaker's own endpoint: the browser would refuse it, so the page says so.
    note = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-submit="needs-forwarder"]'))[0]
    assert "static-host forwarder" in note.text
    guide = note.find_element(By.TAG_NAME, "a").get_attribute("href")
    assert guide == static_page.host.url + "static-host/index.html"
    assert "send-via-note" in app.setting("send-via").get_attribute("aria-describedby")
    set_setting(app, "send-via", static_page.forwarder.url)
    app.wait(lambda d: not d.find_elements(By.CSS_SELECTOR, '[data-submit="needs-forwarder"]'))
    # The guide it links to is published with the app, with the template it deploys.
    for path in ["static-host/index.html", "static-host/template.yaml", "static-host/forwarder.py"]:
        with urllib.request.urlopen(static_page.host.url + path) as answer:
            assert answer.status == 200 and answer.read(), path


def test_a_static_page_submits_follows_and_lists_through_the_forwarder(browser, stack):
    # The site owner named the forwarder in settings.json: the visitor types keys only.
    with static_page_of(browser, stack, owner_sets_forwarder=True) as page:
        app = page.app
        assert app.setting("send-via").get_attribute("value") == page.forwarder.url
        assert not app.driver.find_elements(By.CSS_SELECTOR, '[data-submit="needs-forwarder"]')
        submit_follow_and_list(page, stack)


def submit_follow_and_list(static_page, stack):
    app = static_page.app
    name = unique("static")
    fill(app, name)
    outcome = submit(app, stack.access_key_id, stack.secret_access_key)
    assert outcome.get_attribute("data-outcome") == "success", outcome.text
    assert f"training-job/{name}" in outcome.text
    assert ("POST", f"/127.0.0.1:{stack.moto_port}/", 200) in static_page.forwarder.events
    # moto has the job, as signed in the page and carried unchanged.
    described = stack.client("sagemaker", stack.access_key_id, stack.secret_access_key) \
        .describe_training_job(TrainingJobName=name)
    assert described["HyperParameters"] == {"epochs": "10", "learning_rate": "0.05"}
    # The job panel follows it through the forwarder, and the list finds it there.
    app.wait(lambda d: status(app, name), timeout=20)
    open_job_list(app)
    app.wait(lambda d: name in rows(app), timeout=20)
    # Its log is read through the forwarder too: moto's jobs write none, which the panel says.
    app.wait(lambda d: "No log yet" in app.one(f'[data-job="{name}"] [data-log="status"]').text, timeout=20)
    calls = [(method, status_code) for method, path, status_code in static_page.forwarder.events]
    assert ("OPTIONS", 204) in calls and ("POST", 200) in calls
    # The forwarder refused nothing and reached everything; moto's 400 is the missing log group.
    assert all(code <= 400 for _, code in calls), calls


def test_a_forwarder_that_refuses_or_cannot_reach_the_endpoint_is_explained(browser, stack):
    down = free_port()
    # Forwarding only to AWS hosts (its default) and to a port where nothing listens.
    with static_page_of(browser, stack, forward_hosts=f"amazonaws.com,http://127.0.0.1:{down}") as page:
        app = page.app
        send_via_forwarder(page, stack)
        fill(app, unique("refused"))
        outcome = submit(app, stack.access_key_id, stack.secret_access_key)
        assert outcome.get_attribute("data-outcome") == "error"
        assert "ForwarderRefused" in outcome.text and "only to AWS endpoints" in outcome.text
        set_setting(app, "endpoint", f"http://127.0.0.1:{down}/")
        app.click("submit")
        app.click("confirm")
        app.wait(lambda d: "could not be reached" in app.one("[data-outcome]").text, timeout=20)
        assert "ForwarderError" in app.one("[data-outcome]").text


def test_a_page_whose_origin_the_forwarder_does_not_allow_is_told_what_to_change(browser, stack):
    with static_page_of(browser, stack, allowed_origins="https://someone-else.example") as page:
        app = page.app
        send_via_forwarder(page, stack)
        fill(app, unique("origin"))
        outcome = submit(app, stack.access_key_id, stack.secret_access_key)
        assert outcome.get_attribute("data-outcome") == "error"
        assert "AllowedOrigins" in outcome.text and page.origin in outcome.text
        # The browser asked first and was refused, so nothing was sent on (neither the submit nor
        # the account check's S3 calls before it).
        events = [(m, s) for m, _, s in page.forwarder.events]
        assert events and set(events) == {("OPTIONS", 403)}, events
