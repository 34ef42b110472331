"""behaviour §7 and S9 in the browser: the Content-Security-Policy is strict and enforced,
accessibility (axe-core) finds nothing serious, and a panic keeps the draft and says so."""
import json
import os
import time
import urllib.request

from selenium.webdriver.common.by import By

from conftest import page_faults
from test_form import import_json, load


def test_the_page_is_served_with_a_strict_content_security_policy(app):
    with urllib.request.urlopen(app.stack.app_url) as response:
        policy = response.headers["Content-Security-Policy"]
        page = response.read().decode()
    directives = dict((d.split(" ", 1) + [""])[:2] for d in (part.strip() for part in policy.split(";")))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert "unsafe-inline" not in policy and "unsafe-eval'" not in policy.replace("wasm-unsafe-eval'", "")
    assert directives["connect-src"].startswith("'self' https://*.amazonaws.com https://*.amazonaws.com.cn")
    # No inline script in the page itself: the app starts from a file.
    assert "<script type=\"module\" src=" in page and "<script type=\"module\">" not in page
    # And the browser enforces it: a script may not reach an origin outside connect-src.
    blocked = app.driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch('https://example.org/').then(() => done('sent'), () => done('blocked'));""")
    assert blocked == "blocked"
    assert any("connect-src" in v for v in page_faults(app.driver))


def test_a_panic_keeps_the_draft_and_tells_the_user(app):
    from selenium.webdriver.common.by import By
    app.type("TrainingJobName", "kept-after-a-panic")
    app.wait(lambda d: '"kept-after-a-panic"' in app.preview())
    time.sleep(0.8)  # autosave runs 400 ms after the last edit
    # A test hook makes the app panic once it has started, as a bug would.
    app.driver.get(app.stack.app_url + "?tjs-panic-test")
    banner = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-crash][role="alert"]'))[0]
    assert "internal error" in banner.text and "saved in this browser" in banner.text
    assert "the panic test hook was asked for" in banner.text
    # The form takes no more input it could not handle.
    assert app.one("main").get_attribute("inert") is not None
    # The page recorded the panic as an error nothing caught, which every other test would fail on.
    app.wait(lambda d: any("unreachable" in fault.lower() for fault in page_faults(d)))
    # Reloading brings the draft back.
    banner.find_element(By.LINK_TEXT, "Reload").click()
    app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "main[data-ready] #preview"))
    app.wait(lambda d: app.field("TrainingJobName").get_attribute("value") == "kept-after-a-panic")
    assert not app.driver.find_elements(By.CSS_SELECTOR, "[data-crash]")


AXE = os.path.join(os.environ.get("TJS_TOOLS", os.path.expanduser("~/.cache/tjs")), "axe", "node_modules", "axe-core",
                   "axe.min.js")


def serious_axe_violations(app):
    """axe-core's serious and critical findings on the page as it is now."""
    with open(AXE) as f:
        app.driver.execute_script(f.read())
    app.driver.set_script_timeout(60)
    result = app.driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)));""")
    assert isinstance(result, list), result
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
            for v in result if v["impact"] in ("serious", "critical")]


def test_axe_finds_nothing_serious_on_the_empty_form(app):
    assert serious_axe_violations(app) == []
    # The check can fail: a control without a label is caught.
    app.driver.execute_script("document.querySelector('main').append(document.createElement('select'))")
    assert any(v.startswith("select-name") for v in serious_axe_violations(app))


def test_axe_finds_nothing_serious_on_the_full_form(app):
    import_json(app, load("every-leaf.json"))
    app.driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    time.sleep(0.3)
    assert serious_axe_violations(app) == []


def test_axe_finds_nothing_serious_in_the_error_state(app):
    import_json(app, {"TrainingJobName": "bad_name", "ResourceConfig": {"InstanceCount": "two", "InstanceType": "ml.nope"},
                      "Tags": [{"Key": "aws:x", "Value": "v"}], "HyperParameters": {"": "x"}})
    app.wait(lambda d: app.one('[data-summary-path="TrainingJobName"]'))
    assert serious_axe_violations(app) == []


def test_the_form_works_by_keyboard_alone(app):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    driver = app.driver

    def active():
        return driver.switch_to.active_element

    def keys(*typed):
        """Keystrokes to whatever has focus, as a keyboard sends them."""
        ActionChains(driver).send_keys(*typed).perform()

    def tab_to(css, limit=300):
        """Tabs to `css`, backwards (Shift+Tab) when it comes before the focused element: going
        forward would wrap past the end of the page through the browser's own controls, after
        which headless Firefox no longer gives the page focus (a summary then ignores Enter)."""
        for _ in range(limit):
            where = driver.execute_script("""
                const target = document.querySelector(arguments[0]), at = document.activeElement;
                if (at.matches(arguments[0])) return 'here';
                return target && at !== document.body
                    && (target.compareDocumentPosition(at) & Node.DOCUMENT_POSITION_FOLLOWING) ? 'before' : 'after';""", css)
            if where == "here":
                return active()
            if where == "before":
                ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
            else:
                keys(Keys.TAB)
        raise AssertionError(f"Tab never reached {css}")

    driver.execute_script("document.activeElement.blur()")
    tab_to('[data-path="TrainingJobName"]')
    keys("keyboard-job")
    tab_to('[data-path="RoleArn"]')
    keys("arn:aws:iam::123456789012:role/R")
    # A select takes the first letters of its option, as any select does.
    tab_to('[data-path="AlgorithmSpecification.TrainingInputMode"]')
    keys("File")
    app.wait(lambda d: '"TrainingInputMode": "File"' in app.preview())
    # Adding a row moves focus into it.
    tab_to('[data-action="add"][data-path="HyperParameters"]')
    keys(Keys.ENTER)
    app.wait(lambda d: active().get_attribute("data-path") == "HyperParameters[0].key")
    keys("epochs", Keys.TAB, "3")
    app.wait(lambda d: '"epochs": "3"' in app.preview())
    # A folded group opens from the keyboard and its controls can be reached.
    tab_to('details[data-group="AlgorithmSpecification.TrainingImageConfig"] > summary')
    keys(Keys.ENTER)
    # Its controls are built as it opens; some engines take a moment longer than others.
    app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-path="AlgorithmSpecification.TrainingImageConfig.TrainingRepositoryAccessMode"]'))
    tab_to('[data-path="AlgorithmSpecification.TrainingImageConfig.TrainingRepositoryAccessMode"]')
    # Typing in the output section flags what it lacks (an empty form holds that back), and the
    # problem summary moves focus to the field it names: the required one.
    tab_to('[data-path="OutputDataConfig.KmsKeyId"]')
    keys("k", Keys.BACKSPACE)
    driver.execute_script("document.activeElement.blur()")
    tab_to('[data-summary-path="OutputDataConfig"]')
    keys(Keys.ENTER)
    app.wait(lambda d: active().get_attribute("data-path") == "OutputDataConfig.S3OutputPath")
    assert json.loads(app.preview())["TrainingJobName"] == "keyboard-job"
