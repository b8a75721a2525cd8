using System.Security.Cryptography;
using System.Text;

namespace Platform.Inspection.Module.Domain;

/// <summary>
/// An outside system allowed to send clues. Its secret is shown once at registration; only a
/// salted hash is kept. The secret is 256 random bits, so one salted HMAC is enough: there is
/// nothing to guess that a slow hash would protect. A key expires; rotating it issues a new
/// secret under the same integrator and keeps the old one valid for a grace period, so the
/// outside system can switch without a gap.
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

    /// <summary>When the current key stops working; null for keys issued before keys expired.</summary>
    public DateTimeOffset? KeyExpiresAt { get; private set; }

    public DateTimeOffset? KeyRotatedAt { get; private set; }

    /// <summary>The key the last rotation replaced, valid until <see cref="PreviousKeyExpiresAt"/>.</summary>
    public byte[]? PreviousSalt { get; private set; }

    public byte[]? PreviousSecretHash { get; private set; }

    public DateTimeOffset? PreviousKeyExpiresAt { get; private set; }

    public Audit Registered { get; private set; } = null!;

    public Audit? Revoked { get; private set; }

    public bool IsRevoked => Revoked is not null;

    /// <summary>Registers an integrator and returns its key, `id.secret`, which is never stored.</summary>
    public static (Integrator Integrator, string Key) Register(string name, IEnumerable<string> allowedSources, TimeSpan keyLifetime, Audit registered)
    {
        var integrator = new Integrator
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            AllowedSources = allowedSources.Distinct().ToList(),
            Registered = registered,
        };
        return (integrator, integrator.NewKey(registered.At + keyLifetime));
    }

    /// <summary>
    /// Issues a new key; the current one keeps working for <paramref name="grace"/> (not past its
    /// own expiry), and a key older than that is dropped. Returns the new key, never stored.
    /// </summary>
    public string RotateKey(TimeSpan keyLifetime, TimeSpan grace, DateTimeOffset now)
    {
        if (IsRevoked)
        {
            throw new PreconditionFailedException("The integrator was revoked; register a new one.");
        }
        var graceEnd = now + grace;
        PreviousSalt = Salt;
        PreviousSecretHash = SecretHash;
        PreviousKeyExpiresAt = KeyExpiresAt is { } expires && expires < graceEnd ? expires : graceEnd;
        KeyRotatedAt = now;
        return NewKey(now + keyLifetime);
    }

    /// <summary>Ends the previous key's grace period now.</summary>
    public void RevokePreviousKey(DateTimeOffset now)
    {
        if (PreviousSecretHash is null || PreviousKeyExpiresAt <= now)
        {
            throw new PreconditionFailedException("The integrator has no previous key that is still valid.");
        }
        PreviousKeyExpiresAt = now;
    }

    public bool Verifies(string secret, DateTimeOffset now) =>
        !IsRevoked && (
            (Matches(Salt, SecretHash, secret) && (KeyExpiresAt is null || now < KeyExpiresAt))
            || (PreviousSalt is not null && PreviousSecretHash is not null && now < PreviousKeyExpiresAt && Matches(PreviousSalt, PreviousSecretHash, secret)));

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

    private string NewKey(DateTimeOffset expiresAt)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        Salt = RandomNumberGenerator.GetBytes(16);
        SecretHash = Hash(Salt, secret);
        KeyExpiresAt = expiresAt;
        return Id.ToString("N") + "." + secret;
    }

    private static bool Matches(byte[] salt, byte[] hash, string secret) =>
        CryptographicOperations.FixedTimeEquals(Hash(salt, secret), hash);

    private static byte[] Hash(byte[] salt, string secret) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
