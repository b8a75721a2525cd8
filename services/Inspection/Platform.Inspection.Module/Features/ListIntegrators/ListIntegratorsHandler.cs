using Microsoft.Extensions.Options;
using Platform.Inspection.Module.Features.Integrators;

namespace Platform.Inspection.Module.Features.ListIntegrators;

/// <summary>The registered integrators, for the node operator.</summary>
public sealed class ListIntegratorsHandler(InspectionDbContext db, InspectionAccess access)
{
    public async Task<ListIntegratorsResponse> HandleAsync(ListIntegratorsRequest request, CancellationToken cancellationToken)
    {
        access.RequireOperator();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var (rows, next) = await db.Integrators.AsNoTracking().OrderBy(i => i.Id).ToPageAsync(page, cancellationToken);
        var response = new ListIntegratorsResponse { NextPageToken = next };
        response.Integrators.AddRange(rows.Select(i => i.ToProto()));
        return response;
    }
}
