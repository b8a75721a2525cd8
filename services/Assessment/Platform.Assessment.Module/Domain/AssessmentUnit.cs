namespace Platform.Assessment.Module.Domain;

/// <summary>
/// A unit of the node as planning last announced it (planning.unit_saved.v1). Assessment keeps its own
/// copy: a module never reads another's tables, and the roster must not stop when planning is down.
/// </summary>
public sealed class AssessmentUnit
{
    private AssessmentUnit()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string ShortName { get; private set; } = string.Empty;

    public string Kind { get; private set; } = string.Empty;

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>When planning saved the version held here; an older event arriving late changes nothing.</summary>
    public DateTimeOffset AsOf { get; private set; }

    public static AssessmentUnit Create(Guid id, string name, string shortName, string kind, string regionCode, DateTimeOffset asOf) => new()
    {
        Id = id,
        Name = name,
        ShortName = shortName,
        Kind = kind,
        RegionCode = regionCode,
        AsOf = asOf,
    };

    /// <summary>Takes the newer version; returns false when <paramref name="asOf"/> is older than what is held.</summary>
    public bool Apply(string name, string shortName, string kind, string regionCode, DateTimeOffset asOf)
    {
        if (asOf < AsOf)
        {
            return false;
        }
        (Name, ShortName, Kind, RegionCode, AsOf) = (name, shortName, kind, regionCode, asOf);
        return true;
    }
}
