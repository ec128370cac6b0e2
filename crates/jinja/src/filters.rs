//! The filters' registry: one row per filter (name, Python signature, one line of
//! documentation, where it comes from, the function), and what derives from it: the names a
//! template may use, the argument checks Python would make, the dispatch (resolved once, when
//! a template is compiled) and the documentation the app's completion shows.
//!
//! Adding a filter is one function (in `filters_str`, `filters_seq`, `platform`...) and one
//! row here. Shared helpers of the string filters are at the end.

use crate::error::{type_err, Error, ErrorKind, Result};
use crate::filters_seq as seq;
use crate::filters_str as s;
use crate::interp::{Args, Interp};
use crate::platform as pf;
use crate::print::to_str;
use crate::value::Value;

/// A filter's function: the filtered value and the call's arguments.
pub(crate) type FilterFn = fn(&mut Interp<'_>, Value, Args) -> Result<Value>;

/// Who defines a filter: Jinja2 itself or the Sekoia.io platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Jinja2,
    Platform,
}

/// A Python signature after the filtered value.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub required: &'static [&'static str],
    /// Optional parameters with their default as Python prints it.
    pub optional: &'static [(&'static str, &'static str)],
    /// Free arguments (`*args`), shown as written; none of the checks apply then.
    pub rest: Option<&'static str>,
}

const NONE: Params = Params { required: &[], optional: &[], rest: None };

const fn opt(optional: &'static [(&'static str, &'static str)]) -> Params {
    Params { required: &[], optional, rest: None }
}

const fn req(required: &'static [&'static str], optional: &'static [(&'static str, &'static str)]) -> Params {
    Params { required, optional, rest: None }
}

const fn rest(required: &'static [&'static str], rest: &'static str) -> Params {
    Params { required, optional: &[], rest: Some(rest) }
}

/// One filter.
#[derive(Debug)]
pub struct Filter {
    pub name: &'static str,
    pub params: Params,
    pub doc: &'static str,
    pub origin: Origin,
    pub(crate) call: FilterFn,
}

const fn j(name: &'static str, params: Params, doc: &'static str, call: FilterFn) -> Filter {
    Filter { name, params, doc, origin: Origin::Jinja2, call }
}

const fn p(name: &'static str, params: Params, doc: &'static str, call: FilterFn) -> Filter {
    Filter { name, params, doc, origin: Origin::Platform, call }
}

