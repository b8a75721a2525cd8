using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Audit.V1;
using Platform.Contracts.Rectification.V1;
using Platform.Functional.Tests.Rectification;
using Platform.Rectification.Module.Infrastructure;

namespace Platform.Functional.Tests.Audit;

/// <summary>
/// An embedded node whose sealer's own timer is parked (tests seal through VerifyChain or the
/// sealer itself), with a checkpoint after every seal pass.
/// </summary>
public sealed class AuditNode : EmbeddedNodeFactory
{
    protected override void ConfigureNode(IWebHostBuilder builder)
    {
        builder.UseSetting("Audit:SealInterval", "01:00:00");
        builder.UseSetting("Edge:RateLimit:Enabled", "false");
        // The webhook registered (and deleted) by the trail tests points at loopback, which targets refuse by default.
        builder.UseSetting("Notification:Webhooks:AllowedNetworks:0", "127.0.0.0/8");
        builder.UseSetting("Rectification:Evaluator:Enabled", "false");
    }

    public AuditService.AuditServiceClient Audit => new(CreateGrpcChannel());

    public RectificationService.RectificationServiceClient Rectification => new(CreateGrpcChannel());

    public Metadata Auditor => SliceScenario.Bearer(Tokens.Issue("auditor-zhao", null, PlatformRoles.Auditor));

    public Metadata Clerk => SliceScenario.Bearer(Tokens.OfficeStaff("clerk-audit"));

    public Metadata Operator => SliceScenario.Bearer(Tokens.Issue("operator", null, PlatformRoles.NodeOperator));

    /// <summary>Feedback on the bus as inspection would publish it; returns the item of each finding, as the clerk reads it.</summary>
    public async Task<List<RectificationItem>> DeliverFindingsAsync(params string[] titles)
    {
        var findings = titles.Select(t => RectificationNode.Finding(t)).ToList();
        var feedback = RectificationNode.Feedback(Guid.CreateVersion7(), "崇川区市场监管局", findings);
        await Services.GetRequiredService<IBus>().Publish(feedback);
        var items = new List<RectificationItem>();
        foreach (var finding in findings)
        {
            items.Add(await Eventually.GetAsync(
                async () =>
                {
                    await using var scope = Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<RectificationDbContext>();
                    var id = await db.Items.Where(i => i.FindingId == finding.FindingId).Select(i => (Guid?)i.Id).SingleOrDefaultAsync();
                    return id is { } itemId ? await Rectification.GetItemAsync(new GetItemRequest { ItemId = itemId.ToString() }, Clerk) : null;
                },
                TimeSpan.FromSeconds(30),
                $"the item of finding {finding.FindingId}"));
        }
        return items;
    }

    public Task<long> SealAsync() => Services.GetRequiredService<AuditSealer>().SealAllAsync(CancellationToken.None);

    /// <summary>The audit tables of a store, as someone with database access sees them.</summary>
    public AuditStoreContext Store(string service) => Services.GetRequiredService<AuditStores>().Open(service);

    public async Task<List<Contracts.Audit.V1.AuditEntry>> SearchAllAsync(EntryFilter filter, int pageSize = 1000)
    {
        var all = new List<Contracts.Audit.V1.AuditEntry>();
        var token = string.Empty;
        do
        {
            var page = await Audit.SearchEntriesAsync(new SearchEntriesRequest { Filter = filter, PageSize = pageSize, PageToken = token }, Auditor);
            all.AddRange(page.Entries);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }
}
