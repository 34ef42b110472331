//! Page ↔ the algorithm worker (`src/bin/algorithms.rs`). The catalogue, its parser and the
//! checks live in that worker, started when the form first needs them, so that none of it weighs
//! on the page's first load.
//!
//! The page sends the [`State`] the worker judges: what the checks read of the body, the region,
//! and what the user picked in the image picker ([`Picked`]). The worker answers each with a
//! [`Reply`]: first whether it could start, then [`ImageFacts`] for each state: the problems,
//! what it recognises in the image, the same image in the region, the typed hyperparameters, and
//! the picker with its choices resolved. Messages are answered in order, so the last answer is
//! the latest.
//!
//! The facts stay JSON inside [`ImageFacts`], read through its methods: the page draws from
//! them in many places, and decoding them into structs would add that decoder to its first load.
//!
//! ```
//! use tjs::core::algorithm::Catalogue;
//! use tjs::core::protocol::algorithm::{answer, state, Picked, PickerPart, Reply};
//! let picked = Picked { key: "xgboost".into(), version: "1.7-1".into(), ..Picked::default() };
//! let asked = state(&serde_json::json!({}), "eu-west-1", &picked);
//! let Reply::Judged(facts) = Reply::decode(&answer(Catalogue::embedded(), &asked.encode())) else { panic!() };
//! assert_eq!(facts.picker_uri().unwrap(), "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1");
//! assert_eq!(facts.picker_value(PickerPart::Version), "1.7-1");
//! ```

use serde_json::{json, Map, Value};

use crate::core::algorithm::{check, Catalogue, HyperparameterKind, ImageKind, Processor, CODES};
use crate::core::problem::Problem;

/// The members of the body the checks read.
const READ: [&str; 5] =
    ["AlgorithmSpecification", "HyperParameters", "ResourceConfig", "InputDataConfig", "Environment"];

/// What the user picked in the image picker. Empty parts are not picked: the worker resolves them
/// (the newest version, the first Python version, the instance type's processor).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picked {
    /// The algorithm or framework (the catalogue's key: `xgboost`, `pytorch`).
    pub key: String,
    /// Its version (`1.7-1`).
    pub version: String,
    /// The Python version of a framework (`py310`).
    pub py: String,
    /// The processor of a framework (`cpu`, `gpu`).
    pub processor: String,
    /// Whether the user chose the processor, which then stops following the instance type.
    pub chosen: bool,
}

/// A part of the image picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerPart {
    /// The algorithm or framework.
    Algorithm,
    /// Its version.
    Version,
    /// A framework's Python version.
    Python,
    /// A framework's processor.
    Processor,
}

impl PickerPart {
    /// Its name in the page's test hooks (`data-picker-part`).
    pub fn hook(self) -> &'static str {
        match self {
            PickerPart::Algorithm => "algorithm",
            PickerPart::Version => "version",
            PickerPart::Python => "py",
            PickerPart::Processor => "processor",
        }
    }

    /// Its member in the resolved picker, and the member that lists its choices.
    fn members(self) -> (&'static str, &'static str) {
        match self {
            PickerPart::Algorithm => ("key", "images"),
            PickerPart::Version => ("version", "versions"),
            PickerPart::Python => ("py", "pys"),
            PickerPart::Processor => ("processor", "processors"),
        }
    }
}

impl Picked {
    /// The pick once the user chose `value` for `part`: a new algorithm starts afresh, and a
    /// processor chosen by hand stops following the instance type.
    pub fn choose(&self, part: PickerPart, value: String) -> Picked {
        match part {
            PickerPart::Algorithm => Picked { key: value, ..Picked::default() },
            PickerPart::Version => Picked { version: value, ..self.clone() },
            PickerPart::Python => Picked { py: value, ..self.clone() },
            PickerPart::Processor => Picked { processor: value, chosen: true, ..self.clone() },
        }
    }

    fn to_json(&self) -> Value {
        json!({ "key": self.key, "version": self.version, "py": self.py, "processor": self.processor, "chosen": self.chosen })
    }

    fn from_json(value: &Value) -> Picked {
        let text = |name: &str| value[name].as_str().unwrap_or_default().to_string();
        Picked {
            key: text("key"),
            version: text("version"),
            py: text("py"),
            processor: text("processor"),
            chosen: value["chosen"].as_bool().unwrap_or(false),
        }
    }
}

