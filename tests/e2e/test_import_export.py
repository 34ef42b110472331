"""Import, export, drafts and templates through the UI (behaviour §5, §7)."""
import json
import os
import subprocess
import tempfile

from conftest import needs
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
TEMPLATES = os.path.join(ROOT, "templates")


def template(name):
    with open(os.path.join(TEMPLATES, name)) as f:
        return json.load(f)


def report(app):
    return app.one('[data-import="problems"]').text


def test_a_describe_response_is_cloned(app):
    described = dict(template("xgboost-csv.json"), TrainingJobArn="arn:aws:sagemaker:us-east-1:123456789012:training-job/xgboost-csv",
                     TrainingJobStatus="Completed", CreationTime="2026-11-26T10:00:00Z", BillableTimeInSeconds=120)
    app.import_text(json.dumps(described))
    app.wait(lambda d: "DescribeTrainingJob response" in report(app))
    assert "TrainingJobArn, TrainingJobStatus, CreationTime, BillableTimeInSeconds" in report(app)
    body = json.loads(app.preview())
    assert body["TrainingJobName"].startswith("xgboost-csv-") and body["TrainingJobName"] != "xgboost-csv"
    assert dict(body, TrainingJobName="xgboost-csv") == template("xgboost-csv.json")
    assert "No problems found" == app.one("#summary-title").text


