using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Node;
using Platform.Planning.Module.Features.Federation;
using Wire = Platform.Contracts.Events.Federation;

using Platform.Planning.Module.Features.ReportingRuleUpdates;

namespace Platform.Planning.Module.Features.IssueReportingRuleUpdate;

/// <summary>
/// The office issues reporting rules (ADR 0024): they apply here at once, and the node's edge sends them to the children
/// named (every child not revoked when none is), which relay them to theirs. The row and its
/// <see cref="Platform.Contracts.Events.Planning.ReportingRuleUpdateIssued"/> commit with one save. An office without
/// children may issue rules for itself: rules under codes of its own.
/// </summary>
public sealed class IssueReportingRuleUpdateHandler(PlanningDbContext db, PlanningAccess access, IOptions<NodeOptions> node, ReportingRuleSource rules)
{
    public async Task<ReportingRuleUpdate> HandleAsync(IssueReportingRuleUpdateRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var notice = validator.Optional("notice", request.Notice, 200);
        ChildNodeChecks.CheckFormat(validator, request.ChildNodeIds);
        validator.ThrowIfInvalid();
        var document = ReportingRuleRows.ToDocument(request.Rules);
        ReportingRuleRows.Check(document);
        if (request.ChildNodeIds.Count > 0)
        {
            await ChildNodeChecks.RequireChildrenAsync(db, request.ChildNodeIds, "sent", cancellationToken);
        }

        var stamp = access.Now();
        var version = await db.ReportingRuleUpdates.Where(u => u.IssuerNodeId == stamp.NodeId).MaxAsync(u => (long?)u.Version, cancellationToken) ?? 0;
        var update = new Wire.ReportingRuleUpdate(
            Guid.NewGuid(), stamp.NodeId, node.Value.Level.ToString().ToLowerInvariant(), version + 1, document, notice, stamp.At);
        var childNodeIds = request.ChildNodeIds.Distinct(StringComparer.Ordinal).ToList();
        var record = ReportingRuleUpdateRecord.From(update, null, childNodeIds, stamp.At);
        db.ReportingRuleUpdates.Add(record);
        db.AddIntegrationEvent(new Platform.Contracts.Events.Planning.ReportingRuleUpdateIssued(update, childNodeIds, stamp.At, stamp.NodeId));
        await db.SaveChangesAsync(cancellationToken);
        await KeptReportingRuleUpdates.RefreshAsync(db, rules, cancellationToken);
        return ReportingRuleRows.ToProto(record, KeptReportingRuleUpdates.CodesInForce(await db.ReportingRuleUpdates.AsNoTracking().ToListAsync(cancellationToken), record.Id));
    }
}
