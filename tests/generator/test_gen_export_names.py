"""tools/gen_export_names.py (behaviour §14): the committed names of the ACK and Terraform exports
are what the upstream files under tests/fixtures say, and the reading of those files finds the
names the exports rely on."""
import os
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "tools"))
import gen_export_names  # noqa: E402


def test_regenerating_gives_the_committed_file(tmp_path):
    out = tmp_path / "generated.rs"
    subprocess.check_call([sys.executable, os.path.join(ROOT, "tools", "gen_export_names.py"), "--out", str(out)])
    with open(gen_export_names.OUT, encoding="utf-8") as f:
        assert out.read_text() == f.read(), "run tools/gen_export_names.py and commit the result"


def test_the_upstream_files_are_read_whole():
    ack, required = gen_export_names.ack_fields(gen_export_names.ACK_CRD)
    assert {"roleARN", "inputDataConfig.dataSource.s3DataSource.s3URI", "resourceConfig.volumeKMSKeyID",
            "vpcConfig.securityGroupIDs", "tags.key"} <= set(ack)
    assert set(required) == {"algorithmSpecification", "outputDataConfig", "resourceConfig", "roleARN",
                             "stoppingCondition", "trainingJobName"}
    names, blocks = gen_export_names.terraform_names(gen_export_names.TF_DOC)
    # stopping_condition has a section but is missing from the page's top-level list.
    assert {"training_job_name", "stopping_condition", "stopping_condition.max_runtime_in_seconds",
            "input_data_config.data_source.s3_data_source.s3_uri", "tags"} <= set(names)
    assert {"input_data_config", "algorithm_specification.metric_definitions", "stopping_condition"} <= set(blocks)
    assert "hyper_parameters" not in blocks and "tags" not in blocks
