"""Submitting (behaviour §6): credentials, transports, outcomes, and that the draft always survives."""
import json
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from local_stack import free_port
from stand_ins import CannedEndpoint, CorsProxy
from test_slice import expected, fill, submit


@pytest.fixture(scope="module")
def canned():
    endpoint = CannedEndpoint()
    yield endpoint
    endpoint.stop()


@pytest.fixture(scope="module")
def cors_proxy(stack):
    proxy = CorsProxy(stack.moto_port)
    yield proxy
    proxy.stop()


def unique(prefix):
    return f"{prefix}-{int(time.time() * 1000)}"


def set_setting(app, name, value):
    # Select and delete like a user, so the page sees an input event even when the new value is empty.
    element = app.setting(name)
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.DELETE)
    if value:
        element.send_keys(value)


def jobs(stack):
    sagemaker = stack.client("sagemaker", stack.access_key_id, stack.secret_access_key)
    return [j["TrainingJobName"] for j in sagemaker.list_training_jobs(MaxResults=100)["TrainingJobSummaries"]]


def test_temporary_credentials_with_a_session_token_succeed(app, stack):
    key_id, secret, token = stack.temporary_credentials()
    name = unique("temporary")
    fill(app, name)
    outcome = submit(app, key_id, secret, token)
    assert outcome.get_attribute("data-outcome") == "success", outcome.text
    assert f"training-job/{name}" in outcome.text
    # behaviour §11: the stack's endpoint is a custom one, which no console shows.
    assert outcome.find_elements(By.TAG_NAME, "a") == []
    # A name is never used twice, so the form proposes the next one (ms-time names get "-2").
    app.wait(lambda d: app.field("TrainingJobName").get_attribute("value") == f"{name}-2")
    # Said next to the outcome and at the name (issue 22 item 6), until the name is edited.
    assert f"now {name}-2" in outcome.find_element(By.CSS_SELECTOR, '[data-outcome-part="renamed"]').text
    note = app.one('[data-note-for="TrainingJobName"]')
    assert f"Changed from {name}" in note.text and "once" in note.text
    app.type("TrainingJobName", f"{name}-mine")
    app.wait(lambda d: not d.find_elements(By.CSS_SELECTOR, '[data-note-for="TrainingJobName"]'))


def test_a_tampered_session_token_gives_invalid_client_token_id(app, stack):
    key_id, secret, token = stack.temporary_credentials()
    fill(app, "tampered")
    outcome = submit(app, key_id, secret, token[:-4] + "AAAA")
    assert outcome.get_attribute("data-outcome") == "error"
    assert "InvalidClientTokenId" in outcome.text
    assert app.preview() == expected("tampered")


def submitted_directly(app, stack, endpoint, name):
    """Fills the form as `name` and submits it straight to `endpoint` (no proxy); the outcome."""
    set_setting(app, "endpoint", endpoint)
    set_setting(app, "send-via", "")
    fill(app, name)
    return submit(app, stack.access_key_id, stack.secret_access_key)


def submits_with_the_keys_in_place(app, name):
    fill(app, name)
    app.click("submit")
    app.click("confirm")
    outcome = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-outcome]"), timeout=20)[0]
    assert outcome.get_attribute("data-outcome") == "success", outcome.text


def test_pasted_export_credentials_are_used_and_can_be_cleared(app, stack):
    app.setting("paste-credentials").send_keys(
        f"export AWS_ACCESS_KEY_ID={stack.access_key_id}\nexport AWS_SECRET_ACCESS_KEY={stack.secret_access_key}\n")
    app.click("use-credentials")
    app.wait(lambda d: app.setting("access-key-id").get_attribute("value") == stack.access_key_id)
    assert app.setting("secret-access-key").get_attribute("value") == stack.secret_access_key
    assert app.setting("paste-credentials").get_attribute("value") == ""
    submits_with_the_keys_in_place(app, unique("pasted"))
    app.click("clear-credentials")
    for setting in ["access-key-id", "secret-access-key", "session-token"]:
        assert app.setting(setting).get_attribute("value") == ""
    app.setting("paste-credentials").send_keys("nothing useful")
    app.click("use-credentials")
    app.wait(lambda d: "export-credentials" in app.one('[data-credentials="status"]').text)


