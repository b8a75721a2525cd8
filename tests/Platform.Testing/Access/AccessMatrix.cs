using System.Reflection;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Platform.Testing.Access;

/// <summary>What a caller gets from one call: let through, or refused with a code.</summary>
public enum Outcome
{
    /// <summary>Let through the access check: any answer but a refusal (OK, or a later InvalidArgument or FailedPrecondition).</summary>
    Allowed,
    PermissionDenied,
    NotFound,
    Unauthenticated,

    /// <summary>A server error (Internal, Unknown, Unavailable...): never expected, always a finding.</summary>
    Failed,
}

/// <summary>One row of the matrix: an RPC, the request sent, and what each caller gets.</summary>
public sealed record AccessRow(int Line, string Rpc, string Request, IReadOnlyDictionary<string, Outcome> Expected)
{
    public override string ToString() => $"line {Line}: {Rpc} {Request}";
}

/// <summary>
/// The access matrix (access-matrix.txt, embedded): role × own/other unit × RPC → allowed or the
/// refusal code. Parsed here, and run over any gRPC channel — the embedded node in process, or the
/// distributed node's gateway — by invoking each RPC from its descriptor with the row's request.
/// </summary>
public static partial class AccessMatrix
{
    public const string ResourceName = "Platform.Testing.Access.access-matrix.txt";

    public static readonly IReadOnlyList<string> Columns =
        ["anon", "office", "observer", "insp_on", "insp_off", "liaison_own", "liaison_other", "leader_own", "leader_other", "operator", "auditor"];

    private static readonly IReadOnlyDictionary<string, Outcome> Codes = new Dictionary<string, Outcome>(StringComparer.Ordinal)
    {
        ["ok"] = Outcome.Allowed,
        ["PD"] = Outcome.PermissionDenied,
        ["NF"] = Outcome.NotFound,
        ["UA"] = Outcome.Unauthenticated,
    };

    private static readonly Lazy<IReadOnlyList<AccessRow>> LoadedRows = new(() => Parse(ReadText()));

    public static IReadOnlyList<AccessRow> Rows => LoadedRows.Value;

    /// <summary>Every RPC of every service in Platform.Contracts, by "Service/Method", from the generated file descriptors.</summary>
    public static IReadOnlyDictionary<string, MethodDescriptor> AllRpcs { get; } = typeof(Contracts.Events.IIntegrationEvent).Assembly
        .GetTypes()
        .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
        .Where(p => p?.PropertyType == typeof(FileDescriptor))
        .Select(p => (FileDescriptor)p!.GetValue(null)!)
        .SelectMany(f => f.Services)
        .SelectMany(s => s.Methods)
        .ToDictionary(m => $"{m.Service.Name}/{m.Name}", StringComparer.Ordinal);

    public static string ReadText()
    {
        using var stream = typeof(AccessMatrix).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Rows are "Service/Method | one code per column | request as proto JSON"; # starts a comment.</summary>
    public static IReadOnlyList<AccessRow> Parse(string text)
    {
        var rows = new List<AccessRow>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var cells = line.Split('|', Columns.Count + 2).Select(c => c.Trim()).ToArray();
            if (cells.Length != Columns.Count + 2)
            {
                throw new FormatException($"access-matrix.txt line {i + 1}: expected the RPC, {Columns.Count} codes and a request, found {cells.Length} cells.");
            }
            var expected = new Dictionary<string, Outcome>(StringComparer.Ordinal);
            for (var c = 0; c < Columns.Count; c++)
            {
                expected[Columns[c]] = Codes.TryGetValue(cells[c + 1], out var outcome)
                    ? outcome
                    : throw new FormatException($"access-matrix.txt line {i + 1}: '{cells[c + 1]}' for {Columns[c]} is not one of {string.Join(", ", Codes.Keys)}.");
            }
            rows.Add(new AccessRow(i + 1, cells[0], cells[^1].Length == 0 ? "{}" : cells[^1], expected));
        }
        return rows;
    }

    /// <summary>Runs every row for every caller and returns one line per mismatch (empty when the node keeps the matrix).</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(CallInvoker invoker, AccessScenario scenario)
    {
        var failures = new List<string>();
        foreach (var row in Rows)
        {
            if (!AllRpcs.ContainsKey(row.Rpc))
            {
                failures.Add($"{row}: no such RPC in Platform.Contracts");
                continue;
            }
            var observed = await ObserveAsync(invoker, scenario, row);
            failures.AddRange(Columns
                .Where(column => observed[column].Outcome != row.Expected[column])
                .Select(column => $"{row}: {column} expected {row.Expected[column]}, got {observed[column].Outcome} ({observed[column].Detail})"));
        }
        return failures;
    }

