using Platform.BuildingBlocks.Kernel.Deadlines;

namespace Platform.Rectification.Module.Domain;

/// <summary>A unit's request for more time (延期申请), filed before the deadline; both dates are kept.</summary>
public sealed class ExtensionRequest : IExtensionRecord
{
    private ExtensionRequest()
    {
    }

    public Guid Id { get; private set; }

    public Guid ItemId { get; private set; }

    public Guid UnitId { get; private set; }

    public ExtensionStatus Status { get; private set; }

    public DateOnly PreviousDeadline { get; private set; }

    public DateOnly RequestedDeadline { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    public string? DecisionNote { get; private set; }

    public Audit Requested { get; private set; } = null!;

    public Audit? Decided { get; private set; }

    public static ExtensionRequest File(RectificationItem item, DateOnly requested, string reason, DateOnly today, Audit stamp)
    {
        if (item.IsClosed)
        {
            throw new PreconditionFailedException("Cannot request an extension: the item is verified (closed).");
        }
        ExtensionRules.CheckRequest(item.Deadline, requested, today);
        return new ExtensionRequest
        {
            Id = Guid.CreateVersion7(),
            ItemId = item.Id,
            UnitId = item.UnitId,
            Status = ExtensionStatus.Pending,
            PreviousDeadline = item.Deadline,
            RequestedDeadline = requested,
            Reason = reason,
            Requested = stamp,
        };
    }

    public void Decide(bool approve, string note, Audit stamp)
    {
        ExtensionRules.CheckUndecided(Status);
        Status = approve ? ExtensionStatus.Approved : ExtensionStatus.Refused;
        DecisionNote = note;
        Decided = stamp;
    }
}
