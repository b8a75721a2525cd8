using Platform.BuildingBlocks.Auth;
using InboxMessage = Platform.Notification.Module.Domain.InboxMessage;

namespace Platform.Notification.Module.Features;

/// <summary>
/// Who may do what in notification: a unit's people read their unit's inbox (each their
/// audience), anyone reads messages addressed to them, the office reads every inbox, and the
/// office keeps the directory, templates and bulletins, and operators run webhooks, deliveries and reminders.
/// </summary>
public sealed class NotificationAccess(AuditStamper audit)
{
    public PlatformUser Caller => audit.Caller;

    public Audit Now() => audit.Now();

    public string NodeId => audit.NodeId;

    public bool IsOffice => Caller.IsInRole(PlatformRoles.OfficeStaff);

    /// <summary>Reading the directory and templates, webhooks, deliveries, reminders: office staff and node operators.</summary>
    public void RequireOfficeOrOperator() => Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.NodeOperator);

    /// <summary>
    /// The office's decisions: who receives case letters (the contact directory), the wording of
    /// official letters (templates) and bulletins. An operator runs the machine, not the cases,
    /// and would otherwise name themselves a recipient of referral letters.
    /// </summary>
    public void RequireOffice() => Caller.RequireAnyRole(PlatformRoles.OfficeStaff);

    /// <summary>The audiences of a unit's inbox the caller reads: none when the caller is not of that unit.</summary>
    public IReadOnlyList<string> AudiencesFor(Guid unitId)
    {
        if (IsOffice)
        {
            return [Audiences.All, Audiences.Liaison, Audiences.Leader];
        }
        if (!Caller.BelongsTo(unitId))
        {
            return [];
        }
        var audiences = new List<string>(3) { Audiences.All };
        if (Caller.IsInRole(PlatformRoles.UnitLiaison))
        {
            audiences.Add(Audiences.Liaison);
        }
        if (Caller.IsInRole(PlatformRoles.Leader))
        {
            audiences.Add(Audiences.Leader);
        }
        return audiences.Count > 1 ? audiences : [];
    }

    public void RequireCanReadUnitInbox(Guid unitId)
    {
        if (AudiencesFor(unitId).Count == 0)
        {
            throw new PermissionDeniedException("Only the unit's own liaison or leader, or the office, may read this inbox.");
        }
    }

    /// <summary>
    /// Operators keep deliveries and reminders running but read no case material
    /// (<see cref="CaseMaterialPolicy"/>): titles that quote a finding are left out for them.
    /// </summary>
    public bool HidesCaseTitles => CaseMaterialPolicy.ReachOf(Caller) == CaseReach.None;

    /// <summary>
    /// Of the given notifications, the case material (<see cref="NotificationMessage.IsCaseMaterial"/>):
    /// marked so when written; the kind and item-reminder checks cover messages written before the mark.
    /// </summary>
    public static async Task<HashSet<Guid>> CaseMaterialAmongAsync(NotificationDbContext db, IReadOnlyCollection<Guid> notificationIds, CancellationToken cancellationToken)
    {
        var byKind = await db.Notifications.AsNoTracking()
            .Where(n => notificationIds.Contains(n.Id) && (n.Confidential || n.Kind == MessageKinds.Escalation || n.Kind == MessageKinds.Feedback))
            .Select(n => n.Id).ToListAsync(cancellationToken);
        var itemWatches = db.DeadlineWatches.Where(w => w.SourceType == WatchSources.RectificationItem).Select(w => w.Id);
        var itemReminders = await db.SentReminders.AsNoTracking()
            .Where(r => notificationIds.Contains(r.NotificationId) && itemWatches.Contains(r.WatchId))
            .Select(r => r.NotificationId).ToListAsync(cancellationToken);
        return [.. byKind, .. itemReminders];
    }

    public bool CanSee(InboxMessage message) => message.Audience switch
    {
        Audiences.User => message.UserId == Caller.Id,
        Audiences.Office => IsOffice,
        _ => AudiencesFor(message.UnitId).Contains(message.Audience),
    };
}
