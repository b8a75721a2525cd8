using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Node;
using Platform.Contracts.Events.Notification;
using Platform.Notification.Module.Features.Documents;
using SentNotice = Platform.Notification.Module.Domain.SentNotice;

namespace Platform.Notification.Module.Features.NoticesDown;

/// <summary>
/// Writes a notice for the nodes below into the caller's unit of work (ADR 0022): the sent notice with a pending row
/// per addressee and the event the federation edge carries down, so they commit with whatever caused them.
/// </summary>
public sealed class NoticeSender(NotificationDbContext db, IOptions<NodeOptions> node, DocumentIssuer issuer)
{
    /// <summary>Whether the region is one of a node below this one (a child's, or a child city's county).</summary>
    public bool IsBelow(string? regionCode) => Regions.DescendantProblem(node.Value, regionCode) is null;

    public string? ProblemWith(string? regionCode) => Regions.DescendantProblem(node.Value, regionCode);

    public SentNotice Send(string kind, string title, string body, IReadOnlyList<string> regions, IReadOnlyList<Guid> unitIds, string audience, Audit created)
    {
        var notice = SentNotice.Send(kind, title, body, regions, unitIds, audience, created);
        db.SentNotices.Add(notice);
        db.AddIntegrationEvent(new NoticeSentDown(
            notice.Id, kind, title, body, regions, unitIds, audience, issuer.IssuingOffice, created.UserId, created.At, node.Value.Id));
        return notice;
    }
}