/// Every filter a template may use: the platform's first (what an analyst looks for), then
/// Jinja2's in alphabetical order.
pub static FILTERS: &[Filter] = &[
    p(
        "jsonpath",
        req(&["path"], &[("return_all", "False")]),
        "Queries the value with a JSONPath (jsonpath-ng syntax): one match gives the value, several a list, none None; return_all=True always gives a list.",
        pf::do_jsonpath,
    ),
    p("fromjson", NONE, "Parses a JSON string into a value; anything that is not a string passes through unchanged.", pf::do_fromjson),
    p("regex_match", req(&["pattern"], &[("ignore_case", "False")]), "True when the text matches the Python regular expression at its start (add $ to anchor the end).", pf::do_regex_match),
    p("timestamp_to_iso8601", NONE, "Epoch seconds (number or numeric string) to a UTC ISO 8601 date-time such as 2023-11-14T22:13:20+00:00.", pf::do_timestamp_to_iso8601),
    p("iso8601_to_timestamp", NONE, "An ISO 8601 date-time string to whole epoch seconds (no offset means UTC).", pf::do_iso8601_to_timestamp),
    p("time_with_delta", NONE, "The current UTC time shifted by this many seconds (negative for the past), in ISO 8601.", pf::do_time_with_delta),
    j("abs", NONE, "The absolute value of a number.", s::do_abs),
    j("attr", req(&["name"], &[]), "A Python attribute of the value (a method such as items), never a dict key.", s::do_attr),
    j("batch", req(&["linecount"], &[("fill_with", "None")]), "Cuts the items into lists of linecount items, the last filled with fill_with.", seq::do_batch),
    j("capitalize", NONE, "The string with its first character upper case and the rest lower case.", s::do_capitalize),
    j("center", opt(&[("width", "80")]), "Centres the string in a field of width characters.", s::do_center),
    j("count", NONE, "Number of items of a list or dict, or characters of a string (as length).", seq::do_length),
    j("d", opt(&[("default_value", "''"), ("boolean", "False")]), "Short for default.", s::do_default),
    j("default", opt(&[("default_value", "''"), ("boolean", "False")]), "The fallback when the value is undefined (or falsy, with boolean=True).", s::do_default),
    j("dictsort", opt(&[("case_sensitive", "False"), ("by", "'key'"), ("reverse", "False")]), "The (key, value) pairs of a dict, sorted.", seq::do_dictsort),
    j("e", NONE, "Short for escape.", s::do_escape),
    j("escape", NONE, "HTML-escapes &, <, >, ' and \" (marks the text safe).", s::do_escape),
    j("filesizeformat", opt(&[("binary", "False")]), "A number of bytes as a readable size (13.0 kB, or 12.7 KiB with binary=True).", s::do_filesizeformat),
    j("first", NONE, "The first item.", seq::do_first),
    j("float", opt(&[("default", "0.0")]), "Converts to a float, or default when that fails.", s::do_float),
    j("forceescape", NONE, "HTML-escapes even text already marked safe.", s::do_forceescape),
    j("format", rest(&[], "*args, **kwargs"), "Applies printf-style formatting: \"%s-%d\"|format(a, b).", s::do_format),
    j("groupby", req(&["attribute"], &[("default", "None"), ("case_sensitive", "False")]), "Groups the items by an attribute: a list of (grouper, list) pairs, sorted by grouper.", seq::do_groupby),
    j("indent", opt(&[("width", "4"), ("first", "False"), ("blank", "False")]), "Indents every line but the first (and blank ones) by width spaces or the given string.", s::do_indent),
    j("int", opt(&[("default", "0"), ("base", "10")]), "Converts to an integer, or default when that fails.", s::do_int),
    j("items", NONE, "The (key, value) pairs of a dict, to loop over.", seq::do_items),
    j("join", opt(&[("d", "''"), ("attribute", "None")]), "Joins the items into one string with the separator d.", seq::do_join),
    j("last", NONE, "The last item.", seq::do_last),
    j("length", NONE, "Number of items of a list or dict, or characters of a string.", seq::do_length),
    j("list", NONE, "Turns the value into a list (a string into its characters).", seq::do_list),
    j("lower", NONE, "The string in lower case.", s::do_lower),
    j("map", rest(&[], "filter_name | attribute=…, …"), "Takes one attribute of every item, or applies a filter to every item.", seq::do_map),
    j("max", opt(&[("case_sensitive", "False"), ("attribute", "None")]), "The largest item.", |it, v, a| seq::extreme(it, v, a, "max")),
    j("min", opt(&[("case_sensitive", "False"), ("attribute", "None")]), "The smallest item.", |it, v, a| seq::extreme(it, v, a, "min")),
    j("pprint", NONE, "The value pretty-printed as Python would (pprint.pformat).", s::do_pprint),
    j("random", NONE, "One item chosen at random.", seq::do_random),
    j("reject", rest(&[], "test_name, …"), "Drops the items that pass a test (truthy by default).", |it, v, a| seq::filter_items(it, v, a, "reject")),
    j("rejectattr", rest(&[], "attribute, test_name, …"), "Drops the items whose attribute passes a test (truthy by default).", |it, v, a| seq::filter_items(it, v, a, "rejectattr")),
    j("replace", req(&["old", "new"], &[("count", "None")]), "Replaces occurrences of old with new in a string.", s::do_replace),
    j("reverse", NONE, "The items (or characters) in reverse order.", seq::do_reverse),
    j("round", opt(&[("precision", "0"), ("method", "'common'")]), "Rounds a number (method: common, ceil or floor).", s::do_round),
    j("safe", NONE, "Marks the text safe (no escaping).", s::do_safe),
    j("select", rest(&[], "test_name, …"), "Keeps the items that pass a test (truthy by default).", |it, v, a| seq::filter_items(it, v, a, "select")),
    j("selectattr", rest(&[], "attribute, test_name, …"), "Keeps the items whose attribute passes a test (truthy by default).", |it, v, a| seq::filter_items(it, v, a, "selectattr")),
    j("slice", req(&["slices"], &[("fill_with", "None")]), "Cuts the items into slices lists of about the same length.", seq::do_slice),
    j("sort", opt(&[("reverse", "False"), ("case_sensitive", "False"), ("attribute", "None")]), "Sorts the items.", seq::do_sort),
    j("string", NONE, "Converts to a string the way Python prints it.", s::do_string),
    j("striptags", NONE, "Removes HTML tags and collapses whitespace.", s::do_striptags),
    j("sum", opt(&[("attribute", "None"), ("start", "0")]), "Adds up the items (or one attribute of each).", seq::do_sum),
    j("title", NONE, "The string with every word capitalised.", s::do_title),
    j("tojson", opt(&[("indent", "None")]), "Serialises to JSON text (HTML-safe escaping of <, >, & and quotes).", s::do_tojson),
    j("trim", opt(&[("chars", "None")]), "Removes leading and trailing whitespace (or the given characters).", s::do_trim),
    j("truncate", opt(&[("length", "255"), ("killwords", "False"), ("end", "'...'"), ("leeway", "None")]), "Shortens a string to about length characters.", s::do_truncate),
    j("unique", opt(&[("case_sensitive", "False"), ("attribute", "None")]), "Removes duplicates, keeping the first of each.", seq::do_unique),
    j("upper", NONE, "The string in upper case.", s::do_upper),
    j("urlencode", NONE, "Percent-encodes a string, or a dict as a query string.", s::do_urlencode),
    j(
        "urlize",
        opt(&[("trim_url_limit", "None"), ("nofollow", "False"), ("target", "None"), ("rel", "None"), ("extra_schemes", "None")]),
        "Turns URLs and e-mail addresses in the text into links.",
        s::do_urlize,
    ),
    j("wordcount", NONE, "Number of words in the string.", s::do_wordcount),
    j("wordwrap", opt(&[("width", "79"), ("break_long_words", "True"), ("wrapstring", "None"), ("break_on_hyphens", "True")]), "Wraps the text at width characters.", s::do_wordwrap),
    j("xmlattr", opt(&[("autospace", "True")]), "A dict as XML/HTML attributes (key=\"value\" pairs).", s::do_xmlattr),
];