    /// <summary>What each caller gets for one row's request.</summary>
    public static async Task<IReadOnlyDictionary<string, (Outcome Outcome, string Detail)>> ObserveAsync(CallInvoker invoker, AccessScenario scenario, AccessRow row)
    {
        var method = AllRpcs[row.Rpc];
        var request = JsonParser.Default.Parse(Substitute(row.Request, scenario.Ids), method.InputType);
        var grpcMethod = MethodFor(method);
        var observed = new Dictionary<string, (Outcome, string)>(StringComparer.Ordinal);
        // Callers run one after another, in column order: an allowed call that changes something
        // (marking a message read, accepting an assignment) leaves the next caller a refusal or a
        // FailedPrecondition, never a different access decision.
        foreach (var column in Columns)
        {
            var answer = await CallAsync(invoker, grpcMethod, request, scenario.Callers[column], TimeSpan.FromSeconds(30));
            observed[column] = answer;
            if (answer.Detail.StartsWith(nameof(StatusCode.DeadlineExceeded), StringComparison.Ordinal))
            {
                // A deadline is no access decision: on a starved machine a service's first call of a kind (its
                // queries compiled cold) can pass 30 s. Ask once more with a longer deadline; a second timeout stays a failure.
                var retried = await CallAsync(invoker, grpcMethod, request, scenario.Callers[column], TimeSpan.FromSeconds(120));
                observed[column] = (retried.Outcome, retried.Detail + " (asked again after a 30 s deadline)");
            }
        }
        return observed;
    }

    /// <summary>The RPCs of Platform.Contracts that have no row, by name.</summary>
    public static IReadOnlyList<string> RpcsWithoutRow() =>
        [.. AllRpcs.Keys.Except(Rows.Select(r => r.Rpc), StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string Substitute(string json, IReadOnlyDictionary<string, string> ids) =>
        Placeholder().Replace(json, m => ids.TryGetValue(m.Groups[1].Value, out var id)
            ? id
            : throw new InvalidOperationException($"The matrix names ${m.Groups[1].Value}, which the scenario does not seed."));

    private static Method<IMessage, IMessage> MethodFor(MethodDescriptor method) => new(
        method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary,
        method.Service.FullName,
        method.Name,
        Marshallers.Create<IMessage>(m => m.ToByteArray(), method.InputType.Parser.ParseFrom),
        Marshallers.Create<IMessage>(m => m.ToByteArray(), method.OutputType.Parser.ParseFrom));

    private static async Task<(Outcome Outcome, string Detail)> CallAsync(
        CallInvoker invoker, Method<IMessage, IMessage> method, IMessage request, Metadata headers, TimeSpan timeout)
    {
        try
        {
            var options = new CallOptions(headers, DateTime.UtcNow + timeout);
            if (method.Type == MethodType.ServerStreaming)
            {
                // The access check runs before the first message: reading one is enough.
                using var stream = invoker.AsyncServerStreamingCall(method, null, options, request);
                await stream.ResponseStream.MoveNext(CancellationToken.None);
                return (Outcome.Allowed, "OK");
            }
            using var call = invoker.AsyncUnaryCall(method, null, options, request);
            await call.ResponseAsync;
            return (Outcome.Allowed, "OK");
        }
        catch (RpcException error)
        {
            return error.StatusCode switch
            {
                StatusCode.PermissionDenied => (Outcome.PermissionDenied, error.Status.Detail),
                StatusCode.NotFound => (Outcome.NotFound, error.Status.Detail),
                StatusCode.Unauthenticated => (Outcome.Unauthenticated, error.Status.Detail),
                StatusCode.Internal or StatusCode.Unknown or StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Unimplemented or StatusCode.ResourceExhausted
                    => (Outcome.Failed, $"{error.StatusCode}: {error.Status.Detail}"),
                _ => (Outcome.Allowed, $"{error.StatusCode}: {error.Status.Detail}"),
            };
        }
    }

    [GeneratedRegex(@"\$([a-z_]+)")]
    private static partial Regex Placeholder();
}
