using Platform.BuildingBlocks.Auth;
using Platform.Rectification.Module.Features.Escalation;

namespace Platform.Rectification.Module.Features.UpdateEscalationStep;

/// <summary>The office configures when a ladder step is proposed, who may apply it and whom it copies.</summary>
public sealed class UpdateEscalationStepHandler(RectificationDbContext db, RectificationAccess access)
{
    private static readonly IReadOnlyDictionary<string, string> AssignableRoles =
        PlatformRoles.All.Where(r => r is PlatformRoles.OfficeStaff or PlatformRoles.Inspector)
            .ToDictionary(r => r, r => r, StringComparer.Ordinal);

    public async Task<EscalationStep> HandleAsync(UpdateEscalationStepRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var code = validator.OneOf("step", request.Step, StepCodes.ByCode);
        validator.Range("overdue_working_days", request.OverdueWorkingDays, 0, 250);
        validator.Range("send_backs", request.SendBacks, 0, 20);
        if (request.OverdueWorkingDays == 0 && request.SendBacks == 0)
        {
            validator.Add("overdue_working_days", "and send_backs cannot both be 0: the step would never be proposed");
        }
        if (request.Roles.Count == 0)
        {
            validator.Add("roles", "must name at least one role that may apply the step");
        }
        for (var i = 0; i < request.Roles.Count; i++)
        {
            validator.OneOf($"roles[{i}]", request.Roles[i], AssignableRoles);
        }
        validator.ThrowIfInvalid();

        var step = await db.Ladder.SingleAsync(s => s.Code == code, cancellationToken);
        step.Reconfigure(request.OverdueWorkingDays, request.SendBacks, request.Roles.Select(r => r.Trim()).Distinct().ToList(),
            request.CopyToDiscipline, request.CopyToOrganisation, access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return step.ToProto();
    }
}
