//! The request as the user is editing it: a tree shaped by the catalogue that keeps everything,
//! including what the service would reject.
//!
//! - Scalars are kept as typed text ([`Node::Text`]): `12a` in a number field stays `12a`.
//! - Lists keep items and maps keep rows under stable ids, so keyed lists keep focus.
//! - Imported values of the wrong JSON type, unknown members and explicit empty values are kept
//!   verbatim ([`Node::Raw`]) so that export(import(x)) == x.
//!
//! [`Draft::export`] gives the exact body (behaviour §4): unset members omitted, members in the model's
//! order, and a map from body paths to form paths where blank rows shift the numbering.
//!
//! ```
//! use tjs::core::draft::Draft;
//! use tjs::core::path::FormPath;
//! let mut draft = Draft::new();
//! draft.set_text(&FormPath::parse("ResourceConfig.InstanceCount"), "2");
//! assert_eq!(draft.body(), serde_json::json!({"ResourceConfig": {"InstanceCount": 2}}));
//! ```

use serde_json::{Map, Value};

use super::catalogue::{self, Kind, ShapeId};
use super::json::{self, JsonError};
use super::path::{self, FormPath, Step as PathStep};

/// One value of the draft, shaped by its catalogue shape but kept as typed or imported.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A scalar as typed; empty means unset.
    Text(String),
    /// Members in the order they were added; export puts them in the model's order.
    Struct(Vec<(String, Node)>),
    /// A list's items in the form's order; export leaves out the blank ones.
    List(Vec<Item>),
    /// A map's rows in the form's order; export leaves out blank rows and rows whose key repeats an
    /// earlier row's (see [`PathMap`]).
    Map(Vec<Row>),
    /// Kept exactly as imported: a wrong type, an unknown member, an explicit `""`, `[]` or `{}`.
    Raw(Value),
}

/// One item of a list, under an id that stays with it while items are added, removed or moved.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Unique within its draft and never reused; the form keys the item's controls on it.
    pub id: u64,
    /// The item's value.
    pub node: Node,
}

/// One row of a map such as `HyperParameters` or `Environment`: a key and its value, under an id
/// that stays with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Unique within its draft and never reused, like [`Item::id`].
    pub id: u64,
    /// The key as typed; empty in a new row, and it may repeat an earlier row's.
    pub key: String,
    /// The row's value, shaped by the map's value shape.
    pub value: Node,
}

/// The request being edited, with the counter that gives items and rows their ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The request object: a [`Node::Struct`] of its top-level members; [`Node::Raw`] only when
    /// [`Draft::from_value`] was given an empty object or something other than an object.
    pub root: Node,
    next_id: u64,
    /// What the user filled in under one-of alternatives they switched away from, by path, so
    /// that switching back brings it back (behaviour §12). Never sent.
    set_aside: Vec<(FormPath, Node)>,
}

impl Default for Draft {
    fn default() -> Self {
        Draft { root: Node::Struct(Vec::new()), next_id: 0, set_aside: Vec::new() }
    }
}

/// What a new item of a list starts with when the user adds one, as the console starts it: the
/// list, the member inside the item, and its value. A channel reads an S3 prefix unless told
/// otherwise.
pub const NEW_ITEM_PRESETS: &[(&str, &str, &str)] =
    &[("InputDataConfig", "DataSource.S3DataSource.S3DataType", "S3Prefix")];

/// An empty node of the kind a shape needs.
fn empty_node(id: ShapeId) -> Node {
    match catalogue::shape(id).kind {
        Kind::Structure(_) => Node::Struct(Vec::new()),
        Kind::List(_) => Node::List(Vec::new()),
        Kind::Map(..) => Node::Map(Vec::new()),
        _ => Node::Text(String::new()),
    }
}

impl Draft {
    /// An empty draft: nothing set, so its body is `{}`.
    pub fn new() -> Self {
        Self::default()
    }

