using System.Text.RegularExpressions;
using MissionTarget = Platform.Inspection.Module.Domain.MissionTarget;

namespace Platform.Inspection.Module.Features.CreateMission;

/// <summary>Planning a mission: its targets, focus, methods and dates.</summary>
public sealed partial class CreateMissionHandler(InspectionDbContext db, InspectionAccess access)
{
    public async Task<Contracts.Inspection.V1.Mission> HandleAsync(CreateMissionRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var title = validator.Name("title", request.Title, 300);
        var kind = validator.OneOf("kind", request.Kind, MissionKinds.All);
        var year = validator.Range("year", request.Year, 2000, 2100);
        var planEntry = validator.Optional("plan_entry", request.PlanEntry, 500) ?? string.Empty;
        var targets = ParseTargets(validator, request.Targets);
        var focus = request.FocusItems.Select((f, i) => validator.Required($"focus_items[{i}]", f, 500)).ToList();
        if (request.Methods.Count == 0)
        {
            validator.Add("methods", $"must name at least one of {string.Join(", ", InspectionMethods.All.Keys)}");
        }
        var methods = request.Methods.Select((m, i) => validator.OneOf($"methods[{i}]", m, InspectionMethods.All)).ToList();
        var startsOn = validator.Date("starts_on", request.StartsOn);
        var endsOn = validator.Date("ends_on", request.EndsOn);
        if (validator.IsValid && endsOn < startsOn)
        {
            validator.Add("ends_on", $"must not be before starts_on {startsOn:yyyy-MM-dd}");
        }
        validator.ThrowIfInvalid();

        var mission = Domain.Mission.Plan(title, kind, year, planEntry, targets, focus, methods, startsOn, endsOn, access.Now());
        db.Missions.Add(mission);
        await db.SaveChangesAsync(cancellationToken);
        return mission.ToProto();
    }

    private static List<MissionTarget> ParseTargets(RequestValidator validator, IReadOnlyList<Contracts.Inspection.V1.MissionTarget> targets)
    {
        if (targets.Count == 0)
        {
            validator.Add("targets", "must name at least one unit to inspect");
        }
        if (targets.Count > 500)
        {
            validator.Add("targets", $"must name at most 500 units, got {targets.Count}");
        }
        var parsed = new List<MissionTarget>();
        for (var i = 0; i < targets.Count; i++)
        {
            var unitId = validator.Id($"targets[{i}].unit_id", targets[i].UnitId);
            var name = validator.Name($"targets[{i}].unit_name", targets[i].UnitName, 200);
            var region = string.IsNullOrWhiteSpace(targets[i].RegionCode) ? null : targets[i].RegionCode.Trim();
            if (region is not null && !RegionCode().IsMatch(region))
            {
                validator.Add($"targets[{i}].region_code", $"'{region}' is not a six-digit GB/T 2260 code");
            }
            if (unitId != Guid.Empty && parsed.Any(p => p.UnitId == unitId))
            {
                validator.Add($"targets[{i}].unit_id", "names a unit twice");
            }
            parsed.Add(new MissionTarget { UnitId = unitId, UnitName = name, RegionCode = region });
        }
        return parsed;
    }

    [GeneratedRegex("^[1-9][0-9]{5}$")]
    private static partial Regex RegionCode();
}
