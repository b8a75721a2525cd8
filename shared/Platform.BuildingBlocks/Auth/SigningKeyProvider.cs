using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Platform.BuildingBlocks.Auth;

/// <summary>Loads the symmetric signing key from configuration or its key file.</summary>
public static class SigningKeyProvider
{
    public static SymmetricSecurityKey? Load(AuthOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey));
        }
        if (string.IsNullOrWhiteSpace(options.SigningKeyFile))
        {
            return null;
        }
        var path = Path.GetFullPath(options.SigningKeyFile);
        if (!File.Exists(path))
        {
            if (!options.CreateKeyFileIfMissing)
            {
                throw new InvalidOperationException($"Auth:SigningKeyFile '{options.SigningKeyFile}' does not exist.");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Written once per node; a race between two first starts is settled by the file system.
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))));
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }
        var text = File.ReadAllText(path).Trim();
        if (text.Length < 32)
        {
            throw new InvalidOperationException($"Auth:SigningKeyFile '{options.SigningKeyFile}' holds fewer than 32 characters.");
        }
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(text));
    }
}
