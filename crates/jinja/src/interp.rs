//! The interpreter: runs a lowered template with Python Jinja2's semantics (scoping, loops,
//! macros, attribute lookup, undefined handling), within the configured bounds.

use crate::ast::{Arg, BinOp, Expr, ExprKind, ForLoop, MacroDef, Stmt, Target};
use crate::error::{type_err, Error, ErrorKind, Result};
use crate::print::to_str;
use crate::value::{Dict, Func, Value};
use crate::{ops, Config};
use indexmap::IndexMap;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Debug, Clone)]
pub struct MacroRef {
    pub name: String,
    pub def: Rc<MacroDef>,
    /// The `caller` a `{% call %}` block passes.
    pub caller: Option<Value>,
}

/// The state behind `loop` in a for loop.
#[derive(Debug)]
pub struct LoopState {
    pub items: Rc<Vec<Value>>,
    pub index0: Cell<usize>,
    pub depth0: usize,
    pub changed: RefCell<Option<Vec<Value>>>,
    pub recursive: Option<Rc<ForLoop>>,
}

/// Call arguments after evaluation: positional and keyword.
#[derive(Debug, Default)]
pub struct Args {
    pub pos: Vec<Value>,
    pub kw: IndexMap<String, Value>,
}

impl Args {
    pub fn positional(pos: Vec<Value>) -> Self {
        Self { pos, kw: IndexMap::new() }
    }

    /// The argument at `index` or named `name` (Python's binding), removing it.
    pub fn take(&mut self, index: usize, name: &str) -> Option<Value> {
        if let Some(v) = self.kw.shift_remove(name) {
            return Some(v);
        }
        self.pos.get_mut(index).map(|v| std::mem::replace(v, Value::undefined("consumed")))
    }

    /// Fails like Python when arguments were given that the callee does not take.
    pub fn done(&self, callee: &str, max_pos: usize) -> Result<()> {
        if self.pos.len() > max_pos {
            return Err(type_err(format!("{callee}() takes at most {max_pos} positional arguments ({} given)", self.pos.len())));
        }
        if let Some(k) = self.kw.keys().next() {
            return Err(type_err(format!("{callee}() got an unexpected keyword argument '{k}'")));
        }
        Ok(())
    }
}

pub struct Interp<'c> {
    pub cfg: &'c Config,
    fuel: u64,
    depth: usize,
    out_limit: usize,
    /// The render's variables (never written).
    ctx: &'c HashMap<String, Value>,
    frames: Vec<HashMap<Rc<str>, Value>>,
    /// How many frames belong to the current macro call (lookups stop at its base, then go
    /// to the template's top frame).
    bases: Vec<usize>,
}

pub type Out = String;

impl<'c> Interp<'c> {
    pub fn new(cfg: &'c Config, ctx: &'c HashMap<String, Value>) -> Self {
        Self { cfg, fuel: cfg.fuel, depth: 0, out_limit: cfg.max_output, ctx, frames: vec![HashMap::new()], bases: vec![0] }
    }

    fn burn(&mut self, amount: u64) -> Result<()> {
        if self.fuel < amount {
            return Err(Error::new(ErrorKind::Limit, format!("the template ran out of fuel ({} steps): an endless or too large loop?", self.cfg.fuel)));
        }
        self.fuel -= amount;
        Ok(())
    }

    pub(crate) fn write(&self, out: &mut Out, s: &str) -> Result<()> {
        if out.len() + s.len() > self.out_limit {
            return Err(Error::new(ErrorKind::Limit, format!("the output would exceed {} bytes", self.out_limit)));
        }
        out.push_str(s);
        Ok(())
    }

    // ---------------------------------------------------------------- names and scopes

    pub fn lookup(&self, name: &str) -> Option<Value> {
        let base = *self.bases.last().unwrap_or(&0);
        for frame in self.frames[base..].iter().rev() {
            if let Some(v) = frame.get(name) {
                return Some(v.clone());
            }
        }
        if base > 0 {
            // Inside a macro: the template's top-level names stay visible.
            if let Some(v) = self.frames[0].get(name) {
                return Some(v.clone());
            }
        }
        self.ctx.get(name).cloned()
    }

    fn set_var(&mut self, name: &Rc<str>, v: Value) {
        self.frames.last_mut().expect("a frame").insert(name.clone(), v);
    }

    fn push(&mut self) {
        self.frames.push(HashMap::new());
    }

