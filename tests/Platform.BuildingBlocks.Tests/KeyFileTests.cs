using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Auth;

namespace Platform.BuildingBlocks.Tests;

/// <summary>Key files a node creates are its owner's only (0600), and a readable one is named at start-up.</summary>
public sealed class KeyFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("platform-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void The_token_signing_key_file_is_created_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes
        }
        var file = Path.Combine(_directory, "token-signing.key");
        var ring = new SigningKeyRing(Options.Create(new AuthOptions { SigningKeyFile = file, CreateKeyFileIfMissing = true }));
        Assert.NotNull(ring.Current);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
        Assert.False(KeyFiles.IsExposed(file));
    }

    [Fact]
    public void The_audit_checkpoint_key_file_is_created_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes
        }
        var file = Path.Combine(_directory, "keys", "audit-checkpoint.pem");
        using var signer = new CheckpointSigner(Options.Create(new AuditOptions { CheckpointKeyFile = file, CreateKeyFileIfMissing = true }));
        Assert.NotEmpty(signer.KeyId);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
    }

    [Fact]
    public void A_key_file_readable_by_group_or_others_is_warned_about_naming_the_setting()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes
        }
        var loose = Path.Combine(_directory, "loose.key");
        var tight = Path.Combine(_directory, "tight.key");
        File.WriteAllText(loose, new string('k', 48));
        File.WriteAllText(tight, new string('k', 48));
        File.SetUnixFileMode(loose, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(tight, OwnerOnly);
        var logger = new ListLogger();

        var exposed = KeyFiles.WarnAboutExposed(logger, [("Auth:SigningKeyFile", loose), ("Audit:CheckpointKeyFile", tight), ("Auth:PreviousSigningKeys:0:KeyFile", null)]);

        Assert.Equal(1, exposed);
        var warning = Assert.Single(logger.Messages);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Auth:SigningKeyFile", warning.Text);
        Assert.Contains(loose, warning.Text);
        Assert.Contains("chmod 600", warning.Text);
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Text)> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add((logLevel, formatter(state, exception)));
    }
}