def test_a_step_functions_task_and_a_cli_skeleton_are_recognised(app):
    request = template("fsx-lustre-vpc.json")
    task = {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync", "Parameters": request, "End": True}
    app.import_text(json.dumps(task))
    app.wait(lambda d: "Step Functions task state" in report(app))
    assert json.loads(app.preview()) == request
    # The CLI's placeholders go alike, a choice's first option too (ml.m4.xlarge, Pipe); what
    # someone chose stays and is listed.
    skeleton = {"TrainingJobName": "", "RoleArn": "", "HyperParameters": {"KeyName": ""},
                "AlgorithmSpecification": {"TrainingInputMode": "Pipe"},
                "ResourceConfig": {"InstanceType": "ml.m4.xlarge", "InstanceCount": 0, "VolumeKmsKeyId": "alias/mine"},
                "EnableNetworkIsolation": True}
    app.import_text(json.dumps(skeleton))  # the form holds an import, not unsaved work: no question
    app.wait(lambda d: "AWS CLI skeleton" in report(app))
    assert json.loads(app.preview()) == {"ResourceConfig": {"VolumeKmsKeyId": "alias/mine"}}
    assert "7 placeholder values" in app.one('[data-import="left-out"]').text
    assert "ResourceConfig.VolumeKmsKeyId" in app.one('[data-import="notes"]').text


def test_a_file_can_be_picked(app):
    request = template("custom-spot-checkpoints.json")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(request, f)
    try:
        app.one('[data-import="file"]').send_keys(f.name)
        app.wait(lambda d: "Imported" in report(app))
        assert json.loads(app.preview()) == request
    finally:
        os.unlink(f.name)


def test_declining_the_question_keeps_the_work(app):
    app.type("TrainingJobName", "my-work")
    app.import_text(json.dumps(template("xgboost-csv.json")), confirm=False)
    assert app.field("TrainingJobName").get_attribute("value") == "my-work"
    assert json.loads(app.preview())["TrainingJobName"] == "my-work"


def test_exports_in_every_format(app):
    app.import_text(json.dumps(template("xgboost-csv.json")))
    app.wait(lambda d: "Imported" in report(app))
    shown = lambda: app.export_part("text").text  # noqa: E731
    app.wait(lambda d: shown() == "aws sagemaker create-training-job --region us-east-1 --cli-input-json file://xgboost-csv.json")
    Select(app.export_part("format")).select_by_value("cli")
    app.wait(lambda d: "--cli-input-json '" in shown())
    inline = shown().split("--cli-input-json '", 1)[1].rstrip("'")
    assert json.loads(inline) == template("xgboost-csv.json")
    Select(app.export_part("format")).select_by_value("boto3")
    app.wait(lambda d: "create_training_job(**{" in shown())
    Select(app.export_part("format")).select_by_value("sfn")
    app.wait(lambda d: shown().startswith("{"))
    state = json.loads(shown())
    assert state["Resource"] == "arn:aws:states:::sagemaker:createTrainingJob.sync"
    assert state["Parameters"] == json.loads(app.preview())
    # The region follows the submit settings.
    Select(app.setting("region")).select_by_value("eu-west-1")
    Select(app.export_part("format")).select_by_value("cli-file")
    app.wait(lambda d: "--region eu-west-1" in shown())


def tjs_export(kind, request, region="us-east-1"):
    """What `tjs export --to kind` prints: behaviour §14 says the page shows the same text."""
    done = subprocess.run([os.path.join(ROOT, "target", "debug", "tjs"), "export", "--to", kind, "--region", region, "-"],
                          input=json.dumps(request), capture_output=True, text=True, check=True)
    notes = [line[len("tjs: note: "):] for line in done.stderr.splitlines() if line.startswith("tjs: note: ")]
    return done.stdout, notes


def test_exports_other_tools_run_show_the_same_text_as_tjs_and_their_notes(app):
    # Credentials in the page never reach an export.
    app.setting("paste-credentials").send_keys(
        f"export AWS_ACCESS_KEY_ID={app.stack.access_key_id}\nexport AWS_SECRET_ACCESS_KEY={app.stack.secret_access_key}\n")
    app.click("use-credentials")
    app.wait(lambda d: app.setting("access-key-id").get_attribute("value") == app.stack.access_key_id)
    request = template("serverless-fine-tuning.json")
    app.import_text(json.dumps(request))
    app.wait(lambda d: "Imported" in report(app))
    notes = lambda: [li.text for li in app.export_panel().find_elements(By.CSS_SELECTOR, "[data-export-notes] li")]  # noqa: E731
    for kind in ["sdk", "pipeline", "airflow", "ack", "terraform"]:
        Select(app.export_part("format")).select_by_value(kind)
        text, expected_notes = tjs_export(kind, json.loads(app.preview()))
        # The text of each export is in an element whose data-export is its kind, and nothing else.
        shown = app.wait(lambda d: app.export_panel().find_elements(By.CSS_SELECTOR, f'[data-export="{kind}"]'))[0]
        app.wait(lambda d: shown.get_attribute("textContent") == text, timeout=15)
        # The notes are in view next to it: what the export cannot carry is never dropped silently.
        app.wait(lambda d: notes() == [n for n in expected_notes if not n.startswith("the request has ")])
        assert app.stack.secret_access_key not in text and app.stack.access_key_id not in text
    Select(app.export_part("format")).select_by_value("sdk")
    app.wait(lambda d: any("ServerlessJobConfig" in note and "boto3" in note for note in notes()))


def test_an_export_downloads_under_the_jobs_name(app, downloads):
    request = template("xgboost-csv.json")
    app.import_text(json.dumps(request))
    app.wait(lambda d: "Imported" in report(app))
    Select(app.export_part("format")).select_by_value("terraform")
    text, _ = tjs_export("terraform", request)
    app.wait(lambda d: app.export_part("text").get_attribute("textContent") == text)
    app.click("download-export")
    needs("downloads")
    path = os.path.join(downloads, "xgboost-csv.tf")
    app.wait(lambda d: os.path.exists(path) and os.path.getsize(path) > 0)
    with open(path, encoding="utf-8") as f:
        assert f.read() == text


def test_the_draft_survives_a_reload(app):
    app.type("TrainingJobName", "survives-reload")
    app.click("add", "Tags")
    app.type("Tags[0].Key", "team")
    before = app.preview()
    # Reload at once: what was typed in the last moment is saved as the page goes away.
    app.driver.refresh()
    app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "main[data-ready] #preview"))
    app.wait(lambda d: app.preview() == before)
    assert app.field("TrainingJobName").get_attribute("value") == "survives-reload"
    # behaviour §12: the page says the work came back; the news goes with the first edit.
    assert "restored" in app.one('[data-draft="status"]').text
    app.type("TrainingJobName", "survives-reload-2")
    app.wait(lambda d: app.one('[data-draft="status"]').text == "")