/// What the page sends the worker to judge.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The members of the body the checks read.
    pub body: Value,
    /// The region the job is for.
    pub region: String,
    /// What the user picked in the image picker.
    pub picked: Picked,
}

impl State {
    /// The message that asks the worker to judge this.
    pub fn encode(&self) -> String {
        json!({ "body": self.body, "region": self.region, "picked": self.picked.to_json() }).to_string()
    }

    /// A message read back in the worker; what cannot be read is judged as empty.
    pub fn decode(message: &str) -> State {
        let state: Value = serde_json::from_str(message).unwrap_or(Value::Null);
        State {
            body: state["body"].clone(),
            region: state["region"].as_str().unwrap_or_default().to_string(),
            picked: Picked::from_json(&state["picked"]),
        }
    }
}

/// What the worker says.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// Its catalogue is loaded and it listens.
    Ready,
    /// It could not load its catalogue, and why.
    CouldNotStart(String),
    /// What it found for the latest state.
    Judged(ImageFacts),
}

impl Reply {
    /// The reply's message.
    pub fn encode(&self) -> String {
        match self {
            Reply::Ready => "ready\n".to_string(),
            Reply::CouldNotStart(why) => format!("could-not-start\n{why}"),
            Reply::Judged(facts) => format!("judged\n{}", facts.0),
        }
    }

    /// A message read back on the page; one it cannot read says so as [`Reply::CouldNotStart`].
    pub fn decode(message: &str) -> Reply {
        match message.split_once('\n') {
            Some(("ready", _)) => Reply::Ready,
            Some(("could-not-start", why)) => Reply::CouldNotStart(why.to_string()),
            Some(("judged", facts)) => match serde_json::from_str::<Value>(facts) {
                Ok(facts) if facts.is_object() => Reply::Judged(ImageFacts(facts)),
                _ => Reply::CouldNotStart("it gave an answer the page cannot read".into()),
            },
            _ => Reply::CouldNotStart("it gave an answer the page cannot read".into()),
        }
    }
}

/// What the worker says once its catalogue is loaded and it listens, or why it could not load it.
pub fn ready(loaded: &Result<Catalogue, String>) -> String {
    match loaded {
        Ok(_) => Reply::Ready,
        Err(message) => Reply::CouldNotStart(message.clone()),
    }
    .encode()
}

/// The state the page sends: only the members of `body` the checks read, so that edits
/// elsewhere send nothing new.
pub fn state(body: &Value, region: &str, picked: &Picked) -> State {
    let has_image = body
        .pointer("/AlgorithmSpecification/TrainingImage")
        .and_then(Value::as_str)
        .is_some_and(|i| !i.trim().is_empty());
    let read: Map<String, Value> = match has_image {
        true => READ.iter().filter_map(|m| body.get(*m).map(|v| (m.to_string(), v.clone()))).collect(),
        // Without an image there is nothing to check; the picker still follows the instance type.
        false => body
            .pointer("/ResourceConfig/InstanceType")
            .map(|t| [("ResourceConfig".to_string(), json!({ "InstanceType": t }))].into_iter().collect())
            .unwrap_or_default(),
    };
    State { body: Value::Object(read), region: region.to_string(), picked: picked.clone() }
}

/// The worker's whole job: a [`State`]'s message in, the [`Reply`] with what the page shows out.
/// Never fails: a malformed state is judged as far as it can be read.
pub fn answer(catalogue: &Catalogue, message: &str) -> String {
    Reply::Judged(judge(catalogue, &State::decode(message))).encode()
}

/// What the page shows of `state`.
pub fn judge(catalogue: &Catalogue, state: &State) -> ImageFacts {
    let body = &state.body;
    let region = Some(state.region.as_str()).filter(|r| !r.is_empty());
    let uri = body.pointer("/AlgorithmSpecification/TrainingImage").and_then(Value::as_str).unwrap_or_default();
    let instance_type = body.pointer("/ResourceConfig/InstanceType").and_then(Value::as_str).unwrap_or_default();
    let script = body.pointer("/HyperParameters/sagemaker_program").is_some();
    ImageFacts(json!({
        "problems": check(body, catalogue, region),
        "recognised": catalogue.recognise(uri).map(|known| json!({
            "key": known.image.key,
            "version": known.version.map(|v| v.key.as_str()),
            "py": known.py,
            "processor": known.processor,
            "region": known.region,
        })),
        "rewrite": region.and_then(|region| {
            let known = catalogue.recognise(uri)?;
            (known.region != region).then(|| catalogue.rewrite_for_region(uri, region)).flatten()
        }),
        "typed": typed(catalogue, uri, script),
        "picker": picker(catalogue, &state.picked, instance_type, region.unwrap_or("us-east-1")),
    }))
}

