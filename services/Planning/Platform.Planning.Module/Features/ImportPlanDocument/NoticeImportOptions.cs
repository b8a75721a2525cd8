namespace Platform.Planning.Module.Features.ImportPlanDocument;

/// <summary>How a unit list with no role stated is read when the notice itself does not say.</summary>
public enum UnmarkedUnitRule
{
    /// <summary>排在第一位的为牵头单位: the first unit (the first "，" group) leads, the rest co-operate.</summary>
    FirstLeads,

    /// <summary>Every unit listed is responsible: all lead, none co-operates.</summary>
    AllLead,
}

/// <summary>The rule an import used, and where it came from: the notice's own words, or the node's setting.</summary>
public sealed record NoticeUnitRule(UnmarkedUnitRule Rule, bool FromNotice, string? Quote);

/// <summary>Section "Planning:Import": the node's convention for notices that state none.</summary>
public sealed class NoticeImportOptions
{
    public const string SectionName = "Planning:Import";

    public UnmarkedUnitRule UnmarkedUnits { get; set; } = UnmarkedUnitRule.FirstLeads;
}
