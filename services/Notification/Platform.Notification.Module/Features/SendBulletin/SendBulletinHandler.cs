using Platform.Notification.Module.Features.Delivery;
using Platform.Notification.Module.Features.Documents;

namespace Platform.Notification.Module.Features.SendBulletin;

/// <summary>
/// A bulletin (通报, 简报, 专报) to many units: the document, the message and every delivery are
/// written in one transaction and the call returns; the dispatcher delivers in the background
/// and GetFanOutProgress shows how far it got.
/// </summary>
public sealed class SendBulletinHandler(NotificationDbContext db, NotificationAccess access, DocumentIssuer issuer, OutgoingMessages outgoing)
{
    public const int MaxUnits = 20_000;

    public async Task<Contracts.Notification.V1.FanOut> HandleAsync(SendBulletinRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var kind = validator.OneOf("kind", request.Kind, DocumentKinds.Bulletins);
        var title = validator.Name("title", request.Title, 200);
        var body = validator.Required("body", request.Body, 50_000);
        var audience = string.IsNullOrWhiteSpace(request.Audience) ? Audiences.All : validator.OneOf("audience", request.Audience, Audiences.UnitAudiences);
        var unitIds = new HashSet<Guid>();
        if (request.AllUnits && request.UnitIds.Count > 0)
        {
            validator.Add("unit_ids", "must be empty when all_units is set");
        }
        else if (!request.AllUnits && request.UnitIds.Count == 0)
        {
            validator.Add("unit_ids", "must name at least one unit, or set all_units");
        }
        else if (request.UnitIds.Count > MaxUnits)
        {
            validator.Add("unit_ids", $"must name at most {MaxUnits} units, got {request.UnitIds.Count}");
        }
        else
        {
            for (var i = 0; i < request.UnitIds.Count; i++)
            {
                unitIds.Add(validator.Id($"unit_ids[{i}]", request.UnitIds[i]));
            }
        }
        validator.ThrowIfInvalid();

        if (request.AllUnits)
        {
            unitIds = [.. await db.Contacts.AsNoTracking().Where(c => c.UnitId != null).Select(c => c.UnitId!.Value).Distinct().ToListAsync(cancellationToken)];
            if (unitIds.Count == 0)
            {
                throw new PreconditionFailedException("The contact directory has no units yet; add contacts or name the units.");
            }
        }

        // Thousands of new rows and no updates: change detection would only cost time.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var audit = access.Now();
        var fanOutId = Guid.CreateVersion7();
        var issued = await issuer.IssueAsync(
            new DocumentRequest(kind, new Dictionary<string, string>(StringComparer.Ordinal) { ["title"] = title, ["body"] = body, ["unit_name"] = "各有关单位" },
                "各有关单位", null, fanOutId, $"bulletin:{fanOutId}", request.CopyToDiscipline, request.CopyToOrganisation, MessageKinds.Bulletin, audit.UserId),
            cancellationToken);
        var recipients = unitIds.Select(u => new Addressing(u, audience!, request.CopyToDiscipline, request.CopyToOrganisation)).ToList();
        var total = await outgoing.QueueAsync(issued!.Message, recipients, cancellationToken, fanOutId);
        var fanOut = Domain.FanOut.Create(fanOutId, issued.Message.Id, issued.Document.Id, total, audit);
        db.FanOuts.Add(fanOut);
        await db.SaveChangesAsync(cancellationToken);
        return await DeliveryViews.ProgressAsync(db, fanOut, cancellationToken);
    }
}
