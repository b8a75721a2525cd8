using Platform.BuildingBlocks.Grpc;
using Platform.Planning.Module.Domain;
using Proto = Platform.Contracts.Planning.V1;

namespace Platform.Planning.Module.Features;

/// <summary>Domain to wire types.</summary>
internal static class ProtoMapping
{
    public static Proto.Unit ToProto(this Unit unit) => new()
    {
        Id = unit.Id.ToString(),
        Name = unit.Name,
        ShortName = unit.ShortName,
        Kind = unit.Kind.ToString().ToLowerInvariant(),
        RegionCode = unit.RegionCode,
        CreatedAt = unit.Created.At.ToWire(),
    };

    public static Proto.Plan ToProto(this Plan plan)
    {
        var proto = new Proto.Plan
        {
            Id = plan.Id.ToString(),
            Title = plan.Title,
            Year = plan.Year,
            Status = plan.Status.ToString().ToLowerInvariant(),
            CreatedBy = plan.Created.UserId,
            CreatedAt = plan.Created.At.ToWire(),
        };
        proto.Tasks.AddRange(plan.Tasks.OrderBy(t => t.Number).Select(ToProto));
        return proto;
    }

    public static Proto.PlanTask ToProto(this PlanTask task)
    {
        var proto = new Proto.PlanTask
        {
            Id = task.Id.ToString(),
            Number = task.Number,
            Title = task.Title,
            Deadline = task.Deadline.ToWire(),
        };
        proto.Assignments.AddRange(task.Assignments.Select(ToProto));
        return proto;
    }

    public static Proto.Assignment ToProto(this Assignment assignment) => new()
    {
        Id = assignment.Id.ToString(),
        TaskId = assignment.TaskId.ToString(),
        UnitId = assignment.UnitId.ToString(),
        UnitName = assignment.UnitName,
        Status = assignment.Status.ToString().ToLowerInvariant(),
        AssignedBy = assignment.Assigned.UserId,
        AssignedAt = assignment.Assigned.At.ToWire(),
    };
}
