//! A front matter value tree that remembers where every key and value was
//! written. TOML and YAML are both converted into it, so validation has one
//! code path and every error can point at `path:line:col`.

use crate::diag::Pos;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// A TOML date, date-time or time, kept as written (validated later).
    Datetime(String),
    Array(Vec<Node>),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
    /// Length in characters of the written value on its line (for underlining).
    pub len: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub entries: Vec<(Key, Node)>,
}

impl Table {
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v)
    }
    pub fn key(&self, key: &str) -> Option<&Key> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(k, _)| k)
    }
}

impl Value {
    /// How the type is named in error messages ("found a string"), as a
    /// message to put into another one.
    pub fn type_name(&self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            Value::Null => Msg::new("load-type-null"),
            Value::Bool(_) => Msg::new("load-type-bool"),
            Value::Int(_) => Msg::new("load-type-integer"),
            Value::Float(_) => Msg::new("load-type-float"),
            Value::Str(_) => Msg::new("load-type-string"),
            Value::Datetime(_) => Msg::new("load-type-date"),
            Value::Array(_) => Msg::new("load-type-list"),
            Value::Table(_) => Msg::new("load-type-table"),
        }
    }
}

impl Node {
    pub fn new(value: Value, pos: Pos) -> Node {
        Node { value, pos, len: 0 }
    }

    /// Converts to plain JSON for `extra` tables handed to templates.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) | Value::Datetime(s) => J::String(s.clone()),
            Value::Array(a) => J::Array(a.iter().map(Node::to_json).collect()),
            Value::Table(t) => J::Object(
                t.entries
                    .iter()
                    .map(|(k, v)| (k.name.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}
