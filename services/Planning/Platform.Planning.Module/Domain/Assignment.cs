using Platform.BuildingBlocks.Kernel.Events;

namespace Platform.Planning.Module.Domain;

public enum AssignmentRole
{
    /// <summary>牵头单位: its final report closes the task.</summary>
    Lead,

    /// <summary>配合单位: reports separately.</summary>
    Co,
}

public enum AssignmentStatus
{
    /// <summary>Handed to the unit, waiting for it to sign for it (待签收).</summary>
    Assigned,

    /// <summary>Signed for (已签收).</summary>
    Accepted,

    /// <summary>Sent back by the unit with a reason (退回).</summary>
    Returned,

    /// <summary>The unit filed its final report (已办结).</summary>
    Done,
}

/// <summary>How the unit's latest report stood against its due date.</summary>
public enum ReportTimeliness
{
    None,
    OnTime,
    Late,
}

/// <summary>
/// A task handed to one unit (交办). Carries the unit's deadline (which moves only through an
/// approved extension), the next report due and the flags the statistics count.
/// </summary>
public sealed class Assignment : AggregateRoot
{
    private Assignment()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid TaskId { get; private set; }

    /// <summary>Copied from the task so statistics per chapter need no join.</summary>
    public Guid? ChapterId { get; private set; }

    public Guid UnitId { get; private set; }

    public string UnitName { get; private set; } = string.Empty;

    public AssignmentRole Role { get; private set; }

    public AssignmentStatus Status { get; private set; }

    public DateOnly Deadline { get; private set; }

    public DateOnly OriginalDeadline { get; private set; }

    /// <summary>When the next progress report is due: the deadline, or the next date of the task's reporting schedule.</summary>
    public DateOnly NextReportDue { get; private set; }

    public ReportTimeliness Timeliness { get; private set; }

    public bool Overdue { get; private set; }

    public DateTimeOffset? LastReportedAt { get; private set; }

    public string? ReturnReason { get; private set; }

    public Audit Assigned { get; private set; } = null!;

    public Audit? Accepted { get; private set; }

    public Audit? Returned { get; private set; }

    /// <summary>Optimistic concurrency: two replicas or two clerks never both change one assignment unseen.</summary>
    public int Version { get; private set; }

    internal static Assignment Create(PlanTask task, Unit unit, AssignmentRole role, DateOnly deadline, DateOnly firstReportDue, Audit assigned) => new()
    {
        Id = Guid.CreateVersion7(),
        PlanId = task.PlanId,
        TaskId = task.Id,
        ChapterId = task.ChapterId,
        UnitId = unit.Id,
        UnitName = unit.Name,
        Role = role,
        Status = AssignmentStatus.Assigned,
        Deadline = deadline,
        OriginalDeadline = deadline,
        NextReportDue = firstReportDue,
        Assigned = assigned,
    };

    public static Assignment AssignTo(Plan plan, PlanTask task, Unit unit, AssignmentRole role, DateOnly deadline, DateOnly firstReportDue, Audit assigned)
    {
        var assignment = Create(task, unit, role, deadline, firstReportDue, assigned);
        assignment.Record(new TaskAssignedToUnit(
            assignment.Id, plan.Id, plan.Title, task.Id, task.Number, task.Title, deadline, unit.Id, unit.Name, role));
        return assignment;
    }

    public void Accept(Audit accepted)
    {
        if (Status != AssignmentStatus.Assigned)
        {
            throw new PreconditionFailedException($"Only an assignment waiting for acceptance can be accepted; this one is {StatusName}.");
        }
        Status = AssignmentStatus.Accepted;
        Accepted = accepted;
        Touch();
        Record(new AssignmentAccepted(Id, PlanId, TaskId, UnitId));
    }

    public void Return(string reason, Audit returned)
    {
        if (Status != AssignmentStatus.Assigned)
        {
            throw new PreconditionFailedException($"Only an assignment waiting for acceptance can be returned; this one is {StatusName}.");
        }
        Status = AssignmentStatus.Returned;
        ReturnReason = reason;
        Returned = returned;
        Overdue = false;
        Touch();
        Record(new AssignmentReturned(Id, PlanId, TaskId, UnitId, reason));
    }

    /// <summary>Records a report filed on <paramref name="reportedOn"/>; returns the due date it was judged against.</summary>
    public (DateOnly Due, bool Late) RecordReport(DateOnly reportedOn, DateTimeOffset reportedAt, bool final, Func<DateOnly, DateOnly?> nextScheduledAfter)
    {
        if (Status is AssignmentStatus.Returned or AssignmentStatus.Done)
        {
            throw new PreconditionFailedException($"The assignment is {StatusName}; no more reports can be filed on it.");
        }
        var due = NextReportDue;
        var late = reportedOn > due;
        Timeliness = late ? ReportTimeliness.Late : ReportTimeliness.OnTime;
        LastReportedAt = reportedAt;
        Overdue = false;
        if (Status == AssignmentStatus.Assigned)
        {
            // Reporting is the strongest form of signing for a task.
            Status = AssignmentStatus.Accepted;
        }
        if (final)
        {
            Status = AssignmentStatus.Done;
        }
        else
        {
            var next = nextScheduledAfter(due < reportedOn ? reportedOn : due);
            NextReportDue = next is { } scheduled && scheduled < Deadline ? scheduled : Deadline;
        }
        Touch();
        return (due, late);
    }

    /// <summary>Marks the assignment overdue; false when it already was or is not due.</summary>
    public bool MarkOverdueIfDue(DateOnly today, PlanTask task)
    {
        if (Overdue || Status is AssignmentStatus.Returned or AssignmentStatus.Done || today <= NextReportDue)
        {
            return false;
        }
        Overdue = true;
        Touch();
        Record(new AssignmentFellOverdue(Id, PlanId, TaskId, task.Number, task.Title, UnitId, UnitName, NextReportDue));
        return true;
    }

    internal void MoveDeadline(DateOnly newDeadline)
    {
        if (NextReportDue == Deadline || NextReportDue > newDeadline)
        {
            NextReportDue = newDeadline;
        }
        Deadline = newDeadline;
        Overdue = false;
        Touch();
    }

    public bool IsOpen => Status is AssignmentStatus.Assigned or AssignmentStatus.Accepted;

    private string StatusName => Status.ToString().ToLowerInvariant();

    private void Touch() => Version++;
}
