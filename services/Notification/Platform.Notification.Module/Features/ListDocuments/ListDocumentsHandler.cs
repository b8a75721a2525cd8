using Platform.BuildingBlocks.Auth;
using Platform.Notification.Module.Features.Documents;

namespace Platform.Notification.Module.Features.ListDocuments;

/// <summary>
/// Issued documents, without their HTML. The office and observers see every document; a unit's
/// people their own unit's only; nobody else any (<see cref="CaseMaterialPolicy"/>).
/// </summary>
public sealed class ListDocumentsHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<ListDocumentsResponse> HandleAsync(ListDocumentsRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        string? kind = string.IsNullOrWhiteSpace(request.Kind) ? null : validator.OneOf("kind", request.Kind, DocumentKinds.ByKind)?.Kind;
        Guid? unitId = string.IsNullOrWhiteSpace(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        validator.ThrowIfInvalid();
        unitId = CaseMaterialPolicy.UnitFilter(access.Caller, unitId, byTeam: false);

        var query = db.Documents.AsNoTracking();
        if (kind is not null)
        {
            query = query.Where(d => d.Kind == kind);
        }
        if (unitId is not null)
        {
            query = query.Where(d => d.UnitId == unitId);
        }
        var (documents, next) = await query.OrderByDescending(d => d.Created.At).ThenByDescending(d => d.Id).ToPageAsync(page, cancellationToken);
        var response = new ListDocumentsResponse { NextPageToken = next };
        // Lists leave the HTML out; GetDocument carries it.
        response.Documents.AddRange(documents.Select(d => DocumentReader.ToProto(d, withHtml: false)));
        return response;
    }
}
