using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Federation;

namespace Platform.Planning.Module.Features.ReportingRuleUpdates;

/// <summary>Keeps the node's reporting rules on the updates kept in planning's store, on every replica (ADR 0024).</summary>
internal sealed class ReportingRuleUpdatesRefresher(IServiceScopeFactory scopes, ReportingRuleSource rules, ILogger<ReportingRuleUpdatesRefresher> logger)
    : KeptUpdatesRefresher<PlanningDbContext>(scopes, logger)
{
    protected override Task RefreshAsync(PlanningDbContext db, CancellationToken cancellationToken) => KeptReportingRuleUpdates.RefreshAsync(db, rules, cancellationToken);
}
