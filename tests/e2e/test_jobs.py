"""behaviour §11 in the browser: a submitted job is followed to its end, its failure shown on the field
it names; a running job can be stopped; the job list filters, pages and clones; and each call's
failure is explained. The endpoint is the job stand-in (scripts/job_stand_in.py), which checks every
signature with botocore's signer and plays the statuses moto cannot; the app reaches it directly
(it allows CORS). The local stack's settings.json sets pollSeconds to 1."""
import time

import pytest
from selenium.webdriver.common.by import By

from job_stand_in import JobStandIn
from local_stack import free_port
from test_budgets import serious_axe_violations
from test_slice import fill, submit
from test_submit import set_setting, unique

S3_URI = "s3://my-bucket/train/"  # the channel's URI that test_slice.fill types


@pytest.fixture
def stand_in(app, stack):
    s = JobStandIn({stack.access_key_id: stack.secret_access_key})
    set_setting(app, "endpoint", s.url)
    set_setting(app, "send-via", "")
    yield s
    s.stop()


def submitted(app, stack, name):
    fill(app, name)
    outcome = submit(app, stack.access_key_id, stack.secret_access_key)
    assert outcome.get_attribute("data-outcome") == "success", outcome.text
    return app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, f'[data-job="{name}"]'))[0]


def status(app, name):
    found = app.driver.find_elements(By.CSS_SELECTOR, f'[data-job="{name}"] [data-job-status]')
    return found[0].get_attribute("data-job-status") if found else None


def describes(stand_in):
    return stand_in.calls.count("DescribeTrainingJob")


def test_a_submitted_job_is_followed_to_its_end(app, stack, stand_in):
    name = unique("followed")
    stand_in.throttle(2, "DescribeTrainingJob")  # the first checks are throttled: checking goes on
    panel = submitted(app, stack, name)
    app.wait(lambda d: "ThrottlingException" in panel.text)
    app.wait(lambda d: status(app, name) == "Completed", timeout=30)
    text = panel.text
    # The timeline of secondary statuses, what was billed and where the model went.
    for step in ["Starting", "Training", "Completed"]:
        assert step in panel.find_element(By.CSS_SELECTOR, "ol.timeline").text
    assert "Billable time: 3 min 0 s" in text
    assert f"s3://my-bucket/output/{name}/output/model.tar.gz" in text
    # A custom endpoint has no console to link to.
    assert panel.find_elements(By.CSS_SELECTOR, "[data-job-link]") == []
    # A name cannot be used twice: the form proposes the next one.
    assert app.field("TrainingJobName").get_attribute("value") == f"{name}-2"
    # Checking stops at the final status: nothing more is asked (the next check would come after 4 s).
    asked = describes(stand_in)
    time.sleep(5)
    assert describes(stand_in) == asked
    assert panel.find_elements(By.CSS_SELECTOR, '[data-action="stop-job"]') == []


def test_a_failure_is_shown_with_its_reason_and_on_the_field_it_names(app, stack, stand_in):
    name = unique("failing")
    reason = f"ClientError: Data download failed:Could not download {S3_URI}part-0.csv: NoSuchKey"
    stand_in.script(name, [("InProgress", "Starting"), ("InProgress", "Downloading"), ("Failed", "Failed", reason)])
    panel = submitted(app, stack, name)
    app.wait(lambda d: status(app, name) == "Failed", timeout=20)
    assert reason in panel.find_element(By.CSS_SELECTOR, "[data-job-failure]").text
    path = "InputDataConfig[0].DataSource.S3DataSource.S3Uri"
    app.wait(lambda d: app.field(path).get_attribute("aria-invalid") == "true")
    assert "failed the job" in app.messages(path)


