using Platform.BuildingBlocks.Grpc;
using Platform.Assessment.Module.Domain;
using Platform.Contracts.Assessment.V1;

namespace Platform.Assessment.Module.Features.Indicators;

internal static class IndicatorMapping
{
    public static Contracts.Assessment.V1.IndicatorSystem ToProto(this Domain.IndicatorSystem system)
    {
        var proto = new Contracts.Assessment.V1.IndicatorSystem
        {
            Year = system.Year,
            UpdatedBy = system.Updated.UserId,
            UpdatedAt = system.Updated.At.ToWire(),
            RoutineShare = system.RoutineShare,
            AnnualShare = system.AnnualShare,
        };
        proto.Indicators.AddRange(system.Indicators.Select(ToProto));
        return proto;
    }

    private static Indicator ToProto(IndicatorNode node) => new()
    {
        Code = node.Code,
        ParentCode = node.ParentCode ?? string.Empty,
        Name = node.Name,
        Weight = (double)node.Weight,
        Level = node.Level,
        Scoring = node.Scoring is { } scoring ? IndicatorTreeRules.ScoringName(scoring) : string.Empty,
        Target = node.Target ?? 0,
        Source = node.Source ?? string.Empty,
    };
}
