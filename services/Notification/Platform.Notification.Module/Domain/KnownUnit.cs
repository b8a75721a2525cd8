namespace Platform.Notification.Module.Domain;

/// <summary>
/// A unit of this node as planning last described it (<c>planning.unit_saved.v1</c>): notification's own copy of the
/// unit's name, which the receipts of notices from above carry up (ADR 0022), whether or not the unit has a contact.
/// </summary>
public sealed class KnownUnit
{
    public const int MaxNameLength = 200;

    private KnownUnit()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>When planning saved the version held; an older event arriving late changes nothing.</summary>
    public DateTimeOffset SavedAt { get; private set; }

    public static KnownUnit Create(Guid id, string name, DateTimeOffset savedAt) => new() { Id = id, Name = Clip(name), SavedAt = savedAt };

    public void Apply(string name, DateTimeOffset savedAt)
    {
        if (savedAt < SavedAt)
        {
            return;
        }
        Name = Clip(name);
        SavedAt = savedAt;
    }

    private static string Clip(string? value)
    {
        var text = value?.Trim() ?? string.Empty;
        return text.Length <= MaxNameLength ? text : text[..MaxNameLength];
    }
}
