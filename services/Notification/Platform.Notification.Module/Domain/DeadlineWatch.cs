namespace Platform.Notification.Module.Domain;

public static class WatchSources
{
    public const string Assignment = "assignment";
    public const string RectificationItem = "rectification_item";
}

/// <summary>
/// A deadline the service reminds a unit of, keyed by its source (an assignment, a
/// rectification item), so a redelivered event never watches it twice.
/// </summary>
public sealed class DeadlineWatch
{
    private DeadlineWatch()
    {
    }

    public Guid Id { get; private set; }

    public string SourceType { get; private set; } = string.Empty;

    public Guid SourceId { get; private set; }

    /// <summary>What the source belongs to (the task of an assignment), so closing it stops all its watches.</summary>
    public Guid? ParentId { get; private set; }

    public Guid UnitId { get; private set; }

    public string UnitName { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    public DateOnly Deadline { get; private set; }

    /// <summary>Reminders due before this date are not sent: the watch (or its current deadline) did not exist yet.</summary>
    public DateOnly WatchedFrom { get; private set; }

    public bool Active { get; private set; }

    /// <summary>The first reminder date not yet sent; null when none is left. The scan reads this column only.</summary>
    public DateOnly? NextReminderOn { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedOnNode { get; private set; } = string.Empty;

    /// <summary>
    /// Concurrency token: a scan that advances a watch read before an event moved or stopped it
    /// must not write the old deadline's next reminder over the new one's (the new deadline's
    /// reminders would never be sent); its batch fails and the next scan re-reads.
    /// </summary>
    public int Version { get; private set; }

    public static DeadlineWatch Start(
        string sourceType, Guid sourceId, Guid? parentId, Guid unitId, string unitName, string title, DateOnly deadline, DateOnly today,
        ReminderSchedule schedule, DateTimeOffset at, string nodeId)
    {
        var watch = new DeadlineWatch
        {
            Id = Guid.CreateVersion7(),
            SourceType = sourceType,
            SourceId = sourceId,
            ParentId = parentId,
            UnitId = unitId,
            UnitName = unitName,
            Title = title,
        };
        watch.MoveDeadline(deadline, today, schedule, at, nodeId);
        return watch;
    }

    /// <summary>
    /// A new deadline (extension, send-back, reopening): reminders start again from today. A
    /// deadline already missed when it arrives still gets its overdue reminder, at the next scan.
    /// </summary>
    public void MoveDeadline(DateOnly deadline, DateOnly today, ReminderSchedule schedule, DateTimeOffset at, string nodeId)
    {
        Deadline = deadline;
        var overdueOn = schedule.SlotsFor(deadline).Last(s => s.IsOverdue).DueOn;
        WatchedFrom = overdueOn < today ? overdueOn : today;
        Active = true;
        NextReminderOn = schedule.NextOnOrAfter(deadline, WatchedFrom)?.DueOn;
        Touch(at, nodeId);
    }

    /// <summary>
    /// The calendar changed (an update from above, ADR 0024): the next reminder not yet due is placed again on the
    /// calendar now in force. One already due (on or before today) stays, for the scan to send.
    /// </summary>
    public void Replan(DateOnly today, ReminderSchedule schedule, DateTimeOffset at, string nodeId)
    {
        if (!Active || NextReminderOn is not { } next || next <= today)
        {
            return;
        }
        var placed = schedule.NextOnOrAfter(Deadline, today.AddDays(1))?.DueOn;
        if (placed != next)
        {
            NextReminderOn = placed;
            Touch(at, nodeId);
        }
    }

    public void Stop(DateTimeOffset at, string nodeId)
    {
        Active = false;
        NextReminderOn = null;
        Touch(at, nodeId);
    }

    /// <summary>After sending what was due by <paramref name="today"/>: the next reminder is the first one after today.</summary>
    public void Advance(DateOnly today, ReminderSchedule schedule, DateTimeOffset at, string nodeId)
    {
        NextReminderOn = schedule.NextOnOrAfter(Deadline, today.AddDays(1))?.DueOn;
        Touch(at, nodeId);
    }

    /// <summary>Brings the next scan of an active watch forward to today (an overdue event arrived).</summary>
    public void DueForScan(DateOnly today, DateTimeOffset at, string nodeId)
    {
        if (Active && (NextReminderOn is null || NextReminderOn > today))
        {
            NextReminderOn = today;
            Touch(at, nodeId);
        }
    }

    private void Touch(DateTimeOffset at, string nodeId)
    {
        UpdatedAt = at;
        UpdatedOnNode = nodeId;
        Version++;
    }
}

/// <summary>
/// A reminder that was sent. Its unique key (watch, kind, due date) is inserted in the same
/// transaction as the message and its deliveries, so two scanners, a redelivered event or a
/// restart can never send it twice.
/// </summary>
public sealed class SentReminder
{
    private SentReminder()
    {
    }

    public Guid Id { get; private set; }

    public Guid WatchId { get; private set; }

    public string Kind { get; private set; } = string.Empty;

    public DateOnly DueOn { get; private set; }

    public DateOnly Deadline { get; private set; }

    public Guid NotificationId { get; private set; }

    public Guid UnitId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedOnNode { get; private set; } = string.Empty;

    public static SentReminder Create(DeadlineWatch watch, ReminderSlot slot, Guid notificationId, DateTimeOffset at, string nodeId) => new()
    {
        Id = Guid.CreateVersion7(),
        WatchId = watch.Id,
        Kind = slot.Kind,
        DueOn = slot.DueOn,
        Deadline = watch.Deadline,
        NotificationId = notificationId,
        UnitId = watch.UnitId,
        CreatedAt = at,
        CreatedOnNode = nodeId,
    };
}
