namespace Platform.WebConsole.Sessions;

/// <summary>
/// A console session as the node keeps it (<c>consoledb</c>, table <c>sessions</c>): the session cookie only
/// names it, so deleting the row ends the session however many copies of the cookie exist.
/// </summary>
public sealed class ConsoleSessionRecord
{
    /// <summary>Random (not time-ordered): the only thing the encrypted cookie carries to find the session.</summary>
    public Guid Id { get; set; }

    /// <summary>Who signed in: the account's user name, or the subject the external issuer's token was mapped to.</summary>
    public string Subject { get; set; } = "";

    /// <summary>Which issuer it came from (the console's client registration: <c>node</c> or <c>external</c>).</summary>
    public string Registration { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The absolute end (Console:SessionLifetime after the sign-in), whatever the activity.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The last request or circuit activity seen (written at most every few seconds); the idle timeout counts from it.</summary>
    public DateTimeOffset LastActiveAt { get; set; }
}
