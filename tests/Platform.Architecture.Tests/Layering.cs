using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Platform.Architecture.Tests;

/// <summary>
/// The dependency rules of the inner layers, and the check that applies them. A violation is
/// reported as the offending type and what it reaches, so a failing test says what to move.
/// </summary>
public static class Layering
{
    public const string KernelNamespace = "Platform.BuildingBlocks.Kernel";

    /// <summary>Frameworks a domain model or the kernel must not reach: storage, web, RPC, messaging, cache.</summary>
    public static readonly IReadOnlyList<string> Infrastructure =
    [
        "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.Data.Sqlite",
        "Microsoft.AspNetCore",
        "Grpc", "Google.Protobuf", "Google.Rpc", "Google.Api",
        "MassTransit",
        "StackExchange.Redis",
    ];

    /// <summary>
    /// What a module's Domain must not reference: infrastructure, the wire contracts (protos and
    /// integration events), the platform's gRPC plumbing, and any BuildingBlocks type that
    /// itself depends on infrastructure, so Domain cannot reach EF Core or ASP.NET Core through
    /// a shared helper either. Plain shared types (the kernel, the error vocabulary, the audit
    /// stamp record, role names) stay allowed.
    /// </summary>
    public static IReadOnlyList<string> ForbiddenInDomain()
    {
        string[] direct = [.. Infrastructure, .. ContractNamespaces()];
        return [.. direct, GrpcPlumbingNamespace, .. BuildingBlocksTypesDependingOn(direct)];
    }

    /// <summary>
    /// What the kernel must not reference: what Domain may not, plus the host's plumbing (DI,
    /// options, configuration, logging), files and the network, and every part of BuildingBlocks
    /// outside the kernel except the error vocabulary it throws. The error types that are
    /// plumbing themselves (the classifier, the REST filter) are named so the kernel cannot
    /// reach infrastructure through them.
    /// </summary>
    public static IReadOnlyList<string> ForbiddenInKernel()
    {
        string[] hostAndIo = ["Microsoft.Extensions", "System.IO.File", "System.IO.Directory", "System.Net"];
        string[] infrastructure = [.. ForbiddenInDomain(), .. hostAndIo];
        var otherParts = BuildingBlocks.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith("Platform.BuildingBlocks.", StringComparison.Ordinal))
            .Where(ns => !IsWithin(ns, KernelNamespace) && !IsWithin(ns, ErrorsNamespace))
            .Distinct();
        var plumbingErrors = BuildingBlocksTypesDependingOn(infrastructure)
            .Where(name => IsWithin(name, ErrorsNamespace));
        return [.. infrastructure, .. otherParts, .. plumbingErrors];
    }

    /// <summary>Types in <paramref name="namespaceRoot"/> (and below) and, for each that references a forbidden name, the reason.</summary>
    public static LayerCheck Check(Assembly assembly, string namespaceRoot, IReadOnlyList<string> forbidden)
    {
        var result = Types.InAssembly(assembly)
            .That().ResideInNamespaceMatching($"^{Regex.Escape(namespaceRoot)}(\\.|$)")
            .ShouldNot().HaveDependencyOnAny([.. forbidden])
            .GetResult();
        var violations = result.FailingTypes
            .Select(t => $"{t.FullName}: {t.Explanation}")
            .Order(StringComparer.Ordinal)
            .ToList();
        return new LayerCheck(namespaceRoot, result.SelectedTypesForTesting.Count(), violations);
    }

    private const string ErrorsNamespace = "Platform.BuildingBlocks.Errors";

    private const string GrpcPlumbingNamespace = "Platform.BuildingBlocks.Grpc";

    private static Assembly BuildingBlocks => typeof(Platform.BuildingBlocks.Kernel.Calendar.WorkingDayCalendar).Assembly;

    private static IEnumerable<string> BuildingBlocksTypesDependingOn(IReadOnlyList<string> dependencies) =>
        Types.InAssembly(BuildingBlocks)
            .That().HaveDependencyOnAny([.. dependencies])
            .GetTypes()
            .Select(t => t.FullName)
            // Source-generated helpers (the regex generator's System.Text.RegularExpressions.Generated
            // classes) carry the same names in every assembly; only the platform's own types count.
            .Where(name => name.StartsWith("Platform.BuildingBlocks.", StringComparison.Ordinal));

    private static bool IsWithin(string ns, string root) =>
        ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

    private static IEnumerable<string> ContractNamespaces() =>
        Assembly.Load("Platform.Contracts").GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            // Not the regex generator's System.Text.RegularExpressions.Generated, which every assembly has.
            .Where(ns => ns.StartsWith("Platform.Contracts", StringComparison.Ordinal))
            .Distinct();
}

/// <summary>The outcome of one layer rule: how many types it looked at, and each violation.</summary>
public sealed record LayerCheck(string Namespace, int TypesChecked, IReadOnlyList<string> Violations)
{
    public string Describe() =>
        $"{Namespace} must not reference these; move the type out of the layer or the dependency out of the type:{Environment.NewLine}"
        + string.Join(Environment.NewLine, Violations);
}
