"""The full form: every leaf member has a control, each widget kind validates, lists and choices
edit the body as a user expects."""
import json
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures")


def load(name):
    with open(os.path.join(FIXTURES, name)) as f:
        return json.load(f)


def import_json(app, request, confirm=None):
    app.import_text(json.dumps(request), confirm)
    app.wait(lambda d: "Imported" in app.one('[data-import="problems"]').text)


def test_a_request_with_every_leaf_shows_a_control_for_each_and_exports_unchanged(app):
    request = load("every-leaf.json")
    import_json(app, request)
    assert json.loads(app.preview()) == request
    assert app.preview() == json.dumps(request, indent=2, ensure_ascii=False)
    missing = []
    for path in load("every-leaf-controls.json"):
        app.unfold(path)
        controls = app.driver.find_elements(By.CSS_SELECTOR, f'[data-path="{path}"]:not(button)')
        if not controls:
            missing.append(path)
            continue
        error_for = app.driver.find_elements(By.CSS_SELECTOR, f'[data-error-for="{path}"]')
        assert error_for, f"no message element for {path}"
        described = controls[0].get_attribute("aria-describedby") or ""
        assert error_for[0].get_attribute("id") in described.split(), path
    assert missing == [], f"no control for {missing}"
    # The data source choice follows the imported content (S3 here) ...
    assert app.one('[data-choice="InputDataConfig[0].DataSource"][value="S3DataSource"]').is_selected()


def test_each_widget_kind_flags_an_invalid_value(app):
    # Text with a pattern.
    app.type("RoleArn", "arn:aws:iam::123:role/x")
    app.wait(lambda d: "regular expression" in app.messages("RoleArn"))
    # A number keeps what was typed.
    app.type("ResourceConfig.VolumeSizeInGB", "1.5")
    app.wait(lambda d: "whole number" in app.messages("ResourceConfig.VolumeSizeInGB"))
    # An enum value from elsewhere is kept, shown and flagged.
    import_json(app, {"OutputDataConfig": {"S3OutputPath": "s3://my-bucket/o", "CompressionType": "ZIP"}}, confirm=True)
    assert app.field("OutputDataConfig.CompressionType").get_attribute("value") == "ZIP"
    assert "not one of the 2 allowed values" in app.messages("OutputDataConfig.CompressionType")
    # A tri-state boolean: unset is not false.
    app.choose("EnableNetworkIsolation", "false")
    app.wait(lambda d: '"EnableNetworkIsolation": false' in app.preview())
    app.choose("EnableNetworkIsolation", "")
    app.wait(lambda d: "EnableNetworkIsolation" not in app.preview())
    # A list of text items.
    app.click("add", "VpcConfig.Subnets")
    app.type("VpcConfig.Subnets[0]", "subnet 1")
    app.wait(lambda d: "regular expression" in app.messages("VpcConfig.Subnets[0]"))
    assert "Required" in app.messages("VpcConfig.SecurityGroupIds")
    # A map with a repeated key.
    for i, key in enumerate(["A", "A"]):
        app.click("add", "Environment")
        app.type(f"Environment[{i}].key", key)
    app.wait(lambda d: "already used" in app.messages("Environment[1].key"))
    # A list of structures: a tag with a reserved key.
    app.click("add", "Tags")
    app.type("Tags[0].Key", "aws:team")
    app.wait(lambda d: "reserved" in app.messages("Tags[0].Key"))
    assert '"Value": ""' in app.preview()
    # Every problem is in the summary, and a click there moves focus to the field.
    app.one('[data-summary-path="Tags[0].Key"]').click()
    assert app.driver.switch_to.active_element.get_attribute("data-path") == "Tags[0].Key"


