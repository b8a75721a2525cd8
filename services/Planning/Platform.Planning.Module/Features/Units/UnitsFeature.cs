using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Module.Domain;
using Platform.Planning.Module.Infrastructure;

namespace Platform.Planning.Module.Features.Units;

/// <summary>The units of the node (governments one level down and the node's own departments) and their groups.</summary>
public sealed partial class UnitsFeature(PlanningDbContext db, PlanningAccess access)
{
    public static readonly IReadOnlyDictionary<string, UnitKind> Kinds = new Dictionary<string, UnitKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["government"] = UnitKind.Government,
        ["department"] = UnitKind.Department,
    };

    public async Task<Contracts.Planning.V1.Unit> CreateAsync(CreateUnitRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(BuildingBlocks.Auth.PlatformRoles.OfficeStaff, BuildingBlocks.Auth.PlatformRoles.NodeOperator);
        var validator = new RequestValidator();
        var fields = ValidateFields(validator, "", request.Name, request.ShortName, request.Kind, request.RegionCode, request.Aliases, request.Liaison);
        validator.ThrowIfInvalid();

        if (await db.Units.AnyAsync(u => u.Name == fields.Name, cancellationToken))
        {
            throw new AlreadyExistsException($"A unit named '{fields.Name}' already exists on this node.");
        }
        var unit = Domain.Unit.Create(fields.Name, fields.ShortName, fields.Kind, fields.RegionCode, fields.Aliases, fields.Liaison, access.Now());
        db.Units.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        return unit.ToProto();
    }

    public async Task<ListUnitsResponse> ListAsync(ListUnitsRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        UnitKind? kind = string.IsNullOrEmpty(request.Kind) ? null : validator.OneOf("kind", request.Kind, Kinds);
        Guid? groupId = string.IsNullOrEmpty(request.GroupId) ? null : validator.Id("group_id", request.GroupId);
        validator.ThrowIfInvalid();

        List<Guid>? members = null;
        if (groupId is { } g)
        {
            var group = await db.UnitGroups.AsNoTracking().SingleOrDefaultAsync(x => x.Id == g, cancellationToken)
                ?? throw new NotFoundException($"Unit group {g} does not exist on this node.");
            members = group.UnitIds;
        }
        var text = string.IsNullOrWhiteSpace(request.Query) ? null : request.Query.Trim();
        var query = db.Units.AsNoTracking().WhereIf(kind, k => u => u.Kind == k);
        if (members is not null)
        {
            query = query.Where(u => members.Contains(u.Id));
        }
        if (text is not null)
        {
            query = query.Where(u => u.Name.Contains(text) || u.ShortName.Contains(text));
        }
        var (units, next) = await query.OrderBy(u => u.Name).ThenBy(u => u.Id).ToPageAsync(page, cancellationToken);
        var groups = await db.UnitGroups.AsNoTracking().ToListAsync(cancellationToken);
        var response = new ListUnitsResponse { NextPageToken = next };
        // Other units' names are public on the node; their contacts are not.
        response.Units.AddRange(units.Select(u => u.ToProto(groups.Where(x => x.UnitIds.Contains(u.Id)).Select(x => x.Id), access.CanSee(u.Id))));
        return response;
    }

    public async Task<Contracts.Planning.V1.UnitGroup> CreateGroupAsync(CreateUnitGroupRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(BuildingBlocks.Auth.PlatformRoles.OfficeStaff, BuildingBlocks.Auth.PlatformRoles.NodeOperator);
        var validator = new RequestValidator();
        var name = validator.Name("name", request.Name, 200);
        var aliases = request.Aliases.Select((a, i) => validator.Name($"aliases[{i}]", a, 200)).ToList();
        var unitIds = request.UnitIds.Select((u, i) => validator.Id($"unit_ids[{i}]", u)).ToList();
        validator.ThrowIfInvalid();

        var known = await db.Units.Where(u => unitIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        var unknown = unitIds.Select((id, i) => (id, i)).Where(x => !known.Contains(x.id)).ToList();
        if (unknown.Count > 0)
        {
            throw new ValidationException(unknown.Select(x => new FieldViolation($"unit_ids[{x.i}]", $"unit {x.id} is not a unit of this node")).ToList());
        }
        if (await db.UnitGroups.AnyAsync(g => g.Name == name, cancellationToken))
        {
            throw new AlreadyExistsException($"A unit group named '{name}' already exists on this node.");
        }
        var group = Domain.UnitGroup.Create(name, aliases, unitIds, access.Now());
        db.UnitGroups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return group.ToProto();
    }

    public async Task<ListUnitGroupsResponse> ListGroupsAsync(ListUnitGroupsRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var (groups, next) = await db.UnitGroups.AsNoTracking().OrderBy(g => g.Name).ThenBy(g => g.Id).ToPageAsync(page, cancellationToken);
        var response = new ListUnitGroupsResponse { NextPageToken = next };
        response.Groups.AddRange(groups.Select(g => g.ToProto()));
        return response;
    }

    internal sealed record UnitFields(string Name, string ShortName, UnitKind Kind, string RegionCode, List<string> Aliases, Domain.Liaison Liaison);

    /// <summary>The checks shared by the API and the CSV import; <paramref name="prefix"/> names the row in the import.</summary>
    internal static UnitFields ValidateFields(
        RequestValidator validator, string prefix, string? name, string? shortName, string? kind, string? regionCode,
        IEnumerable<string> aliases, Contracts.Planning.V1.Liaison? liaison)
    {
        var validName = validator.Name(prefix + "name", name, 200);
        var validShort = string.IsNullOrWhiteSpace(shortName) ? validName : validator.Name(prefix + "short_name", shortName, 100);
        var validKind = validator.OneOf(prefix + "kind", kind, Kinds);
        var region = regionCode?.Trim() ?? string.Empty;
        if (!RegionCode().IsMatch(region))
        {
            validator.Add(prefix + "region_code", "must be a six-digit GB/T 2260 division code, for example 320600");
        }
        var validAliases = aliases.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList();
        for (var i = 0; i < validAliases.Count; i++)
        {
            if (RequestValidator.NameProblem(validAliases[i]) is { } aliasProblem)
            {
                validator.Add($"{prefix}aliases[{i}]", aliasProblem);
            }
        }
        var contact = Domain.Liaison.None;
        if (liaison is not null)
        {
            var email = liaison.Email?.Trim() ?? string.Empty;
            if (email.Length > 0 && !email.Contains('@', StringComparison.Ordinal))
            {
                validator.Add(prefix + "liaison.email", "is not an e-mail address");
            }
            var phone = liaison.Phone?.Trim() ?? string.Empty;
            if (phone.Length > 0 && !Phone().IsMatch(phone))
            {
                validator.Add(prefix + "liaison.phone", "must contain digits only, with optional '-' or '+'");
            }
            contact = new Domain.Liaison(liaison.Name?.Trim() ?? string.Empty, phone, email);
        }
        return new UnitFields(validName, validShort, validKind, region, validAliases, contact);
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex RegionCode();

    [GeneratedRegex(@"^\+?[0-9][0-9\- ]{4,19}$")]
    private static partial Regex Phone();
}
