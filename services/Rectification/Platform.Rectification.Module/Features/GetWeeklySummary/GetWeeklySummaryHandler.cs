using Platform.BuildingBlocks.Kernel.Time;
using Platform.Rectification.Module.Features.Summaries;

namespace Platform.Rectification.Module.Features.GetWeeklySummary;

/// <summary>The weekly summary (周汇总) of the Monday-to-Sunday week holding the given day (today by default).</summary>
public sealed class GetWeeklySummaryHandler(StatusSummaries summaries, TimeProvider clock)
{
    public async Task<StatusSummary> HandleAsync(GetWeeklySummaryRequest request, CancellationToken cancellationToken)
    {
        summaries.RequireReader();
        var validator = new RequestValidator();
        var day = string.IsNullOrWhiteSpace(request.Week) ? clock.TodayInChina() : validator.Date("week", request.Week);
        validator.ThrowIfInvalid();
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return await summaries.SummariseAsync(monday, monday.AddDays(6), cancellationToken);
    }
}
