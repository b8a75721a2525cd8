using System.Diagnostics;
using Xunit;

namespace Platform.Integration.Tests;

/// <summary>The README's ```bash blocks, and bash to run them as a reader would, from the repository root.</summary>
internal static class ReadmeBlocks
{
    internal static readonly string Root = DistributedNode.RepositoryRoot();

    /// <summary>The first ```bash block after a README heading.</summary>
    internal static string After(string heading) => Under(heading)[0];

    /// <summary>Every ```bash block between a README heading and the next heading of its level.</summary>
    internal static IReadOnlyList<string> Under(string heading)
    {
        // A newline before the text, so that a heading on the first line is found as any other.
        var readme = "\n" + File.ReadAllText(Path.Combine(Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var at = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(at >= 0, $"README.md has no '{heading}'");
        var level = heading.TakeWhile(c => c == '#').Count();
        var next = readme.IndexOf("\n" + new string('#', level) + " ", at + heading.Length + 1, StringComparison.Ordinal);
        var section = next < 0 ? readme[at..] : readme[at..next];
        var blocks = new List<string>();
        for (var start = section.IndexOf("```bash\n", StringComparison.Ordinal); start >= 0; start = section.IndexOf("```bash\n", start, StringComparison.Ordinal))
        {
            start += "```bash\n".Length;
            var end = section.IndexOf("\n```", start, StringComparison.Ordinal);
            blocks.Add(section[start..end]);
            start = end + 4;
        }
        Assert.True(blocks.Count > 0, $"README.md has no ```bash block under '{heading}'");
        return blocks;
    }

    internal static (int Code, string Output) Bash(string script, TimeSpan timeout, params string[] before)
    {
        // The script as an argument, not on stdin: a command in it that reads stdin (stack.sh's children)
        // would otherwise swallow the script's remaining lines, and bash would end early with 0.
        var start = new ProcessStartInfo(before.Length > 0 ? before[0] : "bash") { WorkingDirectory = Root, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in before.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        if (before.Length > 0)
        {
            start.ArgumentList.Add("bash");
        }
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
