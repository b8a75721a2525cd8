using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Federation;
using Platform.Contracts.Events.Planning;
using Proto = Platform.Contracts.Federation.V1;
using Platform.Testing;

namespace Platform.Functional.Tests.Federation;

/// <summary>Turns a received test message into a local TaskAssigned (task title = payload), committed with the inbox row.</summary>
public sealed class TestTaskHandler : IFederationMessageHandler
{
    public const string Name = "federation.test_task.v1";

    public string WireName => Name;

    public Task ApplyAsync(FederationDbContext db, FederationLink link, FederationEnvelope envelope, CancellationToken cancellationToken)
    {
        db.AddIntegrationEvent(new TaskAssigned(
            Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年工作要点", envelope.MessageId, 1, envelope.Payload,
            new DateOnly(2026, 12, 31), Guid.CreateVersion7(), "南通市司法局", "federation",
            envelope.OccurredAt, link.PeerNodeId));
        return Task.CompletedTask;
    }
}

/// <summary>An embedded node on real Kestrel ports, with its federation listener (mutual TLS) on a loopback port.</summary>
public sealed class FederationNode : EmbeddedNodeFactory
{
    private readonly string _nodeId;
    private readonly string _level;
    private readonly string _region;
    private readonly int _grpcPort = LoopbackPorts.Free();
    private readonly int _httpPort = LoopbackPorts.Free();
    private readonly int _federationPort = LoopbackPorts.Free();

    public FederationNode(string nodeId, string level, string region)
    {
        _nodeId = nodeId;
        _level = level;
        _region = region;
        UseKestrel();
    }

    public string FederationAddress => $"https://127.0.0.1:{_federationPort}";

    /// <summary>The node's REST (JSON transcoding) endpoint.</summary>
    public Uri HttpAddress => new($"http://127.0.0.1:{_httpPort}");

    protected override string NodeIdentity => _nodeId;

    public Metadata Operator => SliceScenario.Bearer(Tokens.Issue("operator", null, PlatformRoles.NodeOperator));

    public GrpcChannel KestrelChannel() => KestrelChannelTo(_grpcPort);

    public Proto.FederationLinks.FederationLinksClient Links() => new(KestrelChannel());

    public async Task<T> InStoreAsync<T>(Func<FederationDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<FederationDbContext>());
    }

    protected override void ConfigureNode(IWebHostBuilder builder)
    {
        builder.UseSetting("Node:Level", _level);
        builder.UseSetting("Node:RegionCode", _region);
        builder.UseSetting("Kestrel:Endpoints:Http:Url", $"http://127.0.0.1:{_httpPort}");
        builder.UseSetting("Kestrel:Endpoints:Grpc:Url", $"http://127.0.0.1:{_grpcPort}");
        builder.UseSetting("Federation:ListenUrl", FederationAddress);
        builder.UseSetting("Federation:PublicAddress", FederationAddress);
        builder.UseSetting("Federation:DeliveryRetries", "0");
        builder.ConfigureServices(services => services.AddSingleton<IFederationMessageHandler, TestTaskHandler>());
    }
}

/// <summary>Two embedded nodes, a province and one of its cities, joined over their real federation listeners.</summary>
public sealed class FederationHierarchyTests : IDisposable
{
    private readonly FederationNode _province = new("js-province", "Province", "320000");
    private readonly FederationNode _city = new("nt-city", "City", "320600");

    public FederationHierarchyTests()
    {
        _province.StartServer();
        _city.StartServer();
    }

    [Fact]
    public async Task A_city_enrols_with_its_province_receives_a_message_as_a_local_event_and_is_refused_once_revoked()
    {
        var provinceLinks = _province.Links();
        var cityLinks = _city.Links();

        var code = await provinceLinks.CreateEnrolmentCodeAsync(new() { ChildRegionCode = "320600" }, _province.Operator);
        var registered = await cityLinks.RegisterAsync(new()
        {
            ParentAddress = _province.FederationAddress,
            EnrolmentCode = code.Code,
            ParentCertificateThumbprint = code.ParentCertificateThumbprint,
        }, _city.Operator);
        Assert.Equal(("parent", "pending", "js-province"), (registered.Role, registered.State, registered.PeerNodeId));

        // While the parent link is pending, a second registration is refused by the city itself (the code is spent anyway).
        var again = await Assert.ThrowsAsync<RpcException>(async () => await RegisterChildAgainAsync(code));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);

