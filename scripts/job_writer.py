"""What a training job writes while it runs (behaviour §15), played into moto's CloudWatch Logs and
CloudWatch as a real job writes into AWS's: one log stream per instance in
`/aws/sagemaker/TrainingJobs` (`<job>/algo-<n>-<epoch seconds>`), with a container's start, the
data download, one line per epoch with `train-rmse` and `validation-rmse` (as XGBoost writes
them, `#011` for its tabs), and the upload; and metric points in namespace
`/aws/sagemaker/TrainingJobs`: the algorithm's (dimension `TrainingJobName`) and each instance's
use (dimension `Host` = `<job>/algo-<n>`).

The job stand-in (job_stand_in.py) calls `step` each time its job moves on, so the log and the
charts grow while the job runs:

    writer = JobWriter(logs_client, cloudwatch_client)   # boto3 clients signed with keys moto knows
    stand_in = JobStandIn(keys, writer=writer)
"""
import math
import time

LOG_GROUP = "/aws/sagemaker/TrainingJobs"
NAMESPACE = "/aws/sagemaker/TrainingJobs"
INSTANCE_METRICS = ["CPUUtilization", "MemoryUtilization", "DiskUtilization"]
# What SageMaker puts in a built-in algorithm's description for the metrics it writes.
METRIC_DEFINITIONS = [{"Name": "train:rmse", "Regex": ".*train-rmse:([-+]?[0-9]*\\.?[0-9]+)"},
                      {"Name": "validation:rmse", "Regex": ".*validation-rmse:([-+]?[0-9]*\\.?[0-9]+)"}]
EPOCHS_PER_STEP = 5
# A written job's training started this long ago, so that its metric points, a minute apart as
# SageMaker's are, lie in its past however fast the stand-in plays it (room for 40 epochs).
HEAD_START = 40 * 60


def instance_count(request):
    resources = request.get("ResourceConfig", {})
    groups = sum(g.get("InstanceCount", 0) for g in resources.get("InstanceGroups", []))
    return max(1, min(resources.get("InstanceCount", 0) + groups, 8))


class JobWriter:
    def __init__(self, logs, cloudwatch):
        self.logs, self.cloudwatch = logs, cloudwatch
        self.streams = {}  # job -> its stream names, one per instance
        self.epochs = {}  # job -> epochs written so far
        self.started = {}  # job -> when its training started, on a whole minute (seconds since 1970)
        self.points = {}  # (job, metric, instance or None) -> [(time, value)] written
        try:
            self.logs.create_log_group(logGroupName=LOG_GROUP)
        except self.logs.exceptions.ResourceAlreadyExistsException:
            pass

    def step(self, name, request, secondary, failure=None):
        """Writes what job `name` writes as it enters `secondary` (Starting, Downloading, Training,
        Uploading, Completed, Failed, Stopped)."""
        if name not in self.streams:
            started = int(time.time())
            self.started[name] = started // 60 * 60 - HEAD_START
            self.streams[name] = [f"{name}/algo-{n}-{started}" for n in range(1, instance_count(request) + 1)]
            for stream in self.streams[name]:
                self.logs.create_log_stream(logGroupName=LOG_GROUP, logStreamName=stream)
        lines = {
            "Starting": ["Invoking script with the following command:", "\x1b[34m[INFO]\x1b[0m Container started",
                         "/opt/ml/input/config/hyperparameters.json: " + str(request.get("HyperParameters", {}))],
            "Downloading": [f"Downloading {c.get('ChannelName')} from "
                            f"{c.get('DataSource', {}).get('S3DataSource', {}).get('S3Uri', '(file system)')}"
                            for c in request.get("InputDataConfig", [])] or ["No input channels"],
            "Uploading": ["Uploading generated training model", "Training done, writing /opt/ml/model"],
            "Completed": ["Training job completed"],
            "Stopped": ["\x1b[33m[WARN]\x1b[0m Received SIGTERM: stopping"],
            "Failed": [f"\x1b[31m[ERROR]\x1b[0m {failure or 'Training failed'}"],
        }.get(secondary)
        if secondary == "Training":
            self.train(name)
        elif lines:
            self.write(name, lines)

    def write(self, name, lines, at=None):
        now = int((at or time.time()) * 1000)
        for n, stream in enumerate(self.streams[name], start=1):
            events = [{"timestamp": now + i, "message": f"[algo-{n}] {line}" if len(self.streams[name]) > 1 else line}
                      for i, line in enumerate(lines)]
            self.logs.put_log_events(logGroupName=LOG_GROUP, logStreamName=stream, logEvents=events)

    def train(self, name):
        """Five epochs: a log line each, written now and in order (a log's lines only move
        forward), and metric points on the minutes after the job's last ones, so that a chart has
        a curve."""
        done = self.epochs.get(name, 0)
        now = time.time()
        for i in range(EPOCHS_PER_STEP):
            epoch = done + i
            at = self.started[name] + 60 * (epoch + 1)
            train, validation = 1 / math.sqrt(epoch + 1), 1.1 / math.sqrt(epoch + 1) + 0.02
            self.write(name, [f"[{epoch}]#011train-rmse:{train:.5f}#011validation-rmse:{validation:.5f}"],
                       now + i / 1000)
            values = [(metric, None, value) for metric, value in (("train:rmse", train), ("validation:rmse", validation))]
            values += [(metric, f"algo-{n}", 40 + 10 * n + 5 * math.sin(epoch + k))
                       for n in range(1, len(self.streams[name]) + 1) for k, metric in enumerate(INSTANCE_METRICS)]
            data = []
            for metric, instance, value in values:
                dimension = {"Name": "Host", "Value": f"{name}/{instance}"} if instance else {"Name": "TrainingJobName", "Value": name}
                data.append({"MetricName": metric, "Dimensions": [dimension], "Timestamp": at, "Value": value,
                             **({"Unit": "Percent"} if instance else {})})
                self.points.setdefault((name, metric, instance), []).append((at, value))
            self.cloudwatch.put_metric_data(Namespace=NAMESPACE, MetricData=data)
        self.epochs[name] = done + EPOCHS_PER_STEP

    def described(self, name, answer, final):
        """What SageMaker adds to job `name`'s description once it writes: the built-in algorithm's
        metric definitions, when training started, and at the end each metric's final value."""
        if name not in self.started:
            return answer
        algorithm = dict(answer.get("AlgorithmSpecification", {}))
        algorithm.setdefault("MetricDefinitions", METRIC_DEFINITIONS)
        answer = dict(answer, AlgorithmSpecification=algorithm, TrainingStartTime=self.started[name],
                      CreationTime=min(answer.get("CreationTime", self.started[name]), self.started[name] - 30))
        if final:
            # Training ended a minute after its last point.
            answer["TrainingEndTime"] = min(time.time(), self.started[name] + 60 * (self.epochs.get(name, 0) + 1))
            answer["FinalMetricDataList"] = [
                {"MetricName": metric, "Value": points[-1][1], "Timestamp": points[-1][0]}
                for (job, metric, instance), points in self.points.items() if job == name and instance is None]
        return answer
