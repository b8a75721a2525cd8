using System.Globalization;
using Platform.Assessment.Module.Features.Scores;

namespace Platform.Assessment.Module.Features.DecideAppeal;

/// <summary>
/// The office decides an appeal: upheld moves the leaf by the adjustment (the appeal stays on the leaf
/// as its trail), rejected keeps the score. Either way the unit's combined result before and after is kept.
/// </summary>
public sealed class DecideAppealHandler(AssessmentDbContext db, AssessmentAccess access, ScoreLoader loader)
{
    private static readonly IReadOnlyDictionary<string, bool> Decisions = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["upheld"] = true,
        ["rejected"] = false,
    };

    public async Task<Contracts.Assessment.V1.Appeal> HandleAsync(DecideAppealRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var appealId = validator.Id("appeal_id", request.AppealId);
        var upheld = validator.OneOf("decision", request.Decision, Decisions);
        var comment = validator.Name("comment", request.Comment, 2000);
        var adjustment = Adjustment(validator, request.Adjustment, upheld);
        validator.ThrowIfInvalid();

        var appeal = await db.Appeals.SingleOrDefaultAsync(a => a.Id == appealId, cancellationToken)
            ?? throw new NotFoundException($"Appeal {appealId} was not found.");
        var system = await loader.SystemAsync(appeal.Year, cancellationToken);
        var unit = await loader.UnitAsync(appeal.UnitId, cancellationToken);
        var before = (decimal)(await loader.ScoreAsync(system, unit, showConfidential: true, cancellationToken)).Combined;
        appeal.Decide(upheld, adjustment, comment, before, access.Now());
        await db.SaveChangesAsync(cancellationToken);
        appeal.Settle((decimal)(await loader.ScoreAsync(system, unit, showConfidential: true, cancellationToken)).Combined);
        await db.SaveChangesAsync(cancellationToken);
        return AppealMapping.ToProto(appeal);
    }

    private static decimal Adjustment(RequestValidator validator, double raw, bool upheld)
    {
        var shown = raw.ToString(CultureInfo.InvariantCulture);
        if (!upheld)
        {
            if (raw != 0)
            {
                validator.Add("adjustment", "is for an upheld appeal only; a rejection keeps the score");
            }
            return 0;
        }
        if (double.IsNaN(raw) || raw == 0 || Math.Abs(raw) > 100)
        {
            validator.Add("adjustment", $"an upheld appeal changes the score by 0.01 to 100 points (negative to take points away), got {shown}");
            return 0;
        }
        var value = (decimal)raw;
        if (decimal.Round(value, 2) != value)
        {
            validator.Add("adjustment", $"may have at most two decimals, got {shown}");
        }
        return value;
    }
}
