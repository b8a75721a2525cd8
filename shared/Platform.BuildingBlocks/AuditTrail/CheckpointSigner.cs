using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.AuditTrail;

/// <summary>
/// Signs checkpoints with the node's audit key (ECDSA P-256, SHA-256) and checks them with its
/// public half. Asymmetric on purpose: an outside verifier needs only the public key that
/// `audit verify` prints, and nobody who can merely read the databases can forge a checkpoint.
/// </summary>
public sealed class CheckpointSigner : IDisposable
{
    private readonly ECDsa _key;

    public CheckpointSigner(IOptions<AuditOptions> options)
    {
        _key = ECDsa.Create();
        _key.ImportFromPem(LoadPem(options.Value));
        var publicKey = _key.ExportSubjectPublicKeyInfo();
        KeyId = Convert.ToHexStringLower(SHA256.HashData(publicKey));
        PublicKeyPem = PemEncoding.WriteString("PUBLIC KEY", publicKey);
    }

    /// <summary>SHA-256 of the public key, hex: names the key in each checkpoint.</summary>
    public string KeyId { get; }

    public string PublicKeyPem { get; }

    public void Sign(AuditCheckpoint checkpoint)
    {
        checkpoint.KeyId = KeyId;
        checkpoint.Signature = Convert.ToBase64String(_key.SignData(AuditChain.CheckpointPayload(checkpoint), HashAlgorithmName.SHA256));
    }

    public bool IsValid(AuditCheckpoint checkpoint)
    {
        if (checkpoint.KeyId != KeyId)
        {
            return false;
        }
        try
        {
            return _key.VerifyData(AuditChain.CheckpointPayload(checkpoint), Convert.FromBase64String(checkpoint.Signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The embedded node's entry MAC key: derived from the private key, so only the process holds it.</summary>
    public byte[] DeriveEntryKey() =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key.ExportParameters(includePrivateParameters: true).D!, 32, [], "platform-audit-entry-mac-v1"u8.ToArray());

    public void Dispose() => _key.Dispose();

    private static string LoadPem(AuditOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.CheckpointKey))
        {
            return options.CheckpointKey;
        }
        var path = Path.GetFullPath(options.CheckpointKeyFile!);
        if (!File.Exists(path))
        {
            if (!options.CreateKeyFileIfMissing)
            {
                throw new InvalidOperationException($"Audit:CheckpointKeyFile '{options.CheckpointKeyFile}' does not exist.");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            // Written once per node; a race between two first starts is settled by the file system.
            try
            {
                using var stream = Auth.KeyFiles.CreateNew(path);
                using var writer = new StreamWriter(stream);
                writer.Write(created.ExportPkcs8PrivateKeyPem());
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }
        return File.ReadAllText(path);
    }
}