def test_channels_can_be_added_moved_and_removed(app):
    app.type("InputDataConfig[0].ChannelName", "train")
    app.click("add", "InputDataConfig")
    # A channel the user adds reads an S3 prefix, as the console starts it: shown, and sent.
    s3_type = "InputDataConfig[1].DataSource.S3DataSource.S3DataType"
    assert Select(app.field(s3_type)).first_selected_option.get_attribute("value") == "S3Prefix"
    app.wait(lambda d: '"S3DataType": "S3Prefix"' in app.preview())
    app.type("InputDataConfig[1].ChannelName", "validation")
    app.wait(lambda d: [c["ChannelName"] for c in json.loads(app.preview())["InputDataConfig"]] == ["train", "validation"])
    app.click("move-up", "InputDataConfig[1]")
    app.wait(lambda d: [c["ChannelName"] for c in json.loads(app.preview())["InputDataConfig"]] == ["validation", "train"])
    assert app.field("InputDataConfig[0].ChannelName").get_attribute("value") == "validation"
    assert not app.one('[data-action="move-up"][data-path="InputDataConfig[0]"]').is_enabled()
    assert not app.one('[data-action="move-down"][data-path="InputDataConfig[1]"]').is_enabled()
    app.click("remove", "InputDataConfig[0]")
    app.wait(lambda d: [c["ChannelName"] for c in json.loads(app.preview())["InputDataConfig"]] == ["train"])


def test_the_data_source_is_a_choice(app):
    app.type("InputDataConfig[0].ChannelName", "train")
    app.type("InputDataConfig[0].DataSource.S3DataSource.S3Uri", "s3://my-bucket/train")
    app.choose("InputDataConfig[0].DataSource.S3DataSource.S3DataType", "S3Prefix")
    app.one('[data-choice="InputDataConfig[0].DataSource"][value="FileSystemDataSource"]').click()
    app.wait(lambda d: "S3DataSource" not in app.preview())
    app.type("InputDataConfig[0].DataSource.FileSystemDataSource.FileSystemId", "fs-0123456789abcdef0")
    app.wait(lambda d: "fs-0123456789abcdef0" in app.preview())
    assert "VpcConfig" in app.messages("InputDataConfig[0].DataSource.FileSystemDataSource")
    # behaviour §12: switching back brings back what was typed for S3, and sets the file system aside.
    app.one('[data-choice="InputDataConfig[0].DataSource"][value="S3DataSource"]').click()
    app.wait(lambda d: '"S3Uri": "s3://my-bucket/train"' in app.preview() and '"S3DataType": "S3Prefix"' in app.preview())
    assert "fs-0123456789abcdef0" not in app.preview()
    assert app.field("InputDataConfig[0].DataSource.S3DataSource.S3Uri").get_attribute("value") == "s3://my-bucket/train"
    app.one('[data-choice="InputDataConfig[0].DataSource"][value="FileSystemDataSource"]').click()
    app.wait(lambda d: "fs-0123456789abcdef0" in app.preview() and "S3DataSource" not in app.preview())
    # The training image and the algorithm name are a choice too, and keep their values alike.
    app.type("AlgorithmSpecification.TrainingImage", "123456789012.dkr.ecr.us-east-1.amazonaws.com/mine:1")
    app.one('[data-choice="AlgorithmSpecification"][value="AlgorithmName"]').click()
    app.type("AlgorithmSpecification.AlgorithmName", "my-algorithm")
    app.wait(lambda d: '"AlgorithmName": "my-algorithm"' in app.preview() and "mine:1" not in app.preview())
    app.one('[data-choice="AlgorithmSpecification"][value="TrainingImage"]').click()
    app.wait(lambda d: "mine:1" in app.preview() and "my-algorithm" not in app.preview())


def test_the_instance_type_picker_filters_and_groups(app):
    app.unfold("ResourceConfig.InstanceType")
    search = app.one('[data-picker-for="ResourceConfig.InstanceType"]')
    search.send_keys("p4d")
    app.wait(lambda d: len(app.field("ResourceConfig.InstanceType").find_elements(By.TAG_NAME, "option")) < 10)
    groups = app.field("ResourceConfig.InstanceType").find_elements(By.TAG_NAME, "optgroup")
    assert [g.get_attribute("label") for g in groups] == ["p4d", "p4de"]
    app.choose("ResourceConfig.InstanceType", "ml.p4d.24xlarge")
    app.wait(lambda d: '"InstanceType": "ml.p4d.24xlarge"' in app.preview())