    /// `earlier`, brought back by undo or redo, keeping this draft's id counter when it is
    /// further on: ids given out since are never given again, so no control is keyed twice.
    pub fn brought_back(&self, mut earlier: Draft) -> Draft {
        earlier.next_id = earlier.next_id.max(self.next_id);
        earlier
    }

    fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The node at a form path, if it exists. `HyperParameters[2]` is the third row's value.
    pub fn node(&self, path: &FormPath) -> Option<&Node> {
        let mut node = &self.root;
        let mut in_map_row = false;
        for step in path.steps() {
            // `HyperParameters[2].value` is the same node as `HyperParameters[2]`.
            let row_value = std::mem::take(&mut in_map_row);
            node = match (step, node) {
                (PathStep::Member(name), _) if row_value && name == "value" => continue,
                (PathStep::Member(name), Node::Struct(members)) => &members.iter().find(|(n, _)| n == name)?.1,
                (PathStep::Index(i), Node::List(items)) => &items.get(*i)?.node,
                (PathStep::Index(i), Node::Map(rows)) => {
                    in_map_row = true;
                    &rows.get(*i)?.value
                }
                _ => return None,
            };
        }
        Some(node)
    }

    /// The node at a form path, created (with its parents) as the catalogue shapes them; an
    /// imported value of the wrong type on the way is replaced. `None` if the path is not in
    /// the catalogue.
    pub fn node_mut(&mut self, path: &FormPath) -> Option<&mut Node> {
        let mut shape_id = catalogue::ROOT;
        let mut next_id = self.next_id;
        let mut node = &mut self.root;
        let mut in_map_row = false;
        for step in path.steps() {
            let row_value = std::mem::take(&mut in_map_row);
            match step {
                PathStep::Member(name) if row_value && name == "value" => {}
                PathStep::Member(name) => {
                    let member = catalogue::shape(shape_id).member(name)?;
                    shape_id = member.shape;
                    // Editing inside an imported value of the wrong type replaces it: the user is
                    // fixing it.
                    if matches!(node, Node::Raw(_)) {
                        *node = Node::Struct(Vec::new());
                    }
                    let Node::Struct(members) = node else {
                        return None;
                    };
                    let position = match members.iter().position(|(n, _)| n == name) {
                        Some(p) => p,
                        None => {
                            members.push((name.to_string(), empty_node(shape_id)));
                            members.len() - 1
                        }
                    };
                    node = &mut members[position].1;
                }
                PathStep::Index(i) => {
                    if matches!(node, Node::Raw(_)) {
                        *node = empty_node(shape_id);
                    }
                    match (&catalogue::shape(shape_id).kind, node) {
                        (Kind::List(item), Node::List(items)) => {
                            while items.len() <= *i {
                                next_id += 1;
                                items.push(Item { id: next_id, node: empty_node(*item) });
                            }
                            shape_id = *item;
                            node = &mut items[*i].node;
                        }
                        (Kind::Map(_, value), Node::Map(rows)) => {
                            while rows.len() <= *i {
                                next_id += 1;
                                rows.push(Row { id: next_id, key: String::new(), value: empty_node(*value) });
                            }
                            shape_id = *value;
                            in_map_row = true;
                            node = &mut rows[*i].value;
                        }
                        _ => return None,
                    }
                }
            }
        }
        self.next_id = next_id;
        Some(node)
    }

    /// The text a control shows: typed text, or an imported raw value (strings as they are,
    /// anything else as JSON).
    pub fn text(&self, path: &FormPath) -> String {
        match self.node(path) {
            Some(Node::Text(t)) => t.clone(),
            Some(Node::Raw(Value::String(s))) => s.clone(),
            Some(Node::Raw(v)) => v.to_string(),
            _ => String::new(),
        }
    }

