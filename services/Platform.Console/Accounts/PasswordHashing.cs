using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Platform.WebConsole.Accounts;

/// <summary>
/// ASP.NET Core Identity's hasher at one iteration count (<see cref="ConsoleOptions.PasswordHashIterations"/>),
/// and a hash of nobody's password to check an unknown name against, so that it answers as slowly as a known one.
/// </summary>
internal sealed class PasswordHashing
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, PasswordHashing> ByIterations = new();

    private PasswordHashing(int iterations)
    {
        Hasher = new PasswordHasher<ConsoleAccount>(Options.Create(new PasswordHasherOptions { IterationCount = iterations }));
        DummyHash = Hasher.HashPassword(new ConsoleAccount(), "not-a-password-of-anyone");
    }

    public PasswordHasher<ConsoleAccount> Hasher { get; }

    public string DummyHash { get; }

    public static PasswordHashing For(int iterations) => ByIterations.GetOrAdd(iterations, i => new PasswordHashing(i));
}
