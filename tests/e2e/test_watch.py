"""behaviour §15 in the browser: the followed job's log, read from CloudWatch Logs as the job
writes it. The job is the stand-in's (scripts/job_stand_in.py), which writes its log into moto as it
moves on (scripts/job_writer.py); the app reads the log from moto, signatures checked, through a CORS
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
    epochs = writing.writer.epochs[name]  # each Training step writes five
    assert epochs == 10
    # Every epoch on each of 2 instances: the view's 17 rows and the 20 drawn below them.
    assert len(log_lines(app, name)) == 2 * epochs
    Select(panel.find_element(By.CSS_SELECTOR, '[data-log="instance"]')).select_by_value("algo-2")
    app.wait(lambda d: {i for i, _ in log_lines(app, name)} == {"algo-2"})
    assert panel.find_element(By.CSS_SELECTOR, '[data-log="status"]').text.startswith(f"{epochs} of ")


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
    metrics_note = lambda: panel.find_element(By.CSS_SELECTOR, '[data-metrics="status"]').text  # noqa: E731
    app.wait(lambda d: "cloudwatch:GetMetricData" in metrics_note(), timeout=20)
    app.wait(lambda d: status(app, name) == "Completed", timeout=30)


def chart_points(app, name, metric):
    """The points drawn in the chart of `metric`, per series: {instance: [(x, y)]}."""
    found = app.driver.execute_script("""
        const out = {};
        for (const g of document.querySelectorAll(arguments[0]))
            out[g.dataset.series] = [...g.querySelectorAll('[data-x]')].map(c => [+c.dataset.x, +c.dataset.y]);
        return out;""", f'[data-job="{name}"] [data-job-chart="{metric}"] [data-series]')
    return {series: [tuple(p) for p in points] for series, points in found.items()}


def same_points(drawn, written):
    """The chart's `data-x` are the times written; its `data-y` the values, to nine digits."""
    assert [x for x, _ in drawn] == [t for t, _ in written]
    assert [y for _, y in drawn] == pytest.approx([v for _, v in written], rel=1e-8)


def test_the_charts_show_the_points_the_job_wrote_and_its_final_values(app, stack, writing):
    name = unique("charted")
    writing.script(name, STEPS)
    fill(app, name)
    outcome = submit(app, stack.access_key_id, stack.secret_access_key)
    assert outcome.get_attribute("data-outcome") == "success", outcome.text
    # Points come while the job runs.
    app.wait(lambda d: chart_points(app, name, "train:rmse").get("job") and status(app, name) == "InProgress", timeout=30)
    app.wait(lambda d: status(app, name) == "Completed", timeout=30)
    written = writing.writer.points
    # Each algorithm metric's chart holds exactly the points written (one a minute), at their times.
    for metric in ("train:rmse", "validation:rmse"):
        want = sorted(written[(name, metric, None)])
        app.wait(lambda d: len(chart_points(app, name, metric).get("job", [])) == len(want), timeout=20)
        same_points(sorted(chart_points(app, name, metric)["job"]), want)
    # The instances' use: one line per instance.
    cpu = chart_points(app, name, "CPUUtilization")
    assert set(cpu) == {"algo-1", "algo-2"}
    same_points(sorted(cpu["algo-2"]), sorted(written[(name, "CPUUtilization", "algo-2")]))
    assert not app.driver.find_elements(By.CSS_SELECTOR, f'[data-job="{name}"] [data-job-chart="GPUUtilization"]')
    # The final values, as DescribeTrainingJob gives them.
    final = app.one(f'[data-job="{name}"] [data-final-metric="validation:rmse"]')
    assert final.text == f"{written[(name, 'validation:rmse', None)][-1][1]:.4f}".rstrip("0")
    # A text alternative says what the chart shows.
    chart = app.one(f'[data-job="{name}"] [data-job-chart="validation:rmse"] svg[role=img]')
    points = len(written[(name, "validation:rmse", None)])
    assert f"job: {points} points, first 1.12," in chart.get_attribute("aria-label")
    # The value under the pointer.
    from selenium.webdriver.common.action_chains import ActionChains
    app.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", chart)
    ActionChains(app.driver).move_to_element(chart).perform()
    reading = app.one(f'[data-job="{name}"] [data-job-chart="validation:rmse"] [data-chart-reading]')
    app.wait(lambda d: "UTC · job " in reading.text)


