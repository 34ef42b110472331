"""A job of the stand-in writes its log and metrics into moto as it runs (scripts/job_writer.py), where
the app's user reads them with the permissions the local stack grants it, signatures checked."""
import time

import boto3
import pytest

from job_stand_in import JobStandIn
from job_writer import LOG_GROUP, NAMESPACE, JobWriter
from local_stack import REGION


@pytest.fixture
def playing(stack):
    writer = JobWriter(stack.client("logs", *stack.writer_keys), stack.client("cloudwatch", *stack.writer_keys))
    stand_in = JobStandIn({stack.access_key_id: stack.secret_access_key}, writer=writer)
    sagemaker = boto3.client("sagemaker", region_name=REGION, endpoint_url=stand_in.url,
                             aws_access_key_id=stack.access_key_id, aws_secret_access_key=stack.secret_access_key)
    yield stand_in, sagemaker
    stand_in.stop()


def test_a_running_job_writes_its_log_and_metrics(playing, stack):
    stand_in, sagemaker = playing
    name = f"writes-{int(time.time() * 1000)}"
    stand_in.script(name, [("InProgress", "Starting"), ("InProgress", "Downloading"), ("InProgress", "Training"),
                           ("InProgress", "Uploading"), ("Completed", "Completed")])
    sagemaker.create_training_job(
        TrainingJobName=name, RoleArn=stack.role_arn,
        AlgorithmSpecification={"TrainingImage": "x", "TrainingInputMode": "File"},
        InputDataConfig=[{"ChannelName": "train", "DataSource": {"S3DataSource": {
            "S3DataType": "S3Prefix", "S3Uri": "s3://my-bucket/train/"}}}],
        OutputDataConfig={"S3OutputPath": "s3://b/"},
        ResourceConfig={"InstanceType": "ml.m5.large", "InstanceCount": 2, "VolumeSizeInGB": 1},
        StoppingCondition={"MaxRuntimeInSeconds": 600})
    logs = stack.client("logs", stack.access_key_id, stack.secret_access_key)
    for _ in range(5):
        sagemaker.describe_training_job(TrainingJobName=name)
    streams = logs.describe_log_streams(logGroupName=LOG_GROUP, logStreamNamePrefix=f"{name}/")["logStreams"]
    assert sorted(s["logStreamName"].split("/")[1].rsplit("-", 1)[0] for s in streams) == ["algo-1", "algo-2"]
    events = logs.get_log_events(logGroupName=LOG_GROUP, logStreamName=streams[0]["logStreamName"],
                                 startFromHead=True)["events"]
    text = [e["message"] for e in events]
    assert any("Container started" in t and "\x1b[" in t for t in text), text
    assert any("Downloading train from s3://my-bucket/train/" in t for t in text), text
    assert sum("train-rmse:" in t for t in text) == 5
    assert text[-1].endswith("Training job completed")
    cloudwatch = stack.client("cloudwatch", stack.access_key_id, stack.secret_access_key)
    now = time.time()
    results = cloudwatch.get_metric_data(StartTime=now - 3600, EndTime=now + 60, ScanBy="TimestampAscending",
                                         MetricDataQueries=[
        {"Id": "rmse", "MetricStat": {"Metric": {"Namespace": NAMESPACE, "MetricName": "validation:rmse",
                                                 "Dimensions": [{"Name": "TrainingJobName", "Value": name}]},
                                      "Period": 60, "Stat": "Average"}},
        {"Id": "cpu", "MetricStat": {"Metric": {"Namespace": NAMESPACE, "MetricName": "CPUUtilization",
                                                "Dimensions": [{"Name": "Host", "Value": f"{name}/algo-2"}]},
                                     "Period": 60, "Stat": "Average"}}])["MetricDataResults"]
    by_id = {r["Id"]: r for r in results}
    assert len(by_id["rmse"]["Values"]) == 5 and by_id["rmse"]["Values"] == sorted(by_id["rmse"]["Values"], reverse=True)
    assert len(by_id["cpu"]["Values"]) == 5

