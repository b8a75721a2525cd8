using System.ComponentModel.DataAnnotations;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Dapr;

/// <summary>Section "Dapr": the sidecar beside the process when the node runs with Dapr (off by default).</summary>
public sealed class DaprSidecarOptions
{
    public const string SectionName = "Dapr";

    public bool Enabled { get; set; }

    /// <summary>Host of the sidecar; localhost in a pod.</summary>
    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int HttpPort { get; set; } = 3500;

    /// <summary>The sidecar's gRPC API, which the Dapr client calls for bindings and secrets.</summary>
    [Range(1, 65535)]
    public int GrpcPort { get; set; } = 50001;

    /// <summary>Sent as dapr-api-token when the sidecar requires one.</summary>
    public string? ApiToken { get; set; }

    /// <summary>The secret store component that <see cref="Secrets"/> are read from.</summary>
    public string? SecretStore { get; set; }

    /// <summary>
    /// Secrets read at start-up; each key of a secret is a configuration key (`__` for `:`, as in
    /// environment variables: ConnectionStrings__planningdb) and overrides every other source.
    /// </summary>
    public List<string> Secrets { get; set; } = [];

    /// <summary>How long start-up waits for a sidecar that does not answer yet (it may start after the process).</summary>
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromSeconds(30);
}

public static class DaprSidecar
{
    /// <summary>
    /// With Dapr:Enabled, the process gets a <see cref="DaprClient"/> for its sidecar and the
    /// configuration keys held in the secrets Dapr:Secrets names. Off, nothing changes.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformDapr(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DaprSidecarOptions.SectionName);
        builder.Services.AddOptions<DaprSidecarOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<DaprSidecarOptions>() ?? new DaprSidecarOptions();
        if (!options.Enabled)
        {
            return builder;
        }
        builder.Services.AddDaprClient(client => Configure(client, options));
        if (options.Secrets.Count > 0)
        {
            if (string.IsNullOrWhiteSpace(options.SecretStore))
            {
                throw new InvalidOperationException("Dapr:Secrets names secrets to read, but Dapr:SecretStore names no secret store component.");
            }
            builder.Configuration.Add(new DaprSecretsSource(options));
        }
        return builder;
    }

    internal static DaprClientBuilder Configure(DaprClientBuilder client, DaprSidecarOptions options)
    {
        client.UseGrpcEndpoint($"http://{options.Host}:{options.GrpcPort}").UseHttpEndpoint($"http://{options.Host}:{options.HttpPort}");
        if (!string.IsNullOrEmpty(options.ApiToken))
        {
            client.UseDaprApiToken(options.ApiToken);
        }
        return client;
    }

    private sealed class DaprSecretsSource(DaprSidecarOptions options) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new DaprSecretsProvider(options);
    }

    /// <summary>Reads the secrets once, at start-up: a changed secret takes effect on the next rollout, as an environment variable would.</summary>
    private sealed class DaprSecretsProvider(DaprSidecarOptions options) : ConfigurationProvider
    {
        public override void Load()
        {
            using var client = Configure(new DaprClientBuilder(), options).Build();
            var deadline = DateTimeOffset.UtcNow + options.StartupWait;
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in options.Secrets)
            {
                foreach (var (key, value) in Read(client, name, deadline))
                {
                    data[key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
                }
            }
            Data = data;
        }

        private Dictionary<string, string> Read(DaprClient client, string name, DateTimeOffset deadline)
        {
            while (true)
            {
                try
                {
                    return client.GetSecretAsync(options.SecretStore!, name).GetAwaiter().GetResult();
                }
                catch (DaprException ex) when (ex.InnerException is RpcException { StatusCode: StatusCode.Unavailable } && DateTimeOffset.UtcNow < deadline)
                {
                    // The sidecar is not up yet.
                    Thread.Sleep(TimeSpan.FromSeconds(1));
                }
                catch (DaprException ex)
                {
                    var reason = ex.InnerException is RpcException rpc ? rpc.Status.Detail : ex.Message;
                    throw new InvalidOperationException(
                        $"Dapr:Secrets: the secret '{name}' could not be read from the secret store '{options.SecretStore}' of the sidecar at {options.Host}:{options.GrpcPort}: {reason}", ex);
                }
            }
        }
    }
}