def test_a_running_job_is_stopped_only_after_a_confirmation(app, stack, stand_in):
    name = unique("stopped")
    stand_in.script(name, [("InProgress", "Starting")] + [("InProgress", "Training")] * 30)
    panel = submitted(app, stack, name)
    app.wait(lambda d: status(app, name) == "InProgress")
    # Settings changed for the next job do not move this one: it is still asked about where it is.
    set_setting(app, "endpoint", f"http://127.0.0.1:{free_port()}/")
    # A check on its way does not hold the stop back: the user's click is never ignored.
    stand_in.hold("DescribeTrainingJob")
    app.wait(lambda d: stand_in.waiting > 0)  # the next check is asked, and waits
    stop = app.wait(lambda d: panel.find_elements(By.CSS_SELECTOR, '[data-action="stop-job"]'))[0]
    assert stop.is_enabled()
    stop.click()
    assert name in app.answer_confirm(False)
    time.sleep(0.5)
    assert "StopTrainingJob" not in stand_in.calls
    panel.find_element(By.CSS_SELECTOR, '[data-action="stop-job"]').click()
    app.answer_confirm(True)
    app.wait(lambda d: "StopTrainingJob" in stand_in.calls)
    stand_in.release()
    app.wait(lambda d: status(app, name) in ("Stopping", "Stopped"))
    assert stand_in.calls.count("StopTrainingJob") == 1
    app.wait(lambda d: status(app, name) == "Stopped", timeout=20)


def open_job_list(app):
    app.click("list-jobs")
    return app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "details.job-list[open]"))[0]


def rows(app):
    # Read in one go: the list may be redrawn between two WebDriver calls.
    return app.driver.execute_script(
        "return [...document.querySelectorAll('[data-job-row]')].map(r => r.dataset.jobRow)")


def test_the_job_list_is_newest_first_filtered_and_paged(app, stack, stand_in):
    app.setting("access-key-id").send_keys(stack.access_key_id)
    app.setting("secret-access-key").send_keys(stack.secret_access_key)
    stand_in.add_jobs(1000, prefix="listed")
    stand_in.add_jobs(3, prefix="broken", status="Failed")
    open_job_list(app)
    app.wait(lambda d: len(rows(app)) == 20)
    assert rows(app)[:2] == ["listed-0999", "listed-0998"]
    app.click("more-jobs")
    app.wait(lambda d: len(rows(app)) == 40)
    assert rows(app)[39] == "listed-0960"
    # A status filter, then a name filter (Enter lists again).
    from selenium.webdriver.support.ui import Select
    Select(app.one('[data-job-filter="status"]')).select_by_value("Failed")
    app.click("list-jobs")
    app.wait(lambda d: sorted(rows(app)) == ["broken-0000", "broken-0001", "broken-0002"])
    assert not app.driver.find_elements(By.CSS_SELECTOR, '[data-action="more-jobs"]')
    Select(app.one('[data-job-filter="status"]')).select_by_value("")
    app.one('[data-job-filter="name"]').send_keys("listed-05\n")
    app.wait(lambda d: len(rows(app)) == 20 and all(r.startswith("listed-05") for r in rows(app)))
    name_filter = app.one('[data-job-filter="name"]')
    name_filter.clear()
    name_filter.send_keys("no-such-job\n")
    app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-jobs="empty"]'))
    assert rows(app) == []


def test_a_listed_job_is_cloned_into_the_form_after_a_question(app, stack, stand_in):
    name = unique("cloned")
    submitted(app, stack, name)
    app.wait(lambda d: status(app, name) == "Completed", timeout=20)
    app.type("TrainingJobName", "unsaved-work")
    open_job_list(app)
    row = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, f'[data-job-row="{name}"]'))[0]
    # Unsaved work is not replaced without asking, in the app's own confirmation and the clone's
    # own words, which gets focus.
    row.find_element(By.CSS_SELECTOR, '[data-action="clone-job"]').click()
    question = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-clone="confirm"]'), timeout=10)[0]
    assert f"Clone {name} into the form?" in question.text and "not saved" in question.text
    app.wait(lambda d: d.switch_to.active_element.get_attribute("data-action") == "confirm")
    question.find_element(By.CSS_SELECTOR, '[data-action="cancel"]').click()
    app.wait(lambda d: not d.find_elements(By.CSS_SELECTOR, '[data-clone="confirm"]'))
    assert app.field("TrainingJobName").get_attribute("value") == "unsaved-work"
    row.find_element(By.CSS_SELECTOR, '[data-action="clone-job"]').click()
    question = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-clone="confirm"]'), timeout=10)[0]
    question.find_element(By.CSS_SELECTOR, '[data-action="confirm"]').click()
    app.wait(lambda d: app.field("TrainingJobName").get_attribute("value").startswith(name + "-"))
    report = app.one('[data-jobs="clone"]')
    assert "TrainingJobArn" in report.find_element(By.CSS_SELECTOR, '[data-import="left-out"]').text
    # The clone is the request that was sent, under its new name.
    assert app.field("InputDataConfig[0].DataSource.S3DataSource.S3Uri").get_attribute("value") == S3_URI
    app.wait(lambda d: app.one("#summary-title").text == "No problems found")


