using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Node;
using Platform.Planning.Module.Features.Federation;
using Platform.Planning.Module.Features.ReportingRuleUpdates;
using Wire = Platform.Contracts.Events.Federation;

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
        // The rules first, checked as the shipped file is; then the children named and the notice.
        var document = ReportingRuleRows.ToDocument(request.Rules);
        ReportingRuleRows.Check(document);
        var validator = new RequestValidator();
        ChildNodeChecks.CheckFormat(validator, request.ChildNodeIds);
        var notice = validator.Optional("notice", request.Notice, 200);
        validator.ThrowIfInvalid();
        var named = request.ChildNodeIds.Count > 0
            ? await ChildNodeChecks.RequireChildrenAsync(db, request.ChildNodeIds, "sent", cancellationToken)
            : [];

        var issuer = await UpdateIssuer.NextAsync(db.ReportingRuleUpdates, access, node.Value, named, cancellationToken);
        var update = new Wire.ReportingRuleUpdate(issuer.UpdateId, issuer.NodeId, issuer.Level, issuer.Version, document, notice, issuer.At);
        var record = ReportingRuleUpdateRecord.From(update, null, issuer.ChildNodeIds, issuer.At);
        db.ReportingRuleUpdates.Add(record);
        db.AddIntegrationEvent(new Platform.Contracts.Events.Planning.ReportingRuleUpdateIssued(update, issuer.ChildNodeIds, issuer.At, issuer.NodeId));
        await db.SaveChangesAsync(cancellationToken);
        await KeptReportingRuleUpdates.RefreshAsync(db, rules, cancellationToken);
        return ReportingRuleRows.ToProto(record, KeptReportingRuleUpdates.CodesInForce(await db.ReportingRuleUpdates.AsNoTracking().ToListAsync(cancellationToken), record.Id));
    }
}
