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
                || await ReceivedAsync(id, cancellationToken)
            ? document
            : throw new NotFoundException($"Document {id} does not exist.");
    }

    /// <summary>
    /// A document addressed to many units (a bulletin names no one unit): each recipient reads what
    /// reached its inbox, as it reads the message that carried it (<see cref="NotificationAccess.CanSee"/>).
    /// </summary>
    private async Task<bool> ReceivedAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var unit = access.Caller.UnitId;
        var me = access.Caller.Id;
        var carriers = await db.InboxMessages.AsNoTracking()
            .Where(m => m.DocumentId == documentId && ((unit != null && m.UnitId == unit) || (m.Audience == Audiences.User && m.UserId == me)))
            .Take(10)
            .ToListAsync(cancellationToken);
        return carriers.Any(access.CanSee);
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
