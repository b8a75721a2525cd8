using System.Diagnostics;

namespace Platform.Integration.Tests;

/// <summary>Runs the README's shell blocks as a reader would, from the repository root.</summary>
internal static class ReadmeScripts
{
    private static readonly string Root = DistributedNode.RepositoryRoot();

    /// <summary>The first ```bash block after a README heading.</summary>
    public static string BlockAfter(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var at = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(at >= 0, $"README.md has no '{heading}'");
        var start = readme.IndexOf("```bash\n", at, StringComparison.Ordinal) + "```bash\n".Length;
        var end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        return readme[start..end];
    }

    public static (int Code, string Output) Bash(string script, TimeSpan timeout)
    {
        // The script as an argument, not on stdin: a command in it that reads stdin (stack.sh's children)
        // would otherwise swallow the script's remaining lines, and bash would end early with 0.
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}\n{output.Result}\n{error.Result}");
        }
        return (process.ExitCode, output.Result + "\n" + error.Result);
    }
}
