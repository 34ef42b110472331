//! The shape catalogue: facts about every shape reachable from `CreateTrainingJobRequest`,
//! generated from the service model. Validation, the form and `tjs` all read it, so that no
//! constraint is written twice.

#[rustfmt::skip]
mod generated;

pub use generated::{BOTOCORE_VERSION, ROOT, SHAPES};

/// Index into [`SHAPES`].
pub type ShapeId = u16;

/// One shape of the service model: the type and the constraints of a value.
#[derive(Debug)]
pub struct Shape {
    /// The model's name for the shape (`TrainingJobName`, `S3Uri`), not a member's: several members
    /// may share one shape.
    pub name: &'static str,
    /// Its JSON type and, for structures, lists and maps, the shapes inside.
    pub kind: Kind,
    /// Length (strings), item count (lists, maps) or value (numbers) lower bound.
    pub min: Option<i64>,
    /// Length (strings), item count (lists, maps) or value (numbers) upper bound.
    pub max: Option<i64>,
    /// The model's pattern, in Java regex syntax; it must match the whole value.
    pub pattern: Option<&'static str>,
    /// The values an enum string allows, in the model's order; empty when any value is allowed.
    pub enum_values: &'static [&'static str],
}

/// The JSON type of a shape's values, and what a container holds.
#[derive(Debug)]
pub enum Kind {
    /// A JSON string; see [`Shape::enum_values`] for enums.
    String,
    /// A whole number that fits in 32 bits.
    Integer,
    /// A whole number that fits in 64 bits.
    Long,
    /// `true` or `false`.
    Boolean,
    /// A JSON object with these members, in the model's order.
    Structure(&'static [Member]),
    /// A JSON array whose items have this shape.
    List(ShapeId),
    /// Key shape, value shape.
    Map(ShapeId, ShapeId),
}

/// One member of a structure shape.
#[derive(Debug)]
pub struct Member {
    /// The member's key in the JSON object, as the API spells it (`TrainingJobName`).
    pub name: &'static str,
    /// The shape of its value.
    pub shape: ShapeId,
    /// Whether the model requires it whenever the structure that holds it is present.
    pub required: bool,
}

/// The shape `id` stands for. Panics on an id that is not an index into [`SHAPES`]; ids come only
/// from the catalogue itself.
pub fn shape(id: ShapeId) -> &'static Shape {
    &SHAPES[id as usize]
}

impl Shape {
    /// The members of a structure (empty for other kinds).
    pub fn members(&self) -> &'static [Member] {
        match self.kind {
            Kind::Structure(members) => members,
            _ => &[],
        }
    }

    /// The member called `name` (exact case); `None` if there is none or the shape is not a
    /// structure.
    pub fn member(&self, name: &str) -> Option<&'static Member> {
        self.members().iter().find(|m| m.name == name)
    }
}

/// The shape at a path of member names from the request root, such as
/// `["ResourceConfig", "InstanceType"]`. List and map steps are skipped by name: `["InputDataConfig",
/// "ChannelName"]` reaches the channel's name.
pub fn shape_at(path: &[&str]) -> Option<&'static Shape> {
    let mut current = shape(ROOT);
    for step in path {
        loop {
            match current.kind {
                Kind::List(item) => current = shape(item),
                Kind::Map(_, value) => current = shape(value),
                _ => break,
            }
        }
        current = shape(current.member(step)?.shape);
    }
    Some(current)
}

/// Whether the member at `path` is required inside its parent structure.
pub fn is_required(path: &[&str]) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let Some(parent) = shape_at(parents) else {
        return false;
    };
    let parent = match parent.kind {
        Kind::List(item) => shape(item),
        _ => parent,
    };
    parent.member(last).is_some_and(|m| m.required)
}

impl Shape {
    /// The constraints as a short hint for people: "1-63 characters", "at least 1".
    pub fn hint(&self) -> String {
        let (unit, one) = match self.kind {
            Kind::String => ("characters", "character"),
            Kind::List(_) | Kind::Map(..) => ("entries", "entry"),
            _ => ("", ""),
        };
        let numbers = match (self.min, self.max) {
            (Some(min), Some(max)) if unit.is_empty() => format!("{min} to {max}"),
            (Some(min), Some(max)) => format!("{min}-{max} {unit}"),
            (Some(min), None) if unit.is_empty() => format!("at least {min}"),
            (Some(0), None) => String::new(),
            (Some(min), None) => format!("at least {min} {}", if min == 1 { one } else { unit }),
            (None, Some(max)) if unit.is_empty() => format!("at most {max}"),
            (None, Some(max)) => format!("at most {max} {unit}"),
            (None, None) => String::new(),
        };
        let numbers = match self.kind {
            Kind::Integer | Kind::Long if numbers.is_empty() => "whole number".to_string(),
            Kind::Integer | Kind::Long => format!("whole number, {numbers}"),
            _ => numbers,
        };
        match self.pattern {
            Some(p) if !matches!(p, ".*" | ".+" | "[\\S\\s]*") => {
                if numbers.is_empty() {
                    format!("pattern {p}")
                } else {
                    format!("{numbers}; pattern {p}")
                }
            }
            _ => numbers,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf_count(id: ShapeId) -> usize {
        let s = shape(id);
        match s.kind {
            Kind::Structure(members) => members.iter().map(|m| leaf_count(m.shape)).sum(),
            Kind::List(item) => leaf_count(item),
            Kind::Map(..) => 1,
            _ => 1,
        }
    }

    #[test]
    fn covers_the_whole_request_shape() {
        assert_eq!(SHAPES.len(), 131);
        assert_eq!(shape(ROOT).name, "CreateTrainingJobRequest");
        assert_eq!(leaf_count(ROOT), 110);
        let required: Vec<_> = shape(ROOT).members().iter().filter(|m| m.required).map(|m| m.name).collect();
        assert_eq!(required, ["TrainingJobName", "RoleArn", "OutputDataConfig"]);
    }

    #[test]
    fn finds_shapes_by_path() {
        let s = shape_at(&["ResourceConfig", "InstanceType"]).unwrap();
        assert_eq!(s.enum_values.len(), 225);
        let s = shape_at(&["InputDataConfig", "ChannelName"]).unwrap();
        assert_eq!((s.min, s.max), (Some(1), Some(64)));
        assert!(shape_at(&["NoSuchMember"]).is_none());
    }

    #[test]
    fn knows_required_members_and_hints() {
        assert!(is_required(&["InputDataConfig", "ChannelName"]));
        assert!(is_required(&["TrainingJobName"]));
        assert!(!is_required(&["ResourceConfig", "InstanceCount"]));
        assert_eq!(
            shape_at(&["TrainingJobName"]).unwrap().hint(),
            "1-63 characters; pattern [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"
        );
        assert_eq!(shape_at(&["ResourceConfig", "InstanceCount"]).unwrap().hint(), "whole number, at least 0");
        assert_eq!(
            shape_at(&["ResourceConfig", "KeepAlivePeriodInSeconds"]).unwrap().hint(),
            "whole number, 0 to 21600"
        );
        assert_eq!(shape_at(&["HyperParameters"]).unwrap().hint(), "0-100 entries");
    }
}