def pasted(app, text, says, profile=""):
    """Pastes credentials, uses them, and waits for the status to say `says`."""
    set_setting(app, "profile", profile)
    box = app.setting("paste-credentials")
    app.driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", box, text)
    app.click("use-credentials")
    app.wait(lambda d: says in app.one('[data-credentials="status"]').text)


def test_a_credentials_file_the_consoles_key_file_and_an_assume_role_answer_are_read(app, stack):
    key_id, secret = stack.access_key_id, stack.secret_access_key
    file = (f"[default]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = other\n\n"
            f"[profile work]\naws_access_key_id = {key_id}\naws_secret_access_key = {secret}\nregion = us-east-1\n")
    # Several profiles: default unless one is named, and the message says which and what else.
    pasted(app, file, "profile default; the file also has work")
    assert app.setting("access-key-id").get_attribute("value") == "AKIDOTHER"
    pasted(app, file, "Choose a profile: the pasted file has default, work.", profile="nope")
    pasted(app, file, "(profile work; the file also has default)", profile="work")
    assert app.setting("access-key-id").get_attribute("value") == key_id
    submits_with_the_keys_in_place(app, unique("profile"))
    # The console's access key file, and the answer of aws sts assume-role (with its token).
    pasted(app, f"Access key ID,Secret access key\n{key_id},{secret}\n", "Using the pasted keys.")
    token_id, token_secret, token = stack.temporary_credentials()
    sts = json.dumps({"Credentials": {"AccessKeyId": token_id, "SecretAccessKey": token_secret, "SessionToken": token,
                                      "Expiration": "2030-01-01T00:00:00Z"}})
    pasted(app, sts, "Using the pasted temporary credentials.")
    assert app.setting("session-token").get_attribute("value") == token


def test_direct_mode_to_an_endpoint_that_allows_cors(app, stack, cors_proxy):
    name = unique("direct")
    outcome = submitted_directly(app, stack, cors_proxy.url, name)
    assert outcome.get_attribute("data-outcome") == "success", outcome.text
    assert name in jobs(stack)


def test_an_endpoint_that_is_down_gets_the_network_explanation(app, stack):
    outcome = submitted_directly(app, stack, f"http://127.0.0.1:{free_port()}/", "endpoint-down")
    assert outcome.get_attribute("data-outcome") == "error"
    assert "same-origin proxy" in outcome.text and "CORS" in outcome.text
    assert app.preview() == expected("endpoint-down")


def test_a_used_up_quota_says_where_to_raise_it(app, stack, canned):
    outcome = submitted_directly(app, stack, canned.url + "quota/", "quota")
    assert "ResourceLimitExceeded" in outcome.text and "ml.p3.2xlarge for training job usage" in outcome.text
    # What it means, for the region it was sent to, and where to ask for more.
    assert "quota in us-east-1" in outcome.text and "Service Quotas" in outcome.text
    assert app.preview() == expected("quota")


def test_the_app_signs_each_call_as_the_aws_sdks_do(app, stack):
    """The job stand-in (issue 12) checks signatures with botocore's own signer: the app's signer
    (aws-sigv4 in the service worker) passes, and a wrong secret does not."""
    from job_stand_in import JobStandIn
    stand_in = JobStandIn({stack.access_key_id: stack.secret_access_key})
    try:
        name = unique("stand-in")
        outcome = submitted_directly(app, stack, stand_in.url, name)
        assert outcome.get_attribute("data-outcome") == "success", outcome.text
        assert name in stand_in.jobs
        app.type("TrainingJobName", name + "-wrong")
        set_setting(app, "secret-access-key", "not-the-secret")
        app.click("submit")
        app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-action="confirm"]'))[0].click()
        app.wait(lambda d: "SignatureDoesNotMatch" in app.one("[data-outcome]").text, timeout=20)
        assert name + "-wrong" not in stand_in.jobs
    finally:
        stand_in.stop()


