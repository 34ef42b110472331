"""The job stand-in (scripts/job_stand_in.py) plays SageMaker's part faithfully enough to test against:
it refuses what the service refuses (a wrong secret, an unknown key, a tampered body) and moves
a job through its statuses. Driven with boto3, which signs as the AWS SDKs do."""
import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from job_stand_in import JobStandIn

KEY_ID, SECRET = "AKIDSTANDIN0000000001", "stand-in-secret"


@pytest.fixture
def stand_in():
    s = JobStandIn({KEY_ID: SECRET})
    yield s
    s.stop()


def client(stand_in, key_id=KEY_ID, secret=SECRET):
    return boto3.client("sagemaker", region_name="us-east-1", endpoint_url=stand_in.url,
                        aws_access_key_id=key_id, aws_secret_access_key=secret)


REQUEST = {"RoleArn": "arn:aws:iam::123456789012:role/R",
           "AlgorithmSpecification": {"TrainingImage": "x", "TrainingInputMode": "File"},
           "OutputDataConfig": {"S3OutputPath": "s3://b/"},
           "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 1},
           "StoppingCondition": {"MaxRuntimeInSeconds": 60}}


def create(sagemaker, name):
    return sagemaker.create_training_job(TrainingJobName=name, **REQUEST)


def error_code(call):
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value.response["Error"]["Code"]


def test_signatures_are_checked(stand_in):
    assert error_code(lambda: client(stand_in, secret="wrong").list_training_jobs()) == "SignatureDoesNotMatch"
    assert error_code(lambda: client(stand_in, key_id="AKIDUNKNOWN").list_training_jobs()) == "UnrecognizedClientException"
    assert client(stand_in).list_training_jobs()["TrainingJobSummaries"] == []


def test_a_tampered_body_fails_its_signature(stand_in):
    sagemaker = client(stand_in)

    def tamper(request, **kwargs):
        request.body = request.body.replace(b"job-a", b"job-b")
    sagemaker.meta.events.register_last("before-send.sagemaker.DescribeTrainingJob", tamper)
    assert error_code(lambda: sagemaker.describe_training_job(TrainingJobName="job-a")) == "SignatureDoesNotMatch"


def test_a_scripted_job_fails_with_its_reason(stand_in):
    reason = "ClientError: Data download failed: NoSuchKey (404) for s3://my-bucket/train/"
    stand_in.script("doomed", [("InProgress", "Starting"), ("InProgress", "Downloading"), ("Failed", "Failed", reason)])
    sagemaker = client(stand_in)
    create(sagemaker, "doomed")
    seen = [sagemaker.describe_training_job(TrainingJobName="doomed") for _ in range(4)]
    assert [(d["TrainingJobStatus"], d["SecondaryStatus"]) for d in seen] == [
        ("InProgress", "Starting"), ("InProgress", "Downloading"), ("Failed", "Failed"), ("Failed", "Failed")]
    assert seen[-1]["FailureReason"] == reason and "FailureReason" not in seen[0]
    assert [t["Status"] for t in seen[-1]["SecondaryStatusTransitions"]] == ["Starting", "Downloading", "Failed"]
    assert seen[-1]["BillableTimeInSeconds"] > 0
    assert error_code(lambda: create(sagemaker, "doomed")) == "ResourceInUse"


def test_a_running_job_stops_and_a_stopped_one_cannot(stand_in):
    stand_in.script("long", [("InProgress", "Starting"), ("InProgress", "Training"), ("Completed", "Completed")])
    sagemaker = client(stand_in)
    create(sagemaker, "long")
    assert sagemaker.describe_training_job(TrainingJobName="long")["TrainingJobStatus"] == "InProgress"
    sagemaker.stop_training_job(TrainingJobName="long")
    statuses = [sagemaker.describe_training_job(TrainingJobName="long")["TrainingJobStatus"] for _ in range(3)]
    assert statuses == ["Stopping", "Stopped", "Stopped"]
    assert error_code(lambda: sagemaker.stop_training_job(TrainingJobName="long")) == "ValidationException"
    assert error_code(lambda: sagemaker.describe_training_job(TrainingJobName="vanished")) == "ValidationException"


def test_the_list_is_newest_first_filtered_and_paged(stand_in):
    stand_in.add_jobs(25, prefix="churn")
    stand_in.add_jobs(3, prefix="fraud", status="Failed")
    sagemaker = client(stand_in)
    first = sagemaker.list_training_jobs(NameContains="churn", MaxResults=10)
    assert [j["TrainingJobName"] for j in first["TrainingJobSummaries"]][:2] == ["churn-0024", "churn-0023"]
    second = sagemaker.list_training_jobs(NameContains="churn", MaxResults=10, NextToken=first["NextToken"])
    third = sagemaker.list_training_jobs(NameContains="churn", MaxResults=10, NextToken=second["NextToken"])
    assert len(third["TrainingJobSummaries"]) == 5 and "NextToken" not in third
    failed = sagemaker.list_training_jobs(StatusEquals="Failed")["TrainingJobSummaries"]
    assert {j["TrainingJobName"] for j in failed} == {"fraud-0000", "fraud-0001", "fraud-0002"}


def test_throttling_is_answered_as_the_service_does(stand_in):
    stand_in.throttle(10)  # more than boto3 retries
    sagemaker = boto3.client("sagemaker", region_name="us-east-1", endpoint_url=stand_in.url, aws_access_key_id=KEY_ID,
                             aws_secret_access_key=SECRET, config=Config(retries={"max_attempts": 1}))
    assert error_code(lambda: sagemaker.list_training_jobs()) == "ThrottlingException"
