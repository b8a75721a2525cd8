namespace Platform.Planning.Module.Domain.ReportingRules;

/// <summary>A period a report covers, both days inclusive.</summary>
public readonly record struct ReportingPeriod(DateOnly Start, DateOnly End);

/// <summary>One computed deadline of a rule.</summary>
/// <param name="Key">The deadline's key in the rule (see <see cref="TriggerOffsetDeadline.Key"/>).</param>
/// <param name="Label">Chinese label, e.g. "第二季度进展报告".</param>
/// <param name="DueDate">The last day on which the report is on time.</param>
/// <param name="OriginalDueDate">The computed date before it was moved off a day off; null when it was not moved.</param>
/// <param name="Period">The period the report covers, for scheduled reports.</param>
/// <param name="ExtensionRequestAllowedUntil">The last day an extension may be requested, when the rule allows one.</param>
public sealed record ReportingDeadline(
    string Key,
    string Label,
    DateOnly DueDate,
    DateOnly? OriginalDueDate = null,
    ReportingPeriod? Period = null,
    DateOnly? ExtensionRequestAllowedUntil = null)
{
    public bool WasRolledForward => OriginalDueDate is not null;
}
