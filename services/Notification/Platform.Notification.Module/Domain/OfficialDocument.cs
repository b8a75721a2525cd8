namespace Platform.Notification.Module.Domain;

/// <summary>An official document (公文) as issued: its fields, its HTML and its .docx file.</summary>
public sealed class OfficialDocument
{
    private OfficialDocument()
    {
    }

    public Guid Id { get; private set; }

    public string Kind { get; private set; } = string.Empty;

    /// <summary>文号, unique per node.</summary>
    public string Number { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    /// <summary>主送.</summary>
    public string Addressee { get; private set; } = string.Empty;

    public string Body { get; private set; } = string.Empty;

    public string Issuer { get; private set; } = string.Empty;

    public DateOnly IssuedOn { get; private set; }

    /// <summary>抄送; empty when no copies go out.</summary>
    public string CopyTo { get; private set; } = string.Empty;

    public Guid? UnitId { get; private set; }

    public Guid SubjectId { get; private set; }

    public string Html { get; private set; } = string.Empty;

    /// <summary>The .docx in the file store.</summary>
    public string DocxSha256 { get; private set; } = string.Empty;

    /// <summary>What caused it (event message id or bulletin id): a redelivered event issues no second document.</summary>
    public string SourceKey { get; private set; } = string.Empty;

    public Audit Created { get; private set; } = null!;

    public static OfficialDocument Create(
        Guid id, string kind, string number, RenderedDocument content, Guid? unitId, Guid subjectId, string html, string docxSha256, string sourceKey, Audit created) => new()
    {
        Id = id,
        Kind = kind,
        Number = number,
        Title = content.Title,
        Addressee = content.Addressee,
        Body = content.Body,
        Issuer = content.Issuer,
        IssuedOn = content.IssuedOn,
        CopyTo = content.CopyTo,
        UnitId = unitId,
        SubjectId = subjectId,
        Html = html,
        DocxSha256 = docxSha256,
        SourceKey = sourceKey,
        Created = created,
    };
}

/// <summary>The fields of a document once its template is filled in.</summary>
public sealed record RenderedDocument(
    string Number, string Title, string Addressee, string Body, string Issuer, DateOnly IssuedOn, string IssuedOnText, string CopyTo);

/// <summary>A template operators edit: title and body with {{placeholders}}.</summary>
public sealed class DocumentTemplate
{
    private DocumentTemplate()
    {
    }

    public string Kind { get; private set; } = string.Empty;

    public string TitleTemplate { get; private set; } = string.Empty;

    public string BodyTemplate { get; private set; } = string.Empty;

    public Audit Updated { get; private set; } = null!;

    public static DocumentTemplate Create(string kind, string title, string body, Audit audit) => new()
    {
        Kind = kind,
        TitleTemplate = title,
        BodyTemplate = body,
        Updated = audit,
    };

    public void Change(string title, string body, Audit audit)
    {
        TitleTemplate = title;
        BodyTemplate = body;
        Updated = audit;
    }
}

/// <summary>The last 文号 issued per (office, year, kind prefix); incremented in one SQL statement.</summary>
public sealed class DocumentSequence
{
    public string Office { get; set; } = string.Empty;

    public int Year { get; set; }

    public string Prefix { get; set; } = string.Empty;

    public int LastNumber { get; set; }
}
