using Platform.BuildingBlocks.Grpc;

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
        var fullMarks = IndicatorTreeRules.FullMarks(system.Indicators);
        proto.Indicators.AddRange(system.Indicators.Select(n => ToProto(n, fullMarks)));
        return proto;
    }

    private static Indicator ToProto(IndicatorNode node, IReadOnlyDictionary<string, decimal> fullMarks) => new()
    {
        Code = node.Code,
        ParentCode = node.ParentCode ?? string.Empty,
        Name = node.Name,
        Weight = (double)node.Weight,
        Level = node.Level,
        Scoring = node.Scoring is { } scoring ? IndicatorTreeRules.ScoringName(scoring) : string.Empty,
        Target = node.Target ?? 0,
        Source = node.Source ?? string.Empty,
        Points = (double)(node.Points ?? 0),
        FullMarks = fullMarks.TryGetValue(node.Code, out var marks) ? (double)decimal.Round(marks, 4) : 0,
    };
}
