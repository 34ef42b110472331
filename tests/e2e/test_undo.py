"""behaviour §12: undo and redo over edits, removal, reset, templates and imports, with the keyboard
and with the toolbar's buttons; and the toolbar's links reach the panels on a narrow screen."""
import json

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select


def body(app):
    return json.loads(app.preview())


def press(app, element, key, shift=False):
    """Ctrl+key (Ctrl+Shift+key) with focus in `element`, as a user types it."""
    from selenium.webdriver.common.action_chains import ActionChains
    element.click()
    chain = ActionChains(app.driver).key_down(Keys.CONTROL)
    if shift:
        chain = chain.key_down(Keys.SHIFT)
    chain = chain.send_keys(key)
    if shift:
        chain = chain.key_up(Keys.SHIFT)
    chain.key_up(Keys.CONTROL).perform()


def button(app, action):
    return app.one(f'[data-action="{action}"]')


def test_typing_is_undone_a_field_at_a_time_and_redone(app):
    assert not button(app, "undo").is_enabled() and not button(app, "redo").is_enabled()
    app.type("TrainingJobName", "churn-1")
    app.type("RoleArn", "arn:aws:iam::123456789012:role/Sage")
    app.wait(lambda d: body(app).get("RoleArn", "").endswith("Sage"))
    name = app.field("TrainingJobName")
    # Ctrl+Z in a field of the form undoes the last step of the whole draft: the role, typed last.
    press(app, name, "z")
    app.wait(lambda d: "RoleArn" not in body(app))
    assert body(app)["TrainingJobName"] == "churn-1"
    press(app, name, "z")
    app.wait(lambda d: "TrainingJobName" not in body(app))
    assert name.get_attribute("value") == ""
    assert not button(app, "undo").is_enabled()
    # Ctrl+Shift+Z and Ctrl+Y redo.
    press(app, name, "z", shift=True)
    app.wait(lambda d: body(app).get("TrainingJobName") == "churn-1")
    assert name.get_attribute("value") == "churn-1"
    press(app, name, "y")
    app.wait(lambda d: body(app).get("RoleArn", "").endswith("Sage"))
    assert not button(app, "redo").is_enabled()


def test_removal_reset_template_and_import_are_undone_with_the_buttons(app):
    app.type("InputDataConfig[0].ChannelName", "train")
    app.type("InputDataConfig[0].DataSource.S3DataSource.S3Uri", "s3://my-bucket/train")
    app.click("remove", "InputDataConfig[0]")
    app.wait(lambda d: "InputDataConfig" not in body(app))
    app.click("undo")
    app.wait(lambda d: body(app).get("InputDataConfig", [{}])[0].get("ChannelName") == "train")
    assert app.field("InputDataConfig[0].DataSource.S3DataSource.S3Uri").get_attribute("value") == "s3://my-bucket/train"

    app.click("reset")
    app.answer_confirm(True)
    app.wait(lambda d: "InputDataConfig" not in body(app))
    app.click("undo")
    app.wait(lambda d: "InputDataConfig" in body(app))

    Select(app.drafts_panel().find_element(By.CSS_SELECTOR, '[data-template="choice"]')).select_by_value("xgboost-csv")
    app.click("load-template")
    app.answer_confirm(True)
    app.wait(lambda d: "HyperParameters" in body(app))
    app.click("undo")
    app.wait(lambda d: "HyperParameters" not in body(app) and "InputDataConfig" in body(app))
    app.click("redo")
    app.wait(lambda d: "HyperParameters" in body(app))

    # The template as loaded is no unsaved work, so the import does not ask.
    app.import_text(json.dumps({"TrainingJobName": "imported-job"}))
    app.wait(lambda d: body(app) == {"TrainingJobName": "imported-job"})
    app.click("undo")
    app.wait(lambda d: "HyperParameters" in body(app))


def test_boxes_outside_the_form_keep_the_browsers_own_undo(app):
    app.type("TrainingJobName", "kept")
    app.wait(lambda d: body(app).get("TrainingJobName") == "kept")
    box = app.one('[data-import="text"]')
    box.send_keys("{}")
    press(app, box, "z")
    # The form's draft is untouched: Ctrl+Z in the import box belongs to the box.
    assert body(app).get("TrainingJobName") == "kept"
    assert button(app, "undo").is_enabled()


def test_the_toolbar_stays_in_view_and_its_links_reach_the_panels_at_360_px(app):
    app.driver.set_window_size(360, 800)
    try:
        app.driver.execute_script("window.scrollTo(0, 3000)")
        toolbar = app.one("nav.toolbar")
        assert app.driver.execute_script("return arguments[0].getBoundingClientRect().top", toolbar) == 0
        app.driver.find_element(By.CSS_SELECTOR, 'nav.toolbar a[href="#submit-title"]').click()
        # The heading is in view, below the toolbar, and the panel loads as it is reached.
        app.wait(lambda d: 0 < d.execute_script(
            "return document.getElementById('submit-title').getBoundingClientRect().top") < 800)
        app.service_panel()
        # (Headless Firefox's window stops at about 450 px: the page must fit whatever it got.)
        assert app.driver.execute_script("return document.documentElement.scrollWidth <= innerWidth")
    finally:
        app.driver.set_window_size(1400, 1000)
