"""The `airflow` export: a DAG file that Python parses and runs (against a stand-in for the
`airflow` package, which only records the operator's arguments: a full Airflow install is not
needed to read a dict), whose config, once each string is rendered by Jinja as Airflow renders a
templated field, equals the request and passes botocore's own parameter validation of
CreateTrainingJob."""
import ast
import sys
import types

import botocore.session
import botocore.validate
import jinja2.sandbox
import pytest

from conftest import VALID_REQUESTS, export, load, request_id


class StandInDag:
    def __init__(self, **kwargs):
        self.kwargs = kwargs

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def run_dag(text, monkeypatch):
    """Runs the DAG file with the stand-in package; returns the DAG's and the operator's arguments."""
    tasks = []
    airflow = types.ModuleType("airflow")
    airflow.DAG = StandInDag
    operators = types.ModuleType("airflow.providers.amazon.aws.operators.sagemaker")
    operators.SageMakerTrainingOperator = lambda **kwargs: tasks.append(kwargs)
    for name in ["airflow.providers", "airflow.providers.amazon", "airflow.providers.amazon.aws",
                 "airflow.providers.amazon.aws.operators"]:
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "airflow", airflow)
    monkeypatch.setitem(sys.modules, operators.__name__, operators)
    scope = {}
    exec(compile(text, "dag.py", "exec"), scope)
    (task,) = tasks
    return scope["dag"].kwargs, task


def rendered(value, env):
    """As Airflow renders a templated field: each string through Jinja, containers item by item."""
    if isinstance(value, str):
        return env.from_string(value).render()
    if isinstance(value, list):
        return [rendered(v, env) for v in value]
    if isinstance(value, dict):
        return {k: rendered(v, env) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def input_shape():
    model = botocore.session.get_session().get_service_model("sagemaker")
    return model.operation_model("CreateTrainingJob").input_shape


@pytest.mark.parametrize("path", VALID_REQUESTS, ids=request_id)
def test_the_dag_runs_the_request(path, monkeypatch, input_shape):
    text, _ = export("airflow", path)
    ast.parse(text)
    dag, task = run_dag(text, monkeypatch)
    assert dag["dag_id"].startswith("train_") and dag["schedule"] is None
    assert task["action_if_job_exists"] == "fail", "the operator would rename a job whose name is taken"
    # Airflow's template environment keeps a trailing newline and refuses undefined names.
    env = jinja2.sandbox.SandboxedEnvironment(keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    config = rendered(task["config"], env)
    assert config == load(path)
    report = botocore.validate.ParamValidator().validate(config, input_shape)
    assert not report.has_errors(), report.generate_report()
