using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Contracts.Events.Planning;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Module.Features.Overdue;
using Platform.Planning.Module.Infrastructure;

namespace Platform.Functional.Tests.Planning;

/// <summary>
/// An embedded node whose clock the test moves, so deadlines, late reports and overdue
/// assignments happen on real calendar dates. Background scans are slowed down: tests run them.
/// Tokens stay on the real clock, which is the one the token validation reads.
/// </summary>
public class PlanningNode : EmbeddedNodeFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 9, 1, 1, 0, 0, TimeSpan.Zero));

    protected override void ConfigureNode(IWebHostBuilder builder)
    {
        builder.UseSetting("Planning:Overdue:ScanInterval", "01:00:00");
        builder.UseSetting("Edge:RateLimit:Enabled", "false");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public PlanningService.PlanningServiceClient Planning => new(CreateGrpcChannel());

    public Metadata Clerk => SliceScenario.Bearer(Tokens.OfficeStaff());

    public Metadata LiaisonOf(string unitId) => SliceScenario.Bearer(Tokens.Liaison(Guid.Parse(unitId), "liaison-" + unitId[..8]));

    /// <summary>Sets the clock to 09:00 China time on the given date.</summary>
    public void SetToday(int year, int month, int day) =>
        Clock.AdjustTime(new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.FromHours(8)));

    public Task<int> ScanOverdueAsync() => Services.GetRequiredService<OverdueScanner>().ScanOnceAsync(CancellationToken.None);

    /// <summary>The event types written to planning's outbox, oldest first.</summary>
    public async Task<List<string>> OutboxEventTypesAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanningDbContext>();
        return await db.OutboxMessages.OrderBy(m => m.OccurredAt).Select(m => m.MessageType).ToListAsync();
    }

    /// <summary>The AssignmentOverdue events about one plan in the outbox, oldest first: scans see every plan on the node, this only the test's own.</summary>
    public async Task<List<AssignmentOverdue>> OverdueEventsAsync(string planId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await OutboxEvents.AboutAsync<AssignmentOverdue>(scope.ServiceProvider.GetRequiredService<PlanningDbContext>(), Guid.Parse(planId));
    }

    public async Task<Unit> CreateUnitAsync(string name, string kind = "department", string region = "320600", params string[] aliases)
    {
        var request = new CreateUnitRequest { Name = name + SliceScenario.UniqueName("#"), Kind = kind, RegionCode = region };
        request.Aliases.AddRange(aliases);
        return await Planning.CreateUnitAsync(request, Clerk);
    }
}
