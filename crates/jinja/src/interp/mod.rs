//! The interpreter: runs a lowered template with Python Jinja2's semantics (scoping, loops,
//! macros, attribute lookup, undefined handling), within the configured bounds.

use crate::ast::{ExprKind, ForLoop, MacroDef, Stmt, Target};
use crate::error::{type_err, Error, ErrorKind, Result};
use crate::print::to_str;
use crate::value::{Func, Value};
use crate::Config;
use indexmap::IndexMap;
use rustc_hash::FxHashMap as HashMap;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

mod calls;
mod expr;
mod lookup;

pub use lookup::missing;

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
    /// Expressions being evaluated inside one another (see `eval`).
    nesting: usize,
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
        Self { cfg, fuel: cfg.fuel, depth: 0, nesting: 0, out_limit: cfg.max_output, ctx, frames: vec![HashMap::default()], bases: vec![0] }
    }

    fn burn(&mut self, amount: u64) -> Result<()> {
        if self.fuel < amount {
            return Err(Error::new(ErrorKind::Limit, format!("the template ran out of fuel ({} steps): an endless or too large loop?", self.cfg.fuel)));
        }
        self.fuel -= amount;
        Ok(())
    }

    fn output_limit(&self) -> Error {
        Error::new(ErrorKind::Limit, format!("the output would exceed {} bytes", self.out_limit))
    }

    pub(crate) fn write(&self, out: &mut Out, s: &str) -> Result<()> {
        if out.len() + s.len() > self.out_limit {
            return Err(self.output_limit());
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
        self.frames.push(HashMap::default());
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
                if let (Value::Undefined(msg), true) = (&v, self.cfg.strict) {
                    return Err(Error::undefined(msg).at(e.pos.line as usize, e.pos.col as usize));
                }
                let start = out.len();
                crate::print::write_str(&v, out);
                if out.len() > self.out_limit {
                    out.truncate(start);
                    return Err(self.output_limit());
                }
                Ok(())
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
        let items = iterable.iter_values().ok_or_else(|| type_err(format!("'{}' object is not iterable", iterable.type_name())).at(f.iter.pos.line as usize, f.iter.pos.col as usize))?;
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
        let state = Rc::new(LoopState { items: Rc::new(items), index0: Cell::new(0), depth0, changed: RefCell::new(None), recursive: f.recursive.then(|| f.clone()) });
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
}
