using System.Globalization;
using System.Text;

namespace Platform.Inspection.Module.Domain;

public static class ClueStatuses
{
    public const string New = "new";
    public const string AssignedToMission = "assigned_to_mission";
    public const string AssignedToUnit = "assigned_to_unit";
    public const string Closed = "closed";
    public const string Merged = "merged";

    public static readonly IReadOnlyDictionary<string, string> All =
        MissionKinds.Map(New, AssignedToMission, AssignedToUnit, Closed, Merged);
}

/// <summary>
/// A clue (线索) from an outside system. Stored once per (source system, source id); clues
/// about the same unit and matter from different sources share a likely-duplicate group.
/// </summary>
public sealed class Clue
{
    private Clue()
    {
    }

    public Guid Id { get; private set; }

    public string SourceSystem { get; private set; } = string.Empty;

    public string SourceId { get; private set; } = string.Empty;

    public DateTimeOffset ReceivedAt { get; private set; }

    public string Subject { get; private set; } = string.Empty;

    public string Content { get; private set; } = string.Empty;

    public string Category { get; private set; } = string.Empty;

    public Guid? UnitId { get; private set; }

    public string UnitName { get; private set; } = string.Empty;

    public string? RegionCode { get; private set; }

    /// <summary>Normalised unit and matter: clues with the same key from different sources are likely duplicates.</summary>
    public string DuplicateKey { get; private set; } = string.Empty;

    public Guid? DuplicateGroupId { get; private set; }

    /// <summary>A person took this clue out of its group; it is not grouped again automatically.</summary>
    public bool SplitFromGroup { get; private set; }

    public string Status { get; private set; } = ClueStatuses.New;

    public Guid? MergedIntoClueId { get; private set; }

    public Guid? MissionId { get; private set; }

    public Guid? AssignedUnitId { get; private set; }

    public string? AssignedUnitName { get; private set; }

    public string? CloseReason { get; private set; }

    public Guid IntegratorId { get; private set; }

    public Audit Intake { get; private set; } = null!;

    public Audit? Triaged { get; private set; }

    public static Clue Receive(
        Guid integratorId, string sourceSystem, string sourceId, DateTimeOffset receivedAt, string subject, string content,
        string category, Guid? unitId, string unitName, string? regionCode, Audit intake) => new()
    {
        Id = Guid.CreateVersion7(),
        IntegratorId = integratorId,
        SourceSystem = sourceSystem,
        SourceId = sourceId,
        ReceivedAt = receivedAt,
        Subject = subject,
        Content = content,
        Category = category,
        UnitId = unitId,
        UnitName = unitName,
        RegionCode = regionCode,
        DuplicateKey = KeyOf(unitId, unitName, category, subject),
        Intake = intake,
    };

    /// <summary>The unit (its id, else its name without spaces and punctuation) and the matter (category and subject, normalised).</summary>
    public static string KeyOf(Guid? unitId, string unitName, string category, string subject)
    {
        var unit = unitId?.ToString("N") ?? Normalise(unitName);
        var key = unit + "|" + Normalise(category) + "|" + Normalise(subject);
        return key.Length <= 300 ? key : key[..300];
    }

    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            var kind = char.GetUnicodeCategory(c);
            if (char.IsLetterOrDigit(c) || kind == UnicodeCategory.OtherLetter)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString();
    }

    public void JoinGroup(Guid groupId) => DuplicateGroupId = groupId;

    public void Split(Audit triaged)
    {
        if (DuplicateGroupId is null)
        {
            throw new PreconditionFailedException("The clue is in no duplicate group.");
        }
        if (Status == ClueStatuses.Merged)
        {
            throw new PreconditionFailedException("The clue was merged; it cannot leave its group.");
        }
        DuplicateGroupId = null;
        SplitFromGroup = true;
        Triaged = triaged;
    }

    public void MergeInto(Clue primary, Audit triaged)
    {
        RequireOpen();
        Status = ClueStatuses.Merged;
        MergedIntoClueId = primary.Id;
        Triaged = triaged;
    }

    public void AssignToMission(Guid missionId, Audit triaged)
    {
        RequireOpen();
        Status = ClueStatuses.AssignedToMission;
        MissionId = missionId;
        Triaged = triaged;
    }

    public void AssignToUnit(Guid unitId, string unitName, Audit triaged)
    {
        RequireOpen();
        Status = ClueStatuses.AssignedToUnit;
        AssignedUnitId = unitId;
        AssignedUnitName = unitName;
        Triaged = triaged;
    }

    public void Close(string reason, Audit triaged)
    {
        RequireOpen();
        Status = ClueStatuses.Closed;
        CloseReason = reason;
        Triaged = triaged;
    }

    private void RequireOpen()
    {
        if (Status != ClueStatuses.New)
        {
            throw new PreconditionFailedException($"The clue is {Status}; only a new clue can be triaged or merged.");
        }
    }
}
