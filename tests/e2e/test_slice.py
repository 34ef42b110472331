"""The walking skeleton in a real browser: typing, validation, preview, import, export, submit."""
import json
import os
import time

from selenium.webdriver.common.by import By

from conftest import console_text, needs, record_console

NAME = "tjs-e2e"
FORM = [
    ("TrainingJobName", NAME),
    ("RoleArn", "arn:aws:iam::123456789012:role/studio-training"),
    ("AlgorithmSpecification.TrainingImage", "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1"),
    ("InputDataConfig[0].ChannelName", "train"),
    ("InputDataConfig[0].DataSource.S3DataSource.S3Uri", "s3://my-bucket/train/"),
    ("OutputDataConfig.S3OutputPath", "s3://my-bucket/output/"),
    ("ResourceConfig.InstanceCount", "2"),
    ("ResourceConfig.VolumeSizeInGB", "50"),
    ("StoppingCondition.MaxRuntimeInSeconds", "86400"),
]
SELECTS = [
    ("AlgorithmSpecification.TrainingInputMode", "File"),
    ("InputDataConfig[0].DataSource.S3DataSource.S3DataType", "S3Prefix"),
    ("ResourceConfig.InstanceType", "ml.m5.xlarge"),
]
EXPECTED = {
    "TrainingJobName": NAME,
    "HyperParameters": {"epochs": "10", "learning_rate": "0.05"},
    "AlgorithmSpecification": {
        "TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1",
        "TrainingInputMode": "File",
    },
    "RoleArn": "arn:aws:iam::123456789012:role/studio-training",
    "InputDataConfig": [{
        "ChannelName": "train",
        "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://my-bucket/train/"}},
    }],
    "OutputDataConfig": {"S3OutputPath": "s3://my-bucket/output/"},
    "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 2, "VolumeSizeInGB": 50},
    "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
}


def fill(app, name=NAME):
    for path, text in FORM:
        app.type(path, name if path == "TrainingJobName" else text)
    for path, value in SELECTS:
        app.choose(path, value)
    for i, (key, value) in enumerate([("epochs", "10"), ("learning_rate", "0.05")]):
        app.click("add", "HyperParameters")
        app.type(f"HyperParameters[{i}].key", key)
        app.type(f"HyperParameters[{i}].value", value)


def expected(name=NAME):
    return json.dumps(dict(EXPECTED, TrainingJobName=name), indent=2)


def test_an_invalid_job_name_is_flagged_while_typing(app):
    app.type("TrainingJobName", "my_job")
    app.wait(lambda d: "Member must satisfy regular expression pattern" in app.messages("TrainingJobName"))
    assert app.field("TrainingJobName").get_attribute("aria-invalid") == "true"
    assert "messages-TrainingJobName" in app.field("TrainingJobName").get_attribute("aria-describedby")
    # A prefix match is not enough, and the summary lists the problem.
    assert app.one('[data-summary-path="TrainingJobName"]')
    app.type("TrainingJobName", "a" * 64)
    app.wait(lambda d: "At most 63 characters (this one has 64)" in app.messages("TrainingJobName"))
    app.type("TrainingJobName", "my-job")
    app.wait(lambda d: app.messages("TrainingJobName") == "")
    assert app.field("TrainingJobName").get_attribute("aria-invalid") == "false"


def test_numbers_keep_what_was_typed_and_enums_are_selects(app):
    app.type("ResourceConfig.InstanceCount", "12a")
    app.wait(lambda d: "Must be a whole number" in app.messages("ResourceConfig.InstanceCount"))
    assert app.field("ResourceConfig.InstanceCount").get_attribute("value") == "12a"
    app.type("StoppingCondition.MaxRuntimeInSeconds", "0")
    app.wait(lambda d: "At least 1 (this is 0)" in app.messages("StoppingCondition.MaxRuntimeInSeconds"))
    # The options are built when the select is first focused, then all of them are there.
    select = app.field("ResourceConfig.InstanceType")
    assert len(select.find_elements(By.TAG_NAME, "option")) == 1
    app.driver.execute_script("arguments[0].focus()", select)
    app.wait(lambda d: len(select.find_elements(By.TAG_NAME, "option")) > 1)
    families = app.field("ResourceConfig.InstanceType").find_elements(By.TAG_NAME, "optgroup")
    assert len(families) > 20
    options = app.field("ResourceConfig.InstanceType").find_elements(By.TAG_NAME, "option")
    assert len(options) == 225 + 1  # every training instance type, plus "not set"


def test_a_full_valid_form_gives_the_exact_preview(app):
    fill(app)
    app.wait(lambda d: app.preview() == expected())
    assert app.one("#summary-title").text == "No problems found"
    # Removing a row takes it out of the body at once.
    app.one('[data-action="remove"][data-path="HyperParameters[0]"]').click()
    app.wait(lambda d: '"epochs"' not in app.preview())
    assert json.loads(app.preview())["HyperParameters"] == {"learning_rate": "0.05"}


