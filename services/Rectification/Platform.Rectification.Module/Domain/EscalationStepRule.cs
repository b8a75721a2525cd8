using Platform.BuildingBlocks.Auth;

namespace Platform.Rectification.Module.Domain;

/// <summary>
/// One rung of the escalation ladder (督促问责阶梯) as the office configured it: when the
/// evaluator proposes it, who may apply it, and whom the resulting letter is copied to (抄送).
/// </summary>
public sealed class EscalationStepRule
{
    private EscalationStepRule()
    {
    }

    /// <summary>1 (reminder) to 7 (referral).</summary>
    public int Order { get; private set; }

    public string Code { get; private set; } = string.Empty;

    public string ChineseName { get; private set; } = string.Empty;

    /// <summary>Proposed when the item is overdue by at least this many working days; 0 switches the condition off.</summary>
    public int OverdueWorkingDays { get; private set; }

    /// <summary>Proposed when the item was sent back at least this many times; 0 switches the condition off.</summary>
    public int SendBacks { get; private set; }

    /// <summary>The roles that may apply the step, space-separated.</summary>
    public string Roles { get; private set; } = string.Empty;

    public bool CopyToDiscipline { get; private set; }

    public bool CopyToOrganisation { get; private set; }

    public string? UpdatedBy { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public string? UpdatedOnNode { get; private set; }

    public IReadOnlyList<string> RoleList => Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    internal static EscalationStepRule Default(int order, string code, string chineseName, int overdueWorkingDays, int sendBacks, string roles, bool discipline, bool organisation) => new()
    {
        Order = order,
        Code = code,
        ChineseName = chineseName,
        OverdueWorkingDays = overdueWorkingDays,
        SendBacks = sendBacks,
        Roles = roles,
        CopyToDiscipline = discipline,
        CopyToOrganisation = organisation,
    };

    /// <summary>True when an item this far behind should be offered this step.</summary>
    public bool IsDue(int overdueWorkingDays, int sendBacks) =>
        (OverdueWorkingDays > 0 && overdueWorkingDays >= OverdueWorkingDays) || (SendBacks > 0 && sendBacks >= SendBacks);

    public void Reconfigure(int overdueWorkingDays, int sendBacks, IReadOnlyList<string> roles, bool discipline, bool organisation, Audit stamp)
    {
        OverdueWorkingDays = overdueWorkingDays;
        SendBacks = sendBacks;
        Roles = string.Join(' ', roles);
        CopyToDiscipline = discipline;
        CopyToOrganisation = organisation;
        UpdatedBy = stamp.UserId;
        UpdatedAt = stamp.At;
        UpdatedOnNode = stamp.NodeId;
    }

    public void RequireMayApply(PlatformUser caller)
    {
        if (!caller.IsInAnyRole([.. RoleList]))
        {
            throw new PermissionDeniedException($"Step {Code} may be applied by the roles {string.Join(", ", RoleList)} only.");
        }
    }
}