/// The typed hyperparameters of a built-in algorithm's image: required ones first. Names
/// SageMaker itself sets (`_tuning_objective_metric`) or the SDK adds (`sagemaker_*`) stay in
/// the free rows, and a script of the user's (XGBoost's script mode) reads hyperparameters of
/// its own, so it gets none.
fn typed(catalogue: &Catalogue, uri: &str, script: bool) -> Option<Value> {
    let (accepts, profile) = catalogue.built_in(uri).filter(|_| !script)?;
    let mut shown: Vec<_> = accepts
        .hyperparameters_for(profile)
        .filter(|h| !h.name.starts_with('_') && !h.name.starts_with("sagemaker_"))
        .collect();
    shown.sort_by_key(|h| !h.required);
    let hyperparameters: Vec<Value> = shown
        .into_iter()
        .map(|h| {
            json!({
                "name": h.name,
                "kind": h.kind.key(),
                "values": h.values,
                "required": h.required,
                "default": h.default,
                "help": h.help,
                "expects": h.expectation(),
            })
        })
        .collect();
    Some(json!({ "algorithm": accepts.name, "hyperparameters": hyperparameters }))
}

/// The image picker with its choices resolved: what each part offers and which option is
/// picked. An unknown or missing pick falls back to the newest version, the first Python
/// version, and the processor of the instance type (until the user chose one).
pub fn picker(catalogue: &Catalogue, picked: &Picked, instance_type: &str, region: &str) -> Value {
    let text = |name: &str| match name {
        "key" => picked.key.as_str(),
        "version" => picked.version.as_str(),
        "py" => picked.py.as_str(),
        _ => picked.processor.as_str(),
    };
    let images: Vec<Value> = catalogue
        .images
        .iter()
        .map(|i| {
            json!({
                "key": i.key,
                "name": catalogue.display_name(&i.key),
                "kind": if i.kind == ImageKind::BuiltIn { "built-in" } else { "framework" },
            })
        })
        .collect();
    let Some(image) = catalogue.image(text("key")) else {
        return json!({ "images": images, "key": "" });
    };
    let mut versions: Vec<&str> = image.versions.iter().rev().map(|v| v.key.as_str()).collect();
    versions.dedup();
    let version =
        versions.iter().copied().find(|v| *v == text("version")).or(versions.first().copied()).unwrap_or_default();
    let entries: Vec<_> = image.versions.iter().filter(|v| v.key == version).collect();
    let mut pys: Vec<&str> = entries.iter().flat_map(|v| v.py.iter().map(String::as_str)).collect();
    pys.dedup();
    let processors: Vec<&str> =
        entries.first().map(|v| v.processors.iter().map(String::as_str).collect()).unwrap_or_default();
    let py = pys.iter().copied().find(|p| *p == text("py")).or(pys.first().copied());
    let follows = match catalogue.processor_of(instance_type) {
        Some(Processor::Gpu) => "gpu",
        _ => "cpu",
    };
    let chosen = picked.chosen;
    let processor = processors
        .iter()
        .copied()
        .find(|p| chosen && *p == text("processor"))
        .or_else(|| processors.iter().copied().find(|p| *p == follows))
        .or(processors.first().copied());
    json!({
        "images": images,
        "key": image.key,
        "kind": if image.kind == ImageKind::BuiltIn { "built-in" } else { "framework" },
        "versions": versions,
        "version": version,
        "pys": pys,
        "py": py,
        "processors": processors,
        "processor": processor,
        "uri": catalogue.image_uri(&image.key, version, region, processor, py),
    })
}

/// What the worker found for a state, as the page shows it (see the module's doc for why it
/// stays JSON inside).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImageFacts(Value);

/// The image the worker recognises in the form's TrainingImage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised {
    /// As a pick in the image picker, which then shows that image.
    pub picked: Picked,
    /// The region the image is in.
    pub region: String,
}