def test_import_applies_valid_json_and_refuses_malformed_json(app):
    fill(app)
    before = app.preview()
    box = app.one('[data-import="text"]')
    box.send_keys('{\n  "TrainingJobName": "x",\n  oops\n}')
    app.click("import")
    app.wait(lambda d: "Line 3, column 3" in app.one('[data-import="problems"]').text)
    assert app.preview() == before
    assert app.field("TrainingJobName").get_attribute("value") == NAME

    request = dict(EXPECTED, TrainingJobName="imported", Tags=[{"Key": "team", "Value": "ml"}])
    app.import_text(json.dumps(request), confirm=True)
    app.wait(lambda d: app.field("TrainingJobName").get_attribute("value") == "imported")
    assert json.loads(app.preview()) == request
    assert app.field("ResourceConfig.InstanceType").get_attribute("value") == "ml.m5.xlarge"
    assert app.field("HyperParameters[1].key").get_attribute("value") == "learning_rate"


def test_download_saves_the_body_as_name_json(app, downloads):
    fill(app, "download-me")
    app.wait(lambda d: app.preview() == expected("download-me"))
    app.click("download-json")
    needs("downloads")
    path = os.path.join(downloads, "download-me.json")
    app.wait(lambda d: os.path.exists(path) and os.path.getsize(path) > 0)
    with open(path) as f:
        assert f.read() == expected("download-me")


def test_copy_puts_the_body_on_the_clipboard(app):
    needs("clipboard-permission")
    app.driver.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": app.stack.app_url.rstrip("/"), "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    fill(app, "copy-me")
    app.click("copy-json")
    app.wait(lambda d: "Copied" in app.one(".preview .status").text)
    copied = app.driver.execute_async_script(
        "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('error: ' + e));")
    assert copied == expected("copy-me")


def submit(app, key_id, secret, token=""):
    app.setting("access-key-id").send_keys(key_id)
    app.setting("secret-access-key").send_keys(secret)
    if token:
        app.setting("session-token").send_keys(token)
    app.click("submit")
    confirm = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-action="confirm"]'))[0]
    # behaviour §12: what opens in answer to the click is in view and has focus.
    app.wait(lambda d: d.switch_to.active_element.get_attribute("data-action") == "confirm")
    assert app.driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight", confirm)
    shown = app.one(".confirm").text
    assert secret not in shown and "Signature=(redacted)" in shown
    confirm.click()
    return app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-outcome]"), timeout=20)[0]


def test_submit_through_nginx_to_moto_shows_the_arn(app, stack):
    name = f"tjs-e2e-{int(time.time() * 1000)}"
    fill(app, name)
    outcome = submit(app, stack.access_key_id, stack.secret_access_key)
    assert outcome.get_attribute("data-outcome") == "success", outcome.text
    arn = f"arn:aws:sagemaker:us-east-1:123456789012:training-job/{name}"
    assert arn in outcome.text
    # The endpoint really has the job, as the form described it.
    job = stack.client("sagemaker", stack.access_key_id, stack.secret_access_key).describe_training_job(TrainingJobName=name)
    assert job["TrainingJobArn"] == arn
    assert job["HyperParameters"] == {"epochs": "10", "learning_rate": "0.05"}
    assert job["ResourceConfig"]["InstanceCount"] == 2


def test_a_wrong_secret_shows_signature_does_not_match_and_keeps_the_draft(app, stack):
    fill(app, "wrong-secret")
    before = app.preview()
    outcome = submit(app, stack.access_key_id, stack.secret_access_key + "x")
    assert outcome.get_attribute("data-outcome") == "error"
    assert "SignatureDoesNotMatch" in outcome.text
    assert app.preview() == before == expected("wrong-secret")
    assert app.field("TrainingJobName").get_attribute("value") == "wrong-secret"
    # Nothing was created.
    sagemaker = stack.client("sagemaker", stack.access_key_id, stack.secret_access_key)
    names = [j["TrainingJobName"] for j in sagemaker.list_training_jobs()["TrainingJobSummaries"]]
    assert "wrong-secret" not in names


def test_errors_block_submit_until_the_user_chooses_submit_anyway(app, stack):
    app.type("TrainingJobName", "bad_name")
    app.setting("access-key-id").send_keys(stack.access_key_id)
    app.setting("secret-access-key").send_keys(stack.secret_access_key)
    app.click("submit")
    assert "errors" in app.one(".blocked").text
    assert not app.driver.find_elements(By.CSS_SELECTOR, '[data-action="confirm"]')
    # What opened is brought into view with focus on its button (behaviour §12).
    app.wait(lambda d: d.switch_to.active_element.get_attribute("data-action") == "submit-anyway")
    app.click("submit-anyway")
    app.click("confirm")
    # moto validates nothing, but the request was really sent and answered.
    outcome = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-outcome]"), timeout=20)[0]
    assert outcome.text


def test_missing_keys_give_a_clear_message(app):
    fill(app, "no-keys")
    app.click("submit")
    outcome = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-outcome="error"]'))[0]
    assert "access key id" in outcome.text


def test_credentials_are_never_stored(app, stack):
    record_console(app.driver)
    fill(app, "no-storage")
    submit(app, stack.access_key_id, stack.secret_access_key)
    stored = app.driver.execute_script(
        "return JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie, location.href])")
    assert stack.secret_access_key not in stored and stack.access_key_id not in stored
    assert stack.secret_access_key not in console_text(app.driver)
