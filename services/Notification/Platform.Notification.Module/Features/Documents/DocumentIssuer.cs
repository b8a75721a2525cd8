using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Documents.Word;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Node;
using Platform.Notification.Module.Features.Delivery;

namespace Platform.Notification.Module.Features.Documents;

/// <summary>What to issue: the kind, the template's values, to whom, and what caused it.</summary>
public sealed record DocumentRequest(
    string Kind,
    IReadOnlyDictionary<string, string> Values,
    string Addressee,
    Guid? UnitId,
    Guid SubjectId,
    string SourceKey,
    bool CopyToDiscipline,
    bool CopyToOrganisation,
    string MessageKind,
    string IssuedBy);

/// <summary>The issued document and the message that carries it.</summary>
public sealed record IssuedDocument(OfficialDocument Document, NotificationMessage Message);

/// <summary>
/// Issues a document: fills in the kind's template, takes the next 文号, renders HTML and
/// .docx, stores the file, and writes the document and its message in the caller's unit of work.
/// </summary>
public sealed class DocumentIssuer(
    NotificationDbContext db,
    DocumentNumbers numbers,
    IFileStore files,
    TimeProvider clock,
    IOptions<NodeOptions> node,
    IOptions<DocumentOptions> options)
{
    public string IssuingOffice => options.Value.IssuingOffice.Length > 0 ? options.Value.IssuingOffice : node.Value.Name;

    /// <summary>Null when a document with this source key was issued before (a redelivered event).</summary>
    public async Task<IssuedDocument?> IssueAsync(DocumentRequest request, CancellationToken cancellationToken)
    {
        if (await db.Documents.AnyAsync(d => d.SourceKey == request.SourceKey, cancellationToken))
        {
            return null;
        }
        var kind = DocumentKinds.ByKind[request.Kind];
        var template = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Kind == request.Kind, cancellationToken);
        var now = clock.GetUtcNow();
        var issuedOn = now.DateInChina();
        var sequence = await numbers.NextAsync(node.Value.Id, issuedOn.Year, kind.NumberPrefix, cancellationToken);
        var number = $"{options.Value.NumberPrefix}{kind.NumberPrefix}〔{issuedOn.Year}〕{sequence}号";
        var issuedOnText = OfficialDocumentBuilder.DateText(issuedOn);
        var values = new Dictionary<string, string>(request.Values, StringComparer.Ordinal)
        {
            ["issuer"] = IssuingOffice,
            ["date"] = issuedOnText,
            ["document_number"] = number,
        };
        var copies = new List<string>();
        if (request.CopyToDiscipline)
        {
            copies.Add(options.Value.DisciplineCommission);
        }
        if (request.CopyToOrganisation)
        {
            copies.Add(options.Value.OrganisationDepartment);
        }
        var rendered = new RenderedDocument(
            number,
            TemplateText.Render(template?.TitleTemplate ?? kind.DefaultTitle, values).Trim(),
            request.Addressee,
            TemplateText.Render(template?.BodyTemplate ?? kind.DefaultBody, values).Trim(),
            IssuingOffice,
            issuedOn,
            issuedOnText,
            string.Join("，", copies));
        var html = DocumentHtml.Render(rendered, IssuingOffice);
        var stored = await files.SaveAsync(DocxWriter.Write(rendered, IssuingOffice), cancellationToken);
        var audit = new Audit(request.IssuedBy, now, node.Value.Id);
        var document = OfficialDocument.Create(
            Guid.CreateVersion7(), request.Kind, number, rendered, request.UnitId, request.SubjectId, html, stored.Sha256, request.SourceKey, audit);
        db.Documents.Add(document);
        var message = NotificationMessage.Create(
            request.MessageKind, $"{kind.Name}：{rendered.Title}", $"{number}\n{rendered.Body}", request.SubjectId, audit, document.Id);
        return new IssuedDocument(document, message);
    }
}
