using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Federation;

namespace Platform.Functional.Tests.Federation;

/// <summary>Deliveries on a link reuse one TLS connection instead of a handshake per batch.</summary>
public sealed class FederationConnectionTests : IDisposable
{
    private readonly FederationNode _province = new("js-province", "Province", "320000");
    private readonly FederationNode _city = new("nt-city", "City", "320600");

    public FederationConnectionTests()
    {
        _province.StartServer();
        _city.StartServer();
    }

    [Fact]
    public async Task A_province_refuses_to_register_with_a_parent_up_front_naming_its_level_setting()
    {
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await _province.Links().RegisterAsync(new()
        {
            ParentAddress = _city.FederationAddress, EnrolmentCode = "ABCD-EFGH", ParentCertificateThumbprint = new string('a', 64),
        }, _province.Operator));
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("Node:Level", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(await _province.InStoreAsync(db => db.Links.ToListAsync()));
    }

    [Fact]
    public async Task Ten_rounds_of_delivery_to_a_child_take_one_handshake_at_its_listener()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var linkId = await _province.InStoreAsync(db => db.Links.Where(l => l.PeerNodeId == "nt-city").Select(l => l.Id).SingleAsync());
        var cityPort = new Uri(_city.FederationAddress).Port;
        var handshakes = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Server.Kestrel" && instrument.Name == "kestrel.tls_handshake.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "server.port" && Convert.ToInt32(tag.Value, System.Globalization.CultureInfo.InvariantCulture) == cityPort)
                {
                    Interlocked.Increment(ref handshakes);
                }
            }
        });
        listener.Start();

        for (var round = 1; round <= 10; round++)
        {
            var messageId = Guid.CreateVersion7();
            await _province.InStoreAsync(async db =>
            {
                await LinkOutbox.EnqueueAsync(db, linkId, messageId, TestTaskHandler.Name, $"第{round}批", DateTimeOffset.UtcNow, default);
                return await db.SaveChangesAsync();
            });
            await FederationFlow.Until(() => _province.InStoreAsync(db => db.LinkOutbox.AnyAsync(m => m.MessageId == messageId && m.DeliveredAt != null)), $"batch {round} to be delivered");
        }
        Assert.Equal(10, await _city.InStoreAsync(db => db.LinkInbox.CountAsync(m => m.WireName == TestTaskHandler.Name)));
        Assert.Equal(1, Volatile.Read(ref handshakes));
    }

    public void Dispose()
    {
        _city.Dispose();
        _province.Dispose();
    }
}
