using System.Security.Cryptography;
using System.Text;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Inspection.Module.Domain;

/// <summary>
/// An outside system allowed to send clues. Its secret is shown once at registration; only a
/// salted hash is kept. The secret is 256 random bits, so one salted HMAC is enough: there is
/// nothing to guess that a slow hash would protect.
/// </summary>
public sealed class Integrator
{
    private Integrator()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public List<string> AllowedSources { get; private set; } = [];

    public byte[] Salt { get; private set; } = [];

    public byte[] SecretHash { get; private set; } = [];

    public Audit Registered { get; private set; } = null!;

    public Audit? Revoked { get; private set; }

    public bool IsRevoked => Revoked is not null;

    /// <summary>Registers an integrator and returns its key, `id.secret`, which is never stored.</summary>
    public static (Integrator Integrator, string Key) Register(string name, IEnumerable<string> allowedSources, Audit registered)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var integrator = new Integrator
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            AllowedSources = allowedSources.Distinct().ToList(),
            Salt = RandomNumberGenerator.GetBytes(16),
            Registered = registered,
        };
        integrator.SecretHash = Hash(integrator.Salt, secret);
        return (integrator, integrator.Id.ToString("N") + "." + secret);
    }

    public bool Verifies(string secret) =>
        !IsRevoked && CryptographicOperations.FixedTimeEquals(Hash(Salt, secret), SecretHash);

    public void Revoke(Audit revoked)
    {
        if (IsRevoked)
        {
            throw new PreconditionFailedException("The integrator was already revoked.");
        }
        Revoked = revoked;
    }

    /// <summary>Splits a presented key into the integrator id and the secret.</summary>
    public static bool TryParseKey(string? key, out Guid id, out string secret)
    {
        id = Guid.Empty;
        secret = string.Empty;
        var dot = key?.IndexOf('.') ?? -1;
        if (key is null || dot <= 0 || dot == key.Length - 1 || !Guid.TryParseExact(key[..dot], "N", out id))
        {
            return false;
        }
        secret = key[(dot + 1)..];
        return secret.Length <= 200;
    }

    private static byte[] Hash(byte[] salt, string secret) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