def test_sections_collapse_and_keep_their_state(app):
    app.type("TrainingJobName", "kept-while-collapsed")
    section = app.one('details[data-section="job"]')
    section.find_element(By.TAG_NAME, "summary").click()
    assert section.get_attribute("open") is None
    section.find_element(By.TAG_NAME, "summary").click()
    assert app.field("TrainingJobName").get_attribute("value") == "kept-while-collapsed"
    counts = {s.get_attribute("data-section"): s.find_element(By.CSS_SELECTOR, "[data-problem-count]").get_attribute("data-problem-count")
              for s in app.driver.find_elements(By.CSS_SELECTOR, "details[data-section]")}
    assert len(counts) == 14
    assert counts["job"] == "1"  # RoleArn is still required


def test_every_section_edits_the_body(app):
    """One or more members set through the UI in each section, and the exact part of the body."""
    app.type("TrainingJobName", "sections")
    app.type("AlgorithmSpecification.TrainingImage", "img:1")
    app.click("add", "AlgorithmSpecification.MetricDefinitions")
    app.type("AlgorithmSpecification.MetricDefinitions[0].Name", "loss")
    app.type("AlgorithmSpecification.MetricDefinitions[0].Regex", "loss=([0-9.]+)")
    app.click("add", "HyperParameters")
    app.type("HyperParameters[0].key", "epochs")
    app.type("HyperParameters[0].value", "3")
    app.type("InputDataConfig[0].ChannelName", "train")
    app.choose("InputDataConfig[0].InputMode", "Pipe")
    app.type("OutputDataConfig.S3OutputPath", "s3://my-bucket/out")
    app.choose("OutputDataConfig.CompressionType", "NONE")
    app.type("ResourceConfig.KeepAlivePeriodInSeconds", "600")
    app.click("add", "VpcConfig.SecurityGroupIds")
    app.type("VpcConfig.SecurityGroupIds[0]", "sg-0123")
    app.choose("EnableInterContainerTrafficEncryption", "true")
    app.type("RetryStrategy.MaximumRetryAttempts", "2")
    app.choose("EnableManagedSpotTraining", "true")
    app.type("CheckpointConfig.S3Uri", "s3://my-bucket/ckpt")
    app.type("DebugHookConfig.S3OutputPath", "s3://my-bucket/debug")
    app.click("add", "DebugRuleConfigurations")
    app.type("DebugRuleConfigurations[0].RuleConfigurationName", "loss-not-decreasing")
    app.click("add", "DebugRuleConfigurations[0].RuleParameters")
    app.type("DebugRuleConfigurations[0].RuleParameters[0].key", "rule_to_invoke")
    app.type("DebugRuleConfigurations[0].RuleParameters[0].value", "LossNotDecreasing")
    app.type("ProfilerConfig.ProfilingIntervalInMilliseconds", "500")
    app.type("ExperimentConfig.ExperimentName", "exp-1")
    app.type("MlflowConfig.MlflowRunName", "run-1")
    app.click("add", "Environment")
    app.type("Environment[0].key", "MODE")
    app.type("Environment[0].value", "fast")
    app.click("add", "Tags")
    app.type("Tags[0].Key", "team")
    app.choose("ServerlessJobConfig.JobType", "FineTuning")
    app.type("ModelPackageConfig.ModelPackageGroupArn", "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/g")
    expected = {
        "TrainingJobName": "sections",
        "HyperParameters": {"epochs": "3"},
        "AlgorithmSpecification": {"TrainingImage": "img:1", "MetricDefinitions": [{"Name": "loss", "Regex": "loss=([0-9.]+)"}]},
        "InputDataConfig": [{"ChannelName": "train", "InputMode": "Pipe"}],
        "OutputDataConfig": {"S3OutputPath": "s3://my-bucket/out", "CompressionType": "NONE"},
        "ResourceConfig": {"KeepAlivePeriodInSeconds": 600},
        "VpcConfig": {"SecurityGroupIds": ["sg-0123"]},
        "Tags": [{"Key": "team", "Value": ""}],
        "EnableInterContainerTrafficEncryption": True,
        "EnableManagedSpotTraining": True,
        "CheckpointConfig": {"S3Uri": "s3://my-bucket/ckpt"},
        "DebugHookConfig": {"S3OutputPath": "s3://my-bucket/debug"},
        "DebugRuleConfigurations": [{"RuleConfigurationName": "loss-not-decreasing", "RuleEvaluatorImage": "",
                                     "RuleParameters": {"rule_to_invoke": "LossNotDecreasing"}}],
        "ExperimentConfig": {"ExperimentName": "exp-1"},
        "ProfilerConfig": {"ProfilingIntervalInMilliseconds": 500},
        "Environment": {"MODE": "fast"},
        "RetryStrategy": {"MaximumRetryAttempts": 2},
        "MlflowConfig": {"MlflowRunName": "run-1"},
        "ServerlessJobConfig": {"JobType": "FineTuning"},
        "ModelPackageConfig": {"ModelPackageGroupArn": "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/g"},
    }
    app.wait(lambda d: json.loads(app.preview()) == expected)
    # Exactly the body, in the model's member order.
    assert app.preview() == json.dumps({k: expected[k] for k in json.loads(app.preview())}, indent=2)
    assert list(json.loads(app.preview())) == [
        "TrainingJobName", "HyperParameters", "AlgorithmSpecification", "InputDataConfig", "OutputDataConfig",
        "ResourceConfig", "VpcConfig", "Tags", "EnableInterContainerTrafficEncryption", "EnableManagedSpotTraining",
        "CheckpointConfig", "DebugHookConfig", "DebugRuleConfigurations", "ExperimentConfig", "ProfilerConfig",
        "Environment", "RetryStrategy", "ServerlessJobConfig", "MlflowConfig", "ModelPackageConfig"]


