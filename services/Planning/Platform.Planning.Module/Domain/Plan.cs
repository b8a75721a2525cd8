using Platform.BuildingBlocks.Kernel.Events;

namespace Platform.Planning.Module.Domain;

public enum PlanStatus
{
    Draft,
    Issued,
    Closed,
}

/// <summary>What a new task is made of, validated by the caller.</summary>
public sealed record TaskDraft(
    string Title,
    DateOnly? Deadline,
    string? ReportingRule,
    DateOnly? RuleStartDate,
    IReadOnlyList<Guid> LeadUnitIds,
    IReadOnlyList<Guid> CoUnitIds,
    IReadOnlyList<Guid> UnitGroupIds,
    IReadOnlyList<TargetDraft> Targets);

public sealed record TargetDraft(string Description, TargetComparison Comparison, double Value, string UnitOfMeasure, TargetAggregation Aggregation = TargetAggregation.EachUnit);

/// <summary>An annual key-task plan (工作要点): chapters (部分) with numbered tasks.</summary>
public sealed class Plan
{
    private readonly List<PlanChapter> _chapters = [];
    private readonly List<PlanTask> _tasks = [];

    private Plan()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public int Year { get; private set; }

    public PlanStatus Status { get; private set; }

    public Audit Created { get; private set; } = null!;

    public Audit? Issued { get; private set; }

    public Audit? Closed { get; private set; }

    public IReadOnlyList<PlanChapter> Chapters => _chapters;

    public IReadOnlyList<PlanTask> Tasks => _tasks;

    public static Plan Create(string title, int year, Audit created) => new()
    {
        Id = Guid.CreateVersion7(),
        Title = title,
        Year = year,
        Status = PlanStatus.Draft,
        Created = created,
    };

    /// <param name="section">The heading above the chapter in a three-level notice (一、 section, （一） chapter), if any.</param>
    public PlanChapter AddChapter(string title, string? section = null)
    {
        RequireDraft("add a chapter");
        var chapter = new PlanChapter(Guid.CreateVersion7(), Id, _chapters.Count + 1, title, section);
        _chapters.Add(chapter);
        return chapter;
    }

    /// <summary>Adds a task; tasks are numbered through the whole plan, as offices print them.</summary>
    public PlanTask AddTask(PlanChapter? chapter, TaskDraft draft, int? number = null)
    {
        RequireDraft("add a task");
        var task = PlanTask.Create(this, chapter?.Id, number ?? _tasks.Count + 1, draft);
        _tasks.Add(task);
        return task;
    }

    public void Issue(Audit issued)
    {
        RequireDraft("issue it");
        if (_tasks.Count == 0)
        {
            throw new PreconditionFailedException("A plan without tasks cannot be issued.");
        }
        Status = PlanStatus.Issued;
        Issued = issued;
    }

    public void Close(Audit closed)
    {
        if (Status != PlanStatus.Issued)
        {
            throw new PreconditionFailedException($"Only an issued plan can be closed; this one is {Status.ToString().ToLowerInvariant()}.");
        }
        Status = PlanStatus.Closed;
        Closed = closed;
    }

    public void RequireOpenForAssignment()
    {
        if (Status == PlanStatus.Closed)
        {
            throw new PreconditionFailedException("The plan is closed; its tasks can no longer be assigned or reported on.");
        }
    }

    private void RequireDraft(string action)
    {
        if (Status != PlanStatus.Draft)
        {
            throw new PreconditionFailedException($"The plan is {Status.ToString().ToLowerInvariant()}; only a draft plan can {action}. Revise its tasks instead.");
        }
    }
}

public sealed record PlanChapter(Guid Id, Guid PlanId, int Number, string Title, string? Section = null);

public enum PlanTaskStatus
{
    Open,

    /// <summary>Closed by the lead unit's final report (办结).</summary>
    Done,
}

/// <summary>One numbered task of a plan.</summary>
public sealed class PlanTask : AggregateRoot
{
    private readonly List<QuantitativeTarget> _targets = [];

    private PlanTask()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid? ChapterId { get; private set; }

