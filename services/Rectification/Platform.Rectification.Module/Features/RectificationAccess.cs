using Platform.BuildingBlocks.Auth;
using RectificationItem = Platform.Rectification.Module.Domain.RectificationItem;

namespace Platform.Rectification.Module.Features;

/// <summary>
/// Who sees and does what. Items are case material (<see cref="CaseMaterialPolicy"/>): a unit's
/// liaison and leader see their own unit's items only; the office and observers see the items
/// of their region and the regions below it (GB/T 2260 prefix); an inspector sees, within that
/// region, the items of missions they are on the team of; operators and auditors see none. An
/// item the caller may not see does not exist for them (NotFound), so a sibling unit cannot
/// even learn that a finding against another unit exists.
/// </summary>
public sealed class RectificationAccess(AuditStamper audit, RectificationDbContext db)
{
    public PlatformUser Caller => audit.Caller;

    public Audit Now() => audit.Now();

    public string NodeId => audit.NodeId;

    public void RequireOffice() => Caller.RequireAnyRole(PlatformRoles.OfficeStaff);

    public void RequireOfficeOrInspector() => Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Inspector);

    /// <summary>The region prefix an office of the given code supervises: province 32xxxx → "32", city 3206xx → "3206", county → the code.</summary>
    public static string RegionPrefix(string regionCode)
    {
        if (regionCode.Length != 6)
        {
            return regionCode;
        }
        if (regionCode.EndsWith("0000", StringComparison.Ordinal))
        {
            return regionCode[..2];
        }
        return regionCode.EndsWith("00", StringComparison.Ordinal) ? regionCode[..4] : regionCode;
    }

    /// <summary>The items the caller may see; PermissionDenied for a caller who reads no case material.</summary>
    public IQueryable<RectificationItem> Visible(IQueryable<RectificationItem> items)
    {
        var caller = Caller;
        var reach = CaseMaterialPolicy.RequireReader(caller);
        var ownUnit = reach.HasFlag(CaseReach.OwnUnit) ? caller.UnitId : null;
        if (!reach.HasFlag(CaseReach.Everything) && !reach.HasFlag(CaseReach.TeamMissions))
        {
            return items.Where(i => i.UnitId == ownUnit);
        }
        if (caller.RegionCode.Length != 6)
        {
            throw new PermissionDeniedException("The token names no region.");
        }
        var prefix = RegionPrefix(caller.RegionCode);
        if (reach.HasFlag(CaseReach.Everything))
        {
            return items.Where(i => i.RegionCode.StartsWith(prefix));
        }
        // An inspector: the missions they are on the team of, as the feedback named it (and, with a unit role too, their own unit's).
        var me = caller.Id;
        var myMissions = db.MissionTeams.Where(m => m.UserId == me).Select(m => (Guid?)m.MissionId);
        return items.Where(i => (i.RegionCode.StartsWith(prefix) && myMissions.Contains(i.MissionId)) || i.UnitId == ownUnit);
    }

    /// <summary>Loads an item the caller may see, tracked for a change; NotFound otherwise.</summary>
    public async Task<RectificationItem> LoadAsync(IQueryable<RectificationItem> items, string field, string? rawId, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var id = validator.Id(field, rawId);
        validator.ThrowIfInvalid();
        return await Visible(items).SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Rectification item {id} does not exist or is not visible to the caller.");
    }

    /// <summary>Acting for the item's unit: its own liaison or leader.</summary>
    public void RequireActingFor(RectificationItem item)
    {
        if (!(Caller.BelongsTo(item.UnitId) && Caller.IsInAnyRole(PlatformRoles.UnitLiaison, PlatformRoles.Leader)))
        {
            throw new PermissionDeniedException("Only the unit's own liaison or leader may do this.");
        }
    }
}
