using Platform.Assessment.Module.Domain;
using Platform.Assessment.Module.Features.People;
using Platform.BuildingBlocks.Grpc;
using Proto = Platform.Contracts.Assessment.V1;

namespace Platform.Assessment.Module.Features;

internal static class ProtoMapping
{
    public static Proto.AssessmentUnit ToProto(this AssessmentUnit unit) => new()
    {
        Id = unit.Id.ToString(),
        Name = unit.Name,
        Kind = unit.Kind,
        RegionCode = unit.RegionCode,
    };

    public static Proto.Person ToProto(this Person person, IEnumerable<PersonChange>? history = null)
    {
        var proto = new Proto.Person
        {
            Id = person.Id.ToString(),
            UnitId = person.UnitId.ToString(),
            Name = person.Name,
            Position = person.Position,
            PostKind = person.PostKind.Wire(),
            Rank = person.Rank,
            TermStart = person.TermStart.ToWire(),
            TermEnd = person.TermEnd?.ToWire() ?? string.Empty,
            Status = person.IsActive ? "active" : "left",
            CreatedAt = person.Created.At.ToWire(),
        };
        if (history is not null)
        {
            proto.History.AddRange(history.Select(c => new Proto.PersonChange
            {
                Kind = c.Kind.Wire(),
                Date = c.Date.ToWire(),
                UnitId = c.UnitId.ToString(),
                PreviousUnitId = c.PreviousUnitId?.ToString() ?? string.Empty,
                Position = c.Position,
                PostKind = c.PostKind.Wire(),
                Rank = c.Rank,
                Note = c.Note,
                RecordedBy = c.Recorded.UserId,
                RecordedAt = c.Recorded.At.ToWire(),
            }));
        }
        return proto;
    }
}
