namespace Platform.Rectification.Module.Domain;

/// <summary>A ladder step applied to an item: who decided it, when and why. One per item and step.</summary>
public sealed class EscalationRecord
{
    private EscalationRecord()
    {
    }

    public Guid Id { get; private set; }

    public Guid ItemId { get; private set; }

    public Guid UnitId { get; private set; }

    public string UnitName { get; private set; } = string.Empty;

    public string Severity { get; private set; } = string.Empty;

    public string Category { get; private set; } = string.Empty;

    public int StepOrder { get; private set; }

    public string Step { get; private set; } = string.Empty;

    public string Reason { get; private set; } = string.Empty;

    public DateOnly AppliedOn { get; private set; }

    public Audit Applied { get; private set; } = null!;

    public static EscalationRecord Create(RectificationItem item, EscalationStepRule step, string reason, DateOnly today, Audit stamp) => new()
    {
        Id = Guid.CreateVersion7(),
        ItemId = item.Id,
        UnitId = item.UnitId,
        UnitName = item.UnitName,
        Severity = item.Severity,
        Category = item.Category,
        StepOrder = step.Order,
        Step = step.Code,
        Reason = reason,
        AppliedOn = today,
        Applied = stamp,
    };
}
