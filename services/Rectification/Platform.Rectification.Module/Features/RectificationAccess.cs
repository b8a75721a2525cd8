using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.Rectification.Module.Domain;

namespace Platform.Rectification.Module.Features;

/// <summary>
/// Who sees and does what. A unit's liaison and leader see their own unit's items only; the
/// office, inspectors and observers see the items of their region and the regions below it
/// (GB/T 2260 prefix). An item the caller may not see does not exist for them (NotFound),
/// so a sibling unit cannot even learn that a finding against another unit exists.
/// </summary>
public sealed class RectificationAccess(AuditStamper audit)
{
    private static readonly string[] RegionReaders =
        [PlatformRoles.OfficeStaff, PlatformRoles.Inspector, PlatformRoles.Observer, PlatformRoles.NodeOperator];

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

    /// <summary>The items the caller may see.</summary>
    public IQueryable<RectificationItem> Visible(IQueryable<RectificationItem> items)
    {
        var caller = Caller;
        if (caller.IsInAnyRole(RegionReaders))
        {
            if (caller.RegionCode.Length != 6)
            {
                throw new PermissionDeniedException("The token names no region.");
            }
            var prefix = RegionPrefix(caller.RegionCode);
            return items.Where(i => i.RegionCode.StartsWith(prefix));
        }
        if (caller.IsInAnyRole(PlatformRoles.UnitLiaison, PlatformRoles.Leader))
        {
            var unitId = caller.UnitId ?? throw new PermissionDeniedException("The token names no unit.");
            return items.Where(i => i.UnitId == unitId);
        }
        throw new PermissionDeniedException("This action needs a role that may read rectification items.");
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