def test_the_summary_reaches_fields_in_folded_groups_and_missing_groups(app):
    # A problem inside an optional group that starts folded.
    import_json(app, {"AlgorithmSpecification": {"TrainingImage": "i", "TrainingInputMode": "File",
                                                 "TrainingImageConfig": {"TrainingRepositoryAccessMode": "Nope"}}})
    app.one('details[data-group="AlgorithmSpecification.TrainingImageConfig"] > summary').click()  # fold it
    path = "AlgorithmSpecification.TrainingImageConfig.TrainingRepositoryAccessMode"
    app.one(f'[data-summary-path="{path}"]').click()
    # Unfolding takes a moment: the group is opened, then focus moves.
    app.wait(lambda d: d.switch_to.active_element.get_attribute("data-path") == path)
    # A required member that is missing altogether: focus goes to the first field inside it.
    app.one('[data-summary-path="OutputDataConfig"]').click()
    app.wait(lambda d: (d.switch_to.active_element.get_attribute("data-path") or "").startswith("OutputDataConfig."))


def test_rows_far_down_are_built_when_reached_and_the_summary_reaches_them(app):
    from max_request import max_request
    request = max_request()
    request["Environment"]["9-not-a-name"] = "x"
    import_json(app, request)
    last = 'Environment[100]'
    # Far below the viewport, the section (and so the row) waits to be built.
    assert app.one('[data-section="environment"]').get_attribute("data-watch") is not None
    assert not app.driver.find_elements(By.CSS_SELECTOR, f'[data-path="{last}.key"]')
    app.one(f'[data-summary-path="{last}.key"]').click()
    app.wait(lambda d: d.switch_to.active_element.get_attribute("data-path") == f"{last}.key")
    assert app.field(f"{last}.key").get_attribute("value") == "9-not-a-name"
    assert "Member must satisfy regular expression pattern" in app.messages(f"{last}.key")


