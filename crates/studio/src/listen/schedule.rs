//! Cron schedules for local runs of a playbook's Cron trigger: five fields (minute hour
//! day-of-month month day-of-week), or six with seconds first; `*`, lists, ranges, steps,
//! month and day names, and `@hourly`/`@daily`/`@weekly`/`@monthly`/`@yearly`. Times are UTC.
//! As in Vixie cron, when both day fields are restricted a day matching either one runs.

use time::{Duration, OffsetDateTime};

/// The platform's Cron trigger (module and trigger uuids, from its public templates).
pub const CRON_MODULE: &str = "1ad1b7ce-e335-4532-83ce-1d43c864720c";
pub const CRON_TRIGGER: &str = "5039c9fe-b2d8-40b3-a11b-d2a810ddbf91";

/// A parsed cron expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    source: String,
    seconds: u64,
    minutes: u64,
    hours: u64,
    days: u64,
    months: u64,
    weekdays: u64,
    days_restricted: bool,
    weekdays_restricted: bool,
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

struct Field {
    name: &'static str,
    low: u32,
    high: u32,
    names: &'static [&'static str],
}

const SECOND: Field = Field { name: "second", low: 0, high: 59, names: &[] };
const MINUTE: Field = Field { name: "minute", low: 0, high: 59, names: &[] };
const HOUR: Field = Field { name: "hour", low: 0, high: 23, names: &[] };
const DAY: Field = Field { name: "day of month", low: 1, high: 31, names: &[] };
const MONTH: Field = Field { name: "month", low: 1, high: 12, names: &MONTHS };
// 7 is Sunday too.
const WEEKDAY: Field = Field { name: "day of week", low: 0, high: 7, names: &WEEKDAYS };

impl Field {
    fn value(&self, text: &str) -> Result<u32, String> {
        let lower = text.to_ascii_lowercase();
        if let Some(i) = self.names.iter().position(|n| *n == lower) {
            return Ok(i as u32 + if self.low == 1 { 1 } else { 0 });
        }
        let v: u32 = text.parse().map_err(|_| format!("{}: `{text}` is not a number", self.name))?;
        if v < self.low || v > self.high {
            return Err(format!("{}: `{v}` is out of {}-{}", self.name, self.low, self.high));
        }
        Ok(v)
    }

    /// The bits this field's text sets; `true` when it was `*` (unrestricted).
    fn parse(&self, text: &str) -> Result<(u64, bool), String> {
        let mut bits = 0u64;
        for part in text.split(',') {
            let (range, step) = match part.split_once('/') {
                Some((r, s)) => (r, s.parse::<u32>().ok().filter(|s| *s > 0).ok_or_else(|| format!("{}: step `{s}` is not a number above 0", self.name))?),
                None => (part, 1),
            };
            let (from, to) = match range {
                "*" => (self.low, self.high),
                r => match r.split_once('-') {
                    Some((a, b)) => (self.value(a)?, self.value(b)?),
                    None if step > 1 => (self.value(r)?, self.high),
                    None => (self.value(r)?, self.value(r)?),
                },
            };
            if from > to {
                return Err(format!("{}: the range `{range}` goes backwards", self.name));
            }
            for v in (from..=to).step_by(step as usize) {
                bits |= 1 << v;
            }
        }
        Ok((bits, text == "*"))
    }
}