    fn pop(&mut self) {
        self.frames.pop();
    }

    fn assign(&mut self, target: &Target, v: Value) -> Result<()> {
        match target {
            Target::Name(n) => self.set_var(n, v),
            Target::Tuple(targets) => {
                let items = v.iter_values().ok_or_else(|| type_err(format!("cannot unpack non-iterable {} object", v.type_name())))?;
                if items.len() != targets.len() {
                    return Err(Error::new(
                        ErrorKind::Value,
                        if items.len() > targets.len() {
                            format!("too many values to unpack (expected {})", targets.len())
                        } else {
                            format!("not enough values to unpack (expected {}, got {})", targets.len(), items.len())
                        },
                    ));
                }
                for (t, item) in targets.iter().zip(items) {
                    self.assign(t, item)?;
                }
            }
            Target::Attr(obj, attr) => {
                let ns = self.eval(obj)?;
                match &ns {
                    Value::Func(f) => match &**f {
                        Func::Namespace(attrs) => {
                            attrs.borrow_mut().insert(attr.clone(), v);
                        }
                        _ => return Err(Error::new(ErrorKind::Other, "cannot assign attribute on non-namespace object").at(obj.pos.line as usize, obj.pos.col as usize)),
                    },
                    _ => return Err(Error::new(ErrorKind::Other, "cannot assign attribute on non-namespace object").at(obj.pos.line as usize, obj.pos.col as usize)),
                }
            }
        }
        Ok(())
    }

    // ---------------------------------------------------------------- statements

    pub fn run(&mut self, stmts: &[Stmt], out: &mut Out) -> Result<()> {
        for s in stmts {
            self.stmt(s, out)?;
        }
        Ok(())
    }

    fn stmt(&mut self, stmt: &Stmt, out: &mut Out) -> Result<()> {
        self.burn(1)?;
        match stmt {
            Stmt::Raw(s) => self.write(out, s),
            Stmt::Fail(e) => Err(e.clone()),
            Stmt::Emit(e) => {
                let v = self.eval(e)?;
                match &v {
                    Value::Str(s) | Value::Markup(s) => self.write(out, s),
                    _ => {
                        let text = self.output_str(&v).map_err(|err| err.at(e.pos.line as usize, e.pos.col as usize))?;
                        self.write(out, &text)
                    }
                }
            }
            Stmt::Scope(body) => self.run(body, out),
            Stmt::If(cond, then, els) => {
                let c = self.eval(cond)?;
                if self.truthy(&c).map_err(|err| err.at(cond.pos.line as usize, cond.pos.col as usize))? {
                    self.run(then, out)
                } else {
                    self.run(els, out)
                }
            }
            Stmt::For(f) => {
                let iterable = self.eval(&f.iter)?;
                self.for_loop(f, iterable, 0, out)
            }
            Stmt::With(assigns, body) => {
                let values = assigns.iter().map(|(_, e)| self.eval(e)).collect::<Result<Vec<_>>>()?;
                self.push();
                let result = (|| {
                    for ((t, _), v) in assigns.iter().zip(values) {
                        self.assign(t, v)?;
                    }
                    self.run(body, out)
                })();
                self.pop();
                result
            }
            Stmt::Set(t, e) => {
                let v = self.eval(e)?;
                self.assign(t, v)
            }
            Stmt::SetBlock(t, filter, body) => {
                let mut buf = String::new();
                self.run(body, &mut buf)?;
                let mut v = Value::str(buf);
                if let Some(f) = filter {
                    v = self.apply_filter_expr(f, v)?;
                }
                self.assign(t, v)
            }
            Stmt::FilterBlock(f, body) => {
                let mut buf = String::new();
                self.run(body, &mut buf)?;
                let v = self.apply_filter_expr(f, Value::str(buf))?;
                let text = self.output_str(&v)?;
                self.write(out, &text)
            }
            Stmt::Macro(def) => {
                let m = MacroRef { name: def.name.clone(), def: def.clone(), caller: None };
                self.set_var(&Rc::from(def.name.as_str()), Value::Func(Rc::new(Func::Macro(m))));
                Ok(())
            }
            Stmt::CallBlock(call, def) => {
                let caller = Value::Func(Rc::new(Func::Macro(MacroRef { name: "caller".into(), def: def.clone(), caller: None })));
                let ExprKind::Call(callee, args) = &call.kind else { unreachable!("call blocks hold a call") };
                let f = self.eval(callee)?;
                let mut args = self.eval_args(args)?;
                args.kw.insert("caller".into(), caller);
                let v = self.call(&f, args).map_err(|e| e.at(call.pos.line as usize, call.pos.col as usize))?;
                let text = self.output_str(&v)?;
                self.write(out, &text)
            }
        }
    }

