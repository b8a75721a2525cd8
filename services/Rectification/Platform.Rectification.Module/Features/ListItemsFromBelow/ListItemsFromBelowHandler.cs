using Platform.BuildingBlocks.Auth;

namespace Platform.Rectification.Module.Features.ListItemsFromBelow;

/// <summary>
/// How the items that nodes below opened for this node's missions stand, as they last sent it up (ADR 0022): read from
/// this node's store, never from the nodes below. Office staff and observers, within their token's region.
/// </summary>
public sealed class ListItemsFromBelowHandler(RectificationDbContext db, RectificationAccess access)
{
    public async Task<ListItemsFromBelowResponse> HandleAsync(ListItemsFromBelowRequest request, CancellationToken cancellationToken)
    {
        var caller = access.Caller;
        caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Observer);
        var validator = new RequestValidator();
        Guid? missionId = string.IsNullOrWhiteSpace(request.MissionId) ? null : validator.Id("mission_id", request.MissionId);
        var region = string.IsNullOrWhiteSpace(request.RegionCode) ? null : request.RegionCode.Trim();
        if (region is not null && (region.Length != 6 || !region.All(char.IsAsciiDigit)))
        {
            validator.Add("region_code", $"must be a 6-digit GB/T 2260 code, got '{region}'");
        }
        validator.ThrowIfInvalid();
        if (caller.RegionCode.Length != 6)
        {
            throw new PermissionDeniedException("The token names no region.");
        }

        var prefix = RectificationAccess.RegionPrefix(caller.RegionCode);
        var rows = db.ItemsFromBelow.AsNoTracking().Where(r => r.RegionCode.StartsWith(prefix));
        if (missionId is { } mission)
        {
            rows = rows.Where(r => r.MissionId == mission);
        }
        if (region is not null)
        {
            rows = rows.Where(r => r.RegionCode == region);
        }
        var list = await rows.OrderBy(r => r.RegionCode).ThenBy(r => r.UnitName).ThenBy(r => r.ItemId).ToListAsync(cancellationToken);
        var response = new ListItemsFromBelowResponse();
        response.Items.AddRange(list.Select(r => r.ToProto()));
        return response;
    }
}
