using Platform.Notification.Module.Features.Documents;

namespace Platform.Notification.Module.Features.UpdateTemplate;

/// <summary>Editing a document kind's template, for the office and operators; only the kind's placeholders are allowed.</summary>
public sealed class UpdateTemplateHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<Template> HandleAsync(UpdateTemplateRequest request, CancellationToken cancellationToken)
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
        return DocumentReader.ToProto(kind!, template);
    }

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
}
