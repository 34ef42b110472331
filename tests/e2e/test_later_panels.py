"""The panels the page loads later (Submit, the job panel, Templates and drafts): one module,
fetched once whichever section is reached first, and a module that cannot arrive is reported in
both sections while the form goes on working."""
import functools
import time
from http.server import SimpleHTTPRequestHandler

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import DIST, page_faults
from stand_ins import LocalServer


def fetched(driver, name):
    """How many times the page fetched a file whose name starts with `name`."""
    return driver.execute_script(
        "return performance.getEntriesByType('resource').filter(e => e.name.split('/').pop().startsWith(arguments[0])).length",
        name)


def test_both_sections_share_one_module_fetched_once(app):
    assert app.drafts_panel().find_elements(By.CSS_SELECTOR, '[data-template="choice"]')
    # Submit's section is reached too (its panel is drawn already) and asks for nothing more.
    app.driver.execute_script("document.getElementById('submit-title').scrollIntoView({block: 'center'})")
    assert app.service_panel().find_elements(By.CSS_SELECTOR, '[data-action="submit"]')
    time.sleep(0.5)  # time for a second request, were one made (it waits for the browser to be idle)
    # The page asked for the module once: one script element, one fetch of each file.
    assert len(app.driver.find_elements(By.CSS_SELECTOR, 'script[src$="panels_loader.js"]')) == 1
    assert fetched(app.driver, "panels_loader") == 1
    assert fetched(app.driver, "panels_bg") == 1


class WithoutPanels(LocalServer):
    """Serves dist/ as it is, except the later panels' start-up script, which is missing."""

    def __init__(self, folder):
        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path.startswith("/panels_loader.js"):
                    self.send_error(404)
                else:
                    super().do_GET()

        self.serve(functools.partial(Handler, directory=folder))


def test_a_module_that_cannot_arrive_is_reported_and_the_form_works_on(browser):
    host = WithoutPanels(DIST)
    try:
        browser.get(host.url)
        wait = WebDriverWait(browser, 10)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "main[data-ready] #preview"))
        browser.execute_script("document.getElementById('drafts-title').scrollIntoView()")
        alerts = '.drafts [role="alert"], .submit [role="alert"]'
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, alerts)) == 2)
        for alert in browser.find_elements(By.CSS_SELECTOR, alerts):
            assert "could not load" in alert.text and "Reload the page" in alert.text
        field = browser.find_element(By.CSS_SELECTOR, '[data-path="TrainingJobName"]')
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
        field.send_keys("still-working")
        wait.until(lambda d: '"still-working"' in d.find_element(By.ID, "preview").text)
        # The missing script is the server's fault, which the page reports; nothing else failed.
        assert [f for f in page_faults(browser) if "panels_loader" not in f] == []
    finally:
        host.stop()


def test_the_page_and_the_panels_share_one_service_worker(app, stack):
    # Every worker the page starts from now on is counted by its script.
    app.driver.execute_script("""
        const Real = window.Worker;
        window.__workers = [];
        window.Worker = function (url, options) { window.__workers.push(String(url)); return new Real(url, options); };""")
    started = lambda: app.driver.execute_script(  # noqa: E731
        "return window.__workers.filter(url => url.includes('service_worker')).length")
    # The panels ask first: an export written by the service worker, and pasted credentials.
    from selenium.webdriver.support.ui import Select
    app.type("TrainingJobName", "one-worker")
    Select(app.export_part("format")).select_by_value("boto3")
    app.wait(lambda d: "create_training_job(**{" in app.export_part("text").text)
    app.setting("paste-credentials").send_keys(
        f"export AWS_ACCESS_KEY_ID={stack.access_key_id}\nexport AWS_SECRET_ACCESS_KEY={stack.secret_access_key}\n")
    app.click("use-credentials")
    app.wait(lambda d: app.setting("access-key-id").get_attribute("value") == stack.access_key_id)
    # Then the page itself: an import.
    app.import_text('{"TrainingJobName": "imported-later"}', confirm=True)
    app.wait(lambda d: app.field("TrainingJobName").get_attribute("value") == "imported-later")
    assert started() == 1
