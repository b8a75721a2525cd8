using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Node;

namespace Platform.BuildingBlocks.Tests.Federation;

/// <summary>The delivery worker as an edge hosts it: from the container, over every active link.</summary>
public sealed class LinkDeliveryWorkerTests : CityAndCounty
{

    [Fact]
    public async Task A_round_delivers_every_active_link_and_reports_the_backlog_gauge()
    {
        var transport = new LoopbackTransport(City.NodeThumbprint, County) { FailNextCalls = 100 };
        await using var provider = CityProcess(transport, new Dictionary<string, string?> { ["Federation:DeliveryRetries"] = "0" });
        var linkId = await LinkAsync(provider);
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
            await LinkOutbox.EnqueueAsync(db, linkId, Guid.CreateVersion7(), TestTaskHandler.Name, "一", Clock.GetUtcNow(), default);
            await LinkOutbox.EnqueueAsync(db, linkId, Guid.CreateVersion7(), TestTaskHandler.Name, "二", Clock.GetUtcNow(), default);
            await db.SaveChangesAsync();
        }
        var worker = provider.GetRequiredService<LinkDeliveryWorker>();
        Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await worker.RunOnceAsync(default));
        Assert.Equal((2.0, 600.0), (ReadGauge("platform.federation.link.backlog"), ReadGauge("platform.federation.link.oldest_age")));

        transport.FailNextCalls = 0;
        Assert.Equal(2, await worker.RunOnceAsync(default));
        Assert.Equal((0.0, 0.0), (ReadGauge("platform.federation.link.backlog"), ReadGauge("platform.federation.link.oldest_age")));
        Assert.Equal((double)LinkState.Active, ReadGauge("platform.federation.link.state"));
    }

    [Fact]
    public async Task A_round_serves_its_links_at_once_and_each_link_in_sequence_order()
    {
        var transport = new CountingTransport(waitForCallsAtOnce: 3);
        await using var provider = CityProcess(transport, new Dictionary<string, string?>
        {
            ["Federation:DeliveryParallelism"] = "3", ["Federation:DeliveryBatchSize"] = "2", ["Federation:DeliveryRetries"] = "0",
        });
        var links = new List<Guid>();
        await using (var scope = provider.CreateAsyncScope())
        {
            var enrolment = scope.ServiceProvider.GetRequiredService<Enrolment>();
            var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
            foreach (var (id, region) in new[] { ("chongchuan", "320602"), ("gangzha", "320611"), ("tongzhou", "320612") })
            {
                var code = await enrolment.CreateCodeAsync(region, default);
                var (key, request) = FederationCertificateAuthority.CreateRequest(id);
                using (key)
                {
                    var link = await enrolment.RegisterChildAsync(code.Code, id, region, request, default);
                    await enrolment.ApproveAsync(link.Id, City.Authority, default);
                    links.Add(link.Id);
                }
                for (var i = 1; i <= 5; i++)
                {
                    await LinkOutbox.EnqueueAsync(db, links[^1], Guid.CreateVersion7(), TestTaskHandler.Name, $"{id}-{i}", Clock.GetUtcNow(), default);
                }
                await db.SaveChangesAsync();
            }
        }

        // Three links, three batches each: the first calls wait until all three links are in flight at once.
        Assert.Equal(15, await provider.GetRequiredService<LinkDeliveryWorker>().RunOnceAsync(default));
        Assert.Equal(3, transport.MostAtOnce);
        foreach (var link in links)
        {
            Assert.Equal([1L, 2L, 3L, 4L, 5L], transport.Sent[link]);
        }
    }

    [Fact]
    public async Task A_message_committed_to_a_link_goes_at_once_not_at_the_next_poll()
    {
        var transport = new LoopbackTransport(City.NodeThumbprint, County);
        await using var provider = CityProcess(transport, new Dictionary<string, string?>
        {
            ["Federation:DeliveryRetries"] = "0", ["Federation:PollInterval"] = "01:00:00",
        });
        var linkId = await LinkAsync(provider);
        var worker = provider.GetRequiredService<LinkDeliveryWorker>();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            // The first round (at start) has served the links once it reported their gauges.
            var started = System.Diagnostics.Stopwatch.StartNew();
            while (TryReadGauge("platform.federation.link.state") is null && started.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20);
            }
            Assert.NotNull(TryReadGauge("platform.federation.link.state"));

            // Written without the interceptor (as from outside the process): nothing wakes the worker, the row waits
            // for the poll an hour away.
            Guid unsignalled;
            await using (var outside = City.NewContext())
            {
                unsignalled = await EnqueueAsync(outside, linkId, "无信号");
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.False(await DeliveredAsync(unsignalled), "a row nobody signalled went out before the poll");

            // Written through the edge's store: the commit wakes the worker, which sends both rows at once.
            await using var scope = provider.CreateAsyncScope();
            var signalled = await EnqueueAsync(scope.ServiceProvider.GetRequiredService<FederationDbContext>(), linkId, "有信号");
            started.Restart();
            while (!await DeliveredAsync(signalled) && started.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20);
            }
            Assert.True(await DeliveredAsync(signalled), "the signalled row did not go out within 30 s (the poll is 1 h)");
            Assert.True(await DeliveredAsync(unsignalled));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    private async Task<Guid> EnqueueAsync(FederationDbContext db, Guid linkId, string payload)
    {
        var messageId = Guid.CreateVersion7();
        await LinkOutbox.EnqueueAsync(db, linkId, messageId, TestTaskHandler.Name, payload, Clock.GetUtcNow(), default);
        await db.SaveChangesAsync();
        return messageId;
    }

    private async Task<bool> DeliveredAsync(Guid messageId)
    {
        await using var db = City.NewContext();
        return await db.LinkOutbox.AnyAsync(m => m.MessageId == messageId && m.DeliveredAt != null);
    }

    [Fact]
    public async Task A_bad_setting_stops_the_start_naming_it()
    {
        await using var provider = CityProcess(new LoopbackTransport(City.NodeThumbprint, County), new Dictionary<string, string?> { ["Federation:DeliveryBatchSize"] = "0" });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FederationOptions>>().Value);
        Assert.Contains("Federation:DeliveryBatchSize", error.Message);
    }

    private ServiceProvider CityProcess(IFederationTransport transport, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(Options.Create(City.Options));
        services.AddSingleton(transport);
        // As the edge registers its store: with the interceptor that wakes the worker.
        services.AddScoped(sp => City.NewContext(sp.GetRequiredService<LinkDeliverySignalInterceptor>()));
        services.AddPlatformFederationCore(configuration);
        return services.BuildServiceProvider(true);
    }

    private async Task<Guid> LinkAsync(ServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        return (await EnrolCountyAsync(scope.ServiceProvider.GetRequiredService<Enrolment>())).CityLinkId;
    }

    /// <summary>The gauge's value for this test's link (its peer is unique to the test).</summary>
    private static double ReadGauge(string name) => TryReadGauge(name) ?? throw new InvalidOperationException($"{name} reported nothing");

    /// <summary>The gauge's value for this test's link, null before the worker's first round reported it.</summary>
    private static double? TryReadGauge(string name)
    {
        double? value = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FederationMetrics.MeterName && instrument.Name == name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, measurement, _, _) => value = measurement);
        listener.SetMeasurementEventCallback<double>((_, measurement, _, _) => value = measurement);
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }

    /// <summary>
    /// Acknowledges every batch and records, per link, the sequences in the order they were sent. Until
    /// <c>waitForCallsAtOnce</c> calls have been in flight together, a call waits for the others (10 s at most).
    /// </summary>
    private sealed class CountingTransport(int waitForCallsAtOnce) : IFederationTransport
    {
        private readonly TaskCompletionSource _allIn = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _most;

        public ConcurrentDictionary<Guid, List<long>> Sent { get; } = new();

        public int MostAtOnce => Volatile.Read(ref _most);

        public async Task<long> SendAsync(FederationLink link, IReadOnlyList<FederationEnvelope> batch, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int most;
            while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most)
            {
            }
            try
            {
                if (now >= waitForCallsAtOnce)
                {
                    _allIn.TrySetResult();
                }
                await _allIn.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                var sent = Sent.GetOrAdd(link.Id, _ => []);
                lock (sent)
                {
                    sent.AddRange(batch.Select(e => e.Sequence));
                }
                return batch.Max(e => e.Sequence);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
