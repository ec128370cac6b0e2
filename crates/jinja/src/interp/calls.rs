//! Calls: globals, methods, macros (with `caller`, `varargs`, `kwargs`), `loop()` in
//! recursive loops, loop helpers, and the recursion bound.

use super::{Args, Interp, LoopState, MacroRef};
use crate::error::{type_err, Error, ErrorKind, Result};
use crate::value::{Dict, Func, Value};
use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

impl Interp<'_> {
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
        let mut frame = HashMap::default();
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
        self.frames.push(HashMap::default());
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