    /// Sets the text of a scalar member; typing replaces an imported raw value.
    pub fn set_text(&mut self, path: &FormPath, text: impl Into<String>) {
        if let Some(node) = self.node_mut(path) {
            *node = Node::Text(text.into());
        }
    }

    /// Ids of the items of a list or the rows of a map, in order.
    pub fn ids(&self, path: &FormPath) -> Vec<u64> {
        match self.node(path) {
            Some(Node::List(items)) => items.iter().map(|i| i.id).collect(),
            Some(Node::Map(rows)) => rows.iter().map(|r| r.id).collect(),
            _ => Vec::new(),
        }
    }

    /// Adds an empty item or row at the end; its id. A structure item starts with its required
    /// text members present but empty, so that they are sent as `""` once the item is (behaviour §4).
    pub fn push(&mut self, path: &FormPath) -> Option<u64> {
        let index = self.ids(path).len();
        let item_path = path.item(index);
        let node = self.node_mut(&item_path)?;
        if let Node::Struct(members) = node {
            let shape = match catalogue::shape_at(&item_path.member_names())?.kind {
                Kind::List(item) => catalogue::shape(item),
                _ => return None,
            };
            for m in shape.members().iter().filter(|m| m.required) {
                if matches!(catalogue::shape(m.shape).kind, Kind::String) {
                    members.push((m.name.to_string(), Node::Text(String::new())));
                }
            }
        }
        self.ids(path).last().copied()
    }

    /// [`Draft::push`] for an item the user adds: it starts with the values the console starts
    /// a new one with ([`NEW_ITEM_PRESETS`]), which the form shows and the user may change.
    pub fn push_new(&mut self, path: &FormPath) -> Option<u64> {
        let id = self.push(path)?;
        let item = path.item(self.ids(path).len() - 1);
        let list = path.to_string();
        for (_, member, value) in NEW_ITEM_PRESETS.iter().filter(|(l, _, _)| *l == list) {
            self.set_text(&FormPath::parse(&path::child(&item.to_string(), member)), *value);
        }
        Some(id)
    }

    /// Removes the member at `path` (and everything under it).
    pub fn clear(&mut self, path: &FormPath) {
        let Some((parent, PathStep::Member(name))) = path.split_last() else { return };
        let parent = if parent.is_root() { Some(&mut self.root) } else { self.node_mut(&parent) };
        if let Some(Node::Struct(members)) = parent {
            members.retain(|(n, _)| n != name);
        }
    }

    /// A form path as people read it: a map row is named by its key rather than its position
    /// (`HyperParameters["eta"]` for `HyperParameters[3].value`) when it has one.
    pub fn display_path(&self, path: &FormPath) -> String {
        let mut shown = String::new();
        let mut walked = FormPath::default();
        let mut keyed_row = false;
        for step in path.steps() {
            let in_keyed_row = std::mem::take(&mut keyed_row);
            match step {
                // The row's value is what the key names.
                PathStep::Member(name) if in_keyed_row && name == "value" => {}
                PathStep::Member(name) if walked.is_root() => shown.push_str(name),
                PathStep::Member(name) => {
                    shown.push('.');
                    shown.push_str(name);
                }
                PathStep::Index(i) => {
                    let key = Some(self.key(&walked, *i))
                        .filter(|key| !key.is_empty() && matches!(self.node(&walked), Some(Node::Map(_))));
                    match key {
                        Some(key) => {
                            shown.push_str(&format!("[{key:?}]"));
                            keyed_row = true;
                        }
                        None => shown.push_str(&format!("[{i}]")),
                    }
                }
            }
            walked = match step {
                PathStep::Member(name) => walked.child(name),
                PathStep::Index(i) => walked.item(*i),
            };
        }
        shown
    }

