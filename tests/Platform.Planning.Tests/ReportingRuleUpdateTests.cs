using Platform.Contracts.Events.Federation;
using Platform.Planning.Module.Domain.ReportingRules;
using Platform.Planning.Module.Features.ReportingRuleUpdates;

namespace Platform.Planning.Tests;

/// <summary>Reporting rules from above (ADR 0024): how they join the shipped catalog and which version a code follows.</summary>
public sealed class ReportingRuleUpdateTests
{
    private static readonly DateTimeOffset Issued = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static string Document(string code, int days) =>
        $$"""{"rules": [{"code": "{{code}}", "name": "规则{{days}}", "description": "{{days}}日内报告", "deadlines": [{"kind": "triggerOffset", "key": "report", "label": "报告", "amount": {{days}}, "unit": "calendarDays"}]}]}""";

    private static ReportingRuleUpdateRecord Update(string issuer, string level, long version, string code, int days) =>
        ReportingRuleUpdateRecord.From(new ReportingRuleUpdate(Guid.NewGuid(), issuer, level, version, Document(code, days), null, Issued.AddMinutes(version)), null, [], Issued);

    private static int Days(ReportingRuleCatalog catalog, string code) =>
        ((TriggerOffsetDeadline)catalog.Get(code).Deadlines.Single()).Offset.Amount;

    [Fact]
    public void A_rule_from_above_replaces_the_shipped_rule_in_its_place_and_a_new_code_is_added_at_the_end()
    {
        var shipped = ReportingRuleCatalog.LoadEmbedded();
        var updated = shipped.With([.. ReportingRuleCatalog.Parse(Document("leader_instruction", 15), "t").All, .. ReportingRuleCatalog.Parse(Document("enforcement_review", 10), "t").All]);
        Assert.Equal([.. shipped.All.Select(r => r.Code), "enforcement_review"], updated.All.Select(r => r.Code));
        Assert.Equal((30, 15, 10), (Days(shipped, "leader_instruction"), Days(updated, "leader_instruction"), Days(updated, "enforcement_review")));
    }

    [Fact]
    public void An_older_version_arriving_late_changes_nothing_and_the_upper_office_wins_a_code_the_node_defined_itself()
    {
        var source = new ReportingRuleSource();
        source.Merge([Update("js-province", "province", 2, "leader_instruction", 10)]);
        source.Merge([Update("js-province", "province", 1, "leader_instruction", 15)]);
        Assert.Equal(10, Days(source.Current, "leader_instruction"));

        // The city's own office: its code of its own stays, its rule under the province's code does not win.
        source.Merge([Update("nt-city", "city", 1, "leader_instruction", 20), Update("nt-city", "city", 2, "nt_special_inspection", 5)]);
        Assert.Equal((10, 5), (Days(source.Current, "leader_instruction"), Days(source.Current, "nt_special_inspection")));
        // What a source has seen only grows: a merge of nothing keeps it.
        source.Merge([]);
        Assert.Equal(5, Days(source.Current, "nt_special_inspection"));
    }
}
