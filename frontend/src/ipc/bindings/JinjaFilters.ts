// Generated from the Jinja engine's filter registry (crates/jinja/src/filters.rs) by the test
// `filter_reference_binding_is_current` in crates/studio/src/jinja.rs. Do not edit.

export type FilterDoc = {
  name: string;
  /** What follows the name, `(path, return_all=False)`, or '' when it takes nothing. */
  signature: string;
  doc: string;
  source: 'platform' | 'jinja2';
};

/** Every filter the engine has: the platform's first, then Jinja2's in alphabetical order. */
export const FILTER_DOCS: readonly FilterDoc[] = [
  {
    "name": "jsonpath",
    "signature": "(path, return_all=False)",
    "doc": "Queries the value with a JSONPath (jsonpath-ng syntax): one match gives the value, several a list, none None; return_all=True always gives a list.",
    "source": "platform"
  },
  {
    "name": "fromjson",
    "signature": "",
    "doc": "Parses a JSON string into a value; anything that is not a string passes through unchanged.",
    "source": "platform"
  },
  {
    "name": "regex_match",
    "signature": "(pattern, ignore_case=False)",
    "doc": "True when the text matches the Python regular expression at its start (add $ to anchor the end).",
    "source": "platform"
  },
  {
    "name": "timestamp_to_iso8601",
    "signature": "",
    "doc": "Epoch seconds (number or numeric string) to a UTC ISO 8601 date-time such as 2023-11-14T22:13:20+00:00.",
    "source": "platform"
  },
  {
    "name": "iso8601_to_timestamp",
    "signature": "",
    "doc": "An ISO 8601 date-time string to whole epoch seconds (no offset means UTC).",
    "source": "platform"
  },
  {
    "name": "time_with_delta",
    "signature": "",
    "doc": "The current UTC time shifted by this many seconds (negative for the past), in ISO 8601.",
    "source": "platform"
  },
  {
    "name": "abs",
    "signature": "",
    "doc": "The absolute value of a number.",
    "source": "jinja2"
  },
  {
    "name": "attr",
    "signature": "(name)",
    "doc": "A Python attribute of the value (a method such as items), never a dict key.",
    "source": "jinja2"
  },
  {
    "name": "batch",
    "signature": "(linecount, fill_with=None)",
    "doc": "Cuts the items into lists of linecount items, the last filled with fill_with.",
    "source": "jinja2"
  },
  {
    "name": "capitalize",
    "signature": "",
    "doc": "The string with its first character upper case and the rest lower case.",
    "source": "jinja2"
  },
  {
    "name": "center",
    "signature": "(width=80)",
    "doc": "Centres the string in a field of width characters.",
    "source": "jinja2"
  },
  {
    "name": "count",
    "signature": "",
    "doc": "Number of items of a list or dict, or characters of a string (as length).",
    "source": "jinja2"
  },
  {
    "name": "d",
    "signature": "(default_value='', boolean=False)",
    "doc": "Short for default.",
    "source": "jinja2"
  },
  {
    "name": "default",
    "signature": "(default_value='', boolean=False)",
    "doc": "The fallback when the value is undefined (or falsy, with boolean=True).",
    "source": "jinja2"
  },
  {
    "name": "dictsort",
    "signature": "(case_sensitive=False, by='key', reverse=False)",
    "doc": "The (key, value) pairs of a dict, sorted.",
    "source": "jinja2"
  },
  {
    "name": "e",
    "signature": "",
    "doc": "Short for escape.",
    "source": "jinja2"
  },
  {
    "name": "escape",
    "signature": "",
    "doc": "HTML-escapes &, <, >, ' and \" (marks the text safe).",
    "source": "jinja2"
  },
  {
    "name": "filesizeformat",
    "signature": "(binary=False)",
    "doc": "A number of bytes as a readable size (13.0 kB, or 12.7 KiB with binary=True).",
    "source": "jinja2"
  },
  {
    "name": "first",
    "signature": "",
    "doc": "The first item.",
    "source": "jinja2"
  },
  {
    "name": "float",
    "signature": "(default=0.0)",
    "doc": "Converts to a float, or default when that fails.",
    "source": "jinja2"
  },
  {
    "name": "forceescape",
    "signature": "",
    "doc": "HTML-escapes even text already marked safe.",
    "source": "jinja2"
  },
  {
    "name": "format",
    "signature": "(*args, **kwargs)",
    "doc": "Applies printf-style formatting: \"%s-%d\"|format(a, b).",
    "source": "jinja2"
  },
  {
    "name": "groupby",
    "signature": "(attribute, default=None, case_sensitive=False)",
    "doc": "Groups the items by an attribute: a list of (grouper, list) pairs, sorted by grouper.",
    "source": "jinja2"
  },
  {
    "name": "indent",
    "signature": "(width=4, first=False, blank=False)",
    "doc": "Indents every line but the first (and blank ones) by width spaces or the given string.",
    "source": "jinja2"
  },
  {
    "name": "int",
    "signature": "(default=0, base=10)",
    "doc": "Converts to an integer, or default when that fails.",
    "source": "jinja2"
  },
  {
    "name": "items",
    "signature": "",
    "doc": "The (key, value) pairs of a dict, to loop over.",
    "source": "jinja2"
  },
  {
    "name": "join",
    "signature": "(d='', attribute=None)",
    "doc": "Joins the items into one string with the separator d.",
    "source": "jinja2"
  },
  {
    "name": "last",
    "signature": "",
    "doc": "The last item.",
    "source": "jinja2"
  },
  {
    "name": "length",
    "signature": "",
    "doc": "Number of items of a list or dict, or characters of a string.",
    "source": "jinja2"
  },
  {
    "name": "list",
    "signature": "",
    "doc": "Turns the value into a list (a string into its characters).",
    "source": "jinja2"
  },
  {
    "name": "lower",
    "signature": "",
    "doc": "The string in lower case.",
    "source": "jinja2"
  },
  {
    "name": "map",
    "signature": "(filter_name | attribute=…, …)",
    "doc": "Takes one attribute of every item, or applies a filter to every item.",
    "source": "jinja2"
  },
  {
    "name": "max",
    "signature": "(case_sensitive=False, attribute=None)",
    "doc": "The largest item.",
    "source": "jinja2"
  },
  {
    "name": "min",
    "signature": "(case_sensitive=False, attribute=None)",
    "doc": "The smallest item.",
    "source": "jinja2"
  },
  {
    "name": "pprint",
    "signature": "",
    "doc": "The value pretty-printed as Python would (pprint.pformat).",
    "source": "jinja2"
  },
  {
    "name": "random",
    "signature": "",
    "doc": "One item chosen at random.",
    "source": "jinja2"
  },
  {
    "name": "reject",
    "signature": "(test_name, …)",
    "doc": "Drops the items that pass a test (truthy by default).",
    "source": "jinja2"
  },
  {
    "name": "rejectattr",
    "signature": "(attribute, test_name, …)",
    "doc": "Drops the items whose attribute passes a test (truthy by default).",
    "source": "jinja2"
  },
  {
    "name": "replace",
    "signature": "(old, new, count=None)",
    "doc": "Replaces occurrences of old with new in a string.",
    "source": "jinja2"
  },
  {
    "name": "reverse",
    "signature": "",
    "doc": "The items (or characters) in reverse order.",
    "source": "jinja2"
  },
  {
    "name": "round",
    "signature": "(precision=0, method='common')",
    "doc": "Rounds a number (method: common, ceil or floor).",
    "source": "jinja2"
  },
  {
    "name": "safe",
    "signature": "",
    "doc": "Marks the text safe (no escaping).",
    "source": "jinja2"
  },
  {
    "name": "select",
    "signature": "(test_name, …)",
    "doc": "Keeps the items that pass a test (truthy by default).",
    "source": "jinja2"
  },
  {
    "name": "selectattr",
    "signature": "(attribute, test_name, …)",
    "doc": "Keeps the items whose attribute passes a test (truthy by default).",
    "source": "jinja2"
  },
  {
    "name": "slice",
    "signature": "(slices, fill_with=None)",
    "doc": "Cuts the items into slices lists of about the same length.",
    "source": "jinja2"
  },
  {
    "name": "sort",
    "signature": "(reverse=False, case_sensitive=False, attribute=None)",
    "doc": "Sorts the items.",
    "source": "jinja2"
  },
  {
    "name": "string",
    "signature": "",
    "doc": "Converts to a string the way Python prints it.",
    "source": "jinja2"
  },
  {
    "name": "striptags",
    "signature": "",
    "doc": "Removes HTML tags and collapses whitespace.",
    "source": "jinja2"
  },
  {
    "name": "sum",
    "signature": "(attribute=None, start=0)",
    "doc": "Adds up the items (or one attribute of each).",
    "source": "jinja2"
  },
  {
    "name": "title",
    "signature": "",
    "doc": "The string with every word capitalised.",
    "source": "jinja2"
  },
  {
    "name": "tojson",
    "signature": "(indent=None)",
    "doc": "Serialises to JSON text (HTML-safe escaping of <, >, & and quotes).",
    "source": "jinja2"
  },
  {
    "name": "trim",
    "signature": "(chars=None)",
    "doc": "Removes leading and trailing whitespace (or the given characters).",
    "source": "jinja2"
  },
  {
    "name": "truncate",
    "signature": "(length=255, killwords=False, end='...', leeway=None)",
    "doc": "Shortens a string to about length characters.",
    "source": "jinja2"
  },
  {
    "name": "unique",
    "signature": "(case_sensitive=False, attribute=None)",
    "doc": "Removes duplicates, keeping the first of each.",
    "source": "jinja2"
  },
  {
    "name": "upper",
    "signature": "",
    "doc": "The string in upper case.",
    "source": "jinja2"
  },
  {
    "name": "urlencode",
    "signature": "",
    "doc": "Percent-encodes a string, or a dict as a query string.",
    "source": "jinja2"
  },
  {
    "name": "urlize",
    "signature": "(trim_url_limit=None, nofollow=False, target=None, rel=None, extra_schemes=None)",
    "doc": "Turns URLs and e-mail addresses in the text into links.",
    "source": "jinja2"
  },
  {
    "name": "wordcount",
    "signature": "",
    "doc": "Number of words in the string.",
    "source": "jinja2"
  },
  {
    "name": "wordwrap",
    "signature": "(width=79, break_long_words=True, wrapstring=None, break_on_hyphens=True)",
    "doc": "Wraps the text at width characters.",
    "source": "jinja2"
  },
  {
    "name": "xmlattr",
    "signature": "(autospace=True)",
    "doc": "A dict as XML/HTML attributes (key=\"value\" pairs).",
    "source": "jinja2"
  }
];
