//! Expressions: names, literals, Python operators, comparisons, filters, tests, lookups and
//! calls, each error located at the expression that raised it.

use super::lookup::slice;
use super::{Args, Interp};
use crate::ast::{Arg, BinOp, Expr, ExprKind};
use crate::error::{type_err, Error, Result};
use crate::ops;
use crate::print::to_str;
use crate::value::{Dict, Value};

impl Interp<'_> {
    pub fn eval(&mut self, e: &Expr) -> Result<Value> {
        self.burn(1)?;
        // Deeply nested templates and recursive macros grow the stack on the heap instead of
        // overflowing it. An optimized build checks every 8 nested expressions (their frames
        // are far smaller than the 128 KiB kept free); a debug build, whose frames are large,
        // at each one.
        self.nesting += 1;
        let check = cfg!(debug_assertions) || self.nesting.is_multiple_of(8);
        let result = if check { stacker::maybe_grow(128 * 1024, 4 << 20, || self.eval_inner(e)) } else { self.eval_inner(e) };
        self.nesting -= 1;
        result.map_err(|err| err.at(e.pos.line as usize, e.pos.col as usize))
    }

    pub(super) fn eval_inner(&mut self, e: &Expr) -> Result<Value> {
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
            ExprKind::Filter(f, value, args) => {
                let v = match value {
                    Some(v) => self.eval(v)?,
                    None => Value::undefined("filter without value"),
                };
                let args = self.eval_args(args)?;
                f.def.ok_or_else(|| crate::filters::unknown_filter_at_render(&f.name))?.apply(self, v, args)?
            }
            ExprKind::Test(t, value, args) => {
                let v = self.eval(value)?;
                let args = self.eval_args(args)?;
                Value::Bool(t.def.ok_or_else(|| crate::tests::unknown_test_at_render(&t.name))?.apply(self, &v, args)?)
            }
            ExprKind::GetAttr(obj, attr) => {
                let o = self.eval(obj)?;
                self.getattr_with(&o, &attr.name, attr.method)?
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

    pub(super) fn eval_call(&mut self, callee: &Expr, args: &[Arg]) -> Result<Value> {
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

    pub(super) fn apply_filter_expr(&mut self, f: &Expr, v: Value) -> Result<Value> {
        // `{% filter upper|trim %}`: the chain's innermost filter has no value.
        match &f.kind {
            ExprKind::Filter(filter, inner, args) => {
                let v = match inner {
                    Some(inner) => self.apply_filter_expr(inner, v)?,
                    None => v,
                };
                let args = self.eval_args(args)?;
                let def = filter.def.ok_or_else(|| crate::filters::unknown_filter_at_render(&filter.name))?;
                def.apply(self, v, args).map_err(|e| e.at(f.pos.line as usize, f.pos.col as usize))
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

    pub(super) fn contains(&self, haystack: &Value, needle: &Value) -> Result<bool> {
        if let (true, Value::Undefined(msg)) = (self.cfg.strict, haystack) {
            return Err(Error::undefined(msg));
        }
        ops::contains(haystack, needle)
    }
}
