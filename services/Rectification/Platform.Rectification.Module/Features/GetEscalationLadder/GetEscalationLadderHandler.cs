using Platform.BuildingBlocks.Auth;

namespace Platform.Rectification.Module.Features.GetEscalationLadder;

/// <summary>
/// The escalation ladder (提醒 → 催办 → 督办函 → 约谈 → 挂牌督办 → 通报批评 → 移送纪检监察) as the
/// office configured it: when each step is proposed and who may apply it.
/// </summary>
public sealed class GetEscalationLadderHandler(RectificationDbContext db, RectificationAccess access)
{
    /// <remarks>The request carries no fields; it is taken for the one handler shape.</remarks>
    public async Task<EscalationLadder> HandleAsync(GetEscalationLadderRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Inspector, PlatformRoles.Observer, PlatformRoles.NodeOperator);
        var steps = await db.Ladder.AsNoTracking().OrderBy(s => s.Order).ToListAsync(cancellationToken);
        var ladder = new EscalationLadder();
        ladder.Steps.AddRange(steps.Select(s => s.ToProto()));
        return ladder;
    }
}
