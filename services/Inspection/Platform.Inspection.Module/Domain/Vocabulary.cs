namespace Platform.Inspection.Module.Domain;

/// <summary>Mission kinds (督察类型) as they travel on the wire and in events.</summary>
public static class MissionKinds
{
    public const string Comprehensive = "comprehensive";
    public const string SpecialTopic = "special_topic";
    public const string OnSite = "on_site";
    public const string LookBack = "look_back";

    public static readonly IReadOnlyDictionary<string, string> All = Map(Comprehensive, SpecialTopic, OnSite, LookBack);

    public static string Chinese(string kind) => kind switch
    {
        Comprehensive => "全面督察",
        SpecialTopic => "专项督察",
        OnSite => "实地督察",
        LookBack => "回头看",
        _ => kind,
    };

    internal static IReadOnlyDictionary<string, string> Map(params string[] values) =>
        values.ToDictionary(v => v, v => v, StringComparer.Ordinal);
}

/// <summary>How a mission inspects (听、看、查、谈 and questionnaires).</summary>
public static class InspectionMethods
{
    public const string ReportsHeard = "reports_heard";
    public const string SiteVisits = "site_visits";
    public const string FileChecks = "file_checks";
    public const string Interviews = "interviews";
    public const string Questionnaires = "questionnaires";

    public static readonly IReadOnlyDictionary<string, string> All =
        MissionKinds.Map(ReportsHeard, SiteVisits, FileChecks, Interviews, Questionnaires);

    public static string Chinese(string method) => method switch
    {
        ReportsHeard => "听取汇报",
        SiteVisits => "实地查看",
        FileChecks => "查阅资料",
        Interviews => "个别谈话",
        Questionnaires => "问卷调查",
        _ => method,
    };
}

/// <summary>An inspector's field of expertise.</summary>
public static class Expertise
{
    public static readonly IReadOnlyDictionary<string, string> All =
        MissionKinds.Map("legislation", "enforcement", "judiciary", "legal_services", "scholarship");
}

/// <summary>Finding severities (一般, 较重, 严重), as the FindingRecorded contract spells them.</summary>
public static class Severities
{
    public const string General = "general";
    public const string Serious = "serious";
    public const string Severe = "severe";

    public static readonly IReadOnlyDictionary<string, string> All = MissionKinds.Map(General, Serious, Severe);

    public static string Chinese(string severity) => severity switch
    {
        General => "一般",
        Serious => "较重",
        Severe => "严重",
        _ => severity,
    };
}

/// <summary>The outside systems clues come from.</summary>
public static class ClueSources
{
    public static readonly IReadOnlyDictionary<string, string> All = MissionKinds.Map(
        "petition", "hotline_12345", "administrative_reconsideration", "administrative_litigation", "npc_cppcc_proposal", "web", "phone");
}
