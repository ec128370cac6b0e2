//! Jinja2's tests (`x is defined`, `x is number`...) with Jinja2's truth tables: one row per
//! test (name, parameters, one line, function), like the filters' registry. A test's
//! arguments are bound once per call site (`bind`), so `selectattr` runs a test per item
//! without building arguments again.

use crate::error::{type_err, Error, ErrorKind, Result};
use crate::interp::{Args, Interp};
use crate::ops;
use crate::value::{Func, Value};

/// A test's function: the value, and its bound arguments (in the row's parameter order).
pub(crate) type TestFn = fn(&mut Interp<'_>, &Value, &[Value]) -> Result<bool>;

/// One test.
#[derive(Debug)]
pub struct Test {
    pub name: &'static str,
    /// Its required parameters after the value (tests take no optional ones).
    pub params: &'static [&'static str],
    pub doc: &'static str,
    pub(crate) call: TestFn,
}

const fn t(name: &'static str, params: &'static [&'static str], doc: &'static str, call: TestFn) -> Test {
    Test { name, params, doc, call }
}

pub static TESTS: &[Test] = &[
    t("odd", &[], "An odd integer.", |it, v, _| parity(it, v, 1)),
    t("even", &[], "An even integer.", |it, v, _| parity(it, v, 0)),
    t("divisibleby", &["num"], "Divisible by num.", |it, v, a| {
        strict_check(it, v)?;
        Ok(ops::rem(v, &a[0])? == Value::Int(0))
    }),
    t("defined", &[], "The value exists.", |_, v, _| Ok(!v.is_undefined())),
    t("undefined", &[], "The value does not exist.", |_, v, _| Ok(v.is_undefined())),
    t("filter", &[], "A filter of that name exists.", |_, v, _| Ok(v.as_str().is_some_and(crate::filters::is_filter))),
    t("test", &[], "A test of that name exists.", |_, v, _| Ok(v.as_str().is_some_and(is_test))),
    t("none", &[], "The value is None.", |_, v, _| Ok(matches!(v, Value::None))),
    t("boolean", &[], "True or False.", |_, v, _| Ok(matches!(v, Value::Bool(_)))),
    t("false", &[], "The value is False.", |_, v, _| Ok(matches!(v, Value::Bool(false)))),
    t("true", &[], "The value is True.", |_, v, _| Ok(matches!(v, Value::Bool(true)))),
    t("integer", &[], "An integer (not a bool).", |_, v, _| Ok(matches!(v, Value::Int(_)))),
    t("float", &[], "A float.", |_, v, _| Ok(matches!(v, Value::Float(_)))),
    t("lower", &[], "A string with lower-case letters only.", |it, v, _| cased(it, v, true)),
    t("upper", &[], "A string with upper-case letters only.", |it, v, _| cased(it, v, false)),
    t("string", &[], "A string.", |_, v, _| Ok(matches!(v, Value::Str(_) | Value::Markup(_)))),
    t("mapping", &[], "A dict.", |_, v, _| Ok(matches!(v, Value::Dict(_)))),
    t("number", &[], "An int, a float or a bool.", |_, v, _| Ok(matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_)))),
    t("sequence", &[], "A string, list, tuple, dict or range.", |_, v, _| Ok(matches!(v, Value::Str(_) | Value::Markup(_) | Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Range(..)))),
    t("iterable", &[], "Something a for loop can walk.", |_, v, _| {
        Ok(matches!(v, Value::Str(_) | Value::Markup(_) | Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Range(..) | Value::View(..) | Value::Undefined(_)))
    }),
    t("callable", &[], "Something that can be called.", |_, v, _| Ok(matches!(v, Value::Func(f) if !matches!(**f, Func::Namespace(_) | Func::Cycler(_))))),
    t("sameas", &["other"], "The same object as other (Python's is).", |_, v, a| Ok(same_object(v, &a[0]))),
    t("escaped", &[], "Text marked safe.", |_, v, _| Ok(matches!(v, Value::Markup(_)))),
    t("in", &["seq"], "Contained in seq.", |_, v, a| ops::contains(&a[0], v)),
    t("==", &["other"], "Equal to other.", |_, v, a| ops::compare("==", v, &a[0])),
    t("eq", &["other"], "Equal to other.", |_, v, a| ops::compare("==", v, &a[0])),
    t("equalto", &["other"], "Equal to other.", |_, v, a| ops::compare("==", v, &a[0])),
    t("!=", &["other"], "Not equal to other.", |_, v, a| ops::compare("!=", v, &a[0])),
    t("ne", &["other"], "Not equal to other.", |_, v, a| ops::compare("!=", v, &a[0])),
    t(">", &["other"], "Greater than other.", |_, v, a| ops::compare(">", v, &a[0])),
    t("gt", &["other"], "Greater than other.", |_, v, a| ops::compare(">", v, &a[0])),
    t("greaterthan", &["other"], "Greater than other.", |_, v, a| ops::compare(">", v, &a[0])),
    t(">=", &["other"], "Greater than or equal to other.", |_, v, a| ops::compare(">=", v, &a[0])),
    t("ge", &["other"], "Greater than or equal to other.", |_, v, a| ops::compare(">=", v, &a[0])),
    t("<", &["other"], "Less than other.", |_, v, a| ops::compare("<", v, &a[0])),
    t("lt", &["other"], "Less than other.", |_, v, a| ops::compare("<", v, &a[0])),
    t("lessthan", &["other"], "Less than other.", |_, v, a| ops::compare("<", v, &a[0])),
    t("<=", &["other"], "Less than or equal to other.", |_, v, a| ops::compare("<=", v, &a[0])),
    t("le", &["other"], "Less than or equal to other.", |_, v, a| ops::compare("<=", v, &a[0])),
];