def test_throttled_reads_say_so_wait_longer_and_then_succeed(app, stack):
    from stand_ins import ThrottlingFront
    writer = JobWriter(stack.client("logs", *stack.writer_keys), stack.client("cloudwatch", *stack.writer_keys))
    stand_in = JobStandIn({stack.access_key_id: stack.secret_access_key}, writer=writer)
    front = ThrottlingFront(stack.moto_port)
    try:
        set_setting(app, "endpoint", stand_in.url)
        set_setting(app, "send-via", "")
        set_setting(app, "account-endpoint", front.url)
        name = unique("throttled")
        stand_in.script(name, [("InProgress", "Starting"), ("InProgress", "Training"), ("InProgress", "Training"),
                               ("InProgress", "Training"), ("Completed", "Completed")])
        front.throttle("GraniteServiceVersion20100801.GetMetricData", 2)
        front.throttle("Logs_20140328.DescribeLogStreams", 1)
        fill(app, name)
        outcome = submit(app, stack.access_key_id, stack.secret_access_key)
        assert outcome.get_attribute("data-outcome") == "success", outcome.text
        note = lambda part: app.one(f'[data-job="{name}"] [data-{part}="status"]').text  # noqa: E731
        app.wait(lambda d: "slowing reads of the metrics down" in note("metrics"), timeout=20)
        # Then the reads go through: lines and points arrive, and the notes give way to counts.
        app.wait(lambda d: chart_points(app, name, "train:rmse").get("job"), timeout=40)
        app.wait(lambda d: any("train-rmse" in t for _, t in log_lines(app, name)), timeout=20)
        assert "series" in note("metrics") and "lines" in note("log")
        assert front.throttled == 3
    finally:
        front.stop()
        stand_in.stop()


def test_a_hidden_page_reads_nothing_and_reads_at_once_when_shown_again(app, stack):
    from selenium.common.exceptions import TimeoutException
    from stand_ins import ThrottlingFront
    writer = JobWriter(stack.client("logs", *stack.writer_keys), stack.client("cloudwatch", *stack.writer_keys))
    stand_in = JobStandIn({stack.access_key_id: stack.secret_access_key}, writer=writer)
    front = ThrottlingFront(stack.moto_port)
    try:
        set_setting(app, "endpoint", stand_in.url)
        set_setting(app, "send-via", "")
        set_setting(app, "account-endpoint", front.url)
        name = unique("hidden")
        # A job that keeps running: its log and charts are read again and again.
        stand_in.script(name, [("InProgress", "Starting"), ("InProgress", "Training")] + [("InProgress", "Training")] * 50)
        fill(app, name)
        outcome = submit(app, stack.access_key_id, stack.secret_access_key)
        assert outcome.get_attribute("data-outcome") == "success", outcome.text
        app.wait(lambda d: chart_points(app, name, "train:rmse").get("job"), timeout=30)
        set_hidden = """Object.defineProperty(document, 'hidden', {configurable: true, get: () => arguments[0]});
                        document.dispatchEvent(new Event('visibilitychange', {bubbles: true}));"""
        app.driver.execute_script(set_hidden, True)
        # The round on its way (or planned) may still be made, one for the log (its streams and
        # each of 2 instances' lines) and one for the charts; then nothing, where a shown page
        # would read every few seconds.
        hidden_at = len(front.calls)
        with pytest.raises(TimeoutException):
            app.wait(lambda d: len(front.calls) > hidden_at + 5, timeout=8)
        shown_at = len(front.calls)
        app.driver.execute_script(set_hidden, False)
        app.wait(lambda d: "GraniteServiceVersion20100801.GetMetricData" in front.calls[shown_at:]
                 and "Logs_20140328.DescribeLogStreams" in front.calls[shown_at:], timeout=5)
    finally:
        front.stop()
        stand_in.stop()


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


@pytest.fixture
def live_stack():
    """The stack as scripts/start.sh runs it: SageMaker's calls go to a job stand-in whose jobs
    write their log and metrics into moto while they run."""
    from local_stack import LocalStack
    from conftest import DIST
    stack = LocalStack(dist=DIST, live_jobs=True).start()
    yield stack
    stack.stop()


def test_the_stack_of_scripts_start_plays_jobs_that_write_a_log_and_metrics(browser, live_stack):
    from conftest import App
    app = App(browser, live_stack).open()
    name = unique("live")
    fill(app, name)
    # Nothing to set: the deployment's settings name the stand-in and moto.
    outcome = submit(app, live_stack.access_key_id, live_stack.secret_access_key)
    assert outcome.get_attribute("data-outcome") == "success", outcome.text
    # While the job trains, lines and points come, and keep coming.
    app.wait(lambda d: any("train-rmse" in t for _, t in log_lines(app, name)), timeout=40)
    app.wait(lambda d: len(chart_points(app, name, "validation:rmse").get("job", [])) >= 5, timeout=40)
    app.wait(lambda d: len(chart_points(app, name, "validation:rmse").get("job", [])) >= 10, timeout=60)
    assert status(app, name) == "InProgress"
