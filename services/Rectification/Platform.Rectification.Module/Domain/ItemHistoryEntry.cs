namespace Platform.Rectification.Module.Domain;

/// <summary>What happened on an item; the entries in order are the item's file (档案).</summary>
public static class HistoryActions
{
    public const string Opened = "opened";
    public const string ResponsibilityAssigned = "responsibility_assigned";
    public const string PlanSubmitted = "plan_submitted";
    public const string ProgressReported = "progress_reported";
    public const string CompletionSubmitted = "completion_submitted";
    public const string Verified = "verified";
    public const string SentBack = "sent_back";
    public const string ExtensionRequested = "extension_requested";
    public const string ExtensionApproved = "extension_approved";
    public const string ExtensionRefused = "extension_refused";
    public const string Overdue = "overdue";
    public const string Escalated = "escalated";
    public const string LookBackPassed = "look_back_passed";
    public const string Reopened = "reopened";
}

/// <summary>One step in an item's history: who, when, on which node, what. Never changed once written.</summary>
public sealed class ItemHistoryEntry
{
    private ItemHistoryEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid ItemId { get; private set; }

    /// <summary>1, 2, 3... per item: orders the file even when two steps share a clock tick.</summary>
    public int Sequence { get; private set; }

    public string Action { get; private set; } = string.Empty;

    public string Detail { get; private set; } = string.Empty;

    public Audit Recorded { get; private set; } = null!;

    public static ItemHistoryEntry Create(Guid itemId, int sequence, Audit recorded, string action, string detail) => new()
    {
        Id = Guid.CreateVersion7(),
        ItemId = itemId,
        Sequence = sequence,
        Action = action,
        Detail = detail.Length > 4000 ? detail[..4000] : detail,
        Recorded = recorded,
    };
}
