using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Platform.BuildingBlocks.Auth;

/// <summary>
/// The node's HMAC keys: the current one, which signs and validates, and the previous ones,
/// which validate until they are retired. Each key carries a key id ("kid"), so a token names
/// the key that signed it and rotation needs no guessing.
/// </summary>
public sealed class SigningKeyRing
{
    public const int MinimumKeyLength = 32;

    private readonly Dictionary<string, DateTimeOffset> _retireAt = new(StringComparer.Ordinal);

    public SigningKeyRing(IOptions<AuthOptions> options)
    {
        var settings = options.Value;
        Current = LoadCurrent(settings);
        var keys = new List<SymmetricSecurityKey>();
        if (Current is not null)
        {
            keys.Add(Current);
        }
        foreach (var previous in settings.PreviousSigningKeys)
        {
            var text = !string.IsNullOrWhiteSpace(previous.Key) ? previous.Key : ReadKeyFile(previous.KeyFile!);
            var key = NewKey(text, previous.Id);
            keys.Add(key);
            if (previous.RetireAt is { } retireAt)
            {
                _retireAt[key.KeyId] = retireAt;
            }
        }
        ValidationKeys = keys;
    }

    /// <summary>The key that signs new tokens; null on a node that only validates an authority's tokens.</summary>
    public SymmetricSecurityKey? Current { get; }

    /// <summary>Every key a token may be signed with: the current one first.</summary>
    public IReadOnlyList<SymmetricSecurityKey> ValidationKeys { get; }

    /// <summary>True when the key with this id was retired at or before <paramref name="now"/>.</summary>
    public bool IsRetired(string? keyId, DateTimeOffset now) =>
        keyId is not null && _retireAt.TryGetValue(keyId, out var retireAt) && retireAt <= now;

    /// <summary>Why a key file cannot serve, naming the setting; null when it can.</summary>
    public static string? CheckKeyFile(string setting, string file, bool createIfMissing)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            return createIfMissing ? null : $"{setting} '{file}' does not exist.";
        }
        try
        {
            return File.ReadAllText(path).Trim().Length < MinimumKeyLength
                ? $"{setting} '{file}' holds fewer than {MinimumKeyLength} characters."
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{setting} '{file}' cannot be read: {ex.Message}";
        }
    }

    /// <summary>The key id of a key not given one: the first bytes of its SHA-256, which reveal nothing of the key.</summary>
    public static string DeriveKeyId(string key) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(key))[..9]);

    private static SymmetricSecurityKey? LoadCurrent(AuthOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return NewKey(options.SigningKey, options.SigningKeyId);
        }
        if (string.IsNullOrWhiteSpace(options.SigningKeyFile))
        {
            return null;
        }
        var path = Path.GetFullPath(options.SigningKeyFile);
        if (!File.Exists(path) && options.CreateKeyFileIfMissing)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Written once per node; a race between two first starts is settled by the file system.
            try
            {
                using var stream = KeyFiles.CreateNew(path);
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))));
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }
        return NewKey(ReadKeyFile(options.SigningKeyFile), options.SigningKeyId);
    }

    private static string ReadKeyFile(string file)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Signing key file '{file}' does not exist.");
        }
        var text = File.ReadAllText(path).Trim();
        return text.Length < MinimumKeyLength
            ? throw new InvalidOperationException($"Signing key file '{file}' holds fewer than {MinimumKeyLength} characters.")
            : text;
    }

    private static SymmetricSecurityKey NewKey(string text, string? keyId) =>
        new(Encoding.UTF8.GetBytes(text)) { KeyId = string.IsNullOrWhiteSpace(keyId) ? DeriveKeyId(text) : keyId };
}
