using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Grpc;
using Platform.Planning.Module.Features.Plans;
using Wire = Platform.Contracts.Events.Planning;

namespace Platform.Planning.Module.Features.GetPlanRollUp;

/// <summary>
/// A plan's progress per node (ADR 0018): this node's own units counted now, and for each child and
/// grandchild what it last sent up, read from this node's store only; no child is asked at read time.
/// </summary>
public sealed class GetPlanRollUpHandler(PlanningDbContext db, PlanningAccess access, PlanLoader plans, TimeProvider clock)
{
    public async Task<PlanRollUp> HandleAsync(GetPlanRollUpRequest request, CancellationToken cancellationToken)
    {
        access.RequireNodeWideReader("The roll-up across nodes");
        var plan = await plans.LoadAsync(PlanLoader.ParseId("plan_id", request.PlanId), tracking: false, cancellationToken);
        var children = (await db.ChildProgress.AsNoTracking().Where(p => p.PlanId == plan.Id).ToListAsync(cancellationToken))
            .ToLookup(p => p.TaskId);
        var now = clock.GetUtcNow();
        var response = new PlanRollUp { PlanId = plan.Id.ToString() };
        var all = new List<Wire.NodeProgress>();
        foreach (var task in plan.Tasks.OrderBy(t => t.Number))
        {
            var nodes = new List<Wire.NodeProgress>
            {
                await ProgressUpstream.OwnAsync(db, task.Id, access.NodeId, string.Empty, withReports: false, now, cancellationToken),
            };
            // A row stored before the receiving side checked the figures is left out rather than summed.
            nodes.AddRange(children[task.Id].OrderBy(p => p.NodeId, StringComparer.Ordinal).Select(ProgressUpstream.ToWire).Where(ProgressFigures.Plausible));
            all.AddRange(nodes);
            var rollUp = new TaskRollUp { TaskId = task.Id.ToString(), TaskNumber = task.Number, Title = task.Title };
            rollUp.Nodes.AddRange(nodes.Select(ToProto));
            response.Tasks.Add(rollUp);
        }
        response.Nodes.AddRange(all
            .GroupBy(n => n.NodeId, StringComparer.Ordinal)
            .OrderBy(g => g.Key == access.NodeId ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ToProto(new Wire.NodeProgress(
                g.Key, g.First().ParentNodeId, Total(g, n => n.UnitsAssigned), Total(g, n => n.UnitsReported), Total(g, n => n.ReportedOnTime),
                Total(g, n => n.ReportedLate), Total(g, n => n.UnitsCompleted), Total(g, n => n.UnitsOverdue), g.Max(n => n.AsOf), []))));
        return response;
    }

    /// <summary>A node's count over the plan's tasks, summed in long so that it cannot overflow, and held at int's top.</summary>
    private static int Total(IEnumerable<Wire.NodeProgress> rows, Func<Wire.NodeProgress, int> count) =>
        (int)Math.Min(rows.Sum(n => (long)count(n)), int.MaxValue);

    private static NodeProgress ToProto(Wire.NodeProgress n)
    {
        var proto = new NodeProgress
        {
            NodeId = n.NodeId,
            ParentNodeId = n.ParentNodeId,
            UnitsAssigned = n.UnitsAssigned,
            UnitsReported = n.UnitsReported,
            ReportedOnTime = n.ReportedOnTime,
            ReportedLate = n.ReportedLate,
            UnitsCompleted = n.UnitsCompleted,
            UnitsOverdue = n.UnitsOverdue,
            AsOf = n.AsOf.ToWire(),
        };
        proto.Reports.AddRange(n.Reports.Select(r => new RequestedReport
        {
            UnitName = r.UnitName,
            Percent = r.Percent,
            Text = r.Text,
            Final = r.Final,
            ReportedAt = r.ReportedAt.ToWire(),
        }));
        return proto;
    }
}
