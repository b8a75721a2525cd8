using Platform.Notification.Module.Features.Documents;

namespace Platform.Notification.Module.Features.ListTemplates;

/// <summary>The document templates, for the office and operators: each kind's default with the edits laid over it.</summary>
public sealed class ListTemplatesHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<ListTemplatesResponse> HandleAsync(ListTemplatesRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var edited = await db.Templates.AsNoTracking().ToDictionaryAsync(t => t.Kind, cancellationToken);
        // A handful of kinds: the list is the catalogue, with the operators' edits laid over the defaults.
        var all = DocumentKinds.All.Select(k => DocumentReader.ToProto(k, edited.GetValueOrDefault(k.Kind))).ToList();
        var pageItems = all.Skip(page.Offset).Take(page.Size).ToList();
        var response = new ListTemplatesResponse { NextPageToken = page.NextToken(all.Count - page.Offset) };
        response.Templates.AddRange(pageItems);
        return response;
    }
}
