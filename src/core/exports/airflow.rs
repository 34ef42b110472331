//! An Airflow DAG with one `SageMakerTrainingOperator` task whose `config` is the request
//! (apache-airflow-providers-amazon).

use serde_json::Value;

use super::python;
use super::quote::{double_quoted, jinja_literal};
use super::{job_name, Written};

/// The DAG file. Airflow renders every string of `config` as a Jinja template before the call,
/// so strings are written to render as themselves ([`jinja_literal`](super::quote::jinja_literal)). The operator renames a job
/// whose name is taken unless told to fail (`action_if_job_exists="fail"`): the job runs under the
/// form's name or not at all.
pub fn dag(body: &Value) -> Written {
    let name = job_name(body);
    let dag_id: String =
        format!("train_{}", name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect::<String>());
    let config = python::literal_with(body, 0, &|s| double_quoted(&jinja_literal(s)));
    let text = format!(
        "from datetime import datetime\n\n\
         from airflow import DAG\n\
         from airflow.providers.amazon.aws.operators.sagemaker import SageMakerTrainingOperator\n\n\
         # The CreateTrainingJob request. Airflow renders its strings as Jinja templates, so each '{{'\n\
         # that would open a tag is written {{{{ '{{' }}}} and each carriage return {{{{ '\\r' }}}}: the values\n\
         # Airflow sends are the ones written here.\n\
         config = {config}\n\n\
         with DAG(dag_id={dag_id}, start_date=datetime(2026, 1, 1), schedule=None, catchup=False) as dag:\n    \
             SageMakerTrainingOperator(\n        \
                 task_id=\"train\",\n        \
                 config=config,\n        \
                 # SageMaker never takes a job name twice; \"increment\" (the default) would rename it.\n        \
                 action_if_job_exists=\"fail\",\n        \
                 wait_for_completion=True,\n    \
             )\n",
        dag_id = double_quoted(&dag_id),
    );
    let notes =
        vec!["The task fails if a job of this name exists: each run needs a new TrainingJobName (template it, for \
         example with {{ ts_nodash }})."
            .to_string()];
    Written { text, notes }
}
