using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.AuditTrail;
using Platform.Contracts.Rectification.V1;
using Platform.Functional.Tests.Rectification;

namespace Platform.Functional.Tests.Audit;

/// <summary>The escalation evaluator proposes steps with set-based updates; those writes are in the trail too.</summary>
[Collection(RectificationNodeCollection.Name)]
public sealed class EscalationAuditTests(RectificationNode node)
{
    [Fact]
    public async Task Proposals_made_in_bulk_by_the_evaluator_are_recorded()
    {
        node.SetToday(new DateOnly(2026, 3, 2));
        var item = await node.DeliverAsync(RectificationNode.Feedback(Guid.CreateVersion7(), "崇川区城管局", [RectificationNode.Finding("占道经营整治不力")]));
        var deadline = DateOnly.Parse(item.Deadline, System.Globalization.CultureInfo.InvariantCulture);
        node.SetToday(node.Calendar.AddWorkingDays(deadline, 1));
        await node.EvaluateAsync();
        await node.EvaluateAsync();
        Assert.Equal("reminder", (await node.Rectification.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.Clerk)).ProposedStep);

        await using var db = node.Services.GetRequiredService<AuditStores>().Open("rectification");
        var proposals = await db.Entries.Where(e => e.EntityType == "rectification_items" && e.Detail.Contains("proposed")).ToListAsync();
        var entry = Assert.Single(proposals);
        Assert.Equal(("system", "update"), (entry.UserId, entry.Operation));
        Assert.Contains("step 1 proposed for 1 items", entry.Detail, StringComparison.Ordinal);
    }
}
