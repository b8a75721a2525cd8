using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Auth;

namespace Platform.Testing;

/// <summary>Mints tokens the way the configured issuer would, for the node under test.</summary>
public sealed class TestTokens(AuthOptions options, string nodeId, TimeProvider? clock = null)
{
    public const string Issuer = "platform-tests";
    public const string Audience = "platform";

    private readonly TokenIssuer _issuer = new(Options.Create(options), clock ?? TimeProvider.System);

    public static AuthOptions NewOptions() => new()
    {
        Issuer = Issuer,
        Audience = Audience,
        SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
    };

    public string OfficeStaff(string user = "clerk") => Issue(user, null, PlatformRoles.OfficeStaff);

    public string Liaison(Guid unitId, string user = "liaison") => Issue(user, unitId, PlatformRoles.UnitLiaison);

    public string Observer(string user = "observer") => Issue(user, null, PlatformRoles.Observer);

    public string Issue(string user, Guid? unitId, params string[] roles) =>
        _issuer.Issue(new TokenRequest(user, user, nodeId, "320600", unitId, roles));

    /// <summary>A well-formed token signed with a key the node does not know.</summary>
    public string Forged() =>
        new TestTokens(NewOptions(), nodeId, clock).OfficeStaff("intruder");

    /// <summary>A token that expired an hour ago.</summary>
    public string Expired()
    {
        var past = new FakeTimeProvider((clock ?? TimeProvider.System).GetUtcNow().AddDays(-2));
        return new TokenIssuer(Options.Create(options), past)
            .Issue(new TokenRequest("late", "late", nodeId, "320600", null, [PlatformRoles.OfficeStaff], TimeSpan.FromHours(1)));
    }
}
