using System.Reflection;
using Xunit;

namespace Platform.ServiceDefaults.Tests;

/// <summary>A host started by the path of its dll from any folder reads the appsettings.json beside the dll.</summary>
public sealed class PlatformHostTests : IDisposable
{
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("platform-cwd-").FullName;
    private readonly string _binaries = Directory.CreateTempSubdirectory("platform-bin-").FullName;
    private static readonly Assembly Host = typeof(PlatformHost).Assembly;
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    public void Dispose()
    {
        Directory.Delete(_elsewhere, recursive: true);
        Directory.Delete(_binaries, recursive: true);
    }

    [Fact]
    public void Started_by_dll_path_from_another_folder_the_content_root_is_the_assemblys_folder()
    {
        Assert.Equal(_binaries, PlatformHost.ContentRoot(_elsewhere, _binaries, Host, Host, [], NoEnvironment));
    }

    [Fact]
    public void Dotnet_run_in_the_project_folder_keeps_it_so_the_nodes_data_stays_there()
    {
        File.WriteAllText(Path.Combine(_elsewhere, Host.GetName().Name + ".csproj"), "<Project />");
        Assert.Null(PlatformHost.ContentRoot(_elsewhere, _binaries, Host, Host, [], NoEnvironment));
    }

    [Fact]
    public void An_explicit_content_root_wins()
    {
        Assert.Null(PlatformHost.ContentRoot(_elsewhere, _binaries, Host, Host, ["--contentRoot", "/srv/node"], NoEnvironment));
        Assert.Null(PlatformHost.ContentRoot(_elsewhere, _binaries, Host, Host, [],
            name => name == "ASPNETCORE_CONTENTROOT" ? "/srv/node" : null));
    }

    [Fact]
    public void Under_a_test_host_the_test_decides()
    {
        Assert.Null(PlatformHost.ContentRoot(_elsewhere, _binaries, Host, typeof(PlatformHostTests).Assembly, [], NoEnvironment));
    }
}
