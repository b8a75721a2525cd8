namespace Platform.Planning.Module.Domain;

/// <summary>Counters of one (plan, unit) or (plan, chapter) pair: the read side of the statistics.</summary>
public sealed class StatisticsRow
{
    public Guid PlanId { get; set; }

    /// <summary>"unit", or one stripe of a chapter's counts, "chapter/0" … "chapter/15" ("chapter" for a row written before the stripes).</summary>
    public string Dimension { get; set; } = string.Empty;

    /// <summary>The unit or chapter id; <see cref="Guid.Empty"/> for tasks outside any chapter.</summary>
    public Guid Key { get; set; }

    public int Assigned { get; set; }

    public int Accepted { get; set; }

    public int ReportedOnTime { get; set; }

    public int ReportedLate { get; set; }

    public int Overdue { get; set; }

    public int Done { get; set; }
}

/// <summary>What one assignment contributes to the counters.</summary>
public readonly record struct AssignmentCounts(int Assigned, int Accepted, int OnTime, int Late, int Overdue, int Done)
{
    public static AssignmentCounts Of(AssignmentStatus status, ReportTimeliness timeliness, bool overdue) =>
        status == AssignmentStatus.Returned
            ? default
            : new AssignmentCounts(
                1,
                status is AssignmentStatus.Accepted or AssignmentStatus.Done ? 1 : 0,
                timeliness == ReportTimeliness.OnTime ? 1 : 0,
                timeliness == ReportTimeliness.Late ? 1 : 0,
                overdue ? 1 : 0,
                status == AssignmentStatus.Done ? 1 : 0);

    public static AssignmentCounts operator -(AssignmentCounts a, AssignmentCounts b) =>
        new(a.Assigned - b.Assigned, a.Accepted - b.Accepted, a.OnTime - b.OnTime, a.Late - b.Late, a.Overdue - b.Overdue, a.Done - b.Done);

    public static AssignmentCounts operator +(AssignmentCounts a, AssignmentCounts b) =>
        new(a.Assigned + b.Assigned, a.Accepted + b.Accepted, a.OnTime + b.OnTime, a.Late + b.Late, a.Overdue + b.Overdue, a.Done + b.Done);

    public bool IsZero => this == default;
}
