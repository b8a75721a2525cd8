using Platform.BuildingBlocks.Persistence;

namespace Platform.Planning.Module.Domain;

public enum UnitKind
{
    /// <summary>A government one level down (下级政府).</summary>
    Government,

    /// <summary>A department of the node's own government (委办厅局).</summary>
    Department,
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

    public Audit Created { get; private set; } = null!;

    public static Unit Create(string name, string shortName, UnitKind kind, string regionCode, Audit created) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name,
        ShortName = shortName,
        Kind = kind,
        RegionCode = regionCode,
        Created = created,
    };
}
