using System.Globalization;
using Platform.Rectification.Module.Features.Summaries;

namespace Platform.Rectification.Module.Features.GetMonthlyBulletinData;

/// <summary>The monthly bulletin data (月通报) of a calendar month (YYYY-MM).</summary>
public sealed class GetMonthlyBulletinDataHandler(StatusSummaries summaries)
{
    public async Task<StatusSummary> HandleAsync(GetMonthlyBulletinDataRequest request, CancellationToken cancellationToken)
    {
        summaries.RequireReader();
        var validator = new RequestValidator();
        DateOnly first = default;
        if (!DateOnly.TryParseExact((request.Month ?? string.Empty).Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first))
        {
            validator.Add("month", $"'{request.Month}' is not a month; expected YYYY-MM");
        }
        validator.ThrowIfInvalid();
        return await summaries.SummariseAsync(first, first.AddMonths(1).AddDays(-1), cancellationToken);
    }
}
