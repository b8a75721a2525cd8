using Platform.BuildingBlocks.Errors;

using Platform.BuildingBlocks.Persistence;

namespace Platform.Planning.Module.Domain;

public enum PlanStatus
{
    Draft,
    Issued,
    Closed,
}

/// <summary>An annual key-task plan (工作要点) with numbered tasks.</summary>
public sealed class Plan
{
    private readonly List<PlanTask> _tasks = [];

    private Plan()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public int Year { get; private set; }

    public PlanStatus Status { get; private set; }

    public Audit Created { get; private set; } = null!;

    public IReadOnlyList<PlanTask> Tasks => _tasks;

    public static Plan Create(string title, int year, IEnumerable<(string Title, DateOnly Deadline)> tasks, Audit created)
    {
        var plan = new Plan
        {
            Id = Guid.CreateVersion7(),
            Title = title,
            Year = year,
            Status = PlanStatus.Draft,
            Created = created,
        };
        foreach (var (taskTitle, deadline) in tasks)
        {
            plan._tasks.Add(PlanTask.Create(plan.Id, plan._tasks.Count + 1, taskTitle, deadline));
        }
        return plan;
    }
}

/// <summary>One numbered task of a plan.</summary>
public sealed class PlanTask
{
    private readonly List<Assignment> _assignments = [];

    private PlanTask()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public int Number { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public DateOnly Deadline { get; private set; }

    public IReadOnlyList<Assignment> Assignments => _assignments;

    internal static PlanTask Create(Guid planId, int number, string title, DateOnly deadline) => new()
    {
        Id = Guid.CreateVersion7(),
        PlanId = planId,
        Number = number,
        Title = title,
        Deadline = deadline,
    };

    /// <summary>Hands the task to a unit (交办); a unit holds a task once.</summary>
    public Assignment AssignTo(Unit unit, Audit assigned)
    {
        if (_assignments.Any(a => a.UnitId == unit.Id))
        {
            throw new AlreadyExistsException($"Task {Number} is already assigned to {unit.Name}.");
        }
        var assignment = Assignment.Create(Id, unit, assigned);
        _assignments.Add(assignment);
        return assignment;
    }
}

public enum AssignmentStatus
{
    /// <summary>Handed to the unit, waiting for it to sign for it (待签收).</summary>
    Assigned,
}

/// <summary>A task handed to one unit (交办).</summary>
public sealed class Assignment
{
    private Assignment()
    {
    }

    public Guid Id { get; private set; }

    public Guid TaskId { get; private set; }

    public Guid UnitId { get; private set; }

    public string UnitName { get; private set; } = string.Empty;

    public AssignmentStatus Status { get; private set; }

    public Audit Assigned { get; private set; } = null!;

    internal static Assignment Create(Guid taskId, Unit unit, Audit assigned) => new()
    {
        Id = Guid.CreateVersion7(),
        TaskId = taskId,
        UnitId = unit.Id,
        UnitName = unit.Name,
        Status = AssignmentStatus.Assigned,
        Assigned = assigned,
    };
}
