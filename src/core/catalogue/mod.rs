//! The shape catalogue: facts about every shape reachable from `CreateTrainingJobRequest`,
//! generated from the service model. Validation, the form and `tjs` all read it, so that no
//! constraint is written twice.

#[rustfmt::skip]
mod generated;

pub use generated::{BOTOCORE_VERSION, ROOT, SHAPES};

/// Index into [`SHAPES`].
pub type ShapeId = u16;

#[derive(Debug)]
pub struct Shape {
    pub name: &'static str,
    pub kind: Kind,
    /// Length (strings), item count (lists, maps) or value (numbers) lower bound.
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// The model's pattern, in Java regex syntax; it must match the whole value.
    pub pattern: Option<&'static str>,
    pub enum_values: &'static [&'static str],
}

#[derive(Debug)]
pub enum Kind {
    String,
    Integer,
    Long,
    Boolean,
    Structure(&'static [Member]),
    List(ShapeId),
    /// Key shape, value shape.
    Map(ShapeId, ShapeId),
}

#[derive(Debug)]
pub struct Member {
    pub name: &'static str,
    pub shape: ShapeId,
    pub required: bool,
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf_count(id: ShapeId, seen: &mut Vec<ShapeId>) -> usize {
        let s = shape(id);
        match s.kind {
            Kind::Structure(members) => members.iter().map(|m| leaf_count(m.shape, seen)).sum(),
            Kind::List(item) => leaf_count(item, seen),
            Kind::Map(..) => 1,
            _ => 1,
        }
    }

    #[test]
    fn covers_the_whole_request_shape() {
        assert_eq!(SHAPES.len(), 131);
        assert_eq!(shape(ROOT).name, "CreateTrainingJobRequest");
        assert_eq!(leaf_count(ROOT, &mut Vec::new()), 110);
        let required: Vec<_> = shape(ROOT)
            .members()
            .iter()
            .filter(|m| m.required)
            .map(|m| m.name)
            .collect();
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
}
