namespace Platform.Planning.Module.Features.Assignments;

/// <summary>The plan, task and unit filters the assignment and progress-report lists share; empty means no filter.</summary>
public sealed record AssignmentScope(Guid? PlanId, Guid? TaskId, Guid? UnitId)
{
    /// <summary>Reads the filters into <paramref name="validator"/>, naming each bad field.</summary>
    public static AssignmentScope Read(RequestValidator validator, string? planId, string? taskId, string? unitId) => new(
        string.IsNullOrEmpty(planId) ? null : validator.Id("plan_id", planId),
        string.IsNullOrEmpty(taskId) ? null : validator.Id("task_id", taskId),
        string.IsNullOrEmpty(unitId) ? null : validator.Id("unit_id", unitId));
}
