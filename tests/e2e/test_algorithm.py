"""Knowing the algorithm (behaviour §10) in the browser: the image picker writes the exact URI for the
Submit region and offers to rewrite it when the region changes; typed hyperparameter controls
show ranges, allowed values, what is required and what is unknown; the region survives a
reload."""
import json

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

IMAGE = "AlgorithmSpecification.TrainingImage"
XGBOOST_US = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"


def set_region(app, region):
    Select(app.setting("region")).select_by_value(region)


def picker(app, part):
    return app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, f'[data-picker="image"] [data-picker-part="{part}"]'))[0]


def pick(app, part, value):
    element = picker(app, part)
    app.wait(lambda d: element.find_elements(By.CSS_SELECTOR, f'option[value="{value}"]'))
    Select(element).select_by_value(value)


def image_in_form(app):
    return app.field(IMAGE).get_attribute("value")


def import_json(app, request, confirm=None):
    app.import_text(json.dumps(request), confirm)
    app.wait(lambda d: "Imported" in app.one('[data-import="problems"]').text)


def xgboost_job(**hyperparameters):
    return {
        "TrainingJobName": "xgb-churn",
        "HyperParameters": hyperparameters,
        "AlgorithmSpecification": {"TrainingImage": XGBOOST_US, "TrainingInputMode": "File"},
        "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
        "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {
            "S3DataType": "S3Prefix", "S3Uri": "s3://my-bucket/train/"}}, "ContentType": "text/csv"}],
        "OutputDataConfig": {"S3OutputPath": "s3://my-bucket/output/"},
        "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    }


def test_the_picker_writes_the_exact_uri_for_the_submit_region(app):
    set_region(app, "eu-west-1")
    pick(app, "algorithm", "xgboost")
    pick(app, "version", "1.7-1")
    app.wait(lambda d: app.one('[data-picker="uri"]').text
             == "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1")
    app.click("use-image")
    app.wait(lambda d: image_in_form(app) == "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1")
    body = json.loads(app.preview())
    assert body["AlgorithmSpecification"] == {
        "TrainingImage": "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        "TrainingInputMode": "File"}
    # China: another partition, another domain. The picker offers to rewrite the image in the form.
    set_region(app, "cn-north-1")
    app.wait(lambda d: app.one('[data-picker="uri"]').text
             == "450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1")
    app.wait(lambda d: "across regions" in app.messages(IMAGE))
    app.click("rewrite-image")
    app.wait(lambda d: image_in_form(app) == "450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1")
    app.wait(lambda d: "across regions" not in app.messages(IMAGE))
    assert not app.driver.find_elements(By.CSS_SELECTOR, '[data-action="rewrite-image"]')
    # GovCloud, and a first-party algorithm from the per-region accounts.
    set_region(app, "us-gov-west-1")
    pick(app, "algorithm", "kmeans")
    app.wait(lambda d: app.one('[data-picker="uri"]').text == "226302683700.dkr.ecr.us-gov-west-1.amazonaws.com/kmeans:1")


def test_a_framework_processor_follows_the_instance_type_until_chosen(app):
    app.choose("ResourceConfig.InstanceType", "ml.p3.2xlarge")
    pick(app, "algorithm", "pytorch")
    pick(app, "version", "2.1.0")
    app.wait(lambda d: Select(picker(app, "processor")).first_selected_option.get_attribute("value") == "gpu")
    assert Select(picker(app, "py")).first_selected_option.get_attribute("value") == "py310"
    app.wait(lambda d: app.one('[data-picker="uri"]').text
             == "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310")
    pick(app, "processor", "cpu")
    app.wait(lambda d: app.one('[data-picker="uri"]').text.endswith(":2.1.0-cpu-py310"))
    app.click("use-image")
    app.wait(lambda d: image_in_form(app).endswith("pytorch-training:2.1.0-cpu-py310"))
    # A framework image with nothing to run, and a CPU image on a GPU instance, are warned about.
    app.wait(lambda d: "sagemaker_program" in app.messages(IMAGE))
    app.wait(lambda d: "cpu" in app.messages("ResourceConfig.InstanceType"))


def test_typed_hyperparameters_show_ranges_required_and_unknown_names(app):
    import_json(app, xgboost_job(objective="binary:logistic", eta="2", num_rounds="10"))
    num_round = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-hyperparameter="num_round"]'))[0]
    # Required and missing: marked, and said so just above the typed controls.
    field = num_round.find_element(By.XPATH, "./ancestor::div[contains(@class, 'field')][1]")
    assert "(required)" in field.text
    app.wait(lambda d: "XGBoost needs num_round (the number of boosting rounds), an integer of at least 1."
             in app.messages("HyperParameters"))
    # A number shows its range; out of range is flagged on its row.
    eta = app.one('[data-hyperparameter="eta"]')
    eta_path = eta.get_attribute("data-path")
    assert eta.get_attribute("value") == "2"
    assert "0 to 1" in eta.find_element(By.XPATH, "./ancestor::div[contains(@class, 'field')][1]").text
    app.wait(lambda d: "eta needs a number from 0 to 1" in app.messages(eta_path))
    # Categorical ones are selects with the allowed values; defaults are placeholders.
    objective = Select(app.one('[data-hyperparameter="objective"]'))
    assert objective.first_selected_option.get_attribute("value") == "binary:logistic"
    assert "reg:squarederror" in [o.get_attribute("value") for o in objective.options]
    assert app.one('[data-hyperparameter="max_depth"]').get_attribute("placeholder") == "default 6"
    # Typing into a typed control writes the plain string map.
    num_round.send_keys("ten")
    path = app.wait(lambda d: num_round.get_attribute("data-path"))
    app.wait(lambda d: "not a whole number" in app.messages(path))
    assert json.loads(app.preview())["HyperParameters"]["num_round"] == "ten"
    num_round.clear()
    num_round.send_keys("100")
    app.wait(lambda d: json.loads(app.preview())["HyperParameters"]["num_round"] == "100")
    app.wait(lambda d: "XGBoost needs num_round" not in app.messages("HyperParameters"))
    assert app.driver.switch_to.active_element == num_round, "focus stays in the control as its row is added"
    # An unknown name stays a free row, with the nearest known name.
    app.wait(lambda d: "Did you mean num_round?" in app.one('[data-error-for$=".key"]').text)
    # Emptying a typed control removes its row.
    objective.select_by_value("")
    app.wait(lambda d: "objective" not in json.loads(app.preview())["HyperParameters"])


def test_the_region_survives_a_reload_and_export_follows_it(app):
    set_region(app, "ap-southeast-2")
    app.driver.refresh()
    app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "main[data-ready] #preview"))
    app.wait(lambda d: Select(app.setting("region")).first_selected_option.get_attribute("value") == "ap-southeast-2")
    app.wait(lambda d: "--region ap-southeast-2" in app.export_part("text").text)
