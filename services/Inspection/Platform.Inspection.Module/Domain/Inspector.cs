namespace Platform.Inspection.Module.Domain;

/// <summary>An expert in the inspector pool (督察专员人才库).</summary>
public sealed class Inspector
{
    private Inspector()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>The token subject of the inspector, so a caller can be recognised as a team member.</summary>
    public string UserId { get; private set; } = string.Empty;

    public List<string> Expertise { get; private set; } = [];

    /// <summary>The unit the inspector works for: they may not inspect it (回避).</summary>
    public Guid? HomeUnitId { get; private set; }

    public string HomeUnitName { get; private set; } = string.Empty;

    public bool Available { get; private set; }

    public Audit Registered { get; private set; } = null!;

    public Audit Updated { get; private set; } = null!;

    public static Inspector Register(string name, string userId, IEnumerable<string> expertise, Guid? homeUnitId, string homeUnitName, Audit registered) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name,
        UserId = userId,
        Expertise = expertise.Distinct().ToList(),
        HomeUnitId = homeUnitId,
        HomeUnitName = homeUnitName,
        Available = true,
        Registered = registered,
        Updated = registered,
    };

    public void SetAvailability(bool available, Audit updated)
    {
        Available = available;
        Updated = updated;
    }
}