    public int Number { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public DateOnly? Deadline { get; private set; }

    public string? ReportingRule { get; private set; }

    public DateOnly? RuleStartDate { get; private set; }

    public List<Guid> LeadUnitIds { get; private set; } = [];

    public List<Guid> CoUnitIds { get; private set; } = [];

    public List<Guid> UnitGroupIds { get; private set; } = [];

    /// <summary>Lead units the imported notice named that matched none of the node's units, as printed (kept for matching again).</summary>
    public List<string> UnmatchedLeadUnits { get; private set; } = [];

    /// <summary>Co-operating units the imported notice named that matched nothing, as printed.</summary>
    public List<string> UnmatchedCoUnits { get; private set; } = [];

    public PlanTaskStatus Status { get; private set; }

    public int Revision { get; private set; }

    public IReadOnlyList<QuantitativeTarget> Targets => _targets;

    internal static PlanTask Create(Plan plan, Guid? chapterId, int number, TaskDraft draft)
    {
        var task = new PlanTask
        {
            Id = Guid.CreateVersion7(),
            PlanId = plan.Id,
            ChapterId = chapterId,
            Number = number,
            Title = draft.Title,
            Deadline = draft.Deadline,
            ReportingRule = draft.ReportingRule,
            RuleStartDate = draft.RuleStartDate,
            LeadUnitIds = draft.LeadUnitIds.Distinct().ToList(),
            CoUnitIds = draft.CoUnitIds.Distinct().Except(draft.LeadUnitIds).ToList(),
            UnitGroupIds = draft.UnitGroupIds.Distinct().ToList(),
        };
        task._targets.AddRange(draft.Targets.Select((t, i) => QuantitativeTarget.Create(task.Id, i + 1, t)));
        return task;
    }

    /// <summary>Records the units an import could not match, so that a later alias or new unit can place them.</summary>
    internal void NoteUnmatchedUnits(IEnumerable<string> leads, IEnumerable<string> coUnits)
    {
        UnmatchedLeadUnits = leads.Distinct().ToList();
        UnmatchedCoUnits = coUnits.Distinct().ToList();
    }

    /// <summary>
    /// Matches the unmatched units again (after the clerk created a unit or an alias); a unit that now matches moves to
    /// the task's units in the role the notice gave it, the rest stay unmatched. Returns whether anything moved.
    /// </summary>
    internal bool MatchUnmatchedUnits(Func<string, (Guid? UnitId, Guid? GroupId)> match)
    {
        var leads = Place(UnmatchedLeadUnits, match, LeadUnitIds);
        var coUnits = Place(UnmatchedCoUnits, match, CoUnitIds);
        var moved = leads.Count != UnmatchedLeadUnits.Count || coUnits.Count != UnmatchedCoUnits.Count;
        // New lists, not edits in place, so the change tracker sees the primitive collections change.
        (UnmatchedLeadUnits, UnmatchedCoUnits) = (leads, coUnits);
        CoUnitIds = CoUnitIds.Except(LeadUnitIds).ToList();
        return moved;
    }

    private List<string> Place(List<string> unmatched, Func<string, (Guid? UnitId, Guid? GroupId)> match, List<Guid> role)
    {
        var kept = new List<string>();
        var units = new List<Guid>(role);
        foreach (var text in unmatched)
        {
            var (unitId, groupId) = match(text);
            if (unitId is { } unit)
            {
                if (!units.Contains(unit))
                {
                    units.Add(unit);
                }
            }
            else if (groupId is { } group)
            {
                if (!UnitGroupIds.Contains(group))
                {
                    UnitGroupIds = [.. UnitGroupIds, group];
                }
            }
            else
            {
                kept.Add(text);
            }
        }
        if (ReferenceEquals(role, LeadUnitIds))
        {
            LeadUnitIds = units;
        }
        else
        {
            CoUnitIds = units;
        }
        return kept;
    }

    /// <summary>Changes the title or deadline; in an issued plan the change is a revision with who and why.</summary>
    public TaskRevision Revise(string? title, DateOnly? deadline, string reason, Audit changed)
    {
        var revision = new TaskRevision(
            Guid.CreateVersion7(), Id, Revision + 1, reason, Title, title ?? Title, Deadline, deadline ?? Deadline, changed);
        Title = title ?? Title;
        Deadline = deadline ?? Deadline;
        Revision++;
        return revision;
    }

    /// <summary>The target a figure is reported against; an id of another task's target is a bad field.</summary>
    public QuantitativeTarget TargetFor(string field, Guid targetId) =>
        _targets.SingleOrDefault(t => t.Id == targetId)
            ?? throw new ValidationException(field, $"target {targetId} is not a target of task {Number}");

    /// <summary>The lead unit's final report closes the task (办结).</summary>
    internal void Complete(Guid leadUnitId)
    {
        Status = PlanTaskStatus.Done;
        Record(new TaskCompleted(PlanId, Id, Number, leadUnitId));
    }
}

/// <summary>One change of an issued task, with who, when and why; the task's history is the list of these.</summary>
public sealed class TaskRevision
{
    private TaskRevision()
    {
    }

    public TaskRevision(Guid id, Guid taskId, int revision, string reason, string previousTitle, string newTitle, DateOnly? previousDeadline, DateOnly? newDeadline, Audit changed)
    {
        Id = id;
        TaskId = taskId;
        Revision = revision;
        Reason = reason;
        PreviousTitle = previousTitle;
        NewTitle = newTitle;
        PreviousDeadline = previousDeadline;
        NewDeadline = newDeadline;
        Changed = changed;
    }

    public Guid Id { get; private set; }

    public Guid TaskId { get; private set; }

    public int Revision { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    public string PreviousTitle { get; private set; } = string.Empty;

    public string NewTitle { get; private set; } = string.Empty;

    public DateOnly? PreviousDeadline { get; private set; }

    public DateOnly? NewDeadline { get; private set; }

    public Audit Changed { get; private set; } = null!;
}

public enum TargetComparison
{
    AtLeast,
    AtMost,
    Exactly,
}

/// <summary>A measurable target of a task, e.g. "at least 4 study sessions a year".</summary>
public sealed class QuantitativeTarget
{
    private QuantitativeTarget()
    {
    }

    public Guid Id { get; private set; }

    public Guid TaskId { get; private set; }

    /// <summary>The target's place in its task, as the plan lists them.</summary>
    public int Number { get; private set; }

    public string Description { get; private set; } = string.Empty;

    public TargetComparison Comparison { get; private set; }

    public double Value { get; private set; }

    public string UnitOfMeasure { get; private set; } = string.Empty;

    /// <summary>How the units' figures are judged together: every unit, their sum or their average.</summary>
    public TargetAggregation Aggregation { get; private set; }

    internal static QuantitativeTarget Create(Guid taskId, int number, TargetDraft draft) => new()
    {
        Id = Guid.CreateVersion7(),
        TaskId = taskId,
        Number = number,
        Description = draft.Description,
        Comparison = draft.Comparison,
        Value = draft.Value,
        UnitOfMeasure = draft.UnitOfMeasure,
        Aggregation = draft.Aggregation,
    };

    public TargetAggregate Aggregate(TargetTally tally) => TargetRules.Aggregate(Comparison, Value, Aggregation, tally);
}
