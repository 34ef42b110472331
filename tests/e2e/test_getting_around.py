"""Getting around the page, sharing and telling problems apart, as a new user finds them (issue
22): every summary link lands on the control that fixes it, the toolbar moves focus, a share link
keeps its region, the region is chosen at the top, errors and warnings are counted apart, and
what a user typed never changes by itself."""
import json

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from test_algorithm import XGBOOST_US, xgboost_job

XGBOOST_WEST = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"


def import_json(app, request, confirm=None):
    app.import_text(json.dumps(request), confirm)
    app.wait(lambda d: "Imported" in app.one('[data-import="problems"]').text)


def active(app, attribute):
    return app.driver.switch_to.active_element.get_attribute(attribute)


def clear_of_toolbar(app, element):
    """Whether `element` is in the window and not under the sticky toolbar."""
    return app.driver.execute_script("""
        const box = arguments[0].getBoundingClientRect();
        const bar = document.querySelector('nav.toolbar').getBoundingClientRect();
        return box.top >= bar.bottom - 1 && box.bottom <= innerHeight + 1;""", element)


def region(app):
    return Select(app.one('[data-setting="region"]')).first_selected_option.get_attribute("value")


def test_a_missing_typed_hyperparameter_link_lands_on_its_own_control_and_changes_nothing_else(app):
    import_json(app, xgboost_job(eta="0.2"))
    link = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-summary-path="HyperParameters"]'))[0]
    assert "needs num_round" in link.find_element(By.XPATH, "..").text
    link.click()
    app.wait(lambda d: active(app, "data-hyperparameter") == "num_round")
    app.wait(lambda d: clear_of_toolbar(app, d.switch_to.active_element))
    app.driver.switch_to.active_element.send_keys("100")
    app.wait(lambda d: json.loads(app.preview())["HyperParameters"] == {"eta": "0.2", "num_round": "100"})
    # With no hyperparameters at all, the link still leads there.
    request = xgboost_job()
    del request["HyperParameters"]
    import_json(app, request, confirm=True)
    app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-summary-path="HyperParameters"]'))[0].click()
    app.wait(lambda d: active(app, "data-hyperparameter") == "num_round")


def test_every_summary_link_lands_on_a_control_of_its_own_path(app):
    """Members, list items, map rows, typed hyperparameters, rules and algorithm checks; the
    service's errors are shown at their fields by test_submit."""
    request = xgboost_job(eta="7", num_round="10", bogus="1")
    request["TrainingJobName"] = "xgb_churn"
    request["InputDataConfig"].append(dict(request["InputDataConfig"][0]))  # a repeated channel name
    request["EnableManagedSpotTraining"] = True  # needs MaxWaitTimeInSeconds: a rule
    request["Tags"] = [{"Key": "aws:team", "Value": "x"}]
    import_json(app, request)
    app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-summary-path="HyperParameters[0].value"]'))
    paths = [a.get_attribute("data-summary-path") for a in app.driver.find_elements(By.CSS_SELECTOR, "[data-summary-path]")]
    for expected in ("TrainingJobName", "HyperParameters[0].value", "HyperParameters[2].key", "InputDataConfig[1].ChannelName",
                     "Tags[0].Key"):
        assert expected in paths, paths
    for path in paths:
        app.one(f'[data-summary-path="{path}"]').click()

        def landed(d):
            at = d.switch_to.active_element.get_attribute("data-path") or ""
            return at == path or at.startswith(path + ".") or at.startswith(path + "[")
        app.wait(landed, timeout=5)
        app.wait(lambda d: clear_of_toolbar(app, d.switch_to.active_element))
    # Nothing was changed by going around.
    assert json.loads(app.preview())["HyperParameters"] == {"eta": "7", "num_round": "10", "bogus": "1"}


def test_errors_and_warnings_are_counted_and_marked_apart(app):
    request = xgboost_job(num_round="10", bogus="1")  # an unknown hyperparameter: a warning
    request["TrainingJobName"] = "xgb_churn"  # an error
    import_json(app, request)
    title = app.one("#summary-title")
    app.wait(lambda d: title.text == "1 error and 1 warning")
    assert len(app.driver.find_elements(By.CSS_SELECTOR, '.summary li[data-severity="error"]')) == 1
    assert len(app.driver.find_elements(By.CSS_SELECTOR, '.summary li[data-severity="warning"]')) == 1
    assert "Submit asks before sending while there are errors" in app.one('[data-summary="blocking"]').text
    # A warning is marked by its own shape and colour, also in its section's badge.
    marks = app.driver.execute_script("""
        return [...document.querySelectorAll('.summary li')].map(li => [li.dataset.severity,
            getComputedStyle(li, '::before').content, getComputedStyle(li, '::before').color]);""")
    (error_mark, error_colour), (warning_mark, warning_colour) = [(m[1], m[2]) for m in sorted(marks)]
    assert error_mark != warning_mark and error_colour != warning_colour
    badge = app.one('[data-section="hyperparameters"] .count')
    assert badge.text == "1 warning" and "has-warnings" in badge.get_attribute("class")
    app.type("TrainingJobName", "xgb-churn")
    app.wait(lambda d: title.text == "1 warning")
    assert "never hold Submit back" in app.one('[data-summary="blocking"]').text


