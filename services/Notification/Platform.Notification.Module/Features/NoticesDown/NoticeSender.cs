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
    /// <summary>Why the region is not one of a node below this one (a child's, or a child city's county), or null if it is.</summary>
    public string? ProblemWith(string? regionCode) => Regions.DescendantProblem(node.Value, regionCode);

    /// <summary>The child nodes as the edge last announced them (<see cref="ChildNodes"/>); a notice goes down only to a region one leads to.</summary>
    public async Task<IReadOnlyList<ChildNode>> ChildrenAsync(CancellationToken cancellationToken) =>
        await db.ChildNodes.AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>
    /// Whether a notice for the region can go down: the region lies below this node and a child link that is not revoked
    /// leads to it. A node with no child there (a standalone node's own districts) sends nothing down.
    /// </summary>
    public bool Reaches(IReadOnlyList<ChildNode> children, string? regionCode) =>
        ProblemWith(regionCode) is null && children.Any(c => c.LeadsTo(regionCode!));

    /// <summary>
    /// Writes the notice; <paramref name="missionId"/> and <paramref name="missionTitle"/> name the mission whose 督察通知 it
    /// is (kind mission), so the office below shows the mission's title, not the notice's, on the items it opens for it.
    /// </summary>
    public SentNotice Send(
        string kind, string title, string body, IReadOnlyList<string> regions, IReadOnlyList<Guid> unitIds, string audience, Audit created,
        Guid? missionId = null, string? missionTitle = null)
    {
        var notice = SentNotice.Send(kind, title, body, regions, unitIds, audience, created);
        db.SentNotices.Add(notice);
        db.AddIntegrationEvent(new NoticeSentDown(
            notice.Id, kind, title, body, regions, unitIds, audience, issuer.IssuingOffice, created.UserId, created.At, node.Value.Id)
        {
            MissionId = missionId,
            MissionTitle = missionTitle,
        });
        return notice;
    }
}
