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

    /// <summary>
    /// How long a sign-in lasts at most, however active the person is (absolute expiry). The session
    /// itself is kept by the node (ADR 0021); the API tokens the console uses for it are short-lived
    /// (<see cref="ApiTokenLifetime"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "12:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How long each API access token the console mints for a session lives. The console renews it from the
    /// server-side session while that stands, so a token copied from a session stops working at most this
    /// long (plus the API's 30 s clock skew) after the session ended. At most Auth:MaxTokenLifetime.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan ApiTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A session nobody used for this long ends: each request and each event on an open page (a click,
    /// a key) counts as use; an open page whose session ends goes to the sign-in page by itself.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "12:00:00")]
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The PBKDF2 iteration count of a new password hash outside Development.</summary>
    public const int DefaultPasswordHashIterations = 100_000;

    /// <summary>
    /// PBKDF2 iterations of a new password hash (ASP.NET Core Identity's format, which stores the count:
    /// a hash made with another count still verifies, and one made with fewer is redone at its next
    /// sign-in). Below <see cref="DefaultPasswordHashIterations"/> only in the Development environment,
    /// where the test suite's embedded nodes lower it to spare the CPU; elsewhere the host refuses to start.
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int PasswordHashIterations { get; set; } = DefaultPasswordHashIterations;

    /// <summary>Wrong passwords in a row before the account is locked.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>
    /// Operator accounts (node_operator) must sign in with a TOTP code as well; one without a
    /// second factor enrols at its next sign-in. Other accounts may enrol by choice.
    /// </summary>
    public bool RequireTotpForOperators { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The node's public base address (what a browser opens), which is also its OpenID Connect
    /// issuer; by default the host's own <c>Kestrel:Endpoints:Http:Url</c>. Behind a reverse
    /// proxy, set it to the address people use.
    /// </summary>
    public string? IssuerUrl { get; set; }

    /// <summary>
    /// PEM file with the issuer's two RSA keys (identity-token signing, code encryption); by default
    /// <c>{Database:DataDirectory}/keys/oidc-issuer.pem</c>.
    /// </summary>
    public string? IssuerKeyFile { get; set; }

    /// <summary>Create <see cref="IssuerKeyFile"/> with fresh keys when it is missing (a replicated gateway mounts one shared file instead).</summary>
    public bool CreateIssuerKeyFileIfMissing { get; set; } = true;

    /// <summary>
    /// The node's own accounts and its OpenID Connect issuer (ADR 0021). False: people sign in only through the
    /// external issuer (<c>Auth:ExternalIssuer</c>, ADR 0025); the sign-in page has no password form, the node's
    /// issuer endpoints are not served and no first-run operator account is made.
    /// </summary>
    public bool LocalAccounts { get; set; } = true;

    /// <summary>
    /// Password of the first-run operator account <c>admin</c>, created when the store has no account.
    /// Unset: a random one is generated and written once to the log.
    /// </summary>
    public string? InitialOperatorPassword { get; set; }
}
