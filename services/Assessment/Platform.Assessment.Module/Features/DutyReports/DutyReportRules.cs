using Platform.Assessment.Module.Features.People;

namespace Platform.Assessment.Module.Features.DutyReports;

/// <summary>Wire names of the duty-report enums, one place for requests and responses.</summary>
public static class DutyReportRules
{
    public static readonly IReadOnlyDictionary<string, ReportLevel> Levels = new Dictionary<string, ReportLevel>(StringComparer.OrdinalIgnoreCase)
    {
        ["province"] = ReportLevel.Province,
        ["city"] = ReportLevel.City,
        ["county"] = ReportLevel.County,
        ["township"] = ReportLevel.Township,
    };

    public static readonly IReadOnlyDictionary<string, CampaignKind> Kinds = new Dictionary<string, CampaignKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["annual"] = CampaignKind.Annual,
        ["topic"] = CampaignKind.Topic,
    };

    public static readonly IReadOnlyDictionary<string, DutyRating> Ratings = new Dictionary<string, DutyRating>(StringComparer.OrdinalIgnoreCase)
    {
        ["excellent"] = DutyRating.Excellent,
        ["good"] = DutyRating.Good,
        ["fair"] = DutyRating.Fair,
        ["poor"] = DutyRating.Poor,
    };

    public static readonly IReadOnlyDictionary<string, RosterStatus> Statuses = new Dictionary<string, RosterStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["due"] = RosterStatus.Due,
        ["submitted"] = RosterStatus.Submitted,
        ["sent_back"] = RosterStatus.SentBack,
        ["reviewed"] = RosterStatus.Reviewed,
        ["excused"] = RosterStatus.Excused,
    };

    public static string Wire(this ReportLevel level) => Levels.First(l => l.Value == level).Key;

    /// <summary>The level as offices name it, for labels: 省级, 市级, 县级, 乡镇(街道).</summary>
    public static string Chinese(this ReportLevel level) => level switch
    {
        ReportLevel.Province => "省级",
        ReportLevel.City => "市级",
        ReportLevel.County => "县级",
        _ => "乡镇(街道)",
    };

    public static string Wire(this CampaignKind kind) => Kinds.First(k => k.Value == kind).Key;

    public static string Wire(this DutyRating rating) => Ratings.First(r => r.Value == rating).Key;


    public static Contracts.Assessment.V1.Duty ToProto(string key)
    {
        var (level, postKind) = (Enum.Parse<ReportLevel>(key.Split(':')[0]), Enum.Parse<PostKind>(key.Split(':')[1]));
        return new Contracts.Assessment.V1.Duty { Level = level.Wire(), PostKind = postKind.Wire() };
    }
}
