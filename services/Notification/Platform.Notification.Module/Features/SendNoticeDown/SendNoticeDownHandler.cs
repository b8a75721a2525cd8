using Platform.BuildingBlocks.Federation;
using Platform.Notification.Module.Features.NoticesDown;

namespace Platform.Notification.Module.Features.SendNoticeDown;

/// <summary>
/// The office sends a notice (通报, 催办, 函) down to the nodes of the regions it names (ADR 0022): the sent notice, a
/// pending row per addressee and the event the federation edge carries down commit together, so nothing is lost
/// while a child is unreachable. Each node below turns it into its own inbox message and sends receipts back up.
/// </summary>
public sealed class SendNoticeDownHandler(NotificationDbContext db, NotificationAccess access, NoticeSender sender)
{
    public const int MaxRegions = 200;
    public const int MaxUnits = 1000;

    public async Task<Contracts.Notification.V1.SentNotice> HandleAsync(SendNoticeDownRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var kind = validator.OneOf("kind", request.Kind, NoticeKinds.Sendable);
        var title = validator.Name("title", request.Title, 200);
        var body = validator.Required("body", request.Body, 50_000);
        var regions = new List<string>();
        if (request.RegionCodes.Count == 0)
        {
            validator.Add("region_codes", "must name at least one region below this node");
        }
        else if (request.RegionCodes.Count > MaxRegions)
        {
            validator.Add("region_codes", $"must name at most {MaxRegions} regions, got {request.RegionCodes.Count}");
        }
        foreach (var region in request.RegionCodes.Take(MaxRegions))
        {
            if (sender.ProblemWith(region) is { } problem)
            {
                validator.Add("region_codes", $"'{region}': {problem}");
            }
            else if (!regions.Contains(region))
            {
                regions.Add(region);
            }
        }
        var unitIds = new List<Guid>();
        if (request.UnitIds.Count > 0 && request.RegionCodes.Count != 1)
        {
            validator.Add("unit_ids", "units may be named only with exactly one region code (they are that node's units)");
        }
        else if (request.UnitIds.Count > MaxUnits)
        {
            validator.Add("unit_ids", $"must name at most {MaxUnits} units, got {request.UnitIds.Count}");
        }
        else
        {
            for (var i = 0; i < request.UnitIds.Count; i++)
            {
                var unit = validator.Id($"unit_ids[{i}]", request.UnitIds[i]);
                if (!unitIds.Contains(unit))
                {
                    unitIds.Add(unit);
                }
            }
        }
        string audience;
        if (request.UnitIds.Count == 0)
        {
            if (!string.IsNullOrWhiteSpace(request.Audience))
            {
                validator.Add("audience", "applies to the units named; without unit_ids the node's office receives the notice");
            }
            audience = Audiences.Office;
        }
        else
        {
            audience = string.IsNullOrWhiteSpace(request.Audience) ? Audiences.All : validator.OneOf("audience", request.Audience, Audiences.UnitAudiences) ?? Audiences.All;
        }
        validator.ThrowIfInvalid();
        await RequireRoutesAsync(regions, cancellationToken);

        var notice = sender.Send(kind!, title, body, regions, unitIds, audience, access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return SentNoticeViews.ToProto(notice);
    }

    /// <summary>
    /// Up front, from the edge's list of child links kept here: each region must have a child link leading to it (the
    /// child's own region, or a county of a child city). A pending link may take it (it waits in the link's backlog);
    /// a region whose only link is revoked, or that no link leads to, cannot be reached.
    /// </summary>
    private async Task RequireRoutesAsync(IReadOnlyList<string> regions, CancellationToken cancellationToken)
    {
        var children = await sender.ChildrenAsync(cancellationToken);
        foreach (var region in regions.Where(r => !sender.Reaches(children, r)))
        {
            var revoked = children.FirstOrDefault(c => c.Revoked && Regions.Routes(c.RegionCode, region));
            throw new PreconditionFailedException(revoked is null
                ? $"region_codes: no child node of this node leads to region '{region}'; nothing can be sent there."
                : $"region_codes: the link to child node '{revoked.NodeId}', which leads to region '{region}', is revoked; nothing can be sent there.");
        }
    }
}