def test_a_draft_that_cannot_be_saved_says_so_and_keeps_trying(app):
    # A browser whose storage is full or blocked refuses every write.
    app.driver.execute_script("""
        window.__setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };""")
    app.type("TrainingJobName", "not-saved")
    status = app.one('[data-draft="status"]')
    app.wait(lambda d: "would not save the draft" in status.text)
    assert "not-saved" in app.preview()  # the work itself is untouched
    # Every place that speaks of saving tells the same truth (issue 22 item 12).
    saving = app.one('[data-draft="saving"]')
    app.wait(lambda d: "not saving" in saving.text and "saved in this browser" not in saving.text)
    app.driver.execute_script("Storage.prototype.setItem = window.__setItem;")
    app.type("TrainingJobName", "saved-again")
    app.wait(lambda d: status.text == "")
    app.wait(lambda d: "saved in this browser" in saving.text)
    # The draft itself is written a moment after the last keystroke.
    app.wait(lambda d: "saved-again" in (d.execute_script("return localStorage.getItem('tjs.draft.v1')") or ""))


def test_every_template_loads_and_is_valid(app):
    names = sorted(f for f in os.listdir(TEMPLATES) if f.endswith(".json"))
    assert len(names) == 5
    for name in names:
        Select(app.drafts_panel().find_element(By.CSS_SELECTOR, '[data-template="choice"]')).select_by_value(name[:-5])
        app.click("load-template")
        app.wait(lambda d: json.loads(app.preview()) == template(name))
        errors = app.driver.find_elements(By.CSS_SELECTOR, ".summary li.error")
        assert errors == [], f"{name}: {[e.text for e in errors]}"


def test_named_drafts_can_be_saved_loaded_renamed_and_deleted(app):
    app.type("TrainingJobName", "first")
    name = app.drafts_panel().find_element(By.CSS_SELECTOR, '[data-draft="name"]')
    name.send_keys("one")
    app.click("save-draft")
    app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-draft-name="one"]'))
    app.click("reset")  # saved, so no question
    app.wait(lambda d: "first" not in app.preview())
    app.type("TrainingJobName", "second")
    app.one('[data-draft-name="one"] [data-action="load-draft"]').click()
    assert "unsaved changes" in app.answer_confirm(True)
    app.wait(lambda d: json.loads(app.preview()).get("TrainingJobName") == "first")
    # Saving under a name that holds other work asks first; declining keeps the saved draft.
    app.type("TrainingJobName", "third")
    app.click("save-draft")
    assert 'Replace the saved draft "one"?' in app.answer_confirm(False)
    app.one('[data-draft-name="one"] [data-action="load-draft"]').click()
    app.answer_confirm(True)
    app.wait(lambda d: json.loads(app.preview()).get("TrainingJobName") == "first")
    # Renaming happens in place, with its own box holding the old name; the "Draft name" box is
    # left alone.
    name.clear()
    name.send_keys("unrelated")
    app.one('[data-draft-name="one"] [data-action="rename-draft"]').click()
    box = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-draft-name="one"] [data-draft="rename"]'))[0]
    assert box.get_attribute("value") == "one"
    app.wait(lambda d: d.switch_to.active_element.get_attribute("data-draft") == "rename")
    box.clear()
    box.send_keys("renamed", Keys.ENTER)
    app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-draft-name="renamed"]'))
    assert not app.driver.find_elements(By.CSS_SELECTOR, '[data-draft-name="one"]')
    assert name.get_attribute("value") == "unrelated"
    app.one('[data-draft-name="renamed"] [data-action="delete-draft"]').click()
    app.answer_confirm(True)
    app.wait(lambda d: not d.find_elements(By.CSS_SELECTOR, '[data-draft-name="renamed"]'))
    # No credential ever reaches storage.
    assert "secret" not in app.driver.execute_script("return JSON.stringify(localStorage)").lower()


