//! Utils: Wait (cancellable) and Get current time.

use crate::runner::{ActionCall, ActionOutput, BlockRunner, RunFuture};
use serde_json::{json, Value};
use std::time::Duration;

pub struct Wait;

impl BlockRunner for Wait {
    fn run<'a>(&'a self, call: ActionCall<'a>) -> RunFuture<'a> {
        Box::pin(async move {
            let secs = match call.arguments.get("duration") {
                Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
                Some(Value::String(s)) => s.trim().parse().map_err(|_| format!("argument `duration`: not a number of seconds: {s:?}"))?,
                _ => return Err("argument `duration` (seconds) is required".into()),
            };
            if !(0.0..=3600.0).contains(&secs) {
                return Err(format!("argument `duration`: {secs} is outside 0..3600 seconds"));
            }
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs_f64(secs)) => Ok(ActionOutput { results: json!({}), branch: None }),
                _ = call.cancel.cancelled() => Err("cancelled".into()),
            }
        })
    }
}

pub struct CurrentTime;

/// `UTC +2` → +2 hours; anything else is UTC (named IANA zones need a time zone database the
/// local runner does not ship: they fall back to UTC, said in the result).
fn offset(args: &Value) -> (time::UtcOffset, bool) {
    let fixed = args.get("selectedTimezone").and_then(Value::as_str).and_then(|tz| {
        let hours: i8 = tz.strip_prefix("UTC")?.replace(' ', "").replace('+', "").parse().ok()?;
        time::UtcOffset::from_hms(hours, 0, 0).ok()
    });
    match fixed {
        Some(o) => (o, true),
        None => (time::UtcOffset::UTC, false),
    }
}

impl BlockRunner for CurrentTime {
    fn run<'a>(&'a self, call: ActionCall<'a>) -> RunFuture<'a> {
        Box::pin(async move {
            let now = time::OffsetDateTime::now_utc();
            let (off, _) = offset(call.arguments);
            let local = now.to_offset(off);
            let iso = local.format(&time::format_description::well_known::Rfc3339).map_err(|e| e.to_string())?;
            Ok(ActionOutput { results: json!({"epoch": now.unix_timestamp(), "iso8601": iso}), branch: None })
        })
    }
}
