using System.Text;
using Platform.Contracts.Audit.V1;
using Platform.Contracts.Inspection.V1;
using Platform.Contracts.Notification.V1;
using Platform.Contracts.Rectification.V1;

namespace Platform.Functional.Tests.Audit;

/// <summary>What the trail records, who may read it, searching and exporting, a clean verification.</summary>
public sealed class AuditTrailTests(AuditNode node) : IClassFixture<AuditNode>
{
    private const string RectificationRpc = "/platform.rectification.v1.RectificationService/";

    [Fact]
    public async Task Writes_and_confidential_reads_are_recorded_with_who_when_where_and_what()
    {
        var item = (await node.DeliverFindingsAsync("行政处罚信息未按时公示"))[0];
        await node.Rectification.AssignResponsibilityAsync(
            new AssignResponsibilityRequest { ItemId = item.Id, ResponsiblePerson = "李主任", Note = "限期整改" }, node.Clerk);
        using var http = node.CreateClient();
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/rectification/v1/items/{item.Id}");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff("clerk-audit"));
        read.Headers.Add("X-Forwarded-For", "203.0.113.7");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(read)).StatusCode);

        var entries = await node.SearchAllAsync(new EntryFilter { Service = "rectification", EntityId = item.Id });

        // Opened by the consumer of inspection's feedback: a system write.
        var created = Assert.Single(entries, e => e.Operation == "create" && e.EntityType == "rectification_items");
        Assert.Equal(("system", EmbeddedNodeFactory.NodeId), (created.UserId, created.NodeId));
        // Changed by the clerk: who, through which RPC, which columns, never the values.
        var updated = Assert.Single(entries, e => e.Operation == "update" && e.EntityType == "rectification_items");
        Assert.Equal(("clerk-audit", RectificationRpc + "AssignResponsibility"), (updated.UserId, updated.Action));
        Assert.NotEmpty(updated.Detail);
        Assert.DoesNotContain("李主任", updated.Detail, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse(updated.RecordedAt, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(-5));
        // Read over gRPC and over REST, from where the edge saw the caller.
        var reads = entries.Where(e => e.Operation == "read" && e.EntityType == "rectification_item" && e.Action == RectificationRpc + "GetItem").ToList();
        Assert.True(reads.Count >= 2, $"expected the gRPC and the REST read, got {reads.Count}");
        Assert.All(reads, r => Assert.Equal("clerk-audit", r.UserId));
        Assert.Contains(reads, r => r.ClientAddress == "203.0.113.7");

        // A list of confidential material records its filters.
        await node.Rectification.ListLedgerAsync(new ListLedgerRequest { UnitId = item.UnitId }, node.Clerk);
        var ledgerReads = await node.SearchAllAsync(new EntryFilter { Service = "rectification", EntityType = "ledger", UserId = "clerk-audit" });
        Assert.Contains(ledgerReads, e => e.Detail.Contains(item.UnitId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deletions_and_changes_of_keys_rights_and_settings_are_recorded()
    {
        var notification = new NotificationService.NotificationServiceClient(node.CreateGrpcChannel());
        var inspection = new InspectionService.InspectionServiceClient(node.CreateGrpcChannel());
        var contact = await notification.UpsertContactAsync(
            new UpsertContactRequest { Role = "discipline", UnitName = "市纪委监委", UserId = SliceScenario.UniqueName("jw-"), Name = "纪委监委第三室" }, node.Clerk);
        await notification.DeleteContactAsync(new DeleteContactRequest { ContactId = contact.Id }, node.Clerk);
        var again = await Assert.ThrowsAsync<RpcException>(() => notification.DeleteContactAsync(new DeleteContactRequest { ContactId = contact.Id }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, again.StatusCode);
        var hook = await notification.CreateWebhookSubscriptionAsync(
            new CreateWebhookSubscriptionRequest { Name = "政务OA", Url = "http://127.0.0.1:9/hooks", Secret = "oa-secret-0123456789abcdef" }, node.Operator);
        await notification.DeleteWebhookSubscriptionAsync(new DeleteWebhookSubscriptionRequest { SubscriptionId = hook.Id }, node.Operator);
        var integrator = await inspection.RegisterIntegratorAsync(
            new RegisterIntegratorRequest { Name = SliceScenario.UniqueName("12345热线-"), AllowedSources = { "hotline_12345" } }, node.Operator);
        await inspection.RevokeIntegratorAsync(new RevokeIntegratorRequest { IntegratorId = integrator.Integrator.Id }, node.Operator);
        await notification.UpdateMyPreferencesAsync(new UpdateMyPreferencesRequest { QuietFrom = "22:00", QuietUntil = "07:00" }, node.Clerk);

        var deletions = await node.SearchAllAsync(new EntryFilter { Service = "notification", Operation = "delete" });
        Assert.Contains(deletions, e => e.EntityId == contact.Id && e.UserId == "clerk-audit" && e.Action.EndsWith("/DeleteContact", StringComparison.Ordinal));
        Assert.Contains(deletions, e => e.EntityId == hook.Id && e.UserId == "operator" && e.Action.EndsWith("/DeleteWebhookSubscription", StringComparison.Ordinal));

        var key = await node.SearchAllAsync(new EntryFilter { Service = "inspection", EntityId = integrator.Integrator.Id });
        Assert.Contains(key, e => e.Operation == "create" && e.UserId == "operator");
        Assert.Contains(key, e => e.Operation == "update" && e.Action.EndsWith("/RevokeIntegrator", StringComparison.Ordinal));

        var preferences = await node.SearchAllAsync(new EntryFilter
        {
            UserId = "clerk-audit", Action = "/platform.notification.v1.NotificationService/UpdateMyPreferences",
        });
        Assert.NotEmpty(preferences);
        Assert.All(preferences, e => Assert.Equal("notification", e.Service));
    }

    [Fact]
    public async Task Only_the_auditor_may_search_export_or_verify_the_trail()
    {
        var others = new[]
        {
            node.Clerk, node.Operator, SliceScenario.Bearer(node.Tokens.Observer()),
            SliceScenario.Bearer(node.Tokens.Liaison(Guid.CreateVersion7())),
            SliceScenario.Bearer(node.Tokens.Issue("inspector-li", null, Platform.BuildingBlocks.Auth.PlatformRoles.Inspector)),
        };
        foreach (var caller in others)
        {
            var search = await Assert.ThrowsAsync<RpcException>(() => node.Audit.SearchEntriesAsync(new SearchEntriesRequest(), caller).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, search.StatusCode);
            var verify = await Assert.ThrowsAsync<RpcException>(() => node.Audit.VerifyChainAsync(new VerifyChainRequest(), caller).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, verify.StatusCode);
            var export = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                using var call = node.Audit.ExportEntries(new ExportEntriesRequest(), caller);
                await call.ResponseStream.MoveNext(CancellationToken.None);
            });
            Assert.Equal(StatusCode.PermissionDenied, export.StatusCode);
        }
        using var http = node.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff());
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/audit/v1/entries.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/audit/v1/entries")).StatusCode);
    }

    [Fact]
    public async Task An_auditor_reads_no_case_material()
    {
        var item = (await node.DeliverFindingsAsync("行政复议决定未履行"))[0];
        var calls = new Func<Task>[]
        {
            () => node.Rectification.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.Auditor).ResponseAsync,
            () => node.Rectification.ListItemsAsync(new ListItemsRequest(), node.Auditor).ResponseAsync,
            () => node.Rectification.ListLedgerAsync(new ListLedgerRequest { UnitId = item.UnitId }, node.Auditor).ResponseAsync,
            () => new InspectionService.InspectionServiceClient(node.CreateGrpcChannel()).ListFindingsAsync(new ListFindingsRequest(), node.Auditor).ResponseAsync,
            () => new NotificationService.NotificationServiceClient(node.CreateGrpcChannel()).ListDocumentsAsync(new ListDocumentsRequest(), node.Auditor).ResponseAsync,
        };
        foreach (var call in calls)
        {
            var denied = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        }
        // A refused read left no read entry: nothing was read.
        Assert.DoesNotContain(await node.SearchAllAsync(new EntryFilter { UserId = "auditor-zhao" }), e => e.Operation == "read");
    }

    [Fact]
    public async Task The_auditor_pages_filters_and_exports_the_trail()
    {
        foreach (var title in new[] { "执法证件管理不规范", "听证程序缺失", "法律顾问制度未落实" })
        {
            var item = (await node.DeliverFindingsAsync(title))[0];
            await node.Rectification.AssignResponsibilityAsync(new AssignResponsibilityRequest { ItemId = item.Id, ResponsiblePerson = "王科长" }, node.Clerk);
        }
        var filter = new EntryFilter { Service = "rectification", UserId = "clerk-audit" };
        var whole = await node.SearchAllAsync(filter);
        var paged = await node.SearchAllAsync(filter, pageSize: 2);
        Assert.True(whole.Count >= 6, $"expected at least six entries, got {whole.Count}");
        Assert.Equal(whole.Select(e => e.Id), paged.Select(e => e.Id));
        Assert.Equal(whole.Count, paged.Select(e => e.Id).Distinct().Count());
        Assert.All(whole, e => Assert.Equal(("rectification", "clerk-audit"), (e.Service, e.UserId)));
        Assert.Empty(await node.SearchAllAsync(new EntryFilter { From = DateTimeOffset.UtcNow.AddDays(1).ToString("O") }));

        var bad = await Assert.ThrowsAsync<RpcException>(() => node.Audit.SearchEntriesAsync(new SearchEntriesRequest
        {
            Filter = new EntryFilter { From = "yesterday", Service = "payroll", Operation = "peek" },
            PageSize = 5000,
            PageToken = "not-a-token!",
        }, node.Auditor).ResponseAsync);
        SliceScenario.AssertBadRequest(bad, "filter.service", "filter.from", "filter.operation", "page_size", "page_token");

        using var call = node.Audit.ExportEntries(new ExportEntriesRequest { Filter = filter }, node.Auditor);
        var bytes = new List<byte>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            bytes.AddRange(call.ResponseStream.Current.Data.ToByteArray());
        }
        var csv = Encoding.UTF8.GetString([.. bytes]);
        Assert.StartsWith("\uFEFFid,recorded_at,node_id,service,user_id,client_address,action,operation,entity_type,entity_id,detail,sequence,hash\r\n", csv, StringComparison.Ordinal);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(whole.Count + 1, lines.Length);
        Assert.Equal(whole.Select(e => e.Id), lines.Skip(1).Select(l => l.Split(',')[0]));

        using var http = node.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Issue("auditor-zhao", null, Platform.BuildingBlocks.Auth.PlatformRoles.Auditor));
        var response = await http.GetAsync("/api/audit/v1/entries.csv?service=rectification&user_id=clerk-audit");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(csv, Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
        var restBad = await http.GetAsync("/api/audit/v1/entries.csv?from=soon");
        Assert.Equal(HttpStatusCode.BadRequest, restBad.StatusCode);
        Assert.Contains("filter.from", await restBad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untouched_trail_verifies_clean_in_every_store()
    {
        await node.DeliverFindingsAsync("重大决策未公开征求意见");
        var result = await node.Audit.VerifyChainAsync(new VerifyChainRequest(), node.Auditor);

        Assert.True(result.Intact);
        // The five services', the federation store's and the console's account changes (consoledb).
        Assert.Equal(["planning", "inspection", "rectification", "assessment", "notification", "federation", "console"], result.Stores.Select(s => s.Service));
        var rectification = Assert.Single(result.Stores, s => s.Service == "rectification");
        Assert.True(rectification.EntriesChecked > 0);
        Assert.True(rectification.CheckpointsChecked > 0);
        Assert.Equal(0, rectification.UnsealedEntries);
        Assert.Null(rectification.FirstBreak);
        Assert.Matches("^[0-9a-f]{64}$", result.KeyId);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", result.PublicKeyPem, StringComparison.Ordinal);

        // Every entry now carries its place and hash.
        var sealedEntries = await node.SearchAllAsync(new EntryFilter { Service = "rectification" });
        Assert.All(sealedEntries, e => Assert.True(e.Sequence > 0 && e.Hash.Length == 64));

        var badService = await Assert.ThrowsAsync<RpcException>(() => node.Audit.VerifyChainAsync(new VerifyChainRequest { Service = "payroll" }, node.Auditor).ResponseAsync);
        SliceScenario.AssertBadRequest(badService, "service");
    }
}
