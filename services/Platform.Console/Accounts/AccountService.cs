using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;

namespace Platform.WebConsole.Accounts;

/// <summary>What the operator enters for a new account.</summary>
public sealed record NewAccount(string? UserName, string? DisplayName, string? UnitId, IReadOnlyCollection<string>? Roles, string? Password);

/// <summary>The outcome of a password check.</summary>
public abstract record SignInResult
{
    public sealed record Success(ConsoleAccount Account) : SignInResult;

    /// <summary>Unknown name or wrong password: the same answer, so names cannot be probed.</summary>
    public sealed record WrongCredentials : SignInResult;

    public sealed record LockedOut(DateTimeOffset Until) : SignInResult;

    public sealed record Disabled : SignInResult;
}

/// <summary>
/// The node's console accounts: passwords with ASP.NET Core Identity's hasher (PBKDF2), lockout
/// after <see cref="ConsoleOptions.MaxFailedSignIns"/> wrong passwords in a row, and the
/// operator's management (create, disable, reset, CSV import).
/// </summary>
public sealed class AccountService(AccountsDbContext db, IOptions<ConsoleOptions> options, TimeProvider clock)
{
    public const int MinPasswordLength = 10;

    private static readonly PasswordHasher<ConsoleAccount> Hasher = new();

    public async Task<SignInResult> CheckPasswordAsync(string? userName, string? password, CancellationToken cancellationToken = default)
    {
        var name = Normalise(userName);
        var account = name.Length == 0 ? null : await db.Accounts.SingleOrDefaultAsync(a => a.UserName == name, cancellationToken);
        if (account is null)
        {
            // Spend the time a real check takes, so an unknown name answers as slowly as a known one.
            Hasher.VerifyHashedPassword(new ConsoleAccount(), DummyHash, password ?? "");
            return new SignInResult.WrongCredentials();
        }
        var now = clock.GetUtcNow();
        if (Refusal(account, now) is { } refused)
        {
            return refused;
        }
        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password ?? "");
        if (verdict == PasswordVerificationResult.Failed)
        {
            return await FailAsync(account, now, cancellationToken);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = Hasher.HashPassword(account, password!);
        }
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        account.LastSignInAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return new SignInResult.Success(account);
    }

    /// <summary>A disabled or (still) locked account is refused before any password or code is looked at.</summary>
    private static SignInResult? Refusal(ConsoleAccount account, DateTimeOffset now) =>
        account.Disabled ? new SignInResult.Disabled()
        : account.LockedUntil is { } until && until > now ? new SignInResult.LockedOut(until)
        : null;

    /// <summary>A wrong password or code: counts toward the lockout.</summary>
    private async Task<SignInResult> FailAsync(ConsoleAccount account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        account.FailedSignIns++;
        if (account.FailedSignIns >= options.Value.MaxFailedSignIns)
        {
            account.LockedUntil = now + options.Value.LockoutDuration;
            account.FailedSignIns = 0;
            await db.SaveChangesAsync(cancellationToken);
            return new SignInResult.LockedOut(account.LockedUntil.Value);
        }
        await db.SaveChangesAsync(cancellationToken);
        return new SignInResult.WrongCredentials();
    }

    /// <summary>True when the account must give a TOTP code after its password (enrolled, or an operator when operators must).</summary>
    public bool RequiresSecondFactor(ConsoleAccount account) =>
        account.TotpSecret is not null
        || (options.Value.RequireTotpForOperators && account.RoleList.Contains(PlatformRoles.NodeOperator));

    /// <summary>
    /// The second step of a sign-in whose password was right: the TOTP code of the account's
    /// secret, or, while enrolling, of <paramref name="enrolSecret"/>, which is kept once a code
    /// proves the person's app has it. A wrong code counts toward the lockout like a wrong password;
    /// a code is good once.
    /// </summary>
    public async Task<SignInResult> CheckTotpAsync(string? userName, string? code, string? enrolSecret, CancellationToken cancellationToken = default)
    {
        var account = await FindByNameAsync(userName, cancellationToken);
        var secret = account?.TotpSecret ?? enrolSecret;
        if (account is null || secret is null)
        {
            return new SignInResult.WrongCredentials();
        }
        var now = clock.GetUtcNow();
        if (Refusal(account, now) is { } refused)
        {
            return refused;
        }
        if (Totp.Match(secret, code, now, account.TotpLastStep) is not { } step)
        {
            return await FailAsync(account, now, cancellationToken);
        }
        account.TotpSecret = secret;
        account.TotpLastStep = step;
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        account.LastSignInAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return new SignInResult.Success(account);
    }

    /// <summary>The operator removes an account's second factor (a lost phone); the person enrols again at the next sign-in if required.</summary>
    public async Task ResetTotpAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var account = await FindAsync(id, cancellationToken);
        account.TotpSecret = null;
        account.TotpLastStep = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The account with this sign-in name, or null.</summary>
    public async Task<ConsoleAccount?> FindByNameAsync(string? userName, CancellationToken cancellationToken = default)
    {
        var name = Normalise(userName);
        return name.Length == 0 ? null : await db.Accounts.SingleOrDefaultAsync(a => a.UserName == name, cancellationToken);
    }

    public Task<List<ConsoleAccount>> ListAsync(CancellationToken cancellationToken = default) =>
        db.Accounts.OrderBy(a => a.UserName).ToListAsync(cancellationToken);

    public Task<bool> AnyAsync(CancellationToken cancellationToken = default) => db.Accounts.AnyAsync(cancellationToken);

    public async Task<ConsoleAccount> CreateAsync(NewAccount input, CancellationToken cancellationToken = default)
    {
        var validator = new RequestValidator();
        var account = Validate(validator, "", input);
        validator.ThrowIfInvalid();
        if (await db.Accounts.AnyAsync(a => a.UserName == account.UserName, cancellationToken))
        {
            throw new ValidationException("user_name", $"账号 {account.UserName} 已存在");
        }
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>
    /// Imports accounts from CSV with the header <c>user_name,display_name,unit_id,roles,password</c>
    /// (roles separated by <c>;</c>). All or nothing: every bad cell is reported by row and column.
    /// </summary>
    public async Task<int> ImportCsvAsync(string csv, CancellationToken cancellationToken = default)
    {
        var validator = new RequestValidator();
        var lines = csv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new ValidationException("file", "is empty; expected the header user_name,display_name,unit_id,roles,password");
        }
        var header = lines[0].TrimStart('\uFEFF').Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        string[] expected = ["user_name", "display_name", "unit_id", "roles", "password"];
        if (!header.SequenceEqual(expected))
        {
            throw new ValidationException("file", $"the first line must be the header {string.Join(',', expected)}");
        }
        var accounts = new List<ConsoleAccount>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Count; i++)
        {
            var cells = lines[i].Split(',');
            var prefix = string.Create(CultureInfo.InvariantCulture, $"rows[{i}].");
            if (cells.Length != expected.Length)
            {
                validator.Add($"rows[{i}]", $"has {cells.Length} columns; expected {expected.Length}");
                continue;
            }
            var account = Validate(validator, prefix, new NewAccount(cells[0], cells[1], cells[2],
                cells[3].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), cells[4]));
            if (account.UserName.Length > 0 && !names.Add(account.UserName))
            {
                validator.Add(prefix + "user_name", $"{account.UserName} appears twice in the file");
            }
            accounts.Add(account);
        }
        var existing = await db.Accounts.Where(a => names.Contains(a.UserName)).Select(a => a.UserName).ToListAsync(cancellationToken);
        foreach (var name in existing)
        {
            validator.Add($"rows[{accounts.FindIndex(a => a.UserName == name) + 1}].user_name", $"账号 {name} 已存在");
        }
        validator.ThrowIfInvalid();
        db.Accounts.AddRange(accounts);
        await db.SaveChangesAsync(cancellationToken);
        return accounts.Count;
    }

    public async Task SetDisabledAsync(Guid id, bool disabled, CancellationToken cancellationToken = default)
    {
        var account = await FindAsync(id, cancellationToken);
        account.Disabled = disabled;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Sets a new password and lifts a lockout.</summary>
    public async Task ResetPasswordAsync(Guid id, string? password, CancellationToken cancellationToken = default)
    {
        var account = await FindAsync(id, cancellationToken);
        var validator = new RequestValidator();
        CheckPassword(validator, "password", password);
        validator.ThrowIfInvalid();
        account.PasswordHash = Hasher.HashPassword(account, password!);
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A password for the first-run operator when none is configured.</summary>
    public static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'k').Replace('/', 'm');

    private async Task<ConsoleAccount> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
        ?? throw new NotFoundException($"账号 {id} 不存在");

    private ConsoleAccount Validate(RequestValidator validator, string prefix, NewAccount input)
    {
        var userName = Normalise(input.UserName);
        if (userName.Length == 0)
        {
            validator.Add(prefix + "user_name", "must not be empty");
        }
        else if (userName.Length > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            validator.Add(prefix + "user_name", "must be at most 64 letters, digits, '.', '_' or '-'");
        }
        var displayName = validator.Name(prefix + "display_name", input.DisplayName, 100);
        Guid? unit = null;
        if (!string.IsNullOrWhiteSpace(input.UnitId))
        {
            unit = validator.Id(prefix + "unit_id", input.UnitId.Trim());
        }
        var roles = (input.Roles ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().ToList();
        var unknown = roles.Where(r => !PlatformRoles.All.Contains(r)).ToList();
        if (roles.Count == 0 || unknown.Count > 0)
        {
            validator.Add(prefix + "roles", $"must name one or more of: {string.Join(", ", PlatformRoles.All)}");
        }
        // A liaison or leader acts for a unit: without one the API would refuse every call they make.
        if (unit is null && roles.Any(r => r is PlatformRoles.UnitLiaison or PlatformRoles.Leader))
        {
            validator.Add(prefix + "unit_id", "must be set for a unit_liaison or leader");
        }
        CheckPassword(validator, prefix + "password", input.Password);
        var account = new ConsoleAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = userName,
            DisplayName = displayName,
            UnitId = unit,
            Roles = string.Join(',', roles),
            CreatedAt = clock.GetUtcNow(),
        };
        if (validator.IsValid)
        {
            account.PasswordHash = Hasher.HashPassword(account, input.Password!);
        }
        return account;
    }

    private static void CheckPassword(RequestValidator validator, string field, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
        {
            validator.Add(field, $"must be at least {MinPasswordLength} characters");
        }
        else if (password.Length > 128)
        {
            validator.Add(field, "must be at most 128 characters");
        }
    }

    private static string Normalise(string? userName) => (userName ?? "").Trim().ToLowerInvariant();

    private static readonly string DummyHash = Hasher.HashPassword(new ConsoleAccount(), "not-a-password-of-anyone");
}