def test_the_toolbar_moves_focus_and_optional_hyperparameters_are_one_tab_stop(app):
    app.export_panel()  # so that its first control is there to take focus
    toolbar = app.one("nav.toolbar")
    toolbar.find_element(By.LINK_TEXT, "Import").click()
    app.wait(lambda d: active(app, "data-import") == "text")
    toolbar.find_element(By.LINK_TEXT, "Export").click()
    app.wait(lambda d: active(app, "data-export") == "format")
    toolbar.find_element(By.LINK_TEXT, "Form").click()
    app.wait(lambda d: active(app, "data-path") == "TrainingJobName")
    toolbar.find_element(By.LINK_TEXT, "Submit").click()
    app.wait(lambda d: app.driver.switch_to.active_element.get_attribute("id") == "submit-title"
             or d.switch_to.active_element.find_elements(By.XPATH, "ancestor::*[@data-service-panel]"))
    # XGBoost: the required hyperparameters first, the optional ones folded behind one summary.
    import_json(app, xgboost_job(num_round="10"))
    optional = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "details[data-typed-optional]"))[0]
    assert optional.get_attribute("open") is None
    assert len(optional.find_elements(By.CSS_SELECTOR, "[data-hyperparameter]")) > 40
    typed = app.one(".typed-hyperparameters > .typed-grid")
    assert [e.get_attribute("data-hyperparameter") for e in typed.find_elements(By.CSS_SELECTOR, "[data-hyperparameter]")] == ["num_round"]
    # From num_round, Tab reaches the folded group's summary next, and one more leaves it.
    app.field("HyperParameters[0].value").click()
    app.driver.switch_to.active_element.send_keys(Keys.TAB)
    app.wait(lambda d: d.switch_to.active_element.tag_name.lower() == "summary")
    # Its filter box finds a name among them.
    optional.find_element(By.CSS_SELECTOR, "summary").click()
    app.wait(lambda d: optional.get_attribute("open") is not None)
    optional.find_element(By.CSS_SELECTOR, "[data-hyperparameter-filter]").send_keys("objec")
    shown = lambda: [e.get_attribute("data-hyperparameter") for e in optional.find_elements(By.CSS_SELECTOR, "[data-hyperparameter]") if e.is_displayed()]  # noqa: E731
    app.wait(lambda d: shown() == ["objective"])


def test_a_share_link_opens_in_its_region(app, new_browser):
    Select(app.setting("region")).select_by_value("us-west-2")
    import_json(app, xgboost_job(num_round="10") | {"AlgorithmSpecification": {"TrainingImage": XGBOOST_WEST, "TrainingInputMode": "File"}})
    app.click("share-link")
    link = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-export="share-link"]'))[0].get_attribute("value")
    assert "region=us-west-2" in link
    other = new_browser()  # a browser that has never chosen a region: us-east-1
    other.get(link)
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(other, 20).until(lambda d: XGBOOST_WEST in d.find_element(By.CSS_SELECTOR, "#preview").text)
    select = other.find_element(By.CSS_SELECTOR, '[data-setting="region"]')
    WebDriverWait(other, 10).until(lambda d: Select(select).first_selected_option.get_attribute("value") == "us-west-2")
    # The image is right for that region, so nothing advises moving it.
    summary = other.find_element(By.CSS_SELECTOR, "[data-summary]")
    WebDriverWait(other, 10).until(lambda d: summary.find_element(By.CSS_SELECTOR, "#summary-title").text == "No problems found", summary.text)


