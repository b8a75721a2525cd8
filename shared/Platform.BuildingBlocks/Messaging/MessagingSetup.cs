using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Outbox;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// The consumers that the modules of this process contribute. MassTransit is configured
/// once per process, so modules add their consumers here and the host builds the bus from
/// the whole list when it calls <see cref="MessagingSetup.AddPlatformMessaging"/>.
/// </summary>
public sealed class ConsumerRegistrations
{
    internal List<Action<IBusRegistrationConfigurator>> Registrations { get; } = [];
}

public static class MessagingSetup
{
    /// <summary>
    /// Adds a consumer on its own queue. The queue is named after the owning service, so
    /// every replica of a service competes on one queue and every service gets its own copy.
    /// </summary>
    public static IServiceCollection AddPlatformConsumer<TConsumer>(this IServiceCollection services, string queueName)
        where TConsumer : class, IConsumer
    {
        Registry(services).Registrations.Add(bus => bus.AddConsumer<TConsumer>().Endpoint(e => e.Name = queueName));
        return services;
    }

    /// <summary>Builds the bus on the transport named by Messaging:Transport, with every registered consumer.</summary>
    public static IHostApplicationBuilder AddPlatformMessaging(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions();
        if (options.ReconnectMaxInterval < TimeSpan.FromMilliseconds(100) || options.ReconnectMaxInterval > TimeSpan.FromMinutes(5))
        {
            throw new InvalidOperationException("Messaging:ReconnectMaxInterval must be between 0.1 seconds and 5 minutes.");
        }
        builder.Services.AddSingleton(options);
        builder.Services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection(OutboxOptions.SectionName));
        builder.Services.AddSingleton<IOutboxPublisher, BusOutboxPublisher>();
        var registrations = Registry(builder.Services).Registrations;

        builder.Services.AddMassTransit(bus =>
        {
            // A node runs on government networks: it never reports usage to MassTransit's servers.
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            foreach (var register in registrations)
            {
                register(bus);
            }
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                endpoint.UseMessageRetry(retry => retry.Intervals(options.RetryIntervals)));

            if (options.Transport == MessagingTransport.RabbitMq)
            {
                var uri = builder.Configuration.GetConnectionString(MessagingOptions.ConnectionName);
                if (string.IsNullOrWhiteSpace(uri))
                {
                    throw new InvalidOperationException($"Messaging:Transport is RabbitMq but ConnectionStrings:{MessagingOptions.ConnectionName} is not set.");
                }
                bus.UsingRabbitMq((context, rabbit) =>
                {
                    rabbit.Host(new Uri(uri));
                    if (!BrokerReconnect.TryCap(rabbit, options.ReconnectMaxInterval))
                    {
                        throw new InvalidOperationException("Messaging:ReconnectMaxInterval cannot be applied to this MassTransit version's RabbitMQ transport.");
                    }
                    rabbit.UseWireNames();
                    rabbit.ConfigureEndpoints(context);
                });
            }
            else
            {
                // The in-memory bus has no broker to wait for: the host starts only once it runs. Started in the
                // background, a publish could meet a bus not yet started, and a host stopped meanwhile met a
                // half-started endpoint inside MassTransit (a NullReferenceException at the tests' shutdown).
                builder.Services.Configure<MassTransitHostOptions>(host => host.WaitUntilStarted = true);
                bus.UsingInMemory((context, memory) =>
                {
                    memory.UseWireNames();
                    memory.ConfigureEndpoints(context);
                });
            }
        });
        return builder;
    }

    /// <summary>
    /// Names exchanges by the events' wire names, as every node does: a bus outside the node (a test, a tool)
    /// that publishes platform events must call this too, or its messages land on exchanges no one reads.
    /// </summary>
    public static void UseWireNames(this IBusFactoryConfigurator bus) =>
        bus.MessageTopology.SetEntityNameFormatter(new WireNameEntityNameFormatter(bus.MessageTopology.EntityNameFormatter));

    private static ConsumerRegistrations Registry(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(ConsumerRegistrations))?.ImplementationInstance;
        if (existing is ConsumerRegistrations registry)
        {
            return registry;
        }
        registry = new ConsumerRegistrations();
        services.AddSingleton(registry);
        return registry;
    }
}

/// <summary>Publishes outbox rows on the bus; with RabbitMQ the call returns after the publisher confirmation.</summary>
internal sealed class BusOutboxPublisher(IBus bus) : IOutboxPublisher
{
    public Task PublishAsync(Guid messageId, object message, Type messageType, CancellationToken cancellationToken) =>
        bus.Publish(message, messageType, Pipe.Execute<PublishContext>(context => context.MessageId = messageId), cancellationToken);
}

/// <summary>
/// Names each event's exchange (topic) by its wire name, <c>planning.task_assigned.v1</c>, instead of
/// its CLR type, so moving or renaming a class leaves the broker's topology as it is.
/// </summary>
internal sealed class WireNameEntityNameFormatter(IEntityNameFormatter fallback) : IEntityNameFormatter
{
    public string FormatEntityName<T>() => Contracts.Events.WireNameAttribute.Of(typeof(T)) ?? fallback.FormatEntityName<T>();
}