    /// The members of the structure at `path` (the request itself for `""`) that its shape does
    /// not have, such as an imported `trainingJobName`: each one's path and its value as JSON.
    pub fn unknown_members(&self, path: &FormPath) -> Vec<(FormPath, String)> {
        let (node, shape) = if path.is_root() {
            (Some(&self.root), Some(catalogue::shape(catalogue::ROOT)))
        } else {
            (self.node(path), catalogue::shape_at(&path.member_names()))
        };
        // A list item's or map value's path names the list or map; its members are the item's.
        let shape = shape.map(|shape| match shape.kind {
            Kind::List(item) => catalogue::shape(item),
            Kind::Map(_, value) => catalogue::shape(value),
            _ => shape,
        });
        let (Some(Node::Struct(members)), Some(shape)) = (node, shape) else { return Vec::new() };
        members
            .iter()
            .filter(|(name, _)| shape.member(name).is_none())
            .map(|(name, node)| {
                let value = match node {
                    Node::Raw(value) => value.to_string(),
                    _ => String::new(),
                };
                (path.child(name), value)
            })
            .collect()
    }

    /// Whether anything under `path` would be sent.
    pub fn is_set(&self, path: &FormPath) -> bool {
        fn set(node: &Node) -> bool {
            match node {
                Node::Text(t) => !t.is_empty(),
                Node::Raw(_) => true,
                Node::Struct(members) => members.iter().any(|(_, n)| set(n)),
                Node::List(items) => items.iter().any(|i| set(&i.node)),
                Node::Map(rows) => rows.iter().any(|r| !r.key.is_empty() || set(&r.value)),
            }
        }
        self.node(path).is_some_and(set)
    }

    /// Makes alternative `chosen` of a one-of choice (`paths`, one per alternative) the one that
    /// is sent: the others' values are set aside, and the chosen one's come back if it was set
    /// aside before.
    pub fn choose(&mut self, paths: &[FormPath], chosen: usize) {
        for (i, path) in paths.iter().enumerate() {
            if i == chosen {
                continue;
            }
            if self.is_set(path) {
                if let Some(node) = self.node(path).cloned() {
                    self.set_aside.retain(|(p, _)| p != path);
                    self.set_aside.push((path.clone(), node));
                }
            }
            self.clear(path);
        }
        let Some(path) = paths.get(chosen) else { return };
        if !self.is_set(path) {
            if let Some(at) = self.set_aside.iter().position(|(p, _)| p == path) {
                let (_, node) = self.set_aside.remove(at);
                if let Some(slot) = self.node_mut(path) {
                    *slot = node;
                }
            }
        }
    }

    /// Forgets what was set aside under a list whose items move or go: its paths would now
    /// name other items.
    fn forget_set_aside_under(&mut self, path: &FormPath) {
        self.set_aside.retain(|(p, _)| p == path || !p.starts_with(path));
    }

    /// Removes the item or row with `id`.
    pub fn remove(&mut self, path: &FormPath, id: u64) {
        self.forget_set_aside_under(path);
        match self.node_mut(path) {
            Some(Node::List(items)) => items.retain(|i| i.id != id),
            Some(Node::Map(rows)) => rows.retain(|r| r.id != id),
            _ => {}
        }
    }

    /// Moves the item with `id` one place up (`-1`) or down (`1`).
    pub fn shift(&mut self, path: &FormPath, id: u64, by: isize) {
        self.forget_set_aside_under(path);
        if let Some(Node::List(items)) = self.node_mut(path) {
            if let Some(from) = items.iter().position(|i| i.id == id) {
                let to = from as isize + by;
                if to >= 0 && (to as usize) < items.len() {
                    items.swap(from, to as usize);
                }
            }
        }
    }