    /// What `{{ v }}` prints: Python's `str()`; an undefined value is empty, or an error in
    /// strict mode.
    fn output_str(&self, v: &Value) -> Result<String> {
        match v {
            Value::Undefined(msg) if self.cfg.strict => Err(Error::undefined(msg)),
            other => Ok(to_str(other)),
        }
    }

    pub fn truthy(&self, v: &Value) -> Result<bool> {
        match v {
            Value::Undefined(msg) if self.cfg.strict => Err(Error::undefined(msg)),
            other => Ok(other.truthy()),
        }
    }

    fn for_loop(&mut self, f: &Rc<ForLoop>, iterable: Value, depth0: usize, out: &mut Out) -> Result<()> {
        if let (Value::Undefined(msg), true) = (&iterable, self.cfg.strict) {
            return Err(Error::undefined(msg).at(f.iter.pos.line as usize, f.iter.pos.col as usize));
        }
        let items = iterable
            .iter_values()
            .ok_or_else(|| type_err(format!("'{}' object is not iterable", iterable.type_name())).at(f.iter.pos.line as usize, f.iter.pos.col as usize))?;
        self.burn(items.len() as u64)?;
        let items = if let Some(filter) = &f.filter {
            let mut kept = Vec::new();
            for item in items {
                self.push();
                self.assign(&f.target, item.clone())?;
                let keep = self.eval(filter);
                self.pop();
                let keep = keep?;
                if self.truthy(&keep)? {
                    kept.push(item);
                }
            }
            kept
        } else {
            items
        };
        if items.is_empty() {
            return self.run(&f.else_body, out);
        }
        let state = Rc::new(LoopState {
            items: Rc::new(items),
            index0: Cell::new(0),
            depth0,
            changed: RefCell::new(None),
            recursive: f.recursive.then(|| f.clone()),
        });
        self.push();
        // One `loop` object for the whole loop: its index moves as items go by.
        self.set_var(&Rc::from("loop"), Value::Func(Rc::new(Func::Loop(state.clone()))));
        let result = (|| {
            for (i, item) in state.items.iter().enumerate() {
                self.burn(1)?;
                state.index0.set(i);
                self.assign(&f.target, item.clone())?;
                self.run(&f.body, out)?;
            }
            Ok(())
        })();
        self.pop();
        result
    }

    // ---------------------------------------------------------------- expressions

    pub fn eval(&mut self, e: &Expr) -> Result<Value> {
        self.burn(1)?;
        // Deeply nested templates and recursive macros grow the stack on the heap instead of
        // overflowing it.
        stacker::maybe_grow(128 * 1024, 4 << 20, || self.eval_inner(e)).map_err(|err| err.at(e.pos.line as usize, e.pos.col as usize))
    }

