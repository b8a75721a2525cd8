namespace Platform.Notification.Module.Features.NoticesDown;

/// <summary>
/// The names of this node's units for the receipts of notices from above: planning's name for the unit (kept from
/// <c>planning.unit_saved.v1</c>), else the name its contact entry gives, else empty (a unit this node does not know).
/// </summary>
public static class UnitNames
{
    public static async Task<IReadOnlyDictionary<Guid, string>> OfAsync(NotificationDbContext db, IReadOnlyCollection<Guid> unitIds, CancellationToken cancellationToken)
    {
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id) && u.Name != string.Empty)
            .ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var missing = unitIds.Where(u => !names.ContainsKey(u)).ToList();
        if (missing.Count > 0)
        {
            var contacts = await db.Contacts.AsNoTracking().Where(c => c.UnitId != null && missing.Contains(c.UnitId.Value) && c.UnitName != string.Empty)
                .Select(c => new { UnitId = c.UnitId!.Value, c.UnitName }).ToListAsync(cancellationToken);
            foreach (var contact in contacts)
            {
                names.TryAdd(contact.UnitId, contact.UnitName);
            }
        }
        return names;
    }
}