    /// The key of map row `index` of `path`.
    pub fn key(&self, path: &FormPath, index: usize) -> String {
        match self.node(path) {
            Some(Node::Map(rows)) => rows.get(index).map(|r| r.key.clone()).unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// Sets the key of row `index` of the map at `path`; does nothing if there is no such row.
    pub fn set_key(&mut self, path: &FormPath, index: usize, key: impl Into<String>) {
        if let Some(Node::Map(rows)) = self.node_mut(path) {
            if let Some(row) = rows.get_mut(index) {
                row.key = key.into();
            }
        }
    }

    /// The position of the first row of the map at `path` whose key is `key`.
    pub fn row_named(&self, path: &FormPath, key: &str) -> Option<usize> {
        match self.node(path) {
            Some(Node::Map(rows)) => rows.iter().position(|r| r.key == key),
            _ => None,
        }
    }

    /// Sets the value of the row named `key` in the map at `path`: adds the row if there is none,
    /// and removes it when `value` is empty, so that clearing a typed control leaves nothing
    /// behind. True when rows came or went (the form's layout changed).
    pub fn set_named(&mut self, path: &FormPath, key: &str, value: &str) -> bool {
        match (self.row_named(path, key), value.is_empty()) {
            (Some(i), false) => {
                self.set_text(&path.item(i), value);
                false
            }
            (Some(i), true) => {
                let id = self.ids(path)[i];
                self.remove(path, id);
                true
            }
            (None, false) => {
                if self.push(path).is_none() {
                    return false;
                }
                let i = self.ids(path).len() - 1;
                self.set_key(path, i, key);
                self.set_text(&path.item(i), value);
                true
            }
            (None, true) => false,
        }
    }

    /// The path of the first value that differs between this draft and `other`, in the form's
    /// order: the control an undo or redo changed, to give it focus. A list or map whose items
    /// came or went is named itself, at the first position where they differ.
    pub fn first_difference(&self, other: &Draft) -> Option<FormPath> {
        node_difference(&self.root, &other.root, FormPath::default())
    }

    /// A draft from request JSON. Fails, leaving every existing draft alone, on text that is
    /// not a JSON object.
    pub fn import(text: &str) -> Result<Draft, JsonError> {
        match json::parse(text)? {
            value @ Value::Object(_) => Ok(Draft::from_value(&value)),
            _ => Err(JsonError { message: "The request must be a JSON object ({ ... }).".into(), line: 1, column: 1 }),
        }
    }

    /// A draft from a parsed request body: what the catalogue knows becomes nodes to edit, anything
    /// else is kept as [`Node::Raw`]. Never fails.
    pub fn from_value(value: &Value) -> Draft {
        let mut draft = Draft::new();
        draft.root = draft.import_node(value, catalogue::ROOT);
        draft
    }

    fn import_node(&mut self, value: &Value, id: ShapeId) -> Node {
        let shape = catalogue::shape(id);
        match (&shape.kind, value) {
            (Kind::String, Value::String(s)) if !s.is_empty() => Node::Text(s.clone()),
            (Kind::Integer | Kind::Long, Value::Number(n)) if n.is_i64() => Node::Text(n.to_string()),
            (Kind::Boolean, Value::Bool(b)) => Node::Text(b.to_string()),
            (Kind::Structure(_), Value::Object(object)) if !object.is_empty() => Node::Struct(
                object
                    .iter()
                    .map(|(name, v)| {
                        let node = match shape.member(name) {
                            Some(member) => self.import_node(v, member.shape),
                            None => Node::Raw(v.clone()),
                        };
                        (name.clone(), node)
                    })
                    .collect(),
            ),
            (Kind::List(item), Value::Array(values)) if !values.is_empty() => Node::List(
                values.iter().map(|v| Item { id: self.next_id(), node: self.import_node(v, *item) }).collect(),
            ),
            (Kind::Map(_, value_shape), Value::Object(entries)) if !entries.is_empty() => Node::Map(
                entries
                    .iter()
                    .map(|(k, v)| Row { id: self.next_id(), key: k.clone(), value: self.import_node(v, *value_shape) })
                    .collect(),
            ),
            _ => Node::Raw(value.clone()),
        }
    }

    /// The exact request body that would be sent.
    pub fn body(&self) -> Value {
        self.export().0
    }

    /// The body, and where list and map positions in it differ from the form's.
    pub fn export(&self) -> (Value, PathMap) {
        let mut renumbered = PathMap::default();
        let mut at = Paths::default();
        let body =
            export_node(&self.root, catalogue::ROOT, &mut at, &mut renumbered).unwrap_or(Value::Object(Map::new()));
        (body, renumbered)
    }
}

/// How the body's paths relate to the form's: body path prefixes whose form path differs,
/// because blank items and rows are not sent, and map rows whose key repeats an earlier row's
/// (JSON keeps only one of them).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PathMap {
    renumbered: Vec<(String, String)>,
    /// Form paths (`Environment[3].key`) of keys already used by an earlier row.
    pub duplicate_keys: Vec<String>,
}

impl PathMap {
    /// The form path of a problem path on the body.
    pub fn form_path(&self, body_path: &str) -> String {
        let matching = self.renumbered.iter().filter(|(body, _)| path::is_within(body_path, body));
        match matching.max_by_key(|(body, _)| body.len()) {
            Some((body, form)) => format!("{form}{}", &body_path[body.len()..]),
            None => body_path.to_string(),
        }
    }
}

/// Where export is in the body and in the form, as two growing strings: paths are built only
/// for the few nodes that need one (renumbered items, repeated keys), not once per node, so that
/// exporting on every keystroke stays cheap.
#[derive(Default)]
struct Paths {
    body: String,
    form: String,
}

impl Paths {
    /// Runs `f` one step down: a member name, or a list/map position in the body and the form.
    fn step<T>(&mut self, step: Step, f: impl FnOnce(&mut Self) -> T) -> T {
        use std::fmt::Write;
        let (body_len, form_len) = (self.body.len(), self.form.len());
        match step {
            Step::Member(name) => {
                for path in [&mut self.body, &mut self.form] {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                }
            }
            Step::Index { body, form } => {
                let _ = write!(self.body, "[{body}]");
                let _ = write!(self.form, "[{form}]");
            }
        }
        let out = f(self);
        self.body.truncate(body_len);
        self.form.truncate(form_len);
        out
    }
}

enum Step<'a> {
    Member(&'a str),
    Index { body: usize, form: usize },
}

/// The JSON of a node, or `None` when it is unset. `at` names the node in the body and in the
/// form; the two differ once a blank item above it has been left out.
fn export_node(node: &Node, id: ShapeId, at: &mut Paths, map: &mut PathMap) -> Option<Value> {
    let shape = catalogue::shape(id);
    match node {
        Node::Raw(v) => Some(v.clone()),
        Node::Text(t) if t.is_empty() => None,
        Node::Text(t) => Some(match shape.kind {
            Kind::Integer | Kind::Long => {
                t.trim().parse::<i64>().map_or_else(|_| Value::String(t.clone()), Value::from)
            }
            Kind::Boolean => match t.as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => Value::String(t.clone()),
            },
            _ => Value::String(t.clone()),
        }),
        Node::Struct(members) => {
            // Members go out in the model's order, then unknown (raw) members as imported.
            let mut out = Map::new();
            let mut sent = 0;
            for member in shape.members() {
                let Some((_, child)) = members.iter().find(|(n, _)| n == member.name) else { continue };
                match at.step(Step::Member(member.name), |at| export_node(child, member.shape, at, map)) {
                    Some(v) => {
                        sent += 1;
                        out.insert(member.name.to_string(), v);
                    }
                    // A required text member left empty inside a structure that is sent goes as
                    // "" (behaviour §4); a structure with nothing else set is not sent at all.
                    None if member.required
                        && matches!(catalogue::shape(member.shape).kind, Kind::String)
                        && *child == Node::Text(String::new()) =>
                    {
                        out.insert(member.name.to_string(), Value::String(String::new()));
                    }
                    None => {}
                }
            }
            for (name, child) in members.iter().filter(|(n, _)| shape.member(n).is_none()) {
                if let Node::Raw(v) = child {
                    sent += 1;
                    out.insert(name.clone(), v.clone());
                }
            }
            (sent > 0).then_some(Value::Object(out))
        }
        Node::List(items) => {
            let Kind::List(item_shape) = shape.kind else {
                return None;
            };
            let mut out = Vec::new();
            for (form_index, item) in items.iter().enumerate() {
                let step = Step::Index { body: out.len(), form: form_index };
                let exported = at.step(step, |at| {
                    let v = export_node(&item.node, item_shape, at, map)?;
                    if out.len() != form_index {
                        map.renumbered.push((at.body.clone(), at.form.clone()));
                    }
                    Some(v)
                });
                out.extend(exported);
            }
            (!out.is_empty()).then_some(Value::Array(out))
        }
        Node::Map(rows) => {
            let Kind::Map(_, value_shape) = shape.kind else {
                return None;
            };
            let mut out = Map::new();
            for (form_index, row) in rows.iter().enumerate() {
                at.step(Step::Index { body: out.len(), form: form_index }, |at| {
                    let value = at.step(Step::Member("value"), |at| export_node(&row.value, value_shape, at, map));
                    if row.key.is_empty() && value.is_none() {
                        return; // a blank row is unset
                    }
                    if out.contains_key(&row.key) {
                        map.duplicate_keys.push(path::child(&at.form, "key"));
                        return;
                    }
                    if out.len() != form_index {
                        map.renumbered.push((at.body.clone(), at.form.clone()));
                    }
                    out.insert(row.key.clone(), value.unwrap_or(Value::String(String::new())));
                });
            }
            (!out.is_empty()).then_some(Value::Object(out))
        }
    }
}

