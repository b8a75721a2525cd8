using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.BuildingBlocks.AuditTrail;

/// <summary>
/// `audit verify [--service NAME]`: seals what is pending, checks every store's chain against its
/// signed checkpoints and prints the first broken entry. Exit code 0 intact, 3 broken, 2 usage or
/// failure. Run with the node's own configuration (the embedded node, or the gateway's of a distributed node).
/// </summary>
public sealed class AuditCommand
{
    private readonly string? _service;
    private readonly string? _usageError;

    private AuditCommand(string? service, string? usageError) => (_service, _usageError) = (service, usageError);

    public static AuditCommand? TryParse(string[] args, out string[] hostArgs)
    {
        if (args.Length == 0 || args[0] != "audit")
        {
            hostArgs = args;
            return null;
        }
        var rest = new List<string>();
        string? service = null;
        string? usage = args.Length > 1 && args[1] == "verify" ? null : "usage: audit verify [--service NAME]";
        for (var i = 2; i < args.Length; i++)
        {
            if (args[i] == "--service" && i + 1 < args.Length)
            {
                service = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        hostArgs = [.. rest];
        return new AuditCommand(service, usage);
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (_usageError is not null)
        {
            error.WriteLine(_usageError);
            return 2;
        }
        var stores = services.GetRequiredService<AuditStores>();
        if (_service is not null && !stores.Contains(_service))
        {
            error.WriteLine($"--service: must be one of {string.Join(", ", stores.Services)}");
            return 2;
        }
        try
        {
            // On the embedded node the stores may be older than the audit tables: migrate as a start would.
            foreach (var migrator in services.GetServices<IHostedService>().Where(IsMigrator))
            {
                await migrator.StartAsync(cancellationToken);
            }
            await services.GetRequiredService<AuditSealer>().SealAllAsync(cancellationToken);
            var verifier = services.GetRequiredService<AuditVerifier>();
            IReadOnlyList<StoreVerification> results = _service is null
                ? await verifier.VerifyAllAsync(cancellationToken)
                : [await verifier.VerifyAsync(_service, cancellationToken)];
            foreach (var r in results)
            {
                output.WriteLine(r.FirstBreak is { } b
                    ? $"{r.Service}: BROKEN at entry {b.Sequence}{(b.EntryId.Length > 0 ? $" ({b.EntryId})" : string.Empty)}: {b.Problem}: {b.Description}; "
                      + (b.CheckpointSequence > 0 ? $"fails against checkpoint {b.CheckpointSequence}" : $"after the last checkpoint ({r.LastCheckpointSequence})")
                    : r.SealerRefusal is null
                        ? $"{r.Service}: intact, {r.EntriesChecked} entries, {r.CheckpointsChecked} checkpoints (last at {r.LastCheckpointSequence}, hash {r.LastCheckpointHash}), {r.UnsealedEntries} not yet chained"
                        : $"{r.Service}: {r.EntriesChecked} entries check, but {r.UnsealedEntries} are not chained");
                if (r.SealerRefusal is not null)
                {
                    output.WriteLine($"{r.Service}: SEALER REFUSES: {r.SealerRefusal}");
                }
            }
            var signer = services.GetRequiredService<CheckpointSigner>();
            output.WriteLine($"checkpoint key {signer.KeyId}");
            output.Write(signer.PublicKeyPem);
            output.WriteLine();
            return results.All(r => r.Intact) ? 0 : 3;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Typically a store that was never migrated: start the node (or the service) once first.
            error.WriteLine($"Verification failed: {ex.Message}");
            return 2;
        }
    }

    private static bool IsMigrator(IHostedService service) =>
        service.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(Persistence.DatabaseMigrator<>);
}
