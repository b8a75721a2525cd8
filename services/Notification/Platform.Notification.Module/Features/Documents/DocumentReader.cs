using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Documents.Word;
using Platform.BuildingBlocks.Grpc;

namespace Platform.Notification.Module.Features.Documents;

/// <summary>
/// Templates and issued documents on the wire, and the one lookup of a document the caller may read,
/// shared by the document handlers. Documents are case material (<see cref="CaseMaterialPolicy"/>):
/// the office, observers, and each unit its own; notification keeps no mission teams, so inspectors
/// read the case in inspection and rectification instead.
/// </summary>
public sealed class DocumentReader(NotificationDbContext db, NotificationAccess access)
{
    internal async Task<OfficialDocument> FindVisibleAsync(string documentId, CancellationToken cancellationToken)
    {
        // Operators and auditors are refused outright, before any lookup.
        CaseMaterialPolicy.RequireReader(access.Caller);
        var validator = new RequestValidator();
        var id = validator.Id("document_id", documentId);
        validator.ThrowIfInvalid();
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Document {id} does not exist.");
        // Another unit's document: do not tell whether it exists.
        return CaseMaterialPolicy.CanRead(access.Caller, new CaseFacts(document.UnitId, FedBack: true, CallerOnTeam: false))
            ? document
            : throw new NotFoundException($"Document {id} does not exist.");
    }

    internal static Template ToProto(DocumentKind kind, DocumentTemplate? edited)
    {
        var proto = new Template
        {
            Kind = kind.Kind,
            Name = kind.Name,
            TitleTemplate = edited?.TitleTemplate ?? kind.DefaultTitle,
            BodyTemplate = edited?.BodyTemplate ?? kind.DefaultBody,
            UpdatedAt = edited?.Updated.At.ToWire() ?? string.Empty,
            UpdatedBy = edited?.Updated.UserId ?? string.Empty,
        };
        proto.Placeholders.AddRange(kind.Placeholders);
        return proto;
    }

    internal static Document ToProto(OfficialDocument d, bool withHtml) => new()
    {
        Id = d.Id.ToString(),
        Kind = d.Kind,
        Number = d.Number,
        Title = d.Title,
        Addressee = d.Addressee,
        Body = d.Body,
        Issuer = d.Issuer,
        IssuedOn = d.IssuedOn.ToWire(),
        IssuedOnText = OfficialDocumentBuilder.DateText(d.IssuedOn),
        CopyTo = d.CopyTo,
        UnitId = d.UnitId?.ToString() ?? string.Empty,
        SubjectId = d.SubjectId.ToString(),
        Html = withHtml ? d.Html : string.Empty,
        CreatedAt = d.Created.At.ToWire(),
    };
}
