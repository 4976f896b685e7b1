//! Reading CI recipes back as YAML: the shell commands a GitHub workflow's
//! steps or a GitLab job's scripts run, as the host would run them.

use serde_yaml::Value;

/// One `run:` step of a GitHub workflow: its job, name (if any) and command.
#[derive(Debug, Clone)]
pub struct Step {
    /// The job's id.
    pub job: String,
    /// The step's `name:`, or "".
    pub name: String,
    /// The step's `run:` text, trimmed.
    pub run: String,
    /// The step's `env:` keys and values.
    pub env: Vec<(String, String)>,
}

/// Parses `text` as YAML, panicking with `what` if it is not.
pub fn parse(text: &str, what: &str) -> Value {
    serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{what} is not YAML: {e}\n{text}"))
}

fn string(v: &Value) -> String {
    match v {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => panic!("not a scalar: {other:?}"),
    }
}

/// Every `run:` step of every job of a GitHub workflow, in order.
pub fn github_steps(workflow: &Value) -> Vec<Step> {
    let mut out = Vec::new();
    let jobs = workflow["jobs"].as_mapping().expect("jobs");
    for (job, body) in jobs {
        let Some(steps) = body["steps"].as_sequence() else {
            continue;
        };
        for step in steps {
            let Some(run) = step.get("run") else {
                continue;
            };
            let env = step
                .get("env")
                .and_then(Value::as_mapping)
                .map(|m| m.iter().map(|(k, v)| (string(k), string(v))).collect())
                .unwrap_or_default();
            out.push(Step {
                job: string(job),
                name: step.get("name").map(string).unwrap_or_default(),
                run: string(run),
                env,
            });
        }
    }
    out
}

/// The lines of a GitLab job's `key` (`script`, `before_script`).
pub fn gitlab_lines(pipeline: &Value, job: &str, key: &str) -> Vec<String> {
    pipeline[job][key]
        .as_sequence()
        .unwrap_or_else(|| panic!("{job}.{key} is not a list"))
        .iter()
        .map(string)
        .collect()
}

/// Every `uses:` of a workflow's steps.
pub fn github_uses(workflow: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for (_, body) in workflow["jobs"].as_mapping().expect("jobs") {
        for step in body["steps"].as_sequence().into_iter().flatten() {
            if let Some(uses) = step.get("uses") {
                out.push(string(uses));
            }
        }
    }
    out
}
