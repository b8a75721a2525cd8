namespace Platform.Rectification.Module.Features.Ledger;

/// <summary>Whose ledger: exactly one of a unit and a mission.</summary>
internal sealed record LedgerScope(Guid? UnitId, Guid? MissionId);

/// <summary>The ledger (整改台账) of a unit or a mission, in ledger order: shared by ListLedger and ExportLedger.</summary>
public sealed class LedgerQuery(RectificationDbContext db, RectificationAccess access)
{
    internal static LedgerScope Scope(RequestValidator validator, string? unitId, string? missionId)
    {
        var hasUnit = !string.IsNullOrWhiteSpace(unitId);
        var hasMission = !string.IsNullOrWhiteSpace(missionId);
        if (hasUnit == hasMission)
        {
            validator.Add("unit_id", "give exactly one of unit_id and mission_id");
            return new LedgerScope(null, null);
        }
        return hasUnit ? new LedgerScope(validator.Id("unit_id", unitId), null) : new LedgerScope(null, validator.Id("mission_id", missionId));
    }

    internal IQueryable<Domain.RectificationItem> Query(LedgerScope scope) =>
        access.Visible(db.Items.AsNoTracking())
            .WhereIf(scope.UnitId, u => i => i.UnitId == u)
            .WhereIf(scope.MissionId, m => i => i.MissionId == m)
            .OrderBy(i => i.OpenedOn).ThenBy(i => i.Id);
}
