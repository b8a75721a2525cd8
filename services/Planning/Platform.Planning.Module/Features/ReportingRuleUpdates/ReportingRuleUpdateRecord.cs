using Platform.BuildingBlocks.Federation;
using Platform.Planning.Module.Domain.ReportingRules;
using Wire = Platform.Contracts.Events.Federation;
using Rule = Platform.Planning.Module.Domain.ReportingRules.ReportingRule;

namespace Platform.Planning.Module.Features.ReportingRuleUpdates;

/// <summary>
/// A reporting-rule update (ADR 0024) as planning keeps it: one row per update, issued here or received from above. Which
/// update a rule code follows is decided by <see cref="KeptReportingRuleUpdates.InForce"/>, never by the order they arrived in.
/// </summary>
public sealed class ReportingRuleUpdateRecord : IUpdateFromAbove
{
    private IReadOnlyList<Rule>? parsed;

    private ReportingRuleUpdateRecord()
    {
    }

    public Guid Id { get; private set; }

    public string IssuerNodeId { get; private set; } = string.Empty;

    public string IssuerLevel { get; private set; } = string.Empty;

    public long Version { get; private set; }

    /// <summary>The rules as a <c>reporting-rules.json</c> document, as they crossed the link.</summary>
    public string Rules { get; private set; } = string.Empty;

    /// <summary>The codes of <see cref="Rules"/>, in their order.</summary>
    public List<string> Codes { get; private set; } = [];

    public string? Notice { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    /// <summary>The parent it came from; null when this node issued it.</summary>
    public string? SenderNodeId { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>The children the issuer named (this node's issues only; empty: every child).</summary>
    public List<string> ChildNodeIds { get; private set; } = [];

    /// <summary>The rules, checked as a rules file is; the issuer checked them too.</summary>
    public IReadOnlyList<Rule> ParsedRules => parsed ??= ReportingRuleCatalog.Parse(Rules, $"reporting-rule update v{Version} of {IssuerNodeId}").All;

    public static ReportingRuleUpdateRecord From(Wire.ReportingRuleUpdate update, string? senderNodeId, IReadOnlyList<string> childNodeIds, DateTimeOffset receivedAt)
    {
        var record = new ReportingRuleUpdateRecord
        {
            Id = update.UpdateId,
            IssuerNodeId = update.IssuerNodeId,
            IssuerLevel = update.IssuerLevel,
            Version = update.Version,
            Rules = update.Rules,
            Notice = update.Notice,
            IssuedAt = update.IssuedAt,
            SenderNodeId = senderNodeId,
            ReceivedAt = receivedAt,
            ChildNodeIds = [.. childNodeIds],
        };
        record.Codes = [.. record.ParsedRules.Select(r => r.Code)];
        return record;
    }

    public Rule RuleOf(string code) => ParsedRules.Single(r => r.Code == code);
}

/// <summary>The kept reporting-rule updates: their table, which rules are in force, and how they reach the scheduler.</summary>
public static class KeptReportingRuleUpdates
{
    public static ModelBuilder MapReportingRuleUpdates(this ModelBuilder modelBuilder) => modelBuilder.Entity<ReportingRuleUpdateRecord>(update =>
    {
        update.MapUpdateFromAbove("reporting_rule_updates");
        update.PrimitiveCollection(u => u.Codes);
        update.Ignore(u => u.ParsedRules);
    });

    /// <summary>
    /// The update each rule code follows, by the precedence of every update from above (<see cref="UpdatesFromAbove.InForce"/>):
    /// of each issuer its newest version that states the code, and of those the highest issuer's. A code no update states
    /// follows the rule shipped with the release; a code only this node's office issued follows its own rule.
    /// </summary>
    public static IReadOnlyList<(string Code, ReportingRuleUpdateRecord Update)> InForce(IEnumerable<ReportingRuleUpdateRecord> updates) =>
        UpdatesFromAbove.InForce(updates.SelectMany(u => u.Codes.Select(code => (code, u))));

    /// <summary>The codes <paramref name="update"/> is in force for among <paramref name="all"/>.</summary>
    public static IReadOnlyList<string> CodesInForce(IEnumerable<ReportingRuleUpdateRecord> all, Guid update) =>
        [.. InForce(all).Where(c => c.Update.Id == update).Select(c => c.Code)];

    /// <summary>Applies the kept updates, with those <paramref name="db"/> is about to add, to the node's rules.</summary>
    public static async Task RefreshAsync(PlanningDbContext db, ReportingRuleSource source, CancellationToken cancellationToken)
    {
        var stored = await db.ReportingRuleUpdates.AsNoTracking().ToListAsync(cancellationToken);
        var added = db.ChangeTracker.Entries<ReportingRuleUpdateRecord>().Where(e => e.State == EntityState.Added).Select(e => e.Entity);
        source.Merge(stored.Concat(added));
    }

    /// <summary>Keeps an update that came from above, once (by its id, or its issuer and version); the caller saves.</summary>
    public static async Task KeepReceivedAsync(PlanningDbContext db, Wire.ReportingRuleUpdateReceived received, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var update = received.Update;
        if (await db.ReportingRuleUpdates.AnyAsync(u => u.Id == update.UpdateId || (u.IssuerNodeId == update.IssuerNodeId && u.Version == update.Version), cancellationToken))
        {
            return;
        }
        db.ReportingRuleUpdates.Add(ReportingRuleUpdateRecord.From(update, received.SenderNodeId, [], now));
    }
}

/// <summary>
/// The reporting rules in force at this node: the rules shipped with the release (<c>reporting-rules.json</c>) with the rules
/// of the updates in force put in (<see cref="ReportingRuleCatalog.With"/>). <see cref="Current"/> is an immutable catalog
/// swapped whole, so a schedule is computed on one set of rules.
/// </summary>
public sealed class ReportingRuleSource
{
    private readonly ReportingRuleCatalog shipped = ReportingRuleCatalog.LoadEmbedded();
    private readonly UpdatesSeen<ReportingRuleUpdateRecord> seen = new();
    private volatile ReportingRuleCatalog current;

    public ReportingRuleSource() => current = shipped;

    public ReportingRuleCatalog Current => current;

    /// <summary>Joins <paramref name="updates"/> to those seen (<see cref="UpdatesSeen{T}"/>) and applies the rules in force.</summary>
    public void Merge(IEnumerable<ReportingRuleUpdateRecord> updates) =>
        seen.Merge(updates, known => current = shipped.With([.. KeptReportingRuleUpdates.InForce(known).Select(c => c.Update.RuleOf(c.Code))]));
}