def test_the_region_is_chosen_at_the_top_and_everything_follows_it(app):
    select = app.one('nav.toolbar [data-setting="region"]')
    assert region(app) == "us-east-1"
    Select(select).select_by_value("eu-west-1")
    app.wait(lambda d: "--region eu-west-1" in app.export_part("text").text)
    panel = app.service_panel()
    app.wait(lambda d: "eu-west-1" in panel.find_element(By.CSS_SELECTOR, '[data-submit="region"]').text)
    assert not panel.find_elements(By.CSS_SELECTOR, "select[data-setting]")
    # Once the panel is up, it follows every change.
    Select(select).select_by_value("ap-southeast-2")
    app.wait(lambda d: "ap-southeast-2" in panel.find_element(By.CSS_SELECTOR, '[data-submit="region"]').text)
    # A template's built-in image is written for the region chosen (ours, so without asking).
    Select(select).select_by_value("eu-west-1")
    Select(app.drafts_panel().find_element(By.CSS_SELECTOR, '[data-template="choice"]')).select_by_value("xgboost-csv")
    app.click("load-template")
    eu = "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1"
    app.wait(lambda d: json.loads(app.preview()).get("AlgorithmSpecification", {}).get("TrainingImage") == eu)
    app.wait(lambda d: d.find_element(By.CSS_SELECTOR, "#summary-title").text == "No problems found")


def test_exporting_a_request_with_errors_says_so_by_the_buttons(app):
    app.export_panel()
    assert not app.driver.find_elements(By.CSS_SELECTOR, "[data-errors-note]")
    app.type("TrainingJobName", "xgb_churn")
    for place in ("preview", "export"):
        note = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, f'[data-errors-note="{place}"]'))[0]
        assert "The request has 2 errors" in note.text and "reject" in note.text  # the name, and the role
    app.type("TrainingJobName", "xgb-churn")
    app.type("RoleArn", "arn:aws:iam::123456789012:role/SageMakerRole")
    app.wait(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-errors-note]"))


def test_a_step_functions_state_can_name_each_job_after_its_execution(app):
    app.type("TrainingJobName", "nightly")
    Select(app.export_part("format")).select_by_value("sfn-execution")
    shown = lambda: app.export_part("text").text  # noqa: E731
    app.wait(lambda d: shown().startswith("{"))
    state = json.loads(shown())
    assert state["Parameters"]["TrainingJobName.$"] == "$$.Execution.Name"
    assert "TrainingJobName" not in state["Parameters"]
    assert "twice" in state["Comment"]


def test_an_invisible_character_is_named_in_its_message(app):
    app.type("TrainingJobName", "xgb\u200bchurn")
    app.wait(lambda d: "U+200B ZERO WIDTH SPACE" in app.messages("TrainingJobName"))
    assert "``" not in app.messages("TrainingJobName")
    # Text the user typed is isolated in a message, so a right-to-left override inside it cannot
    # turn the rest of the message around.
    for i in range(2):
        app.click("add", "Tags")
        app.type(f"Tags[{i}].Key", "te\u202eam")
    app.wait(lambda d: "\u2068te\u202eam\u2069" in app.messages("Tags[1].Key"))


def test_undo_moves_focus_to_what_it_changed(app):
    app.type("TrainingJobName", "first")
    app.type("ResourceConfig.InstanceCount", "2")
    app.wait(lambda d: '"InstanceCount": 2' in app.preview())
    app.click("undo")
    app.wait(lambda d: '"InstanceCount"' not in app.preview())
    app.wait(lambda d: active(app, "data-path") == "ResourceConfig.InstanceCount")


def test_an_import_that_picks_another_instance_type_clears_the_type_filter(app):
    app.field("ResourceConfig.InstanceType")
    search = app.one('[data-picker-for="ResourceConfig.InstanceType"]')
    app.reveal(search)
    search.send_keys("g5")
    app.choose("ResourceConfig.InstanceType", "ml.g5.xlarge")
    app.wait(lambda d: "ml.g5.xlarge" in app.preview())
    assert search.get_attribute("value") == "g5"  # kept while it shows the choice
    import_json(app, {"ResourceConfig": {"InstanceType": "ml.m5.large"}}, confirm=True)
    app.wait(lambda d: search.get_attribute("value") == "")
    chosen = Select(app.field("ResourceConfig.InstanceType")).first_selected_option
    assert chosen.get_attribute("value") == "ml.m5.large"


def test_on_a_phone_the_page_is_one_column_and_the_toolbar_fits(app):
    app.driver.set_window_size(360, 800)
    try:
        width = app.driver.execute_script("return innerWidth")
        app.wait(lambda d: d.execute_script("return innerWidth") <= 900)
        toolbar = app.one("nav.toolbar")
        # Every link of the toolbar is whole and in the window.
        for link in toolbar.find_elements(By.CSS_SELECTOR, "a, button, select"):
            assert app.driver.execute_script("""
                const box = arguments[0].getBoundingClientRect();
                return box.left >= 0 && box.right <= innerWidth && box.width > 0;""", link), link.text
        # The side column is not a scroll area of its own.
        side = app.one(".side-column")
        assert app.driver.execute_script("return getComputedStyle(arguments[0]).overflowY", side) == "visible"
        assert app.driver.execute_script("return document.documentElement.scrollWidth") <= width
    finally:
        app.driver.set_window_size(1400, 1000)
