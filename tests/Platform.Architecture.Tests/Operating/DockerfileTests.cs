using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace Platform.Architecture.Tests.Operating;

/// <summary>
/// No container engine runs here, so the Dockerfiles are checked against the projects they
/// build: the SDK and runtime images of the projects' target framework, the project's own
/// csproj published, a non-root user, the assembly as entry point, and the ports and health
/// probe of the host's own listeners.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] ImageProjects =
    [
        "gateway/Platform.Gateway",
        "services/Planning/Platform.Planning.Api",
        "services/Inspection/Platform.Inspection.Api",
        "services/Rectification/Platform.Rectification.Api",
        "services/Assessment/Platform.Assessment.Api",
        "services/Notification/Platform.Notification.Api",
    ];

    public static TheoryData<string> Images() => new(ImageProjects);

    [Fact]
    public void Every_host_but_the_embedded_node_has_a_dockerfile()
    {
        var root = ModuleBoundaryTests.RepositoryRoot();
        var hosts = Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}") && !p.Contains("benchmarks"))
            .Where(p => File.ReadAllText(p).Contains("Microsoft.NET.Sdk.Web"))
            .Select(p => Path.GetRelativePath(root, Path.GetDirectoryName(p)!).Replace('\\', '/'))
            .Where(p => p != "services/Platform.AllInOne")
            .Order();
        Assert.Equal(ImageProjects.Order(), hosts);
    }

    [Fact]
    public void The_build_context_leaves_out_local_state_and_build_output_but_no_source()
    {
        var root = ModuleBoundaryTests.RepositoryRoot();
        var ignored = File.ReadAllLines(Path.Combine(root, ".dockerignore")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        // scripts/stack.sh's and the hierarchy tests' state (keys, databases) and any project's build output.
        Assert.Superset(new HashSet<string> { ".stack/", ".hierarchy/", "data/", "**/bin", "**/obj" }, new HashSet<string>(ignored));
        // `COPY . .` needs every tracked source file: none sits under an ignored folder.
        var tracked = SourceFiles(root);
        var excluded = tracked.Where(f => f.Split('/').SkipLast(1).Any(d => d is "bin" or "obj" or "data" or ".stack" or ".hierarchy")).ToList();
        Assert.True(excluded.Count == 0, "source the image build would not see: " + string.Join(", ", excluded));
    }

    private static List<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(d => d is "bin" or "obj" or ".git" or ".test-infra" or "TestResults" or ".stack" or ".hierarchy") && (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
            .ToList();

    [Theory]
    [MemberData(nameof(Images))]
    public void The_dockerfile_builds_and_runs_its_project(string project)
    {
        var root = ModuleBoundaryTests.RepositoryRoot();
        var name = Path.GetFileName(project);
        var dockerfile = File.ReadAllLines(Path.Combine(root, project, "Dockerfile"));
        var instructions = Instructions(dockerfile);

        var framework = XDocument.Load(Path.Combine(root, "Directory.Build.props")).Descendants("TargetFramework").Single().Value;
        var version = framework.Replace("net", "", StringComparison.Ordinal);
        var from = instructions.Where(i => i.Verb == "FROM").Select(i => i.Args).ToArray();
        Assert.Equal([$"mcr.microsoft.com/dotnet/sdk:{version} AS build", $"mcr.microsoft.com/dotnet/aspnet:{version} AS final"], from);

        var publish = Assert.Single(instructions, i => i.Verb == "RUN" && i.Args.StartsWith("dotnet publish", StringComparison.Ordinal));
        Assert.Contains($"{project}/{name}.csproj", publish.Args);
        Assert.True(File.Exists(Path.Combine(root, project, name + ".csproj")));

        // The last USER wins; it must not be root (the aspnet image's APP_UID is its non-root "app" user).
        var user = instructions.Last(i => i.Verb == "USER").Args;
        Assert.True(user is "$APP_UID" or "app" || (int.TryParse(user, out var uid) && uid > 0), $"{project}: USER {user} is root");
        Assert.Equal($"[\"dotnet\", \"{name}.dll\"]", instructions.Last(i => i.Verb == "ENTRYPOINT").Args);

        var (http, grpc) = Ports(Path.Combine(root, project, "appsettings.json"));
        Assert.Equal($"{http} {grpc}", Assert.Single(instructions, i => i.Verb == "EXPOSE").Args);
        var health = Assert.Single(instructions, i => i.Verb == "HEALTHCHECK").Args;
        Assert.Contains($"/dev/tcp/127.0.0.1/{http}", health);
        Assert.Contains("GET /alive", health);

        // A read-only root filesystem: the process writes only to declared volumes.
        Assert.Contains("[\"/data\", \"/tmp\"]", Assert.Single(instructions, i => i.Verb == "VOLUME").Args);
        Assert.Contains("Database__DataDirectory=/data", string.Join(' ', instructions.Where(i => i.Verb == "ENV").Select(i => i.Args)));
    }

    private static (string Http, string Grpc) Ports(string appsettings)
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(appsettings));
        var endpoints = settings.RootElement.GetProperty("Kestrel").GetProperty("Endpoints");
        string Port(string name) => new Uri(endpoints.GetProperty(name).GetProperty("Url").GetString()!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (Port("Http"), Port("Grpc"));
    }

    /// <summary>Instructions with continuation lines joined and comments dropped.</summary>
    private static List<(string Verb, string Args)> Instructions(string[] lines)
    {
        var result = new List<(string, string)>();
        var current = "";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }
            current += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (!line.EndsWith('\\'))
            {
                var match = Instruction().Match(current);
                Assert.True(match.Success, $"not a Dockerfile instruction: {current}");
                result.Add((match.Groups[1].Value.ToUpperInvariant(), Spaces().Replace(match.Groups[2].Value.Trim(), " ")));
                current = "";
            }
        }
        return result;
    }

    [GeneratedRegex(@"^([A-Za-z]+)\s+(.*)$")]
    private static partial Regex Instruction();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