/// One of a built-in algorithm's hyperparameters, with a typed control.
#[derive(Debug, Clone, PartialEq)]
pub struct TypedHyperparameter {
    /// Its key in `HyperParameters`.
    pub name: String,
    /// What its value is.
    pub kind: HyperparameterKind,
    /// The values a categorical one takes (empty: any).
    pub values: Vec<String>,
    /// Whether the algorithm needs it.
    pub required: bool,
    /// The value the algorithm uses when it is not set.
    pub default: Option<String>,
    /// A line of help.
    pub help: String,
    /// What a number must be, in words ("an integer of at least 1").
    pub expects: String,
}

/// One choice of a picker part: its value, its label, and for the algorithm whether it is a
/// built-in algorithm (else a framework).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The value picked.
    pub value: String,
    /// What the user reads.
    pub label: String,
    /// For an algorithm: a built-in one rather than a framework.
    pub built_in: bool,
}

impl ImageFacts {
    /// Whether the worker has answered (the picker's choices are known).
    pub fn answered(&self) -> bool {
        !self.0["picker"]["images"].is_null()
    }

    /// The problems it found, with the paths of the body. The codes are the checks' own; one
    /// naming any other code is dropped rather than shown with a made-up code.
    pub fn problems(&self) -> Vec<Problem> {
        super::read_problems(&self.0["problems"], &CODES)
    }

    /// These facts without the problems, which the page keeps apart (so that the controls drawn
    /// from the facts redraw only when the facts change).
    pub fn without_problems(mut self) -> ImageFacts {
        self.0["problems"] = Value::Null;
        self
    }

    /// The image recognised in the form's TrainingImage, if it is one of the catalogue's.
    pub fn recognised(&self) -> Option<Recognised> {
        let known = &self.0["recognised"];
        known.is_object().then(|| Recognised {
            picked: Picked::from_json(known),
            region: known["region"].as_str().unwrap_or_default().to_string(),
        })
    }

    /// The same image in the region of the state, when the form's is in another region.
    pub fn rewrite(&self) -> Option<String> {
        self.0["rewrite"].as_str().map(str::to_string)
    }

    /// The algorithm whose hyperparameters have typed controls, and those hyperparameters
    /// (required ones first); `None` for a custom image, or a script of the user's.
    pub fn typed(&self) -> Option<(String, Vec<TypedHyperparameter>)> {
        let typed = &self.0["typed"];
        let text = |h: &Value, name: &str| h[name].as_str().unwrap_or_default().to_string();
        let hyperparameters = typed["hyperparameters"].as_array()?.iter().map(|h| TypedHyperparameter {
            name: text(h, "name"),
            kind: HyperparameterKind::from_key(h["kind"].as_str().unwrap_or_default())
                .unwrap_or(HyperparameterKind::Text),
            values: h["values"]
                .as_array()
                .map(|v| v.iter().filter_map(Value::as_str).map(str::to_string).collect())
                .unwrap_or_default(),
            required: h["required"].as_bool().unwrap_or(false),
            default: h["default"].as_str().map(str::to_string),
            help: text(h, "help"),
            expects: text(h, "expects"),
        });
        Some((text(typed, "algorithm"), hyperparameters.collect()))
    }

    /// Whether the hyperparameter `name` has a typed control, so that the free rows leave it out.
    pub fn covers(&self, name: &str) -> bool {
        self.0["typed"]["hyperparameters"].as_array().is_some_and(|hs| hs.iter().any(|h| h["name"] == name))
    }

    /// The image URI the picker's choices make, if that image is offered in the region.
    pub fn picker_uri(&self) -> Option<String> {
        self.0["picker"]["uri"].as_str().map(str::to_string)
    }

    /// Whether the picked image is a framework (which has Python versions and processors).
    pub fn picker_is_framework(&self) -> bool {
        self.0["picker"]["kind"] == "framework"
    }

    /// The value the picker shows for `part`, resolved; empty if none.
    pub fn picker_value(&self, part: PickerPart) -> String {
        self.0["picker"][part.members().0].as_str().unwrap_or_default().to_string()
    }

    /// The choices the picker offers for `part`.
    pub fn picker_choices(&self, part: PickerPart) -> Vec<Choice> {
        let choices = self.0["picker"][part.members().1].as_array().cloned().unwrap_or_default();
        choices
            .iter()
            .filter_map(|c| match c.as_str() {
                Some(text) => Some(Choice { value: text.to_string(), label: text.to_string(), built_in: false }),
                None => Some(Choice {
                    value: c["key"].as_str()?.to_string(),
                    label: c["name"].as_str().unwrap_or_default().to_string(),
                    built_in: c["kind"] == "built-in",
                }),
            })
            .collect()
    }
}
