"""Cloning real DescribeTrainingJob responses (issue 15, behaviour §5): nulls, empty lists and empty
objects count as unset, the SageMaker Python SDK's job name follows the clone, a region that
differs from the SDK's is pointed out, and bad input leaves the draft alone. Through the import
path, which the job list's clone (behaviour §11) also takes."""
import json
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures")


def described(name):
    with open(os.path.join(FIXTURES, "describe", name)) as f:
        return f.read()


def report(app):
    return app.one('[data-import="problems"]').text


def no_problems(app):
    app.wait(lambda d: app.one("#summary-title").text == "No problems found")


def test_a_response_from_moto_clones_with_no_errors(app, stack):
    with open(os.path.join(FIXTURES, "valid.json")) as f:
        request = json.load(f)
    request["TrainingJobName"] = "clone-me-from-moto"
    request["RoleArn"] = stack.role_arn
    sagemaker = stack.client("sagemaker", stack.access_key_id, stack.secret_access_key)
    sagemaker.create_training_job(**request)
    # The response as it comes over the wire (boto3 would turn its timestamps into datetimes).
    wire = {}
    sagemaker.meta.events.register("after-call.sagemaker.DescribeTrainingJob",
                                   lambda **kw: wire.update(body=kw["http_response"].text))
    sagemaker.describe_training_job(TrainingJobName="clone-me-from-moto")
    app.import_text(wire["body"])
    app.wait(lambda d: "DescribeTrainingJob response" in report(app))
    assert "TrainingJobArn" in app.one('[data-import="left-out"]').text
    body = json.loads(app.preview())
    assert body["TrainingJobName"].startswith("clone-me-from-moto-")
    assert "TrainingJobStatus" not in body and body["RoleArn"] == stack.role_arn
    no_problems(app)


def test_nulls_and_empty_members_are_left_out_and_counted(app):
    app.import_text(described("nulls-from-another-tool.json"))
    app.wait(lambda d: "DescribeTrainingJob response" in report(app))
    left_out = app.one('[data-import="left-out"]').text
    assert "18 members that were null (FailureReason, " in left_out
    assert "1 empty list (Tags), 1 empty object (Environment)" in left_out
    body = json.loads(app.preview())
    assert "AlgorithmName" not in body["AlgorithmSpecification"]
    assert "FileSystemDataSource" not in body["InputDataConfig"][0]["DataSource"]
    assert "Tags" not in body and "Environment" not in body
    no_problems(app)


def test_the_sdk_job_name_follows_the_clone_and_the_region_is_compared(app):
    Select(app.setting("region")).select_by_value("eu-west-1")
    app.import_text(described("mxnet-sdk-no-channels.json"))
    app.wait(lambda d: "DescribeTrainingJob response" in report(app))
    assert "1 empty list (InputDataConfig)" in app.one('[data-import="left-out"]').text
    body = json.loads(app.preview())
    name = body["TrainingJobName"]
    assert name.startswith("mxnet-mnist-2019-03-04-17-22-41-806-") and "InputDataConfig" not in body
    assert body["HyperParameters"]["sagemaker_job_name"] == json.dumps(name)
    assert body["HyperParameters"]["sagemaker_region"] == '"us-west-2"'
    assert body["HyperParameters"]["sagemaker_program"] == '"mnist.py"'
    notes = app.one('[data-import="notes"]').text
    assert f"sagemaker_job_name is now {json.dumps(name)}" in notes
    assert "sagemaker_region says us-west-2, but the Submit region is eu-west-1" in notes
    # In the job's own region there is nothing to point out, and nothing is wrong.
    Select(app.setting("region")).select_by_value("us-west-2")
    app.import_text(described("mxnet-sdk-no-channels.json"))  # replaces an import: no question
    app.wait(lambda d: "sagemaker_region" not in report(app) and "DescribeTrainingJob response" in report(app))
    no_problems(app)


def test_a_response_that_is_not_an_object_changes_nothing(app):
    app.type("TrainingJobName", "kept-as-it-was")
    app.wait(lambda d: "kept-as-it-was" in app.preview())
    before = app.preview()
    for text, message in [("[1, 2]", "must be a JSON object"), ('{"TrainingJobArn": "x",\n oops}', "Line 2, column 2")]:
        app.import_text(text)
        app.wait(lambda d: message in report(app))
        assert "Nothing was changed" in report(app)
        assert app.preview() == before
    assert not app.driver.find_elements(By.CSS_SELECTOR, '[data-import="report"]')