def test_a_share_link_carries_a_maximum_size_request_to_a_fresh_browser(app, new_browser):
    from max_request import max_request
    request = max_request()
    app.import_text(json.dumps(request))
    app.wait(lambda d: json.loads(app.preview()) == request, timeout=20)
    app.click("share-link")
    link = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-export="share-link"]'))[0].get_attribute("value")
    assert link.startswith(app.stack.app_url + "#r=")
    assert len(link) < 32_000, len(link)  # far below what browsers accept
    assert app.stack.secret_access_key not in link
    other = new_browser()
    other.get(link)
    other.wait_for = None
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(other, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview")
                                   and d.find_element(By.CSS_SELECTOR, "#preview").text.startswith('{\n  "TrainingJobName": "max-size-request"'))
    assert json.loads(other.find_element(By.CSS_SELECTOR, "#preview").text) == request
    # The fragment is taken off, so a reload keeps the user's edits.
    assert "#r=" not in other.current_url
    # A link opened in a tab that already has the app applies at once, without a reload, and
    # asks first since that tab holds other work.
    other.find_element(By.CSS_SELECTOR, '[data-path="TrainingJobName"]').send_keys("-mine")
    other.execute_script("location.hash = arguments[0]", link.split("#", 1)[1])
    WebDriverWait(other, 10).until(lambda d: expected_conditions.alert_is_present()(d)).accept()
    WebDriverWait(other, 20).until(lambda d: json.loads(d.find_element(By.CSS_SELECTOR, "#preview").text) == request)
    assert "#r=" not in other.current_url


def test_a_browser_without_compression_streams_is_told_why_there_is_no_share_link(app):
    # An engine without CompressionStream (or without its deflate-raw format), as older ones are.
    app.driver.execute_script("delete window.CompressionStream")
    app.type("TrainingJobName", "no-compression")
    app.click("share-link")
    status = app.one('[data-share="status"]')
    app.wait(lambda d: "cannot make share links" in status.text)
    assert "Export the JSON instead" in status.text
    assert not app.driver.find_elements(By.CSS_SELECTOR, '[data-export="share-link"]')
    assert "no-compression" in app.preview()


def test_a_share_link_says_when_edits_left_it_behind_and_has_its_own_copy_button(app):
    app.type("TrainingJobName", "shared-1")
    app.click("share-link")
    link = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-export="share-link"]'))[0]
    status = app.one('[data-share="status"]')
    app.wait(lambda d: "Link ready" in status.text)
    app.click("copy-share-link")
    # Headless engines may refuse the clipboard; either way the link's own status answers.
    app.wait(lambda d: status.text in ("Copied.", "The browser did not allow copying."))
    app.type("TrainingJobName", "shared-2")
    app.wait(lambda d: "does not carry your latest edits" in status.text)
    assert "stale" in link.get_attribute("class")
    app.click("share-link")
    app.wait(lambda d: "Link ready" in status.text)
    assert "stale" not in (app.export_part("share-link").get_attribute("class") or "")


def test_a_damaged_share_link_says_so_and_keeps_the_form_working(app):
    app.driver.get("about:blank")
    app.driver.get(app.stack.app_url + "#r=not-valid!")
    assert "could not be opened" in app.answer_confirm(True, timeout=10)
    app.type("TrainingJobName", "still-works")
    app.wait(lambda d: "still-works" in app.preview())


def test_a_dropped_file_is_imported(app):
    request = template("heterogeneous-cluster.json")
    # What a browser does when a file is dragged from the desktop and dropped.
    app.driver.execute_script("""
        const data = new DataTransfer();
        data.items.add(new File([arguments[1]], 'job.json', {type: 'application/json'}));
        for (const type of ['dragenter', 'dragover', 'drop'])
            arguments[0].dispatchEvent(new DragEvent(type, {dataTransfer: data, bubbles: true, cancelable: true}));
    """, app.one("section.import"), json.dumps(request))
    app.wait(lambda d: "Imported" in report(app))
    assert json.loads(app.preview()) == request
