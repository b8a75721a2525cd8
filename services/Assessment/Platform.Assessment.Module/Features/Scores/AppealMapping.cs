using Platform.BuildingBlocks.Grpc;
using Appeal = Platform.Assessment.Module.Domain.Appeal;

namespace Platform.Assessment.Module.Features.Scores;

internal static class AppealMapping
{
    public static Contracts.Assessment.V1.Appeal ToProto(Appeal appeal) => new()
    {
        Id = appeal.Id.ToString(),
        Year = appeal.Year,
        UnitId = appeal.UnitId.ToString(),
        IndicatorCode = appeal.IndicatorCode,
        Reason = appeal.Reason,
        Status = appeal.Status.ToString().ToLowerInvariant(),
        FiledBy = appeal.Filed.UserId,
        FiledAt = appeal.Filed.At.ToWire(),
        DecidedBy = appeal.Decided?.UserId ?? string.Empty,
        DecidedAt = appeal.Decided?.At.ToWire() ?? string.Empty,
        Comment = appeal.Comment ?? string.Empty,
        Adjustment = (double)appeal.Adjustment,
        CombinedBefore = (double)(appeal.CombinedBefore ?? 0),
        CombinedAfter = (double)(appeal.CombinedAfter ?? 0),
    };
}
