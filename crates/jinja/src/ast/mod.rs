//! The template as our interpreter runs it: an owned tree lowered from minijinja's parser
//! output (minijinja parses; the semantics are ours, Python's). Lowering also rejects what
//! stock Jinja2 would not parse (`{% do %}`, unknown filters and tests).

use crate::error::{Error, ErrorKind, Result};
use crate::value::Value;
use minijinja::machinery::ast as mj;
use minijinja::machinery::Span;
use std::rc::Rc;

mod analysis;
pub(crate) mod visit;

#[cfg(test)]
mod lowering_tests;

use analysis::collect_names;
pub use analysis::variable_keys;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl From<Span> for Pos {
    fn from(s: Span) -> Self {
        Pos { line: s.start_line as u32, col: s.start_col as u32 + 1 }
    }
}

#[derive(Debug)]
pub enum Stmt {
    Emit(Expr),
    Raw(String),
    For(Rc<ForLoop>),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    With(Vec<(Target, Expr)>, Vec<Stmt>),
    Set(Target, Expr),
    SetBlock(Target, Option<Expr>, Vec<Stmt>),
    /// `{% autoescape %}`: the platform renders text, so only the body matters.
    Scope(Vec<Stmt>),
    FilterBlock(Expr, Vec<Stmt>),
    Macro(Rc<MacroDef>),
    CallBlock(Expr, Rc<MacroDef>),
    /// A statement that fails when reached (`{% include %}` without a loader).
    Fail(Error),
}

#[derive(Debug)]
pub struct ForLoop {
    pub target: Target,
    pub iter: Expr,
    pub filter: Option<Expr>,
    pub recursive: bool,
    pub body: Vec<Stmt>,
    pub else_body: Vec<Stmt>,
}

#[derive(Debug)]
pub struct MacroDef {
    pub name: String,
    pub args: Vec<Rc<str>>,
    pub defaults: Vec<Expr>,
    pub body: Vec<Stmt>,
    /// Whether the body refers to `caller`, `varargs`, `kwargs` (Jinja2 accepts extra
    /// arguments only then).
    pub uses_caller: bool,
    pub uses_varargs: bool,
    pub uses_kwargs: bool,
}

#[derive(Debug)]
pub enum Target {
    Name(Rc<str>),
    Tuple(Vec<Target>),
    /// `ns.attr` (namespace assignment).
    Attr(Box<Expr>, String),
}

#[derive(Debug)]
pub struct Expr {
    pub pos: Pos,
    pub kind: ExprKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    And,
    Or,
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Rem,
    Pow,
    Concat,
}