/// The filter of that name.
pub fn lookup(name: &str) -> Option<&'static Filter> {
    static BY_NAME: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, &'static Filter>> = std::sync::OnceLock::new();
    BY_NAME.get_or_init(|| FILTERS.iter().map(|f| (f.name, f)).collect()).get(name).copied()
}

pub fn is_filter(name: &str) -> bool {
    lookup(name).is_some()
}

impl Params {
    /// As Python shows it after the value: `(old, new, count=None)`, or "" for none.
    pub fn display(&self) -> String {
        let parts: Vec<String> = self.required.iter().map(|r| r.to_string()).chain(self.optional.iter().map(|(n, d)| format!("{n}={d}"))).chain(self.rest.map(str::to_owned)).collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("({})", parts.join(", "))
        }
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.required.iter().copied().chain(self.optional.iter().map(|(n, _)| *n)).position(|n| n == name)
    }
}

impl Filter {
    /// Fails like Python when the call's arguments do not fit the signature.
    fn check(&self, args: &Args) -> Result<()> {
        let (name, params) = (self.name, &self.params);
        if params.rest.is_some() {
            return Ok(());
        }
        let (required, max) = (params.required.len(), params.required.len() + params.optional.len());
        if args.pos.len() > max {
            return Err(type_err(format!("{name}() takes from {} to {} positional arguments but {} were given", required + 1, max + 1, args.pos.len() + 1)));
        }
        for k in args.kw.keys() {
            match params.position(k) {
                None => return Err(type_err(format!("{name}() got an unexpected keyword argument '{k}'"))),
                Some(i) if i < args.pos.len() => return Err(type_err(format!("{name}() got multiple values for argument '{k}'"))),
                _ => {}
            }
        }
        for (i, r) in params.required.iter().enumerate() {
            if i >= args.pos.len() && !args.kw.contains_key(*r) {
                return Err(type_err(format!("{name}() missing 1 required positional argument: '{r}'")));
            }
        }
        Ok(())
    }

