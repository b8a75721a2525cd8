using System.Text;
using Platform.Contracts.Audit.V1;
using Platform.Contracts.Inspection.V1;
using Platform.Contracts.Notification.V1;
using Platform.Contracts.Planning.V1;

namespace Platform.Integration.Tests;

/// <summary>
/// The audit trail of a distributed node: each service appends to its own PostgreSQL store, the
/// gateway chains and signs them, and the auditor searches and verifies them all through it.
/// </summary>
[Collection(DistributedNodeCollection.Name)]
public sealed class AuditDistributedTests(DistributedNode node)
{
    [SkippableFact]
    public async Task The_auditor_sees_entries_of_several_services_through_the_gateway_and_a_clean_chain()
    {
        node.SkipIfUnavailable();
        var channel = node.CreateGatewayChannel();
        var user = SliceScenario.UniqueName("clerk-");
        var clerk = SliceScenario.Bearer(node.Tokens.OfficeStaff(user));
        var auditor = SliceScenario.Bearer(node.Tokens.Issue(SliceScenario.UniqueName("auditor-"), null, "auditor"));

        var unit = await new PlanningService.PlanningServiceClient(channel).CreateUnitAsync(
            new CreateUnitRequest { Name = SliceScenario.UniqueName("南通市审计局"), ShortName = "市审计局", Kind = "department", RegionCode = "320600" }, clerk);
        var notification = new NotificationService.NotificationServiceClient(channel);
        var contact = await notification.UpsertContactAsync(
            new UpsertContactRequest { Role = "discipline", UnitName = "市纪委监委", UserId = SliceScenario.UniqueName("jw-"), Name = "纪委监委第三室" }, clerk);
        await notification.DeleteContactAsync(new DeleteContactRequest { ContactId = contact.Id }, clerk);
        await new InspectionService.InspectionServiceClient(channel).ListFindingsAsync(new ListFindingsRequest(), clerk);

        var audit = new AuditService.AuditServiceClient(channel);
        var entries = await Eventually.GetAsync(
            async () =>
            {
                var page = await audit.SearchEntriesAsync(new SearchEntriesRequest { Filter = new EntryFilter { UserId = user }, PageSize = 100 }, auditor);
                return page.Entries.Select(e => e.Service).Distinct().Count() >= 3 && page.Entries.All(e => e.Sequence > 0) ? page.Entries : null;
            },
            TimeSpan.FromSeconds(30),
            "entries of three services, chained by the gateway's sealer");
        Assert.Contains(entries, e => e.Service == "planning" && e.Operation == "create" && e.EntityId == unit.Id);
        Assert.Contains(entries, e => e.Service == "notification" && e.Operation == "delete" && e.EntityId == contact.Id);
        Assert.Contains(entries, e => e.Service == "inspection" && e.Operation == "read" && e.EntityType == "finding");
        Assert.All(entries, e => Assert.Equal((DistributedNode.NodeId, user), (e.NodeId, e.UserId)));
        // The gateway forwarded the caller's address; the service saw the gateway.
        Assert.All(entries, e => Assert.Contains("127.0.0.1", e.ClientAddress, StringComparison.Ordinal));

        var verified = await audit.VerifyChainAsync(new VerifyChainRequest(), auditor);
        Assert.True(verified.Intact, string.Join("; ", verified.Stores.Where(s => !s.Intact).Select(s => s.FirstBreak.Description)));
        // The five services, the gateway's federation store and its console's account store.
        Assert.Equal(7, verified.Stores.Count);
        Assert.Contains(verified.Stores, s => s.Service == "federation");
        // The console's account store at the gateway (its first-run operator account was recorded there).
        Assert.Contains(verified.Stores, s => s.Service == "console");
        foreach (var service in new[] { "planning", "inspection", "notification" })
        {
            var store = Assert.Single(verified.Stores, s => s.Service == service);
            Assert.True(store.EntriesChecked > 0 && store.CheckpointsChecked > 0, $"{service}: {store.EntriesChecked} entries, {store.CheckpointsChecked} checkpoints");
        }

        using var http = node.CreateGatewayClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auditor.GetValue("authorization")!["Bearer ".Length..]);
        var csv = await http.GetAsync($"/api/audit/v1/entries.csv?user_id={user}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(entries.Count + 1, lines.Length);

        var denied = await Assert.ThrowsAsync<RpcException>(() => audit.SearchEntriesAsync(new SearchEntriesRequest(), clerk).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }
}
