using System.ComponentModel.DataAnnotations;

namespace Platform.WebConsole;

/// <summary>Settings of the office console (section <c>Console</c>).</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>Off: the host serves no console (and no sign-in).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The node's gRPC address the console calls with the signed-in person's token; by default the
    /// host's own <c>Kestrel:Endpoints:Grpc:Url</c>.
    /// </summary>
    public string? ApiUrl { get; set; }

    /// <summary>How long a sign-in lasts (and the token it holds); at most Auth:MaxTokenLifetime.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "12:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Wrong passwords in a row before the account is locked.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Password of the first-run operator account <c>admin</c>, created when the store has no account.
    /// Unset: a random one is generated and written once to the log.
    /// </summary>
    public string? InitialOperatorPassword { get; set; }
}