impl Schedule {
    /// Parses an expression; an error names the field that is wrong.
    pub fn parse(expr: &str) -> Result<Self, String> {
        let expanded = match expr.trim() {
            "@hourly" => "0 * * * *",
            "@daily" | "@midnight" => "0 0 * * *",
            "@weekly" => "0 0 * * 0",
            "@monthly" => "0 0 1 * *",
            "@yearly" | "@annually" => "0 0 1 1 *",
            other => other,
        };
        let fields: Vec<&str> = expanded.split_whitespace().collect();
        let (seconds, rest) = match fields.len() {
            5 => ((1u64, false), &fields[..]),
            6 => (SECOND.parse(fields[0])?, &fields[1..]),
            n => return Err(format!("`{expr}` has {n} fields: a schedule has 5 (minute hour day month weekday), or 6 with seconds first")),
        };
        let (days, day_star) = DAY.parse(rest[2])?;
        let (mut weekdays, weekday_star) = WEEKDAY.parse(rest[4])?;
        if weekdays & (1 << 7) != 0 {
            weekdays |= 1;
        }
        Ok(Self {
            source: expr.trim().to_owned(),
            seconds: seconds.0,
            minutes: MINUTE.parse(rest[0])?.0,
            hours: HOUR.parse(rest[1])?.0,
            days,
            months: MONTH.parse(rest[3])?.0,
            weekdays,
            days_restricted: !day_star,
            weekdays_restricted: !weekday_star,
        })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    fn day_matches(&self, t: OffsetDateTime) -> bool {
        let day = self.days & (1 << t.day()) != 0;
        let weekday = self.weekdays & (1 << t.weekday().number_days_from_sunday()) != 0;
        match (self.days_restricted, self.weekdays_restricted) {
            (true, true) => day || weekday,
            (true, false) => day,
            (false, true) => weekday,
            (false, false) => true,
        }
    }

    /// The first time strictly after `after` that the schedule fires (`None` when it never
    /// does, such as the 31st of February, within the next eight years).
    pub fn next_after(&self, after: OffsetDateTime) -> Option<OffsetDateTime> {
        let mut t = after.replace_nanosecond(0).ok()? + Duration::SECOND;
        let limit = after + Duration::days(366 * 8);
        while t < limit {
            if self.months & (1 << u8::from(t.month())) == 0 || !self.day_matches(t) {
                t = (t.replace_time(time::Time::MIDNIGHT)) + Duration::DAY;
            } else if self.hours & (1 << t.hour()) == 0 {
                t = t.replace_time(time::Time::from_hms(t.hour(), 0, 0).ok()?) + Duration::HOUR;
            } else if self.minutes & (1 << t.minute()) == 0 {
                t = t.replace_time(time::Time::from_hms(t.hour(), t.minute(), 0).ok()?) + Duration::MINUTE;
            } else if self.seconds & (1 << t.second()) == 0 {
                t += Duration::SECOND;
            } else {
                return Some(t);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::Schedule;
    use time::macros::datetime;

    fn next(expr: &str, after: time::OffsetDateTime) -> String {
        let t = Schedule::parse(expr).unwrap().next_after(after).unwrap();
        t.format(&time::format_description::well_known::Rfc3339).unwrap()
    }

    #[test]
    fn next_times_follow_cron() {
        let t = datetime!(2026-12-06 16:12:57 UTC);
        assert_eq!(next("*/15 * * * *", t), "2026-12-06T16:15:00Z");
        assert_eq!(next("0 9 * * mon-fri", t), "2026-12-07T09:00:00Z", "Sunday the 6th: Monday 9:00");
        assert_eq!(next("30 2 1 * *", t), "2027-01-01T02:30:00Z");
        assert_eq!(next("@hourly", t), "2026-12-06T17:00:00Z");
        assert_eq!(next("0 0 * * 7", t), "2026-12-13T00:00:00Z", "7 is Sunday");
        assert_eq!(next("0 0 13 * fri", t), "2026-12-11T00:00:00Z", "both days restricted: either matches");
        assert_eq!(next("*/5 * * * * *", t), "2026-12-06T16:13:00Z", "six fields: seconds first");
        assert_eq!(next("0 0 29 feb *", t), "2028-02-29T00:00:00Z");
        assert!(Schedule::parse("0 0 31 feb *").unwrap().next_after(t).is_none());
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(Schedule::parse("61 * * * *").unwrap_err(), "minute: `61` is out of 0-59");
        assert_eq!(Schedule::parse("* 24 * * *").unwrap_err(), "hour: `24` is out of 0-23");
        assert_eq!(Schedule::parse("* * * foo *").unwrap_err(), "month: `foo` is not a number");
        assert_eq!(Schedule::parse("*/0 * * * *").unwrap_err(), "minute: step `0` is not a number above 0");
        assert_eq!(Schedule::parse("* * 10-2 * *").unwrap_err(), "day of month: the range `10-2` goes backwards");
        assert_eq!(Schedule::parse("* * *").unwrap_err(), "`* * *` has 3 fields: a schedule has 5 (minute hour day month weekday), or 6 with seconds first");
    }
}
