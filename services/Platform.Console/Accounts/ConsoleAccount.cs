namespace Platform.WebConsole.Accounts;

/// <summary>
/// A person who signs in to the console with a password the node checks. The node operator
/// manages these accounts; the token the console gets for a session carries exactly the unit and
/// roles written here, so the API's rules decide what the person may do.
/// </summary>
public sealed class ConsoleAccount
{
    public Guid Id { get; set; }

    /// <summary>Sign-in name, unique, compared as lower case.</summary>
    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public Guid? UnitId { get; set; }

    /// <summary>Platform roles, comma separated (see PlatformRoles).</summary>
    public string Roles { get; set; } = "";

    /// <summary>ASP.NET Core Identity's PBKDF2 format (version 3), never the password.</summary>
    public string PasswordHash { get; set; } = "";

    public bool Disabled { get; set; }

    public int FailedSignIns { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>The TOTP secret (Base32) once the person enrolled a second factor; null without one.</summary>
    public string? TotpSecret { get; set; }

    /// <summary>The TOTP step of the last code accepted, so a code is good only once.</summary>
    public long? TotpLastStep { get; set; }

    public IReadOnlyList<string> RoleList =>
        Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