def test_validation_exception_paths_are_highlighted_on_the_form(app, stack, canned):
    outcome = submitted_directly(app, stack, canned.url + "validation/", "validation")
    assert "ValidationException" in outcome.text and "resourceConfig.instanceType" in outcome.text
    for path in ["ResourceConfig.InstanceType", "InputDataConfig[0].InputMode"]:
        assert "rejected the request" in app.messages(path), path
        assert app.field(path).get_attribute("aria-invalid") == "true", path
    assert app.preview() == expected("validation")


def test_a_silent_endpoint_times_out_with_a_clear_message(app, stack, canned):
    set_setting(app, "endpoint", canned.url + "silent/")
    set_setting(app, "send-via", "")
    set_setting(app, "timeout", "2")
    fill(app, "silent")
    outcome = submit(app, stack.access_key_id, stack.secret_access_key)
    assert "within 2 seconds" in outcome.text
    assert app.preview() == expected("silent")


def test_a_request_in_flight_can_be_cancelled(app, stack, canned):
    set_setting(app, "endpoint", canned.url + "silent/")
    set_setting(app, "send-via", "")
    fill(app, "cancelled")
    set_setting(app, "access-key-id", stack.access_key_id)
    set_setting(app, "secret-access-key", stack.secret_access_key)
    app.click("submit")
    app.click("confirm")
    cancel = app.wait(lambda d: [b for b in d.find_elements(By.CSS_SELECTOR, '[data-action="cancel"]')
                                 if b.text == "Cancel request"])[0]
    cancel.click()
    # Well before the 30 s timeout: the user's cancel ends it at once, and says what it means.
    outcome = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-outcome="error"]'), timeout=3)[0]
    assert "You cancelled the request" in outcome.text
    assert app.one('[data-action="submit"]').is_enabled()
    assert app.preview() == expected("cancelled")


def test_a_request_in_flight_cannot_be_sent_twice(app, stack):
    name = unique("once")
    fill(app, name)
    app.setting("access-key-id").send_keys(stack.access_key_id)
    app.setting("secret-access-key").send_keys(stack.secret_access_key)
    app.click("submit")
    confirm = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-action="confirm"]'))[0]
    app.driver.execute_script("arguments[0].click(); arguments[0].click(); arguments[0].click();", confirm)
    outcome = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-outcome]"), timeout=20)[0]
    assert outcome.get_attribute("data-outcome") == "success", outcome.text
    assert jobs(stack).count(name) == 1


def test_two_quick_submits_each_get_their_own_signature(app, stack):
    """Issue 14 item 4: both clicks ask the service worker to sign at once; each answer carries
    its question's id, so neither waits forever nor takes the other's signature."""
    name = unique("twice")
    fill(app, name)
    app.setting("access-key-id").send_keys(stack.access_key_id)
    app.setting("secret-access-key").send_keys(stack.secret_access_key)
    submit = app.one('[data-action="submit"]')
    app.driver.execute_script("arguments[0].click(); arguments[0].click();", submit)
    app.click("confirm")
    outcome = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-outcome]"), timeout=20)[0]
    assert outcome.get_attribute("data-outcome") == "success", outcome.text
    assert jobs(stack).count(name) == 1


def test_a_wrong_proxy_path_is_explained_not_shown_as_a_web_page(app, stack):
    set_setting(app, "send-via", "no-such-proxy/")
    fill(app, "wrong-proxy")
    outcome = submit(app, stack.access_key_id, stack.secret_access_key)
    assert outcome.get_attribute("data-outcome") == "error"
    assert "HTTP 404" in outcome.text and "(HTTP 404)" not in outcome.text
    assert "proxy path (Send via)" in outcome.text and "<html" not in outcome.text
