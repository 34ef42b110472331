"""behaviour §13 in the browser: *Check account* and the check before Submit's confirmation,
against the local stack's seeded account in moto (signatures checked), through nginx. Each
seeded mistake shows on its field and in the summary; a request that is right stays clean; a
finding goes when its member changes; a user who may not read the account and an endpoint that
is down get checks listed as not made, and nothing flagged; Submit's confirmation opens either
way."""
import json

import pytest
from selenium.webdriver.common.by import By

from local_stack import free_port
from test_submit import set_setting, unique

def request(stack, **changes):
    return stack.account_request(TrainingJobName=unique("account"), **changes)


def mistaken(stack):
    return dict(stack.account_mistakes(), TrainingJobName=unique("account"))


FINDINGS = {
    "RoleArn": "sagemaker.amazonaws.com",
    "InputDataConfig[0].DataSource.S3DataSource.S3Uri": "s3://studio-data/trian/",
    "InputDataConfig[1].DataSource.S3DataSource.S3Uri": "eu-west-1",
    "OutputDataConfig.S3OutputPath": "studio-missing-bucket",
    "OutputDataConfig.KmsKeyId": "Disabled",
    "VpcConfig.Subnets[1]": "route",
    "VpcConfig.SecurityGroupIds": "itself",
    "AlgorithmSpecification.TrainingImage": "v2",
}


def keys(app, key_id, secret):
    set_setting(app, "access-key-id", key_id)
    set_setting(app, "secret-access-key", secret)


class Status:
    """What the check said, read once it is done: its text, and each check not made by code."""

    def __init__(self, app):
        # Read in one go: the panel may draw the status again between two WebDriver calls.
        self.text, skipped = app.driver.execute_script("""
            const status = document.querySelector('[data-account-status]');
            return [status.innerText, [...status.querySelectorAll('[data-account-skipped]')]
                .map(e => [e.dataset.accountSkipped, e.innerText])];""")
        self.skipped = dict(skipped)


def check(app, body=None, with_keys=None):
    """Imports `body` and sets `with_keys` (a pair) if given, then clicks Check account and
    waits until every lookup has answered or been given up."""
    if body is not None:
        app.import_text(json.dumps(body))
    if with_keys:
        keys(app, *with_keys)
    app.click("check-account")
    app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-account-status][data-state="done"]'), 20)
    return Status(app)


def summary_paths(app):
    return app.driver.execute_script(
        "return [...document.querySelectorAll('[data-summary-path]')].map(a => a.dataset.summaryPath)")


def test_each_seeded_mistake_shows_on_its_field_and_in_the_summary_and_goes_when_fixed(app, stack):
    status = check(app, mistaken(stack), (stack.access_key_id, stack.secret_access_key))
    assert "found 7 errors and 1 warning" in status.text, status.text
    assert not status.skipped
    for path, said in FINDINGS.items():
        app.wait(lambda d: said in app.messages(path), timeout=5)
    assert set(FINDINGS) <= set(summary_paths(app))
    # Choosing the right role takes that finding away at once, with no call; the others stay.
    app.type("RoleArn", stack.account["role_execution_arn"])
    app.wait(lambda d: "RoleArn" not in summary_paths(app))
    assert "Disabled" in app.messages("OutputDataConfig.KmsKeyId")


def test_a_request_that_is_right_for_the_account_stays_clean(app, stack):
    status = check(app, request(stack), (stack.access_key_id, stack.secret_access_key))
    assert "found nothing wrong" in status.text, status.text
    assert not status.skipped
    assert not any(p.startswith(("RoleArn", "VpcConfig", "InputDataConfig")) for p in summary_paths(app))


def test_a_user_who_may_not_read_the_account_gets_checks_not_made_and_nothing_flagged(app, stack):
    status = check(app, mistaken(stack), stack.sagemaker_only_keys)
    skipped = status.skipped
    assert {"account.role", "account.s3-bucket", "account.s3-empty", "account.vpc-mismatch", "account.kms-key",
            "account.image"} <= set(skipped), skipped
    assert "iam:GetRole" in skipped["account.role"] and "AccessDenied" in skipped["account.role"]
    assert "nothing wrong in what it could read" in status.text
    assert not any(p in FINDINGS for p in summary_paths(app))


def test_an_account_endpoint_that_is_down_gets_checks_not_made(app, stack):
    set_setting(app, "send-via", "")
    set_setting(app, "account-endpoint", f"http://127.0.0.1:{free_port()}/")
    status = check(app, mistaken(stack), (stack.access_key_id, stack.secret_access_key))
    reasons = list(status.skipped.values())
    assert reasons and all("got no answer" in r for r in reasons), reasons
    assert not any(p in FINDINGS for p in summary_paths(app))


def test_submit_checks_the_account_before_its_confirmation_and_never_holds_it_back(app, stack):
    body = mistaken(stack)
    app.import_text(json.dumps(body))
    keys(app, stack.access_key_id, stack.secret_access_key)
    app.click("submit")
    said = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-confirm="account"]'), 20)[0]
    assert "found 7 errors and 1 warning" in said.text
    assert "sagemaker.amazonaws.com" in app.messages("RoleArn")
    app.click("confirm")
    outcome = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-outcome]"), timeout=20)[0]
    assert outcome.get_attribute("data-outcome") == "success", outcome.text
