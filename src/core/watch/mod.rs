//! Watching the job run (behaviour §15): its log, read from CloudWatch Logs and followed while
//! the job runs, and the arithmetic of its metric charts.

pub mod chart;
pub mod logs;
pub mod metrics;

/// The permission a refused call lacked, from the service's answer (`logs:GetLogEvents`,
/// `cloudwatch:GetMetricData`), so the panel can say which one to ask for. CloudWatch's own
/// IAM prefix is `cloudwatch:`, whatever the endpoint's name (`monitoring`).
///
/// ```
/// use tjs::core::watch::missing_permission;
/// let answer = r#"{"__type":"AccessDeniedException","message":"User: arn:aws:iam::1:user/u is not authorized to perform: logs:GetLogEvents on resource: x"}"#;
/// assert_eq!(missing_permission(400, answer).as_deref(), Some("logs:GetLogEvents"));
/// ```
pub fn missing_permission(status: u16, body: &str) -> Option<String> {
    let denied = status == 403 || body.contains("AccessDenied");
    if !denied {
        return None;
    }
    let (_, rest) = body.split_once("not authorized to perform: ")?;
    let action: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-')).collect();
    let action = action.trim_end_matches(':');
    if !action.contains(':') {
        return None;
    }
    Some(match action.strip_prefix("monitoring:") {
        Some(name) => format!("cloudwatch:{name}"),
        None => action.to_string(),
    })
}