    fn eval_inner(&mut self, e: &Expr) -> Result<Value> {
        Ok(match &e.kind {
            ExprKind::Var(name) => match self.lookup(name) {
                Some(v) => v,
                None => match crate::globals::global(name) {
                    Some(g) => g,
                    None => Value::undefined(format!("'{name}' is undefined")),
                },
            },
            ExprKind::Const(v) => v.clone(),
            ExprKind::List(items) => Value::list(items.iter().map(|i| self.eval(i)).collect::<Result<_>>()?),
            ExprKind::Tuple(items) => Value::tuple(items.iter().map(|i| self.eval(i)).collect::<Result<_>>()?),
            ExprKind::Dict(pairs) => {
                let mut d = Dict::new();
                for (k, v) in pairs {
                    let key = self.eval(k)?;
                    if matches!(key, Value::List(_) | Value::Dict(_)) {
                        return Err(type_err(format!("unhashable type: '{}'", key.type_name())));
                    }
                    let val = self.eval(v)?;
                    d.insert(key, val);
                }
                Value::dict(d)
            }
            ExprKind::Not(x) => {
                let v = self.eval(x)?;
                Value::Bool(!self.truthy(&v)?)
            }
            ExprKind::Neg(x) => ops::neg(&self.eval(x)?)?,
            ExprKind::Bin(BinOp::And, a, b) => {
                let l = self.eval(a)?;
                if self.truthy(&l)? {
                    self.eval(b)?
                } else {
                    l
                }
            }
            ExprKind::Bin(BinOp::Or, a, b) => {
                let l = self.eval(a)?;
                if self.truthy(&l)? {
                    l
                } else {
                    self.eval(b)?
                }
            }
            ExprKind::Bin(op, a, b) => {
                let l = self.eval(a)?;
                let r = self.eval(b)?;
                self.binop(*op, &l, &r)?
            }
            ExprKind::Compare(first, rest) => {
                let mut left = self.eval(first)?;
                for (op, expr) in rest {
                    let right = self.eval(expr)?;
                    let ok = match *op {
                        "in" => self.contains(&right, &left)?,
                        "not in" => !self.contains(&right, &left)?,
                        cmp => {
                            if self.cfg.strict {
                                for v in [&left, &right] {
                                    if let Value::Undefined(msg) = v {
                                        return Err(Error::undefined(msg));
                                    }
                                }
                            }
                            ops::compare(cmp, &left, &right)?
                        }
                    };
                    if !ok {
                        return Ok(Value::Bool(false));
                    }
                    left = right;
                }
                Value::Bool(true)
            }
            ExprKind::IfExpr(test, yes, no) => {
                let t = self.eval(test)?;
                if self.truthy(&t)? {
                    self.eval(yes)?
                } else {
                    match no {
                        Some(no) => self.eval(no)?,
                        None => Value::undefined("the inline if-expression on line evaluated to false and no else section was defined."),
                    }
                }
            }
            ExprKind::Filter(name, value, args) => {
                let v = match value {
                    Some(v) => self.eval(v)?,
                    None => Value::undefined("filter without value"),
                };
                let args = self.eval_args(args)?;
                crate::filters::call_filter(self, name, v, args)?
            }
            ExprKind::Test(name, value, args) => {
                let v = self.eval(value)?;
                let args = self.eval_args(args)?;
                Value::Bool(crate::tests::call_test(self, name, &v, args)?)
            }
            ExprKind::GetAttr(obj, name) => {
                let o = self.eval(obj)?;
                self.getattr(&o, name)?
            }
            ExprKind::GetItem(obj, key) => {
                let o = self.eval(obj)?;
                let k = self.eval(key)?;
                self.getitem(&o, &k)?
            }
            ExprKind::Slice(obj, start, stop, step) => {
                let o = self.eval(obj)?;
                let mut bound = |x: &Option<Box<Expr>>| -> Result<Option<i128>> {
                    match x {
                        None => Ok(None),
                        Some(e) => match self.eval(e)? {
                            Value::None => Ok(None),
                            Value::Int(i) => Ok(Some(i)),
                            Value::Bool(b) => Ok(Some(b as i128)),
                            other => Err(type_err(format!("slice indices must be integers or None, not {}", other.type_name()))),
                        },
                    }
                };
                let (a, b, c) = (bound(start)?, bound(stop)?, bound(step)?);
                slice(&o, a, b, c)?
            }
            ExprKind::Call(callee, args) => self.eval_call(callee, args)?,
        })
    }

    fn eval_call(&mut self, callee: &Expr, args: &[Arg]) -> Result<Value> {
        let f = self.eval(callee)?;
        let args = self.eval_args(args)?;
        self.call(&f, args)
    }

    pub fn eval_args(&mut self, args: &[Arg]) -> Result<Args> {
        let mut out = Args::default();
        for a in args {
            match a {
                Arg::Pos(e) => {
                    let v = self.eval(e)?;
                    out.pos.push(v);
                }
                Arg::Kw(k, e) => {
                    let v = self.eval(e)?;
                    out.kw.insert(k.clone(), v);
                }
                Arg::PosSplat(e) => {
                    let v = self.eval(e)?;
                    out.pos.extend(v.iter_values().ok_or_else(|| type_err("argument after * must be an iterable"))?);
                }
                Arg::KwSplat(e) => match self.eval(e)? {
                    Value::Dict(d) => {
                        for (k, v) in d.borrow().iter() {
                            out.kw.insert(to_str(k), v.clone());
                        }
                    }
                    _ => return Err(type_err("argument after ** must be a mapping")),
                },
            }
        }
        Ok(out)
    }