/// Where `a` and `b`, found at `at`, first differ (see [`Draft::first_difference`]).
fn node_difference<'a>(a: &'a Node, b: &'a Node, at: FormPath) -> Option<FormPath> {
    match (a, b) {
        _ if a == b => None,
        (Node::Struct(left), Node::Struct(right)) => {
            let member =
                |members: &'a [(String, Node)], name: &str| members.iter().find(|(n, _)| n == name).map(|(_, v)| v);
            let only_right = right.iter().filter(|(n, _)| member(left, n).is_none());
            left.iter().chain(only_right).find_map(|(name, _)| match (member(left, name), member(right, name)) {
                (Some(x), Some(y)) => node_difference(x, y, at.child(name)),
                // A member present on one side only differs where it holds something.
                (Some(only), None) | (None, Some(only)) => node_difference(only, &hollow(only), at.child(name)),
                (None, None) => None,
            })
        }
        (Node::List(left), Node::List(right)) => {
            if left.len() != right.len() || left.iter().zip(right).any(|(x, y)| x.id != y.id) {
                return Some(at);
            }
            left.iter().zip(right).enumerate().find_map(|(i, (x, y))| node_difference(&x.node, &y.node, at.item(i)))
        }
        (Node::Map(left), Node::Map(right)) => {
            if left.len() != right.len() || left.iter().zip(right).any(|(x, y)| x.id != y.id) {
                return Some(at);
            }
            left.iter().zip(right).enumerate().find_map(|(i, (x, y))| match x.key == y.key {
                false => Some(at.item(i).child("key")),
                true => node_difference(&x.value, &y.value, at.item(i).child("value")),
            })
        }
        _ => Some(at),
    }
}

/// A node of the same kind as `node` that holds nothing.
fn hollow(node: &Node) -> Node {
    match node {
        Node::Struct(_) => Node::Struct(Vec::new()),
        Node::List(_) => Node::List(Vec::new()),
        Node::Map(_) => Node::Map(Vec::new()),
        Node::Text(_) | Node::Raw(_) => Node::Text(String::new()),
    }
}
