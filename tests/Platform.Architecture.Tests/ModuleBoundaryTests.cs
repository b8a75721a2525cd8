using System.Reflection;
using System.Xml.Linq;

namespace Platform.Architecture.Tests;

/// <summary>
/// Modules talk through Contracts (gRPC clients, integration events) only. These tests read
/// both the compiled assemblies and the project files, so neither a project reference nor a
/// stray assembly reference can join two modules.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string[] Modules = ["Planning", "Inspection", "Rectification", "Assessment", "Notification"];

    public static TheoryData<string> ModuleNames() => new(Modules);

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_assembly_references_no_other_module(string module)
    {
        var assembly = Assembly.Load($"Platform.{module}.Module");
        var otherModules = assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("Platform.", StringComparison.Ordinal) && name.EndsWith(".Module", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(otherModules);
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_project_references_only_shared_projects(string module)
    {
        var references = ProjectReferences(Path.Combine("services", module, $"Platform.{module}.Module", $"Platform.{module}.Module.csproj"));
        Assert.All(references, reference => Assert.Contains(reference, new[] { "Platform.BuildingBlocks", "Platform.Contracts" }));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_service_host_hosts_its_own_module_only(string module)
    {
        var references = ProjectReferences(Path.Combine("services", module, $"Platform.{module}.Api", $"Platform.{module}.Api.csproj"));
        Assert.Equal([$"Platform.{module}.Module", "Platform.ServiceDefaults"], references.Order().ToArray());
    }

    [Fact]
    public void Shared_projects_reference_no_module()
    {
        foreach (var project in new[] { "Platform.BuildingBlocks", "Platform.Contracts", "Platform.ServiceDefaults" })
        {
            var references = ProjectReferences(Path.Combine("shared", project, project + ".csproj"));
            Assert.DoesNotContain(references, r => r.EndsWith(".Module", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Protos_are_compiled_in_contracts_only()
    {
        var root = RepositoryRoot();
        var compiling = Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => XDocument.Load(path).Descendants("Protobuf").Any())
            .Select(Path.GetFileNameWithoutExtension)
            .ToList();
        Assert.Equal(["Platform.Contracts"], compiling);
    }

    private static List<string> ProjectReferences(string relativePath)
    {
        var path = Path.Combine(RepositoryRoot(), relativePath);
        Assert.True(File.Exists(path), $"{relativePath} is missing");
        return XDocument.Load(path).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Platform.sln not found above the test assembly.");
    }
}
