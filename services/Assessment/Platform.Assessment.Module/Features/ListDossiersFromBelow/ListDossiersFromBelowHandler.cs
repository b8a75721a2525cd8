using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;

namespace Platform.Assessment.Module.Features.ListDossiersFromBelow;

/// <summary>
/// The party and government heads of the child nodes whose dossiers came up (ADR 0023): the office and observers of the
/// level that assesses them read them here and open each with GetDossier or ExportDossier.
/// </summary>
public sealed class ListDossiersFromBelowHandler(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<ListDossiersFromBelowResponse> HandleAsync(ListDossiersFromBelowRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Observer);
        var validator = new RequestValidator();
        var nodeId = validator.Optional("node_id", request.NodeId, 64);
        validator.ThrowIfInvalid();
        var rows = db.DossiersFromBelow.AsNoTracking();
        if (!string.IsNullOrEmpty(nodeId))
        {
            rows = rows.Where(d => d.NodeId == nodeId);
        }
        var list = await rows.ToListAsync(cancellationToken);
        var response = new ListDossiersFromBelowResponse();
        response.Dossiers.AddRange(list.OrderBy(d => d.NodeId, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal).Select(d => new DossierFromBelow
        {
            PersonId = d.PersonId.ToString(), NodeId = d.NodeId, RegionCode = d.RegionCode, Name = d.Name, UnitName = d.UnitName, Position = d.Position,
            PostKind = d.PostKind, Serving = d.Serving, AsOf = d.AsOf.ToWire(),
        }));
        return response;
    }
}
