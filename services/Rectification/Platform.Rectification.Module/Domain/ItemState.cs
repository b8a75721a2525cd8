namespace Platform.Rectification.Module.Domain;

/// <summary>Where a rectification item stands. Wire names are snake_case (open, plan_submitted, ...).</summary>
public enum ItemState
{
    /// <summary>Opened from a finding, waiting for the unit's plan (待报整改方案).</summary>
    Open,

    /// <summary>The unit submitted its plan (已报方案).</summary>
    PlanSubmitted,

    /// <summary>Progress is being reported, or the office sent the completion back (整改中).</summary>
    InProgress,

    /// <summary>The unit reported completion with evidence; the office is to verify (待验收).</summary>
    CompletionSubmitted,

    /// <summary>The office verified the fix and closed the item (验收销号).</summary>
    Verified,
}

public static class ItemStates
{
    public static readonly IReadOnlyDictionary<string, ItemState> ByWireName = new Dictionary<string, ItemState>(StringComparer.OrdinalIgnoreCase)
    {
        ["open"] = ItemState.Open,
        ["plan_submitted"] = ItemState.PlanSubmitted,
        ["in_progress"] = ItemState.InProgress,
        ["completion_submitted"] = ItemState.CompletionSubmitted,
        ["verified"] = ItemState.Verified,
    };

    public static string WireName(this ItemState state) => state switch
    {
        ItemState.Open => "open",
        ItemState.PlanSubmitted => "plan_submitted",
        ItemState.InProgress => "in_progress",
        ItemState.CompletionSubmitted => "completion_submitted",
        ItemState.Verified => "verified",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string ChineseName(this ItemState state) => state switch
    {
        ItemState.Open => "待报整改方案",
        ItemState.PlanSubmitted => "已报整改方案",
        ItemState.InProgress => "整改中",
        ItemState.CompletionSubmitted => "待验收",
        ItemState.Verified => "已验收销号",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}

/// <summary>How serious a finding is, as inspection grades it.</summary>
public static class Severities
{
    public const string General = "general";
    public const string Serious = "serious";
    public const string Severe = "severe";

    public static readonly IReadOnlyDictionary<string, string> ByWireName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [General] = General,
        [Serious] = Serious,
        [Severe] = Severe,
    };

    public static string ChineseName(string severity) => severity switch
    {
        General => "一般",
        Serious => "较重",
        Severe => "严重",
        _ => severity,
    };
}
