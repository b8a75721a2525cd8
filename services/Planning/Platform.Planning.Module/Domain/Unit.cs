namespace Platform.Planning.Module.Domain;

public enum UnitKind
{
    /// <summary>A government one level down (下级政府).</summary>
    Government,

    /// <summary>A department of the node's own government (委办厅局).</summary>
    Department,
}

/// <summary>The unit's liaison officer (联络员). Personal data: never logged.</summary>
public sealed record Liaison(string Name, string Phone, string Email)
{
    public static readonly Liaison None = new(string.Empty, string.Empty, string.Empty);
}

/// <summary>A unit of the node that tasks are assigned to (单位).</summary>
public sealed class Unit
{
    private Unit()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string ShortName { get; private set; } = string.Empty;

    public UnitKind Kind { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>Other names documents use for the unit, for the importer.</summary>
    public List<string> Aliases { get; private set; } = [];

    public Liaison Liaison { get; private set; } = Liaison.None;

    public Audit Created { get; private set; } = null!;

    public Audit? Updated { get; private set; }

    public static Unit Create(string name, string shortName, UnitKind kind, string regionCode, IEnumerable<string> aliases, Liaison liaison, Audit created) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name,
        ShortName = shortName,
        Kind = kind,
        RegionCode = regionCode,
        Aliases = aliases.Distinct().ToList(),
        Liaison = liaison,
        Created = created,
    };

    public void Update(string shortName, UnitKind kind, string regionCode, IEnumerable<string> aliases, Liaison liaison, Audit updated)
    {
        ShortName = shortName;
        Kind = kind;
        RegionCode = regionCode;
        Aliases = aliases.Distinct().ToList();
        Liaison = liaison;
        Updated = updated;
    }
}

/// <summary>
/// A name a document uses for a unit, mapped by the clerk from an import's unit proposal (e.g. 市大数据局 for
/// 南通市数据局). Key is the name in the form the unit matcher compares (unique: one alias, one unit).
/// </summary>
public sealed class UnitAlias
{
    private UnitAlias()
    {
    }

    public Guid Id { get; private set; }

    public Guid UnitId { get; private set; }

    public string Alias { get; private set; } = string.Empty;

    public string Key { get; private set; } = string.Empty;

    public Audit Created { get; private set; } = null!;

    public static UnitAlias Create(Guid unitId, string alias, string key, Audit created) => new()
    {
        Id = Guid.CreateVersion7(),
        UnitId = unitId,
        Alias = alias,
        Key = key,
        Created = created,
    };
}

/// <summary>A named set of units, such as the catch-all 市政府各部门 ("all departments").</summary>
public sealed class UnitGroup
{
    private UnitGroup()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public List<string> Aliases { get; private set; } = [];

    public List<Guid> UnitIds { get; private set; } = [];

    public Audit Created { get; private set; } = null!;

    public static UnitGroup Create(string name, IEnumerable<string> aliases, IEnumerable<Guid> unitIds, Audit created) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name,
        Aliases = aliases.Distinct().ToList(),
        UnitIds = unitIds.Distinct().ToList(),
        Created = created,
    };

    public void AddMember(Guid unitId)
    {
        if (!UnitIds.Contains(unitId))
        {
            UnitIds = [.. UnitIds, unitId];
        }
    }
}
