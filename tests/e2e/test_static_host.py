"""The app on a plain static host (issue 13 item 19): no deployment settings, no proxy, no
headers of our own; dist/ served as it is, as a bucket or GitHub Pages would."""
import functools
from http.server import SimpleHTTPRequestHandler

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import DIST, page_faults
from stand_ins import LocalServer


class StaticHost(LocalServer):
    """Serves a folder as it is and keeps each request's path and status."""

    def __init__(self, folder):
        host = self
        self.answered = []

        class Handler(SimpleHTTPRequestHandler):
            def log_request(self, code="-", size="-"):
                host.answered.append((self.path, int(code)))

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
