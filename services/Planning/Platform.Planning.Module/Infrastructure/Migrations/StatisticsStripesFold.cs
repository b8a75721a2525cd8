namespace Platform.Planning.Module.Infrastructure.Migrations;

/// <summary>
/// What undoing StatisticsChapterStripes must do before the key loses its stripe: add each key's stripes into
/// its lowest one and remove the rest, so no count is lost and no two rows share the old key. The same SQL on
/// SQLite and PostgreSQL (each correlated sum reads other rows of its key only, which this statement leaves).
/// </summary>
internal static class StatisticsStripesFold
{
    private const string SameKey =
        "o.\"PlanId\" = plan_statistics.\"PlanId\" AND o.\"Dimension\" = plan_statistics.\"Dimension\" AND o.\"Key\" = plan_statistics.\"Key\"";

    private static readonly string[] Counters = ["Assigned", "Accepted", "ReportedOnTime", "ReportedLate", "Overdue", "Done"];

    public static readonly string Sql =
        "UPDATE plan_statistics SET " +
        string.Join(", ", Counters.Select(c => $"\"{c}\" = (SELECT SUM(o.\"{c}\") FROM plan_statistics o WHERE {SameKey})")) +
        $" WHERE \"Stripe\" = (SELECT MIN(o.\"Stripe\") FROM plan_statistics o WHERE {SameKey});\n" +
        $"DELETE FROM plan_statistics WHERE \"Stripe\" <> (SELECT MIN(o.\"Stripe\") FROM plan_statistics o WHERE {SameKey});";
}