    fn apply_filter_expr(&mut self, f: &Expr, v: Value) -> Result<Value> {
        // `{% filter upper|trim %}`: the chain's innermost filter has no value.
        match &f.kind {
            ExprKind::Filter(name, inner, args) => {
                let v = match inner {
                    Some(inner) => self.apply_filter_expr(inner, v)?,
                    None => v,
                };
                let args = self.eval_args(args)?;
                crate::filters::call_filter(self, name, v, args).map_err(|e| e.at(f.pos.line as usize, f.pos.col as usize))
            }
            _ => self.eval(f),
        }
    }

    pub fn binop(&self, op: BinOp, l: &Value, r: &Value) -> Result<Value> {
        if self.cfg.strict {
            for v in [l, r] {
                if let Value::Undefined(msg) = v {
                    return Err(Error::undefined(msg));
                }
            }
        }
        match op {
            BinOp::Add => ops::add(l, r),
            BinOp::Sub => ops::sub(l, r),
            BinOp::Mul => ops::mul(l, r),
            BinOp::Div => ops::div(l, r),
            BinOp::FloorDiv => ops::floor_div(l, r),
            BinOp::Rem => ops::rem(l, r),
            BinOp::Pow => ops::pow(l, r),
            BinOp::Concat => Ok(ops::concat(l, r)),
            BinOp::And | BinOp::Or => unreachable!("short-circuit operators are evaluated lazily"),
        }
    }

    fn contains(&self, haystack: &Value, needle: &Value) -> Result<bool> {
        if let (true, Value::Undefined(msg)) = (self.cfg.strict, haystack) {
            return Err(Error::undefined(msg));
        }
        ops::contains(haystack, needle)
    }

    // ---------------------------------------------------------------- lookups

    /// `obj.name`: Python attribute first (methods of str/dict/list), then item, like
    /// Jinja2's `Environment.getattr`.
    pub fn getattr(&self, obj: &Value, name: &str) -> Result<Value> {
        if let Value::Undefined(msg) = obj {
            if self.cfg.chainable {
                return Ok(obj.clone());
            }
            return Err(Error::undefined(msg));
        }
        if name.starts_with('_') {
            return Ok(Value::undefined(format!("SecurityError: access to attribute '{name}' of '{}' object is unsafe.", obj.type_name())));
        }
        if let Some(v) = crate::methods::attribute(obj, name) {
            return Ok(v);
        }
        if let (Value::Tuple(t), "grouper" | "list") = (obj, name) {
            // groupby's result items are named tuples (grouper, list).
            if t.len() == 2 {
                return Ok(t[if name == "grouper" { 0 } else { 1 }].clone());
            }
        }
        match obj {
            Value::Dict(d) => {
                if let Some(v) = d.borrow().get_str(name) {
                    return Ok(v.clone());
                }
            }
            Value::Func(f) => match &**f {
                Func::Namespace(attrs) => {
                    if let Some(v) = attrs.borrow().get(name) {
                        return Ok(v.clone());
                    }
                }
                Func::Loop(state) => {
                    if let Some(v) = loop_attr(state, name) {
                        return Ok(v);
                    }
                }
                Func::Cycler(c) if name == "current" => {
                    let c = c.borrow();
                    return Ok(c.0.get(c.1).cloned().unwrap_or(Value::None));
                }
                _ => {}
            },
            _ => {}
        }
        Ok(missing(obj, &Value::str(name)))
    }

