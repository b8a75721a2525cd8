using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Module.Domain;
using Platform.Planning.Module.Infrastructure;

namespace Platform.Planning.Module.Features.Units;

/// <summary>The units of the node: governments one level down and the node's own departments.</summary>
public sealed partial class UnitsFeature(PlanningDbContext db, AuditStamper audit)
{
    private static readonly Dictionary<string, UnitKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["government"] = UnitKind.Government,
        ["department"] = UnitKind.Department,
    };

    public async Task<Contracts.Planning.V1.Unit> CreateAsync(CreateUnitRequest request, CancellationToken cancellationToken)
    {
        audit.Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.NodeOperator);
        var validator = new RequestValidator();
        var name = validator.Required("name", request.Name, 200);
        var shortName = string.IsNullOrWhiteSpace(request.ShortName) ? name : validator.Required("short_name", request.ShortName, 50);
        var kind = validator.OneOf("kind", request.Kind, Kinds);
        var region = request.RegionCode?.Trim() ?? string.Empty;
        if (!RegionCode().IsMatch(region))
        {
            validator.Add("region_code", "must be a six-digit GB/T 2260 division code, for example 320600");
        }
        validator.ThrowIfInvalid();

        if (await db.Units.AnyAsync(u => u.Name == name, cancellationToken))
        {
            throw new AlreadyExistsException($"A unit named '{name}' already exists on this node.");
        }
        var unit = Domain.Unit.Create(name, shortName, kind, region, audit.Now());
        db.Units.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        return unit.ToProto();
    }

    public async Task<ListUnitsResponse> ListAsync(ListUnitsRequest request, CancellationToken cancellationToken)
    {
        _ = audit.Caller;
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();

        var units = await db.Units.AsNoTracking()
            .OrderBy(u => u.Id)
            .Skip(page.Offset)
            .Take(page.Size + 1)
            .ToListAsync(cancellationToken);
        var response = new ListUnitsResponse { NextPageToken = page.NextToken(units.Count) };
        response.Units.AddRange(units.Take(page.Size).Select(u => u.ToProto()));
        return response;
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex RegionCode();
}
