using Microsoft.EntityFrameworkCore;
using Platform.Planning.Module.Domain;
using Platform.Planning.Module.Infrastructure;
using PlanTask = Platform.Planning.Module.Domain.PlanTask;
using Proto = Platform.Contracts.Planning.V1;

namespace Platform.Planning.Module.Features.ImportPlanDocument;

/// <summary>The node's units as the importer matches them (names, short names, aliases), and the proposals a draft still has.</summary>
internal static class UnitProposals
{
    public static async Task<(List<KnownUnit> Units, List<KnownUnitGroup> Groups)> LoadKnownAsync(PlanningDbContext db, CancellationToken cancellationToken)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(cancellationToken);
        var groups = await db.UnitGroups.AsNoTracking().ToListAsync(cancellationToken);
        var aliases = (await db.UnitAliases.AsNoTracking().Select(a => new { a.UnitId, a.Alias }).ToListAsync(cancellationToken))
            .ToLookup(a => a.UnitId, a => a.Alias);
        return (
            units.Select(u => new KnownUnit(u.Id, u.Name, [u.ShortName, .. u.Aliases, .. aliases[u.Id]])).ToList(),
            groups.Select(g => new KnownUnitGroup(g.Id, g.Name, g.Aliases)).ToList());
    }

    /// <summary>Each unmatched unit once (as first printed), with the numbers of the tasks that name it, in task order.</summary>
    public static List<Proto.UnitProposal> Of(IEnumerable<PlanTask> tasks)
    {
        var proposals = new List<Proto.UnitProposal>();
        var byKey = new Dictionary<string, Proto.UnitProposal>(StringComparer.Ordinal);
        foreach (var task in tasks.OrderBy(t => t.Number))
        {
            foreach (var text in task.UnmatchedLeadUnits.Concat(task.UnmatchedCoUnits))
            {
                var key = UnitMatcher.Normalize(text);
                if (!byKey.TryGetValue(key, out var proposal))
                {
                    byKey[key] = proposal = new Proto.UnitProposal { Text = text };
                    proposals.Add(proposal);
                }
                if (!proposal.TaskNumbers.Contains(task.Number))
                {
                    proposal.TaskNumbers.Add(task.Number);
                }
            }
        }
        return proposals;
    }
}