#[derive(Debug)]
pub enum ExprKind {
    Var(Rc<str>),
    Const(Value),
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    /// `a < b <= c`, `x in y`: operator strings as written.
    Compare(Box<Expr>, Vec<(&'static str, Expr)>),
    IfExpr(Box<Expr>, Box<Expr>, Option<Box<Expr>>),
    Filter(Callee<crate::filters::Filter>, Option<Box<Expr>>, Vec<Arg>),
    Test(Callee<crate::tests::Test>, Box<Expr>, Vec<Arg>),
    GetAttr(Box<Expr>, Attr),
    GetItem(Box<Expr>, Box<Expr>),
    Call(Box<Expr>, Vec<Arg>),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
}

/// `obj.name`, knowing when compiling whether any Python type has a method of that name (the
/// method lookup that Jinja2 makes first is skipped for the others: most data field names).
#[derive(Debug)]
pub struct Attr {
    pub name: String,
    pub method: bool,
}

/// A filter or test as written, resolved to its registry row when compiling (`None`: unknown,
/// which fails when reached, as in Jinja2's soft frames).
#[derive(Debug)]
pub struct Callee<T: 'static> {
    pub name: String,
    pub def: Option<&'static T>,
}

#[derive(Debug)]
pub enum Arg {
    Pos(Expr),
    Kw(String, Expr),
    PosSplat(Expr),
    KwSplat(Expr),
}

pub(crate) fn syntax_at(message: impl Into<String>, pos: Pos) -> Error {
    Error::new(ErrorKind::Syntax, message).at(pos.line as usize, pos.col as usize)
}

#[derive(Default)]
pub struct Lowering {
    /// Inside an `if` (Jinja2's "soft" frame) an unknown filter or test fails only when
    /// the branch runs; a loop, macro or block body makes the frame hard again.
    pub soft: std::cell::Cell<bool>,
}

impl Lowering {
    pub fn stmts(&self, stmts: &[mj::Stmt<'_>]) -> Result<Vec<Stmt>> {
        stmts.iter().map(|s| self.stmt(s)).collect()
    }

    fn with_soft<T>(&self, soft: bool, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let before = self.soft.replace(soft);
        let r = f();
        self.soft.set(before);
        r
    }

    fn hard_body(&self, stmts: &[mj::Stmt<'_>]) -> Result<Vec<Stmt>> {
        self.with_soft(false, || self.stmts(stmts))
    }

    pub fn stmt(&self, stmt: &mj::Stmt<'_>) -> Result<Stmt> {
        Ok(match stmt {
            mj::Stmt::Template(t) => Stmt::Scope(self.stmts(&t.children)?),
            mj::Stmt::EmitExpr(e) => Stmt::Emit(self.expr(&e.expr)?),
            mj::Stmt::EmitRaw(r) => Stmt::Raw(r.raw.to_owned()),
            mj::Stmt::ForLoop(f) => Stmt::For(Rc::new(ForLoop {
                target: self.target(&f.target)?,
                iter: self.expr(&f.iter)?,
                filter: f.filter_expr.as_ref().map(|e| self.expr(e)).transpose()?,
                recursive: f.recursive,
                body: self.hard_body(&f.body)?,
                else_body: self.hard_body(&f.else_body)?,
            })),
            mj::Stmt::IfCond(c) => self.with_soft(true, || Ok(Stmt::If(self.expr(&c.expr)?, self.stmts(&c.true_body)?, self.stmts(&c.false_body)?)))?,
            mj::Stmt::WithBlock(w) => Stmt::With(w.assignments.iter().map(|(t, e)| Ok((self.target(t)?, self.expr(e)?))).collect::<Result<_>>()?, self.hard_body(&w.body)?),
            mj::Stmt::Set(s) => Stmt::Set(self.target(&s.target)?, self.expr(&s.expr)?),
            mj::Stmt::SetBlock(s) => Stmt::SetBlock(self.target(&s.target)?, s.filter.as_ref().map(|f| self.expr(f)).transpose()?, self.hard_body(&s.body)?),
            mj::Stmt::AutoEscape(a) => Stmt::Scope(self.stmts(&a.body)?),
            mj::Stmt::FilterBlock(f) => Stmt::FilterBlock(self.expr(&f.filter)?, self.hard_body(&f.body)?),
            mj::Stmt::Block(b) => Stmt::Scope(self.hard_body(&b.body)?),
            mj::Stmt::Extends(e) => Stmt::Fail(no_loader(Pos::from(e.span()))),
            mj::Stmt::Include(e) => Stmt::Fail(no_loader(Pos::from(e.span()))),
            mj::Stmt::Import(e) => Stmt::Fail(no_loader(Pos::from(e.span()))),
            mj::Stmt::FromImport(e) => Stmt::Fail(no_loader(Pos::from(e.span()))),
            mj::Stmt::Macro(m) => Stmt::Macro(Rc::new(self.macro_def(m)?)),
            mj::Stmt::CallBlock(c) => {
                let callee = self.expr(&c.call.expr)?;
                let args = self.args(&c.call.args)?;
                let pos = Pos::from(c.call.span());
                Stmt::CallBlock(Expr { pos, kind: ExprKind::Call(Box::new(callee), args) }, Rc::new(self.macro_def(&c.macro_decl)?))
            }
            mj::Stmt::Do(d) => return Err(syntax_at("Encountered unknown tag 'do'.", Pos::from(d.span()))),
        })
    }

    fn macro_def(&self, m: &mj::Macro<'_>) -> Result<MacroDef> {
        let mut args = Vec::new();
        for a in &m.args {
            match a {
                mj::Expr::Var(v) => args.push(Rc::from(v.id)),
                other => return Err(syntax_at("macro arguments must be names", Pos::from(other.span()))),
            }
        }
        let body = self.hard_body(&m.body)?;
        let mut names = Vec::new();
        collect_names(&body, &mut names);
        Ok(MacroDef {
            name: m.name.to_owned(),
            args,
            defaults: m.defaults.iter().map(|d| self.expr(d)).collect::<Result<_>>()?,
            uses_caller: names.iter().any(|n| n == "caller"),
            uses_varargs: names.iter().any(|n| n == "varargs"),
            uses_kwargs: names.iter().any(|n| n == "kwargs"),
            body,
        })
    }

    fn target(&self, e: &mj::Expr<'_>) -> Result<Target> {
        Ok(match e {
            mj::Expr::Var(v) => Target::Name(Rc::from(v.id)),
            mj::Expr::Tuple(t) => Target::Tuple(t.items.iter().map(|i| self.target(i)).collect::<Result<_>>()?),
            mj::Expr::List(t) => Target::Tuple(t.items.iter().map(|i| self.target(i)).collect::<Result<_>>()?),
            mj::Expr::GetAttr(g) => Target::Attr(Box::new(self.expr(&g.expr)?), g.name.to_owned()),
            other => return Err(syntax_at(format!("can't assign to {}", other.description()), Pos::from(other.span()))),
        })
    }

    fn args(&self, args: &[mj::CallArg<'_>]) -> Result<Vec<Arg>> {
        args.iter()
            .map(|a| {
                Ok(match a {
                    mj::CallArg::Pos(e) => Arg::Pos(self.expr(e)?),
                    mj::CallArg::Kwarg(k, e) => Arg::Kw((*k).to_owned(), self.expr(e)?),
                    mj::CallArg::PosSplat(e) => Arg::PosSplat(self.expr(e)?),
                    mj::CallArg::KwargSplat(e) => Arg::KwSplat(self.expr(e)?),
                })
            })
            .collect()
    }

    fn boxed(&self, e: &mj::Expr<'_>) -> Result<Box<Expr>> {
        self.expr(e).map(Box::new)
    }

    pub fn expr(&self, e: &mj::Expr<'_>) -> Result<Expr> {
        let pos = Pos::from(e.span());
        let kind = match e {
            mj::Expr::Var(v) => ExprKind::Var(Rc::from(v.id)),
            mj::Expr::Const(c) => ExprKind::Const(const_value(&c.value)),
            mj::Expr::Slice(s) => ExprKind::Slice(
                self.boxed(&s.expr)?,
                s.start.as_ref().map(|x| self.boxed(x)).transpose()?,
                s.stop.as_ref().map(|x| self.boxed(x)).transpose()?,
                s.step.as_ref().map(|x| self.boxed(x)).transpose()?,
            ),
            mj::Expr::UnaryOp(u) => match u.op {
                mj::UnaryOpKind::Not => ExprKind::Not(self.boxed(&u.expr)?),
                mj::UnaryOpKind::Neg => ExprKind::Neg(self.boxed(&u.expr)?),
            },
            mj::Expr::BinOp(b) => {
                let op = match b.op {
                    mj::BinOpKind::ScAnd => BinOp::And,
                    mj::BinOpKind::ScOr => BinOp::Or,
                    mj::BinOpKind::Add => BinOp::Add,
                    mj::BinOpKind::Sub => BinOp::Sub,
                    mj::BinOpKind::Mul => BinOp::Mul,
                    mj::BinOpKind::Div => BinOp::Div,
                    mj::BinOpKind::FloorDiv => BinOp::FloorDiv,
                    mj::BinOpKind::Rem => BinOp::Rem,
                    mj::BinOpKind::Pow => BinOp::Pow,
                    mj::BinOpKind::Concat => BinOp::Concat,
                    cmp => {
                        let op = match cmp {
                            mj::BinOpKind::Eq => "==",
                            mj::BinOpKind::Ne => "!=",
                            mj::BinOpKind::Lt => "<",
                            mj::BinOpKind::Lte => "<=",
                            mj::BinOpKind::Gt => ">",
                            mj::BinOpKind::Gte => ">=",
                            _ => "in",
                        };
                        return Ok(Expr { pos, kind: ExprKind::Compare(self.boxed(&b.left)?, vec![(op, self.expr(&b.right)?)]) });
                    }
                };
                ExprKind::Bin(op, self.boxed(&b.left)?, self.boxed(&b.right)?)
            }
            mj::Expr::Compare(c) => ExprKind::Compare(
                self.boxed(&c.expr)?,
                c.ops
                    .iter()
                    .map(|o| {
                        let op = match o.op {
                            mj::CompareOpKind::Eq => "==",
                            mj::CompareOpKind::Ne => "!=",
                            mj::CompareOpKind::Lt => "<",
                            mj::CompareOpKind::Lte => "<=",
                            mj::CompareOpKind::Gt => ">",
                            mj::CompareOpKind::Gte => ">=",
                            mj::CompareOpKind::In => "in",
                            mj::CompareOpKind::NotIn => "not in",
                        };
                        Ok((op, self.expr(&o.expr)?))
                    })
                    .collect::<Result<_>>()?,
            ),
            mj::Expr::IfExpr(i) => ExprKind::IfExpr(self.boxed(&i.test_expr)?, self.boxed(&i.true_expr)?, i.false_expr.as_ref().map(|f| self.boxed(f)).transpose()?),
            mj::Expr::Filter(f) => {
                let def = crate::filters::lookup(f.name);
                if def.is_none() && !self.soft.get() {
                    return Err(crate::filters::unknown_filter(f.name).at(pos.line as usize, pos.col as usize));
                }
                ExprKind::Filter(Callee { name: f.name.to_owned(), def }, f.expr.as_ref().map(|x| self.boxed(x)).transpose()?, self.args(&f.args)?)
            }
            mj::Expr::Test(t) => {
                let def = crate::tests::lookup(t.name);
                if def.is_none() && !self.soft.get() {
                    return Err(crate::tests::unknown_test(t.name).at(pos.line as usize, pos.col as usize));
                }
                ExprKind::Test(Callee { name: t.name.to_owned(), def }, self.boxed(&t.expr)?, self.args(&t.args)?)
            }
            mj::Expr::GetAttr(g) => ExprKind::GetAttr(self.boxed(&g.expr)?, Attr { name: g.name.to_owned(), method: crate::methods::is_method_name(g.name) }),
            mj::Expr::GetItem(g) => ExprKind::GetItem(self.boxed(&g.expr)?, self.boxed(&g.subscript_expr)?),
            mj::Expr::Call(c) => ExprKind::Call(self.boxed(&c.expr)?, self.args(&c.args)?),
            mj::Expr::List(l) => ExprKind::List(l.items.iter().map(|i| self.expr(i)).collect::<Result<_>>()?),
            mj::Expr::Tuple(t) => ExprKind::Tuple(t.items.iter().map(|i| self.expr(i)).collect::<Result<_>>()?),
            mj::Expr::Map(m) => ExprKind::Dict(m.keys.iter().zip(&m.values).map(|(k, v)| Ok((self.expr(k)?, self.expr(v)?))).collect::<Result<_>>()?),
        };
        Ok(Expr { pos, kind })
    }
}

fn no_loader(pos: Pos) -> Error {
    Error::new(ErrorKind::Type, "no loader for this environment specified").at(pos.line as usize, pos.col as usize)
}

fn const_value(v: &minijinja::Value) -> Value {
    use minijinja::value::ValueKind;
    match v.kind() {
        ValueKind::None => Value::None,
        ValueKind::Undefined => Value::undefined("undefined"),
        ValueKind::Bool => Value::Bool(v.is_true()),
        ValueKind::Number => {
            if v.is_integer() {
                match i128::try_from(v.clone()) {
                    Ok(i) => Value::Int(i),
                    Err(_) => Value::Float(f64::try_from(v.clone()).unwrap_or(f64::INFINITY)),
                }
            } else {
                Value::Float(f64::try_from(v.clone()).unwrap_or(f64::NAN))
            }
        }
        ValueKind::String => Value::str(v.as_str().unwrap_or_default()),
        _ => Value::str(v.to_string()),
    }
}
