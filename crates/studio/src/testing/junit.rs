//! Test results as JUnit XML (one `testsuite` per playbook), for CI systems to show.

use super::TestResult;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0 text.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn junit_xml(suite: &str, results: &[TestResult]) -> String {
    let failures = results.iter().filter(|r| !r.passed).count();
    let seconds = |ms: u64| format!("{:.3}", ms as f64 / 1000.0);
    let total: u64 = results.iter().map(|r| r.duration_ms).sum();
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites tests=\"{}\" failures=\"{failures}\" time=\"{}\">\n  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" time=\"{}\">\n",
        results.len(),
        seconds(total),
        escape(suite),
        results.len(),
        seconds(total)
    );
    for r in results {
        xml.push_str(&format!("    <testcase classname=\"{}\" name=\"{}\" time=\"{}\"", escape(suite), escape(&r.name), seconds(r.duration_ms)));
        if r.passed {
            xml.push_str("/>\n");
            continue;
        }
        xml.push_str(">\n");
        let first = r.failures.first().map(|f| f.message.as_str()).unwrap_or("failed");
        let body: Vec<String> = r.failures.iter().map(|f| f.message.clone()).collect();
        xml.push_str(&format!("      <failure message=\"{}\" type=\"expectation\">{}</failure>\n    </testcase>\n", escape(first), escape(&body.join("\n"))));
    }
    xml.push_str("  </testsuite>\n</testsuites>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestFailure;

    #[test]
    fn failures_are_escaped_and_counted() {
        let failure =
            TestFailure { node: Some("2".into()), what: "branch".into(), expected: "a".into(), actual: "b".into(), message: "“Urgent?” (2): expected the branch `a<b>`, took `b` & more".into() };
        let results = vec![
            TestResult { name: "ok one".into(), passed: true, run_id: None, failures: vec![], duration_ms: 12 },
            TestResult { name: "bad \"one\"".into(), passed: false, run_id: None, failures: vec![failure], duration_ms: 1500 },
        ];
        let xml = junit_xml("Triage", &results);
        assert!(xml.contains("<testsuite name=\"Triage\" tests=\"2\" failures=\"1\""), "{xml}");
        assert!(xml.contains("name=\"bad &quot;one&quot;\" time=\"1.500\""), "{xml}");
        assert!(xml.contains("`a&lt;b&gt;`, took `b` &amp; more"), "{xml}");
        assert!(xml.contains("<testcase classname=\"Triage\" name=\"ok one\" time=\"0.012\"/>"), "{xml}");
    }
}