    /// `obj[key]` (and `obj.0`): item first, then attribute for string keys. The platform's
    /// extra: an integer key missing from a dict is looked up as a string (`node.0` on the
    /// CODE JSON, whose keys are strings).
    pub fn getitem(&self, obj: &Value, key: &Value) -> Result<Value> {
        if let Value::Undefined(msg) = obj {
            if self.cfg.chainable {
                return Ok(obj.clone());
            }
            return Err(Error::undefined(msg));
        }
        let found = match (obj, key) {
            (Value::Dict(d), k) => {
                let d = d.borrow();
                d.get(k).cloned().or_else(|| match k {
                    Value::Int(i) => d.get_str(&i.to_string()).cloned(),
                    _ => None,
                })
            }
            (Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Markup(_) | Value::Range(..), Value::Int(_) | Value::Bool(_)) => {
                let i = match key {
                    Value::Int(i) => *i,
                    Value::Bool(b) => *b as i128,
                    _ => 0,
                };
                let len = obj.len().unwrap_or(0) as i128;
                let idx = if i < 0 { i + len } else { i };
                if (0..len).contains(&idx) {
                    match obj {
                        Value::List(l) => l.borrow().get(idx as usize).cloned(),
                        Value::Tuple(t) => t.get(idx as usize).cloned(),
                        Value::Str(s) | Value::Markup(s) => s.chars().nth(idx as usize).map(|c| Value::str(c.to_string())),
                        Value::Range(a, _, step) => Some(Value::Int(*a as i128 + idx * *step as i128)),
                        _ => None,
                    }
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(v) = found {
            return Ok(v);
        }
        if let Value::Str(name) = key {
            return self.getattr(obj, name);
        }
        Ok(missing(obj, key))
    }

    // ---------------------------------------------------------------- calls

    pub fn call(&mut self, f: &Value, mut args: Args) -> Result<Value> {
        let func = match f {
            Value::Func(func) => func.clone(),
            Value::Undefined(msg) => return Err(Error::undefined(msg)),
            other => return Err(type_err(format!("'{}' object is not callable", other.type_name()))),
        };
        match &*func {
            Func::Global(name) => crate::globals::call_global(self, name, args),
            Func::Method(recv, name) => crate::methods::call_method(self, recv, name, args),
            Func::Macro(m) => self.call_macro(m, args),
            Func::LoopMethod(state, name) => loop_method(self, state, name, args),
            Func::Loop(state) => {
                let Some(f) = state.recursive.clone() else {
                    return Err(type_err("'LoopContext' object is not callable"));
                };
                let iterable = args.take(0, "iterable").unwrap_or(Value::list(Vec::new()));
                let mut out = String::new();
                self.enter()?;
                let r = self.for_loop(&f, iterable, state.depth0 + 1, &mut out);
                self.depth -= 1;
                r?;
                Ok(Value::Markup(out.into()))
            }
            Func::Cycler(_) | Func::Joiner(..) | Func::Namespace(_) => {
                if let Func::Joiner(sep, used) = &*func {
                    return Ok(Value::str(if used.replace(true) { sep.as_str() } else { "" }));
                }
                Err(type_err(format!("'{}' object is not callable", f.type_name())))
            }
        }
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > self.cfg.max_depth {
            self.depth -= 1;
            // Python's Jinja2 stops the same templates with a RecursionError.
            return Err(Error::new(ErrorKind::Other, format!("RecursionError: calls nested deeper than {} levels", self.cfg.max_depth)));
        }
        Ok(())
    }

    fn call_macro(&mut self, m: &MacroRef, mut args: Args) -> Result<Value> {
        let def = &m.def;
        let mut frame = HashMap::new();
        let n_args = def.args.len();
        let first_default = n_args - def.defaults.len();
        let caller = args.kw.shift_remove("caller");
        let extra_pos: Vec<Value> = if args.pos.len() > n_args { args.pos.split_off(n_args) } else { Vec::new() };
        if !extra_pos.is_empty() && !def.uses_varargs {
            return Err(type_err(format!("macro '{}' takes not more than {} argument(s)", m.name, n_args)));
        }
        let mut missing_defaults = Vec::new();
        for (i, name) in def.args.iter().enumerate() {
            match args.take(i, name) {
                Some(v) => {
                    frame.insert(name.clone(), v);
                }
                None if i >= first_default => missing_defaults.push((i, name.clone())),
                None => {
                    frame.insert(name.clone(), Value::undefined(format!("parameter '{name}' was not provided")));
                }
            }
        }
        if !args.kw.is_empty() && !def.uses_kwargs {
            let k = args.kw.keys().next().cloned().unwrap_or_default();
            return Err(type_err(format!("macro '{}' takes no keyword argument '{k}'", m.name)));
        }
        if caller.is_some() && !def.uses_caller {
            return Err(type_err(format!("macro '{}' was invoked with two values for the special caller argument", m.name)));
        }
        self.enter()?;
        let base = self.frames.len();
        self.frames.push(HashMap::new());
        self.bases.push(base);
        let result = (|| {
            for (i, name) in missing_defaults {
                let v = self.eval(&def.defaults[i - first_default])?;
                self.frames.last_mut().expect("macro frame").insert(name, v);
            }
            let frame_ref = self.frames.last_mut().expect("macro frame");
            frame_ref.extend(frame);
            frame_ref.insert(Rc::from("varargs"), Value::tuple(extra_pos));
            let mut kw = Dict::new();
            for (k, v) in std::mem::take(&mut args.kw) {
                kw.insert(Value::str(k), v);
            }
            frame_ref.insert(Rc::from("kwargs"), Value::dict(kw));
            if let Some(c) = caller.or_else(|| m.caller.clone()) {
                frame_ref.insert(Rc::from("caller"), c);
            }
            let mut out = String::new();
            self.run(&def.body, &mut out)?;
            Ok(Value::Markup(out.into()))
        })();
        self.frames.truncate(base);
        self.bases.pop();
        self.depth -= 1;
        result
    }
}

/// Jinja2's undefined for a missing member, with its message.
pub fn missing(obj: &Value, key: &Value) -> Value {
    let owner = match obj {
        Value::None => "'None'".to_string(),
        other => format!("'{} object'", other.type_name()),
    };
    match key {
        Value::Str(name) => Value::undefined(format!("{owner} has no attribute '{name}'")),
        other => Value::undefined(format!("{owner} has no element {}", crate::print::repr(other))),
    }
}

fn loop_attr(state: &Rc<LoopState>, name: &str) -> Option<Value> {
    let i = state.index0.get();
    let n = state.items.len();
    Some(match name {
        "index" => Value::Int(i as i128 + 1),
        "index0" => Value::Int(i as i128),
        "revindex" => Value::Int((n - i) as i128),
        "revindex0" => Value::Int((n - i - 1) as i128),
        "first" => Value::Bool(i == 0),
        "last" => Value::Bool(i + 1 == n),
        "length" => Value::Int(n as i128),
        "depth" => Value::Int(state.depth0 as i128 + 1),
        "depth0" => Value::Int(state.depth0 as i128),
        "previtem" => match i.checked_sub(1) {
            Some(p) => state.items[p].clone(),
            None => Value::undefined("there is no previous item"),
        },
        "nextitem" => match state.items.get(i + 1) {
            Some(v) => v.clone(),
            None => Value::undefined("there is no next item"),
        },
        "cycle" => Value::Func(Rc::new(Func::LoopMethod(state.clone(), "cycle"))),
        "changed" => Value::Func(Rc::new(Func::LoopMethod(state.clone(), "changed"))),
        _ => return None,
    })
}

fn loop_method(_it: &mut Interp<'_>, state: &Rc<LoopState>, name: &str, args: Args) -> Result<Value> {
    match name {
        "cycle" => {
            if args.pos.is_empty() {
                return Err(type_err("no items for cycling given"));
            }
            Ok(args.pos[state.index0.get() % args.pos.len()].clone())
        }
        _ => {
            let mut last = state.changed.borrow_mut();
            let changed = last.as_ref() != Some(&args.pos);
            if changed {
                *last = Some(args.pos);
            }
            Ok(Value::Bool(changed))
        }
    }
}

/// Python slicing of lists, tuples, strings and ranges.
pub fn slice(v: &Value, start: Option<i128>, stop: Option<i128>, step: Option<i128>) -> Result<Value> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(Error::new(ErrorKind::Value, "slice step cannot be zero"));
    }
    let items: Vec<Value> = match v {
        Value::Undefined(msg) => return Err(Error::undefined(msg)),
        other => other.iter_values().filter(|_| !matches!(other, Value::Dict(_))).ok_or_else(|| {
            type_err(format!("'{}' object is not subscriptable", other.type_name()))
        })?,
    };
    let len = items.len() as i128;
    let clamp = |x: i128, lo: i128, hi: i128| x.max(lo).min(hi);
    let norm = |x: Option<i128>, default: i128, lo: i128, hi: i128| match x {
        None => default,
        Some(i) if i < 0 => clamp(i + len, lo, hi),
        Some(i) => clamp(i, lo, hi),
    };
    let picked: Vec<Value> = if step > 0 {
        let (a, b) = (norm(start, 0, 0, len), norm(stop, len, 0, len));
        (a..b.max(a)).step_by(step as usize).map(|i| items[i as usize].clone()).collect()
    } else {
        let (a, b) = (norm(start, len - 1, -1, len - 1), norm(stop, -1, -1, len - 1));
        let mut out = Vec::new();
        let mut i = a;
        while i > b {
            out.push(items[i as usize].clone());
            i += step;
        }
        out
    };
    Ok(match v {
        Value::Str(_) | Value::Markup(_) => Value::str(picked.iter().map(to_str).collect::<String>()),
        Value::Tuple(_) => Value::tuple(picked),
        _ => Value::list(picked),
    })
}
