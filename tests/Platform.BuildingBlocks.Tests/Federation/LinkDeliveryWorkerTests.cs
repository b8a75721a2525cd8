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
        services.AddScoped(_ => City.NewContext());
        services.AddPlatformFederationCore(configuration);
        return services.BuildServiceProvider(true);
    }

    private async Task<Guid> LinkAsync(ServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        return (await EnrolCountyAsync(scope.ServiceProvider.GetRequiredService<Enrolment>())).CityLinkId;
    }

    /// <summary>The gauge's value for this test's link (its peer is unique to the test).</summary>
    private static double ReadGauge(string name)
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
        return value ?? throw new InvalidOperationException($"{name} reported nothing");
    }
}
