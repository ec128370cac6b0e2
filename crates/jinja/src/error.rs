//! Errors as the analyst sees them: a kind (what class of problem), a message naming it, and
//! where (1-based line and column in the template).

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The template does not parse (Jinja2's TemplateSyntaxError).
    Syntax,
    /// A filter name Jinja2 would not know (reported when compiling, like Jinja2).
    UnknownFilter,
    UnknownTest,
    /// Jinja2's UndefinedError: using something that does not exist.
    Undefined,
    /// Python's TypeError: an operation on values of the wrong types.
    Type,
    ZeroDivision,
    /// Python's ValueError (a bad conversion, a bad format string...).
    Value,
    /// A bound on untrusted templates was reached (fuel, output size, recursion).
    Limit,
    Other,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Syntax => "syntax",
            Self::UnknownFilter => "unknown_filter",
            Self::UnknownTest => "unknown_test",
            Self::Undefined => "undefined",
            Self::Type => "type",
            Self::ZeroDivision => "zero_division",
            Self::Value => "value",
            Self::Limit => "limit",
            Self::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into(), line: None, column: None }
    }

    /// The error raised by using an undefined value. The sandbox's undefined for an unsafe
    /// attribute raises Jinja2's SecurityError instead.
    pub(crate) fn undefined(message: &str) -> Self {
        let kind = if message.starts_with("SecurityError") { ErrorKind::Other } else { ErrorKind::Undefined };
        Self::new(kind, message)
    }

    pub(crate) fn at(mut self, line: usize, column: usize) -> Self {
        if self.line.is_none() {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }
}

/// `line L, column C: message` (the CLI's error line).
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "line {l}, column {c}: {}", self.message),
            (Some(l), None) => write!(f, "line {l}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn type_err(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Type, message)
}

pub(crate) fn value_err(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Value, message)
}
