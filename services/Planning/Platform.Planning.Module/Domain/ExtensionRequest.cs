using Platform.BuildingBlocks.Kernel.Deadlines;
using Platform.BuildingBlocks.Kernel.Events;

namespace Platform.Planning.Module.Domain;

/// <summary>A unit's request for more time (延期申请). The deadline moves only when the office approves.</summary>
public sealed class ExtensionRequest : AggregateRoot, IExtensionRecord
{
    private ExtensionRequest()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid TaskId { get; private set; }

    public Guid AssignmentId { get; private set; }

    public Guid UnitId { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    public DateOnly OriginalDeadline { get; private set; }

    public DateOnly RequestedDeadline { get; private set; }

    public ExtensionStatus Status { get; private set; }

    public Audit Requested { get; private set; } = null!;

    public Audit? Decided { get; private set; }

    public string? DecisionNote { get; private set; }

    /// <summary>The deadline granted on approval: the requested one unless the office chose another. Null before, or when refused.</summary>
    public DateOnly? GrantedDeadline { get; private set; }

    /// <summary>Filed before the deadline, as the Jiangsu opinions on supervision (2014, 苏政办发〔2014〕94号) ask of leader-instructed items (期限内不能办结的，提前报告).</summary>
    public static ExtensionRequest Request(Assignment assignment, DateOnly requestedDeadline, string reason, DateOnly today, Audit requested)
    {
        if (!assignment.IsOpen)
        {
            throw new PreconditionFailedException("Only an open assignment can be extended.");
        }
        ExtensionRules.CheckRequest(assignment.Deadline, requestedDeadline, today);
        return new ExtensionRequest
        {
            Id = Guid.CreateVersion7(),
            PlanId = assignment.PlanId,
            TaskId = assignment.TaskId,
            AssignmentId = assignment.Id,
            UnitId = assignment.UnitId,
            Reason = reason,
            OriginalDeadline = assignment.Deadline,
            RequestedDeadline = requestedDeadline,
            Status = ExtensionStatus.Pending,
            Requested = requested,
        };
    }

    /// <summary>Decides once; an approval moves the deadline to <paramref name="granted"/>, or to the requested date when none is given.</summary>
    public void Decide(bool approve, string? note, DateOnly? granted, Assignment assignment, Audit decided)
    {
        ExtensionRules.CheckUndecided(Status);
        Status = approve ? ExtensionStatus.Approved : ExtensionStatus.Refused;
        DecisionNote = note;
        Decided = decided;
        if (approve)
        {
            var previous = assignment.Deadline;
            GrantedDeadline = granted ?? RequestedDeadline;
            assignment.MoveDeadline(GrantedDeadline.Value);
            Record(new AssignmentDeadlineExtended(
                Id, assignment.Id, assignment.PlanId, assignment.TaskId, assignment.UnitId, previous, assignment.Deadline));
        }
    }
}
