"""behaviour §15 in the browser: the followed job's log, read from CloudWatch Logs as the job
writes it. The job is the stand-in's (job_stand_in.py), which writes its log into moto as it
moves on (job_writer.py); the app reads the log from moto, signatures checked, through a CORS
front (moto cannot answer preflights while it checks signatures), set as the account endpoint."""
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from job_stand_in import JobStandIn
from job_writer import JobWriter
from stand_ins import CorsProxy
from test_slice import fill, submit
from test_submit import set_setting, unique

STEPS = [("InProgress", "Starting"), ("InProgress", "Downloading"), ("InProgress", "Training"),
         ("InProgress", "Training"), ("InProgress", "Uploading"), ("Completed", "Completed")]


@pytest.fixture
def writing(app, stack):
    writer = JobWriter(stack.client("logs", *stack.writer_keys), stack.client("cloudwatch", *stack.writer_keys))
    keys = {stack.access_key_id: stack.secret_access_key, stack.sagemaker_only_keys[0]: stack.sagemaker_only_keys[1]}
    stand_in = JobStandIn(keys, writer=writer)
    front = CorsProxy(stack.moto_port)
    set_setting(app, "endpoint", stand_in.url)
    set_setting(app, "send-via", "")
    set_setting(app, "account-endpoint", front.url)
    yield stand_in
    front.stop()
    stand_in.stop()


def log_lines(app, name):
    """The log's rows drawn now, as (instance, text), read at once (rows come and go as it grows)."""
    return [tuple(row) for row in app.driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => [e.dataset.instance, e.textContent])",
        f'[data-job="{name}"] [data-job-log] [data-log-line]')]


def status(app, name):
    found = app.driver.find_elements(By.CSS_SELECTOR, f'[data-job="{name}"] [data-job-status]')
    return found[0].get_attribute("data-job-status") if found else None


def test_the_log_arrives_while_the_job_runs_from_every_instance(app, stack, writing):
    name = unique("logged")
    writing.script(name, STEPS)
    fill(app, name)
    outcome = submit(app, stack.access_key_id, stack.secret_access_key)
    assert outcome.get_attribute("data-outcome") == "success", outcome.text
    # Lines come while the job is still running, not only at its end.
    app.wait(lambda d: any("Container started" in text for _, text in log_lines(app, name)), timeout=20)
    app.wait(lambda d: any("train-rmse" in text for _, text in log_lines(app, name))
             and status(app, name) == "InProgress", timeout=20)
    app.wait(lambda d: status(app, name) == "Completed", timeout=30)
    app.wait(lambda d: any("Training job completed" in text for _, text in log_lines(app, name)), timeout=20)
    lines = log_lines(app, name)
    # Both instances' streams, their escape codes gone, in time order.
    assert {instance for instance, _ in lines} == {"algo-1", "algo-2"}
    assert not any("\x1b" in text for _, text in lines)
    # The filter keeps the lines with every word; the instance choice one instance's.
    panel = app.driver.find_element(By.CSS_SELECTOR, f'[data-job="{name}"]')
    panel.find_element(By.CSS_SELECTOR, '[data-log="filter"]').send_keys("validation-rmse")
    app.wait(lambda d: log_lines(app, name) and all("validation-rmse" in t for _, t in log_lines(app, name)))
    assert len(log_lines(app, name)) == 10  # 10 epochs on each of 2 instances, under the view's 17 rows
    Select(panel.find_element(By.CSS_SELECTOR, '[data-log="instance"]')).select_by_value("algo-2")
    app.wait(lambda d: {i for i, _ in log_lines(app, name)} == {"algo-2"})
    assert panel.find_element(By.CSS_SELECTOR, '[data-log="status"]').text.startswith("5 of ")


def test_keys_that_may_not_read_the_log_get_one_line_and_the_panel_works(app, stack, writing):
    name = unique("unlogged")
    writing.script(name, [("InProgress", "Starting"), ("Completed", "Completed")])
    fill(app, name)
    outcome = submit(app, *stack.sagemaker_only_keys)
    assert outcome.get_attribute("data-outcome") == "success", outcome.text
    panel = app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, f'[data-job="{name}"]'))[0]
    note = lambda: panel.find_element(By.CSS_SELECTOR, '[data-log="status"]').text  # noqa: E731
    app.wait(lambda d: "logs:DescribeLogStreams" in note(), timeout=20)
    assert "need the permission" in note()
    app.wait(lambda d: status(app, name) == "Completed", timeout=30)


def test_older_lines_come_on_request(app, stack, writing):
    name = unique("long")
    # A stream that already holds more lines than one read brings (1,000).
    logs = stack.client("logs", *stack.writer_keys)
    stream = f"{name}/algo-1-1000000000"
    logs.create_log_stream(logGroupName="/aws/sagemaker/TrainingJobs", logStreamName=stream)
    start = int(time.time() * 1000) - 3_600_000
    for first in range(0, 1500, 500):
        logs.put_log_events(logGroupName="/aws/sagemaker/TrainingJobs", logStreamName=stream, logEvents=[
            {"timestamp": start + i, "message": f"old line {i}"} for i in range(first, first + 500)])
    writing.script(name, [("InProgress", "Starting"), ("InProgress", "Training"), ("Completed", "Completed")])
    fill(app, name)
    outcome = submit(app, stack.access_key_id, stack.secret_access_key)
    assert outcome.get_attribute("data-outcome") == "success", outcome.text
    app.wait(lambda d: d.find_elements(By.CSS_SELECTOR, f'[data-job="{name}"]'))
    note = lambda: app.one(f'[data-job="{name}"] [data-log="status"]').text  # noqa: E731
    app.wait(lambda d: any("old line 1499" in t for _, t in log_lines(app, name)) or "lines." in note(), timeout=20)
    older = lambda: app.one(f'[data-job="{name}"] [data-action="older-log-lines"]')  # noqa: E731
    app.wait(lambda d: older().is_enabled())
    app.click("older-log-lines")
    app.wait(lambda d: note().startswith(tuple(f"{n} lines" for n in range(1500, 1600))), timeout=20)
    app.driver.execute_script("const v = document.querySelector(arguments[0]); v.scrollTop = 0; "
                              "v.dispatchEvent(new Event('scroll'))", f'[data-job="{name}"] [data-job-log]')
    app.wait(lambda d: any(t.endswith("old line 0") for _, t in log_lines(app, name)))
    # Only the rows near the view are drawn.
    assert len(log_lines(app, name)) < 100
    # The start of the stream is known when a read of older lines brings none.
    app.click("older-log-lines")
    app.wait(lambda d: not older().is_enabled(), timeout=20)
