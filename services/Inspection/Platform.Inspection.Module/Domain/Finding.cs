using Platform.BuildingBlocks.Kernel.Events;

namespace Platform.Inspection.Module.Domain;

/// <summary>
/// A finding (问题): what is wrong, where, how serious, and which unit answers for it.
/// Confidential: only the office, observers, the mission's team and, after feedback, the
/// responsible unit itself may see it.
/// </summary>
public sealed class Finding : AggregateRoot
{
    private readonly List<EvidenceFile> _evidence = [];

    private Finding()
    {
    }

    public Guid Id { get; private set; }

    public Guid MissionId { get; private set; }

    public Guid? ClueId { get; private set; }

    public Guid ResponsibleUnitId { get; private set; }

    public string ResponsibleUnitName { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    public string Description { get; private set; } = string.Empty;

    public string Location { get; private set; } = string.Empty;

    public string Category { get; private set; } = string.Empty;

    public string Severity { get; private set; } = string.Empty;

    /// <summary>Set when the finding was fed back to its unit; from then on the unit sees it.</summary>
    public Guid? FeedbackId { get; private set; }

    public IReadOnlyList<EvidenceFile> Evidence => _evidence;

    public Audit Recorded { get; private set; } = null!;

    public static Finding Record(
        Mission mission, MissionTarget unit, Guid? clueId, string title, string description, string location,
        string category, string severity, Audit recorded)
    {
        if (mission.State is not (MissionStates.InProgress or MissionStates.Reporting))
        {
            throw new PreconditionFailedException($"Findings are recorded while a mission is in_progress or reporting; it is {mission.State}.");
        }
        if (unit.FeedbackId is not null)
        {
            throw new PreconditionFailedException($"Feedback was already given to {unit.UnitName}; a new finding for it needs a new mission.");
        }
        var finding = new Finding
        {
            Id = Guid.CreateVersion7(),
            MissionId = mission.Id,
            ClueId = clueId,
            ResponsibleUnitId = unit.UnitId,
            ResponsibleUnitName = unit.UnitName,
            Title = title,
            Description = description,
            Location = location,
            Category = category,
            Severity = severity,
            Recorded = recorded,
        };
        finding.Record(new FindingMade(finding.Id, mission.Id, clueId, unit.UnitId, unit.UnitName, title, category, severity));
        return finding;
    }

    public EvidenceFile AddEvidence(string fileName, string contentType, long size, string sha256, Audit added)
    {
        var evidence = new EvidenceFile
        {
            Id = Guid.CreateVersion7(),
            FindingId = Id,
            FileName = fileName,
            ContentType = contentType,
            Size = size,
            Sha256 = sha256,
            Added = added,
        };
        _evidence.Add(evidence);
        return evidence;
    }

    public void MarkFedBack(Guid feedbackId) => FeedbackId = feedbackId;
}

/// <summary>An evidence file of a finding; the bytes live in the file store under their hash.</summary>
public sealed class EvidenceFile
{
    public Guid Id { get; init; }

    public Guid FindingId { get; init; }

    public string FileName { get; init; } = string.Empty;

    public string ContentType { get; init; } = string.Empty;

    public long Size { get; init; }

    public string Sha256 { get; init; } = string.Empty;

    public Audit Added { get; init; } = null!;
}

/// <summary>Feedback (反馈) to one inspected unit: its own findings, one to one.</summary>
public sealed class Feedback : AggregateRoot
{
    private Feedback()
    {
    }

    public Guid Id { get; private set; }

    public Guid MissionId { get; private set; }

    public Guid UnitId { get; private set; }

    public string UnitName { get; private set; } = string.Empty;

    public string Note { get; private set; } = string.Empty;

    public List<Guid> FindingIds { get; private set; } = [];

    public Audit Given { get; private set; } = null!;

    public static Feedback Give(Mission mission, MissionTarget target, IReadOnlyList<Finding> findings, string note, Audit given)
    {
        if (mission.State != MissionStates.Reporting)
        {
            throw new PreconditionFailedException($"Feedback is given while a mission is reporting; it is {mission.State}.");
        }
        if (target.FeedbackId is not null)
        {
            throw new AlreadyExistsException($"Feedback was already given to {target.UnitName}.");
        }
        var feedback = new Feedback
        {
            Id = Guid.CreateVersion7(),
            MissionId = mission.Id,
            UnitId = target.UnitId,
            UnitName = target.UnitName,
            Note = note,
            FindingIds = findings.Select(f => f.Id).ToList(),
            Given = given,
        };
        foreach (var finding in findings)
        {
            finding.MarkFedBack(feedback.Id);
        }
        mission.RecordFeedback(target, feedback.Id, given);
        feedback.Record(new FeedbackSent(
            feedback.Id, mission.Id, mission.Title, mission.Kind, target.UnitId, target.UnitName, target.RegionCode, [.. findings],
            [.. mission.Team.Select(t => t.UserId).Distinct()]));
        return feedback;
    }
}

/// <summary>A generated document of a mission, such as its report; the bytes live in the file store.</summary>
public sealed class MissionDocument
{
    public Guid Id { get; init; }

    public Guid MissionId { get; init; }

    public string Kind { get; init; } = string.Empty;

    public string FileName { get; init; } = string.Empty;

    public string ContentType { get; init; } = string.Empty;

    public long Size { get; init; }

    public string Sha256 { get; init; } = string.Empty;

    public Audit Generated { get; init; } = null!;
}
