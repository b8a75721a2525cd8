using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Documents.Word;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Notification.V1;
using Platform.Notification.Module.Domain;
using Platform.Notification.Module.Infrastructure;

namespace Platform.Notification.Module.Features.Documents;

/// <summary>
/// Templates (office and operators edit them) and issued documents. Documents are case material
/// (<see cref="CaseMaterialPolicy"/>): the office, observers, and each unit its own; notification
/// keeps no mission teams, so inspectors read the case in inspection and rectification instead.
/// </summary>
public sealed class DocumentsFeature(NotificationDbContext db, NotificationAccess access, IFileStore files)
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public async Task<ListTemplatesResponse> ListTemplatesAsync(ListTemplatesRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var edited = await db.Templates.AsNoTracking().ToDictionaryAsync(t => t.Kind, cancellationToken);
        // A handful of kinds: the list is the catalogue, with the operators' edits laid over the defaults.
        var all = DocumentKinds.All.Select(k => ToProto(k, edited.GetValueOrDefault(k.Kind))).ToList();
        var pageItems = all.Skip(page.Offset).Take(page.Size).ToList();
        var response = new ListTemplatesResponse { NextPageToken = page.NextToken(all.Count - page.Offset) };
        response.Templates.AddRange(pageItems);
        return response;
    }

    public async Task<Template> UpdateTemplateAsync(UpdateTemplateRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var kind = validator.OneOf("kind", request.Kind, DocumentKinds.ByKind);
        var title = validator.Required("title_template", request.TitleTemplate, 500);
        var body = validator.Required("body_template", request.BodyTemplate, 20_000);
        if (kind is not null)
        {
            CheckPlaceholders(validator, "title_template", title, kind.Placeholders);
            CheckPlaceholders(validator, "body_template", body, kind.Placeholders);
        }
        validator.ThrowIfInvalid();

        var template = await db.Templates.FirstOrDefaultAsync(t => t.Kind == kind!.Kind, cancellationToken);
        if (template is null)
        {
            template = DocumentTemplate.Create(kind!.Kind, title, body, access.Now());
            db.Templates.Add(template);
        }
        else
        {
            template.Change(title, body, access.Now());
        }
        await db.SaveChangesAsync(cancellationToken);
        return ToProto(kind!, template);
    }

    public async Task<ListDocumentsResponse> ListDocumentsAsync(ListDocumentsRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        string? kind = string.IsNullOrWhiteSpace(request.Kind) ? null : validator.OneOf("kind", request.Kind, DocumentKinds.ByKind)?.Kind;
        Guid? unitId = string.IsNullOrWhiteSpace(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        validator.ThrowIfInvalid();
        unitId = VisibleUnit(unitId);

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
        response.Documents.AddRange(documents.Select(d => ToProto(d, withHtml: false)));
        return response;
    }

    public async Task<Document> GetDocumentAsync(GetDocumentRequest request, CancellationToken cancellationToken) =>
        ToProto(await FindVisibleAsync(request.DocumentId, cancellationToken), withHtml: true);

    public async Task<DocumentFile> GetFileAsync(GetDocumentFileRequest request, CancellationToken cancellationToken)
    {
        var document = await FindVisibleAsync(request.DocumentId, cancellationToken);
        var content = await files.ReadAsync(document.DocxSha256, cancellationToken)
            ?? throw new PreconditionFailedException($"The file of document {document.Number} is missing from the file store.");
        return new DocumentFile
        {
            FileName = $"{document.Number} {document.Title}.docx",
            ContentType = DocxContentType,
            Content = ByteString.CopyFrom(content),
        };
    }

    private async Task<OfficialDocument> FindVisibleAsync(string documentId, CancellationToken cancellationToken)
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

    /// <summary>The office and observers see every document; a unit's people their own unit's only; nobody else any.</summary>
    private Guid? VisibleUnit(Guid? requested) => CaseMaterialPolicy.UnitFilter(access.Caller, requested, byTeam: false);

    private static void CheckPlaceholders(RequestValidator validator, string field, string template, IReadOnlyList<string> known)
    {
        var unknown = TemplateText.Unknown(template, [.. known]);
        if (unknown.Count > 0)
        {
            validator.Add(field, $"unknown placeholders {string.Join(", ", unknown.Select(u => "{{" + u + "}}"))}; this kind offers {string.Join(", ", known)}");
        }
        else if (TemplateText.HasStrayBraces(template))
        {
            validator.Add(field, "has braces that do not form a placeholder; write {{name}}");
        }
    }

    private static Template ToProto(DocumentKind kind, DocumentTemplate? edited)
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

    private static Document ToProto(OfficialDocument d, bool withHtml) => new()
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