    /// Checks the arguments, then runs the filter.
    pub(crate) fn apply(&self, it: &mut Interp<'_>, v: Value, args: Args) -> Result<Value> {
        self.check(&args)?;
        (self.call)(it, v, args)
    }
}

/// An unknown filter when compiling, or named at run time (`map('x')`), in Jinja2's words.
pub(crate) fn unknown_filter(name: &str) -> Error {
    Error::new(ErrorKind::UnknownFilter, format!("No filter named '{name}'."))
}

/// An unknown filter reached when rendering (inside an `if`, where compiling let it pass).
pub(crate) fn unknown_filter_at_render(name: &str) -> Error {
    Error::new(ErrorKind::UnknownFilter, format!("No filter named '{name}' found."))
}

/// What the app shows of a filter (completion, the tester's reference).
#[derive(Debug, Clone, serde::Serialize)]
pub struct FilterDoc {
    pub name: &'static str,
    /// What follows the name, `(path, return_all=False)`, or "" when it takes nothing.
    pub signature: String,
    pub doc: &'static str,
    pub source: Origin,
}

/// Every filter's documentation, in the table's order.
pub fn filter_docs() -> Vec<FilterDoc> {
    FILTERS.iter().map(|f| FilterDoc { name: f.name, signature: f.params.display(), doc: f.doc, source: f.origin }).collect()
}

pub(crate) fn undefined_error(v: &Value) -> Option<Error> {
    match v {
        Value::Undefined(msg) => Some(Error::undefined(msg)),
        _ => None,
    }
}

/// `str()` of a value for string filters; strict mode refuses undefined.
pub fn soft_str(it: &Interp<'_>, v: &Value) -> Result<String> {
    if it.cfg.strict {
        if let Some(e) = undefined_error(v) {
            return Err(e);
        }
    }
    Ok(to_str(v))
}

/// Python's `str.splitlines()` (without keepends).
pub fn py_splitlines(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(std::mem::take(&mut cur));
            }
            '\n' | '\u{b}' | '\u{c}' | '\u{1c}' | '\u{1d}' | '\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// markupsafe's `escape`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Sorts values like Python's `sorted`, optionally ignoring case of strings; fails like
/// Python on values that do not order.
pub fn sort_values(items: &mut [Value], case_sensitive: bool, reverse: bool) -> Result<()> {
    let mut err = None;
    let key = |v: &Value| -> Value {
        match v {
            Value::Str(s) | Value::Markup(s) if !case_sensitive => Value::str(s.to_lowercase()),
            other => other.clone(),
        }
    };
    items.sort_by(|a, b| match crate::ops::py_cmp(&key(a), &key(b), "<").map(|o| if reverse { o.reverse() } else { o }) {
        Ok(o) => o,
        Err(e) => {
            err.get_or_insert(e);
            std::cmp::Ordering::Equal
        }
    });
    err.map_or(Ok(()), Err)
}
