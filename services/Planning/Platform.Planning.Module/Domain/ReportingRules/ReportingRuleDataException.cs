namespace Platform.Planning.Module.Domain.ReportingRules;

/// <summary>Reporting-rule data is invalid; names the source, the rule and the field so it can be fixed.</summary>
public sealed class ReportingRuleDataException(string source, string? ruleCode, string field, string problem)
    : Exception($"Reporting rules '{source}', rule '{ruleCode ?? "?"}', field '{field}': {problem}")
{
    public string FileName { get; } = source;

    /// <summary>The code of the rule at fault; null when the error is outside a rule or the code itself is missing.</summary>
    public string? RuleCode { get; } = ruleCode;

    public string Field { get; } = field;

    /// <summary>What is wrong with the field, without the source and the rule.</summary>
    public string Problem { get; } = problem;
}
