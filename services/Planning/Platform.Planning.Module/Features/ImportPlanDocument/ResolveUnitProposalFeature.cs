using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Module.Domain;
using Platform.Planning.Module.Features.CreateUnit;
using Platform.Planning.Module.Features.Plans;
using Platform.Planning.Module.Infrastructure;

namespace Platform.Planning.Module.Features.ImportPlanDocument;

/// <summary>
/// One step for a unit the import could not match: map the name to an existing unit (kept as an alias, which every later
/// import matches too) or create a unit by CreateUnit's rules; then the draft's unmatched units are matched again.
/// </summary>
public sealed class ResolveUnitProposalFeature(PlanningDbContext db, PlanningAccess access, PlanLoader plans, CreateUnitHandler units)
{
    public async Task<ResolveUnitProposalResponse> ResolveAsync(ResolveUnitProposalRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var planId = validator.Id("plan_id", request.PlanId);
        var alias = validator.Name("alias", request.Alias, 200);
        var mapping = !string.IsNullOrWhiteSpace(request.UnitId);
        if (mapping == (request.Create is not null))
        {
            validator.Add("unit_id", "give either unit_id (the existing unit the name stands for) or create (a new unit), not both and not neither");
        }
        var unitId = mapping ? validator.Id("unit_id", request.UnitId) : Guid.Empty;
        validator.ThrowIfInvalid();

        var plan = await plans.LoadAsync(planId, tracking: true, cancellationToken);
        if (plan.Status != PlanStatus.Draft)
        {
            throw new PreconditionFailedException($"The plan is {plan.Status.ToString().ToLowerInvariant()}; only a draft's units can be matched again.");
        }
        var (known, groups) = await UnitProposals.LoadKnownAsync(db, cancellationToken);
        var key = UnitMatcher.Normalize(alias);
        Domain.Unit unit;
        if (mapping)
        {
            unit = await db.Units.SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken)
                ?? throw new ValidationException("unit_id", $"unit {unitId} does not exist on this node");
        }
        else
        {
            var create = request.Create!.Clone();
            if (string.IsNullOrWhiteSpace(create.Name))
            {
                create.Name = alias;
            }
            unit = await units.AddAsync(create, "create.", cancellationToken);
        }
        RefuseNameOfAnotherUnit(known, unit.Id, alias, key);

        var entry = known.FindIndex(u => u.Id == unit.Id);
        var names = entry >= 0 ? known[entry].ShortNames : [unit.ShortName, .. unit.Aliases];
        var namedAlready = UnitMatcher.Normalize(unit.Name) == key || names.Any(n => UnitMatcher.Normalize(n) == key);
        if (!namedAlready)
        {
            db.UnitAliases.Add(UnitAlias.Create(unit.Id, alias, key, access.Now()));
            names = [.. names, alias];
        }
        var updated = new KnownUnit(unit.Id, unit.Name, names);
        if (entry >= 0)
        {
            known[entry] = updated;
        }
        else
        {
            known.Add(updated);
        }

        var matcher = new UnitMatcher(known, groups);
        foreach (var task in plan.Tasks)
        {
            task.MatchUnmatchedUnits(text =>
            {
                var match = matcher.Match(text);
                return (match.UnitId, match.GroupId);
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        var response = new ResolveUnitProposalResponse { Plan = plan.ToProto(), Unit = unit.ToProto() };
        response.Proposals.AddRange(UnitProposals.Of(plan.Tasks));
        return response;
    }

    /// <summary>A name already standing for another unit would make the matcher's answer ambiguous: one name, one unit.</summary>
    private static void RefuseNameOfAnotherUnit(List<KnownUnit> known, Guid unitId, string alias, string key)
    {
        foreach (var other in known.Where(u => u.Id != unitId))
        {
            if (UnitMatcher.Normalize(other.Name) == key || other.ShortNames.Any(n => UnitMatcher.Normalize(n) == key))
            {
                throw new AlreadyExistsException($"'{alias}' is already mapped to another unit ({other.Name}).");
            }
        }
    }
}