def test_every_folded_group_shows_that_it_opens(app):
    """Issue 13 item 6: a summary drawn as flex loses the browser's marker; ours says closed or open."""
    marker = "return getComputedStyle(arguments[0], '::before').content"
    group = app.one('details[data-group="AlgorithmSpecification.TrainingImageConfig"]')
    summary = group.find_element(By.CSS_SELECTOR, ":scope > summary")
    closed = app.driver.execute_script(marker, summary)
    assert "\u25b8" in closed, closed
    summary.click()
    app.wait(lambda d: group.get_attribute("open") is not None)
    assert "\u25be" in app.driver.execute_script(marker, summary)
    # Every summary on the page has one.
    assert app.driver.execute_script(
        "return [...document.querySelectorAll('summary')].filter(s => getComputedStyle(s, '::before').content === 'none').length") == 0


def test_unknown_imported_members_are_shown_where_they_were_found_and_can_be_removed(app):
    import_json(app, {"TrainingJobName": "job-1", "trainingJobName": "lower",
                      "AlgorithmSpecification": {"TrainingInputMode": "File", "Foo": {"bar": 1}}})
    for path, value in (("trainingJobName", '"lower"'), ("AlgorithmSpecification.Foo", '{"bar":1}')):
        shown = app.field(path)
        assert path in shown.text and value in shown.text
        assert "not" in app.messages(path).lower()
        # The summary's link reaches it.
        app.one(f'[data-summary-path="{path}"]').click()
        app.wait(lambda d: d.switch_to.active_element.get_attribute("data-path") == path)
    app.click("remove", "AlgorithmSpecification.Foo")
    app.wait(lambda d: "Foo" not in app.preview())
    app.click("remove", "trainingJobName")
    app.wait(lambda d: "lower" not in app.preview())
    assert json.loads(app.preview()) == {"TrainingJobName": "job-1", "AlgorithmSpecification": {"TrainingInputMode": "File"}}
    assert not app.driver.find_elements(By.CSS_SELECTOR, '[data-path="trainingJobName"]')


def test_the_summary_names_rows_by_key_and_a_missing_group_leads_to_its_required_field(app):
    import_json(app, {"HyperParameters": {"eta": "0.1", "bad": "x" * 2600}})
    entry = app.one('[data-summary-path="HyperParameters[1].value"]')
    assert entry.text == 'HyperParameters["bad"]'
    app.one('[data-summary-path="OutputDataConfig"]').click()
    app.wait(lambda d: d.switch_to.active_element.get_attribute("data-path") == "OutputDataConfig.S3OutputPath")
    # The data source choice is announced by its own name.
    group = app.one('[role="radiogroup"][aria-label]')
    assert "source source" not in group.get_attribute("aria-label").lower()


def test_a_value_of_the_wrong_form_is_told_what_is_wrong(app):
    app.type("TrainingJobName", "xgb_churn")
    app.wait(lambda d: "Character 4, `_`, is not allowed there; `-` would be." in app.messages("TrainingJobName"))
    app.type("OutputDataConfig.S3OutputPath", "s3:/bucket/out")
    app.wait(lambda d: "A `/` is missing before character 5." in app.messages("OutputDataConfig.S3OutputPath"))


def test_an_empty_form_opens_without_errors_until_typed_in_or_submitted(app):
    # Nothing typed yet: no errors, no red borders, but the summary says what is still missing.
    assert app.one("#summary-title").text == "Nothing wrong so far"
    assert "required members are not filled in yet" in app.one('[data-summary="held-back"]').text
    assert not app.driver.find_elements(By.CSS_SELECTOR, "main .problem.error, [aria-invalid=true]")
    # Typing in the job section flags what that section still lacks, and only that.
    app.type("TrainingJobName", "churn-1")
    app.wait(lambda d: "Required." in app.messages("RoleArn"))
    assert app.messages("OutputDataConfig") == ""
    # The field's message says it once: the service's words are not repeated under it.
    assert app.messages("RoleArn") == "Required."
    # Asking to submit flags every missing member.
    app.click("submit")
    app.wait(lambda d: "Required." in app.messages("OutputDataConfig"))
    assert not app.driver.find_elements(By.CSS_SELECTOR, '[data-summary="held-back"]')
