using Platform.Contracts.Events.Planning;

namespace Platform.Planning.Module.Features.Units;

/// <summary>The event other services keep their copy of the node's units from (assessment's roster needs them).</summary>
internal static class UnitSavedEvent
{
    public static UnitSaved Of(Domain.Unit unit, BuildingBlocks.Persistence.Audit stamp) =>
        new(unit.Id, unit.Name, unit.ShortName, unit.Kind.Wire(), unit.RegionCode, stamp.At, stamp.NodeId);
}
