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
                _ = tokio::time::sleep(Duration::from_secs_f64(secs)) => Ok(ActionOutput::new(json!({}))),
                _ = call.cancel.cancelled() => Err("cancelled".into()),
            }
        })
    }
}

pub struct CurrentTime;

/// The time zone of a Get current time call: `selectedNamedTimezone` (an IANA name such as
/// `Europe/Paris`, from the system's time zone database) when given, else the fixed offset
/// `selectedTimezone` (`UTC +2`), else UTC. An unknown name is an error, never a silent UTC.
fn time_zone(args: &Value) -> Result<jiff::tz::TimeZone, String> {
    if let Some(name) = args.get("selectedNamedTimezone").and_then(Value::as_str).map(str::trim).filter(|n| !n.is_empty()) {
        return jiff::tz::TimeZone::get(name).map_err(|e| format!("argument `selectedNamedTimezone`: unknown time zone {name:?} ({e})"));
    }
    match args.get("selectedTimezone").and_then(Value::as_str) {
        None => Ok(jiff::tz::TimeZone::UTC),
        Some(text) => {
            let hours: i8 = text
                .trim()
                .strip_prefix("UTC")
                .and_then(|h| h.replace([' ', '+'], "").parse().ok())
                .filter(|h: &i8| (-12..=14).contains(h))
                .ok_or_else(|| format!("argument `selectedTimezone`: expected `UTC +N` or `UTC -N`, found {text:?}"))?;
            Ok(jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(hours)))
        }
    }
}

impl BlockRunner for CurrentTime {
    fn run<'a>(&'a self, call: ActionCall<'a>) -> RunFuture<'a> {
        Box::pin(async move {
            let tz = time_zone(call.arguments)?;
            let now = jiff::Timestamp::now();
            let iso = now.to_zoned_datetime(tz).strftime("%Y-%m-%dT%H:%M:%S%.f%:z").to_string();
            Ok(ActionOutput::new(json!({"epoch": now.as_second(), "iso8601": iso})))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offset_of(args: Value) -> Result<i32, String> {
        let tz = time_zone(&args)?;
        Ok(tz.to_offset(jiff::Timestamp::from_second(1_750_000_000).unwrap()).seconds())
    }

    #[test]
    fn named_zones_come_from_the_time_zone_database() {
        // 2025-06-15: summer time in Paris and New York.
        assert_eq!(offset_of(json!({"selectedNamedTimezone": "Europe/Paris"})), Ok(2 * 3600));
        assert_eq!(offset_of(json!({"selectedNamedTimezone": "America/New_York", "selectedTimezone": "UTC +5"})), Ok(-4 * 3600));
        let err = offset_of(json!({"selectedNamedTimezone": "Mars/Olympus"})).unwrap_err();
        assert!(err.contains("Mars/Olympus"), "{err}");
    }

    #[test]
    fn fixed_offsets_and_the_default() {
        assert_eq!(offset_of(json!({"selectedTimezone": "UTC +2"})), Ok(2 * 3600));
        assert_eq!(offset_of(json!({"selectedTimezone": "UTC -11"})), Ok(-11 * 3600));
        assert_eq!(offset_of(json!({})), Ok(0));
        assert!(offset_of(json!({"selectedTimezone": "GMT+1"})).unwrap_err().contains("GMT+1"));
    }
}
