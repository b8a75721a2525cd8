using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Platform.BuildingBlocks.Auth;

namespace Platform.WebConsole.Issuer;

/// <summary>
/// The RSA keys of the node's OpenID Connect issuer (ADR 0021): the first signs identity tokens
/// and is published in the JWKS; the second encrypts what only the node reads back (authorization
/// codes, the console client's state). Access tokens are not signed with these: they are the
/// node's ordinary HMAC tokens. Kept as two PEM blocks in one file, created on first start like
/// the node's token key, so every replica that mounts the file agrees.
/// </summary>
public sealed class IssuerKeys
{
    private const int KeySize = 2048;

    private IssuerKeys(RsaSecurityKey signing, RsaSecurityKey encryption)
    {
        Signing = signing;
        Encryption = encryption;
    }

    public RsaSecurityKey Signing { get; }

    public RsaSecurityKey Encryption { get; }

    /// <summary>Reads the key file, creating it with two fresh keys when it is missing and <paramref name="createIfMissing"/>.</summary>
    public static IssuerKeys Load(string path, bool createIfMissing)
    {
        if (!File.Exists(path))
        {
            if (!createIfMissing)
            {
                throw new InvalidOperationException($"Console:IssuerKeyFile '{path}' does not exist.");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var first = RSA.Create(KeySize);
            using var second = RSA.Create(KeySize);
            try
            {
                using var stream = KeyFiles.CreateNew(path);
                stream.Write(Encoding.ASCII.GetBytes(first.ExportPkcs8PrivateKeyPem() + "\n" + second.ExportPkcs8PrivateKeyPem() + "\n"));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process of the node wrote it first: use theirs.
            }
        }
        var text = File.ReadAllText(path);
        var keys = new List<RsaSecurityKey>();
        var rest = text.AsSpan();
        while (keys.Count < 2 && PemEncoding.TryFind(rest, out var fields))
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(rest[fields.Location]);
            keys.Add(new RsaSecurityKey(rsa) { KeyId = KeyId(rsa) });
            rest = rest[fields.Location.End..];
        }
        return keys.Count == 2
            ? new IssuerKeys(keys[0], keys[1])
            : throw new InvalidOperationException($"Console:IssuerKeyFile '{path}' must hold two PEM RSA private keys (signing, then encryption).");
    }

    /// <summary>A key id from the public key alone, so it is stable across restarts and reveals nothing secret.</summary>
    private static string KeyId(RSA rsa) => Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo())[..9]);
}
