using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Platform.BuildingBlocks.Files;

/// <summary>A stored file: its SHA-256 (hex, lower case) is its key.</summary>
public sealed record StoredFile(string Sha256, long Size);

/// <summary>Content-addressed file storage: the same bytes are stored once, and a file never changes after it is written.</summary>
public interface IFileStore
{
    Task<StoredFile> SaveAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The file's bytes, or null when no file has that hash.</summary>
    Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken);
}

/// <summary>Section "Files": where files live. A local folder (a persistent volume in Kubernetes).</summary>
public sealed class FileStoreOptions
{
    public const string SectionName = "Files";

    public string Directory { get; set; } = "data/files";
}

internal sealed class LocalFileStore(string root) : IFileStore
{
    public async Task<StoredFile> SaveAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Write aside and move, so a crash never leaves a half file under the final name.
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }
        return new StoredFile(hash, content.Length);
    }

    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
        {
            return null;
        }
        var path = PathOf(sha256.ToLowerInvariant());
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    private string PathOf(string hash) => Path.Combine(root, hash[..2], hash);
}

public static class FileStoreSetup
{
    public static IHostApplicationBuilder AddPlatformFileStore(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(FileStoreOptions.SectionName).Get<FileStoreOptions>() ?? new FileStoreOptions();
        var root = Path.GetFullPath(options.Directory, builder.Environment.ContentRootPath);
        builder.Services.TryAddSingleton<IFileStore>(_ => new LocalFileStore(root));
        return builder;
    }
}