        var pending = Assert.Single((await provinceLinks.ListLinksAsync(new(), _province.Operator)).Links);
        Assert.Equal(("child", "pending", "nt-city", "320600"), (pending.Role, pending.State, pending.PeerNodeId, pending.PeerRegionCode));
        var approved = await provinceLinks.ApproveLinkAsync(new() { LinkId = pending.LinkId }, _province.Operator);
        Assert.Equal("active", approved.State);

        // The city collects its certificate on its next round and its parent link becomes active.
        await Until(async () =>
            (await cityLinks.ListLinksAsync(new(), _city.Operator)).Links.Single().State == "active", TimeSpan.FromSeconds(20));

        // A message for the city crosses the listener and becomes the city's own event.
        var linkId = Guid.Parse(pending.LinkId);
        var first = Guid.CreateVersion7();
        await EnqueueAsync(linkId, first, "健全重大行政决策程序制度");
        await Until(() => _city.InStoreAsync(async db =>
            (await db.OutboxMessages.Where(m => m.Payload.Contains(first.ToString())).CountAsync()) == 1), TimeSpan.FromSeconds(20));
        var cityParent = await _city.InStoreAsync(db => db.Links.AsNoTracking().SingleAsync());
        Assert.Equal(1, cityParent.LastReceivedSequence);
        // The province marks the batch delivered when the city's answer arrives, just after the city's commit.
        await Until(async () => (await provinceLinks.ListLinksAsync(new(), _province.Operator)).Links.Single().Backlog == 0, TimeSpan.FromSeconds(20));

        // Revoked by the city: the province's next delivery is refused and its message stays in the backlog.
        await cityLinks.RevokeLinkAsync(new() { LinkId = cityParent.Id.ToString() }, _city.Operator);
        var second = Guid.CreateVersion7();
        await EnqueueAsync(linkId, second, "推进严格规范公正文明执法");
        await Until(() => _province.InStoreAsync(async db =>
            await db.LinkOutbox.AnyAsync(m => m.MessageId == second && m.Attempts > 0 && m.LastError != null)), TimeSpan.FromSeconds(20));
        // The province learns from the refusal: its link still active with the backlog kept, and refused by the peer.
        var status = await Eventually.GetAsync(async () =>
            (await provinceLinks.ListLinksAsync(new(), _province.Operator)).Links.SingleOrDefault(l => l.RefusedByPeerAt.Length > 0),
            TimeSpan.FromSeconds(20), "the province's link to show the city's refusal");
        Assert.Equal(("active", 1), (status.State, status.Backlog));
        Assert.NotEmpty(status.RefusedByPeer);
        Assert.Contains("PermissionDenied", await _province.InStoreAsync(db => db.LinkOutbox.Where(m => m.MessageId == second).Select(m => m.LastError!).SingleAsync()));
        Assert.Equal(0, await _city.InStoreAsync(db => db.OutboxMessages.CountAsync(m => m.Payload.Contains(second.ToString()))));
    }

    [Fact]
    public async Task The_exchange_refuses_a_call_that_does_not_come_over_the_federation_listener()
    {
        var exchange = new Proto.FederationExchange.FederationExchangeClient(_province.KestrelChannel());
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await exchange.DeliverAsync(new Proto.DeliverRequest()));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    private static Task Until(Func<Task<bool>> condition, TimeSpan timeout) =>
        Eventually.GetAsync<object>(async () => await condition() ? true : null, timeout, "the federation step");

    private async Task RegisterChildAgainAsync(Proto.CreateEnrolmentCodeResponse code)
    {
        // A second registration with the same code: the city's own pending parent link refuses it first.
        await _city.Links().RegisterAsync(new()
        {
            ParentAddress = _province.FederationAddress,
            EnrolmentCode = code.Code,
            ParentCertificateThumbprint = code.ParentCertificateThumbprint,
        }, _city.Operator);
    }

    private Task EnqueueAsync(Guid linkId, Guid messageId, string title) => _province.InStoreAsync(async db =>
    {
        await LinkOutbox.EnqueueAsync(db, linkId, messageId, TestTaskHandler.Name, title, DateTimeOffset.UtcNow, CancellationToken.None);
        return await db.SaveChangesAsync();
    });

    public void Dispose()
    {
        _city.Dispose();
        _province.Dispose();
    }
}