/// The test of that name.
pub fn lookup(name: &str) -> Option<&'static Test> {
    static BY_NAME: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, &'static Test>> = std::sync::OnceLock::new();
    BY_NAME.get_or_init(|| TESTS.iter().map(|t| (t.name, t)).collect()).get(name).copied()
}

pub fn is_test(name: &str) -> bool {
    lookup(name).is_some()
}

/// An unknown test when compiling, or named at run time (`select('x')`), in Jinja2's words.
pub(crate) fn unknown_test(name: &str) -> Error {
    Error::new(ErrorKind::UnknownTest, format!("No test named '{name}'."))
}

/// An unknown test reached when rendering (inside an `if`, where compiling let it pass).
pub(crate) fn unknown_test_at_render(name: &str) -> Error {
    Error::new(ErrorKind::UnknownTest, format!("No test named '{name}' found."))
}

impl Test {
    /// The call's arguments in parameter order; fails like Python when one is missing.
    pub(crate) fn bind(&self, mut args: Args) -> Result<Vec<Value>> {
        let mut bound = Vec::with_capacity(self.params.len());
        for (i, p) in self.params.iter().enumerate() {
            let v = args.take(i, p).ok_or_else(|| type_err(format!("test_{}() missing 1 required positional argument: '{p}'", self.name)))?;
            bound.push(v);
        }
        Ok(bound)
    }

    /// Binds the arguments, then runs the test.
    pub(crate) fn apply(&self, it: &mut Interp<'_>, v: &Value, args: Args) -> Result<bool> {
        let bound = self.bind(args)?;
        (self.call)(it, v, &bound)
    }
}

fn strict_check(it: &Interp<'_>, v: &Value) -> Result<()> {
    match v {
        Value::Undefined(msg) if it.cfg.strict => Err(Error::undefined(msg)),
        _ => Ok(()),
    }
}

fn parity(it: &mut Interp<'_>, v: &Value, remainder: i128) -> Result<bool> {
    strict_check(it, v)?;
    Ok(ops::rem(v, &Value::Int(2))? == Value::Int(remainder))
}

/// `lower`: has lower-case letters and no upper-case one (`upper` the reverse).
fn cased(it: &mut Interp<'_>, v: &Value, lower: bool) -> Result<bool> {
    strict_check(it, v)?;
    let s = crate::print::to_str(v);
    let has_lower = s.chars().any(char::is_lowercase);
    let has_upper = s.chars().any(char::is_uppercase);
    Ok(if lower { has_lower && !has_upper } else { has_upper && !has_lower })
}

/// Python's `is`, as far as a template can tell: small ints and singletons are shared.
fn same_object(v: &Value, other: &Value) -> bool {
    match (v, other) {
        (Value::None, Value::None) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Int(a), Value::Int(b)) => a == b && (-5..=256).contains(a),
        (Value::List(a), Value::List(b)) => std::rc::Rc::ptr_eq(a, b),
        (Value::Dict(a), Value::Dict(b)) => std::rc::Rc::ptr_eq(a, b),
        (Value::Tuple(a), Value::Tuple(b)) => std::rc::Rc::ptr_eq(a, b),
        (Value::Str(a), Value::Str(b)) => std::rc::Rc::ptr_eq(a, b),
        (Value::Func(a), Value::Func(b)) => std::rc::Rc::ptr_eq(a, b),
        _ => false,
    }
}