def test_the_job_list_is_newest_first_even_from_an_endpoint_that_ignores_the_order(app, stack, stand_in):
    """Issue 22 item 13: the page sorts what it was given."""
    app.setting("access-key-id").send_keys(stack.access_key_id)
    app.setting("secret-access-key").send_keys(stack.secret_access_key)
    stand_in.ignores_sort_order = True
    stand_in.add_jobs(3, prefix="ordered")
    open_job_list(app)
    app.wait(lambda d: len(rows(app)) == 3)
    assert rows(app) == ["ordered-0002", "ordered-0001", "ordered-0000"]


def test_each_call_that_fails_says_why(app, stack, stand_in):
    stand_in.add_jobs(2)
    # No keys yet: the list says so rather than sending.
    open_job_list(app)
    error = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-jobs-call="error"]'))[0]
    assert "access key" in error.text
    app.setting("access-key-id").send_keys(stack.access_key_id)
    app.setting("secret-access-key").send_keys("wrong-secret")
    app.click("list-jobs")
    app.wait(lambda d: "SignatureDoesNotMatch" in app.one('[data-jobs-call="error"]').text)
    set_setting(app, "secret-access-key", stack.secret_access_key)
    # Throttled, then fine.
    stand_in.throttle(1)
    app.click("list-jobs")
    app.wait(lambda d: "ThrottlingException" in app.one('[data-jobs-call="error"]').text)
    # An answer that is not the service's.
    stand_in.garble(1)
    app.click("list-jobs")
    app.wait(lambda d: "The job list is not JSON" in app.one('[data-jobs-call="error"]').text)
    app.click("list-jobs")
    app.wait(lambda d: len(rows(app)) == 2)
    assert not app.driver.find_elements(By.CSS_SELECTOR, '[data-jobs-call="error"]')
    # A vanished job: following it says so and stops asking.
    app.one('[data-job-row="listed-0001"] [data-action="follow-job"]').click()
    app.wait(lambda d: status(app, "listed-0001") == "Completed")
    del stand_in.jobs["listed-0001"]
    app.click("refresh-job")
    app.wait(lambda d: "Requested resource not found" in app.one('[data-job-call="error"]').text)
    # The panel, its list and its errors hold nothing serious for axe-core either.
    assert serious_axe_violations(app) == []
    # The endpoint down.
    set_setting(app, "endpoint", f"http://127.0.0.1:{free_port()}/")
    app.click("list-jobs")
    app.wait(lambda d: "did not reach the service" in app.one('[data-jobs-call="error"]').text)


def test_moto_through_the_proxy_is_followed_and_listed(app, stack):
    """The real parts: moto with signatures checked, through nginx's same-origin proxy, serves
    DescribeTrainingJob and ListTrainingJobs (it reports every job Completed at once)."""
    name = unique("moto-followed")
    panel = submitted(app, stack, name)
    app.wait(lambda d: status(app, name) == "Completed", timeout=20)
    assert "Status: Completed" in panel.text
    app.one("details.job-list > summary").click()
    app.wait(lambda d: name in rows(app))
    assert not app.driver.find_elements(By.CSS_SELECTOR, '[data-jobs-call="error"]')
