using System.Globalization;

namespace Platform.Assessment.Module.Features.People;

/// <summary>The fields of a person, checked the same way for a request and for an imported row.</summary>
public static class PersonFieldRules
{
    /// <summary>
    /// Kinds of post by their wire name and by the Chinese name offices use in their lists, in Simplified or Traditional
    /// characters (lists kept in Traditional characters, as some offices' are, import as they are).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, PostKind> PostKinds = new Dictionary<string, PostKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["party_government_head"] = PostKind.PartyGovernmentHead,
        ["team_member"] = PostKind.TeamMember,
        ["department_head"] = PostKind.DepartmentHead,
        ["township_head"] = PostKind.TownshipHead,
        ["enforcement_officer"] = PostKind.EnforcementOfficer,
        ["other"] = PostKind.Other,
        ["党政主要负责人"] = PostKind.PartyGovernmentHead,
        ["班子成员"] = PostKind.TeamMember,
        ["部门主要负责人"] = PostKind.DepartmentHead,
        ["乡镇(街道)主要负责人"] = PostKind.TownshipHead,
        ["乡镇（街道）主要负责人"] = PostKind.TownshipHead,
        ["执法人员"] = PostKind.EnforcementOfficer,
        ["其他"] = PostKind.Other,
        ["黨政主要負責人"] = PostKind.PartyGovernmentHead,
        ["班子成員"] = PostKind.TeamMember,
        ["部門主要負責人"] = PostKind.DepartmentHead,
        ["鄉鎮(街道)主要負責人"] = PostKind.TownshipHead,
        ["鄉鎮（街道）主要負責人"] = PostKind.TownshipHead,
        ["執法人員"] = PostKind.EnforcementOfficer,
    };

    /// <summary>The wire names only, for requests: the error lists these.</summary>
    public static readonly IReadOnlyDictionary<string, PostKind> WirePostKinds =
        PostKinds.Where(p => p.Key.All(char.IsAscii)).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

    public static string Wire(this PostKind kind) => kind switch
    {
        PostKind.PartyGovernmentHead => "party_government_head",
        PostKind.TeamMember => "team_member",
        PostKind.DepartmentHead => "department_head",
        PostKind.TownshipHead => "township_head",
        PostKind.EnforcementOfficer => "enforcement_officer",
        _ => "other",
    };

    /// <summary>The kind of post as offices name it, for labels and documents.</summary>
    public static string Chinese(this PostKind kind) => kind switch
    {
        PostKind.PartyGovernmentHead => "党政主要负责人",
        PostKind.TeamMember => "班子成员",
        PostKind.DepartmentHead => "部门主要负责人",
        PostKind.TownshipHead => "乡镇(街道)主要负责人",
        PostKind.EnforcementOfficer => "执法人员",
        _ => "其他",
    };

    public static string Wire(this PersonChangeKind kind) => kind switch
    {
        PersonChangeKind.Appointed => "appointed",
        PersonChangeKind.Updated => "updated",
        PersonChangeKind.Transferred => "transferred",
        _ => "left",
    };

    public static string Name(RequestValidator validator, string field, string? value) => validator.Name(field, value, 100);

    public static string Position(RequestValidator validator, string field, string? value) => validator.Name(field, value, 200);

    public static string Rank(RequestValidator validator, string field, string? value)
    {
        var rank = validator.Optional(field, value, 50) ?? string.Empty;
        if (rank.Length > 0 && RequestValidator.NameProblem(rank) is { } problem)
        {
            validator.Add(field, problem);
        }
        return rank;
    }

    /// <summary>
    /// A date as offices write it: YYYY-MM-DD, YYYY/M/D or YYYY.M.D, or the day number an Excel date cell holds.
    /// Empty gives null.
    /// </summary>
    public static DateOnly? OptionalDate(RequestValidator validator, string field, string? value)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return null;
        }
        string[] formats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d"];
        if (DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        // Excel keeps a date cell as days since 1899-12-30; 1 to 2958465 are the days it can show.
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and <= 2958465)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        }
        validator.Add(field, $"'{text}' is not a date; expected YYYY-MM-DD");
        return null;
    }
}
