using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.AuditTrail;
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
/// operator's management (create, disable, reset, CSV import). Every change of an account goes into
/// the node's audit trail (the <c>console</c> store) in the same transaction: who, when, what, never a
/// password or a second factor's secret.
/// </summary>
public sealed class AccountService(AccountsDbContext db, IOptions<ConsoleOptions> options, TimeProvider clock, AuditRecorder audit, IMemoryCache? unknownNames = null)
{
    public const int MinPasswordLength = 10;

    /// <summary>The audit store of the account changes (consoledb).</summary>
    public const string AuditStore = "console";

    /// <summary>The table the audit entries name.</summary>
    public const string AuditEntity = "accounts";

    /// <summary>The actions recorded, as the audit trail names them (<c>console/accounts/…</c>).</summary>
    public static class Changes
    {
        public const string Create = "create";
        public const string Import = "import";
        public const string Disable = "disable";
        public const string Enable = "enable";
        public const string ResetPassword = "reset_password";
        public const string ChangePassword = "change_password";
        public const string ChangeRoles = "change_roles";
        public const string EnrolTotp = "enrol_totp";
        public const string ResetTotp = "reset_totp";
        public const string Lockout = "lockout";

        public const string ActionPrefix = "console/accounts/";
    }

    private readonly PasswordHashing _hashing = PasswordHashing.For(options.Value.PasswordHashIterations);

    private PasswordHasher<ConsoleAccount> Hasher => _hashing.Hasher;

    /// <summary>
    /// Checks a sign-in. An unknown name is answered exactly as a known one (the same hash work, the same wrong-password
    /// answer, and after <see cref="ConsoleOptions.MaxFailedSignIns"/> tries the same lockout), so names cannot be probed;
    /// a disabled account says so only to whoever gives its right password.
    /// </summary>
    public async Task<SignInResult> CheckPasswordAsync(string? userName, string? password, CancellationToken cancellationToken = default)
    {
        var name = Normalise(userName);
        var account = name.Length == 0 ? null : await db.Accounts.SingleOrDefaultAsync(a => a.UserName == name, cancellationToken);
        var now = clock.GetUtcNow();
        if (account is null)
        {
            // Spend the time a real check takes, so an unknown name answers as slowly as a known one.
            Hasher.VerifyHashedPassword(new ConsoleAccount(), _hashing.DummyHash, password ?? "");
            return UnknownNameFailure(name, now);
        }
        // Always the hash work, before any refusal: a locked or disabled account answers as slowly as any other.
        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password ?? "");
        if (account.LockedUntil is { } until && until > now)
        {
            return new SignInResult.LockedOut(until);
        }
        if (verdict == PasswordVerificationResult.Failed)
        {
            return await FailAsync(account, now, cancellationToken);
        }
        if (account.Disabled)
        {
            return new SignInResult.Disabled();
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

    /// <summary>
    /// Wrong tries of names that are no account, counted (in this process) as an account's are, so that a name that
    /// does not exist is "locked" after as many tries as one that does.
    /// </summary>
    private SignInResult UnknownNameFailure(string name, DateTimeOffset now)
    {
        if (unknownNames is null || name.Length == 0)
        {
            return new SignInResult.WrongCredentials();
        }
        var key = "console-unknown-name:" + name;
        var tries = unknownNames.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = options.Value.LockoutDuration * 2;
            return new UnknownNameTries();
        })!;
        lock (tries)
        {
            if (tries.LockedUntil is { } until && until > now)
            {
                return new SignInResult.LockedOut(until);
            }
            if (++tries.Count >= options.Value.MaxFailedSignIns)
            {
                tries.Count = 0;
                tries.LockedUntil = now + options.Value.LockoutDuration;
                return new SignInResult.LockedOut(tries.LockedUntil.Value);
            }
            return new SignInResult.WrongCredentials();
        }
    }

    private sealed class UnknownNameTries
    {
        public int Count;
        public DateTimeOffset? LockedUntil;
    }

    /// <summary>A disabled or (still) locked account is refused before its second-factor code is looked at.</summary>
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
            // Whoever typed is not known: the node locked it.
            Record(null, Changes.Lockout, "update", account,
                string.Create(CultureInfo.InvariantCulture, $"{options.Value.MaxFailedSignIns} wrong passwords or codes in a row; locked until {account.LockedUntil.Value.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}"));
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
        if (account.TotpSecret is null)
        {
            // The person enrols their own second factor, at sign-in; the secret never enters the trail.
            Record(account.UserName, Changes.EnrolTotp, "update", account, "totp enrolled");
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
    public async Task ResetTotpAsync(Guid id, string? by = null, CancellationToken cancellationToken = default)
    {
        var account = await FindAsync(id, cancellationToken);
        account.TotpSecret = null;
        account.TotpLastStep = null;
        Record(by, Changes.ResetTotp, "update", account, "totp removed");
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

    /// <param name="by">The subject of the operator who does it; null for the node itself (the first-run operator).</param>
    public async Task<ConsoleAccount> CreateAsync(NewAccount input, string? by = null, CancellationToken cancellationToken = default)
    {
        var validator = new RequestValidator();
        var account = Validate(validator, "", input);
        validator.ThrowIfInvalid();
        if (await db.Accounts.AnyAsync(a => a.UserName == account.UserName, cancellationToken))
        {
            throw new ValidationException("user_name", $"账号 {account.UserName} 已存在");
        }
        db.Accounts.Add(account);
        Record(by, Changes.Create, "create", account, Describe(account));
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>
    /// Imports accounts from CSV with the header <c>user_name,display_name,unit_id,roles,password</c>
    /// (roles separated by <c>;</c>). All or nothing: every bad cell is reported by row and column.
    /// </summary>
    public async Task<int> ImportCsvAsync(string csv, string? by = null, CancellationToken cancellationToken = default)
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
        foreach (var account in accounts)
        {
            Record(by, Changes.Import, "create", account, Describe(account));
        }
        await db.SaveChangesAsync(cancellationToken);
        return accounts.Count;
    }

    public async Task SetDisabledAsync(Guid id, bool disabled, string? by = null, CancellationToken cancellationToken = default)
    {
        var account = await FindAsync(id, cancellationToken);
        if (account.Disabled != disabled)
        {
            Record(by, disabled ? Changes.Disable : Changes.Enable, "update", account, disabled ? "disabled" : "enabled");
        }
        account.Disabled = disabled;
        if (disabled)
        {
            await EndSessionsAsync(account, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Sets a new password, lifts a lockout and ends the account's sessions.</summary>
    public async Task ResetPasswordAsync(Guid id, string? password, string? by = null, CancellationToken cancellationToken = default)
    {
        var account = await FindAsync(id, cancellationToken);
        var validator = new RequestValidator();
        CheckPassword(validator, "password", password);
        validator.ThrowIfInvalid();
        account.PasswordHash = Hasher.HashPassword(account, password!);
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        Record(by, Changes.ResetPassword, "update", account, "password reset, lockout lifted; sessions ended");
        await EndSessionsAsync(account, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A person changes their own password (the operator too): the current one, and the new one twice, each error named by
    /// its field (<c>current_password</c>, <c>new_password</c>, <c>repeat_password</c>). Their other sessions end; the
    /// one they are using (<paramref name="keepSession"/>) stays. A wrong current password counts toward the lockout.
    /// </summary>
    public async Task ChangeOwnPasswordAsync(string? userName, string? current, string? newPassword, string? repeat, Guid? keepSession,
        CancellationToken cancellationToken = default)
    {
        var account = await FindByNameAsync(userName, cancellationToken) ?? throw new NotFoundException($"账号 {userName} 不存在");
        var validator = new RequestValidator();
        var now = clock.GetUtcNow();
        if (string.IsNullOrEmpty(current))
        {
            validator.Add("current_password", "请输入当前密码");
        }
        else if (account.LockedUntil is { } until && until > now)
        {
            validator.Add("current_password", $"错误次数过多，账号已锁定至 {ChinaTime.DateTime(until)}，请稍后再试");
        }
        else if (Hasher.VerifyHashedPassword(account, account.PasswordHash, current) == PasswordVerificationResult.Failed)
        {
            await FailAsync(account, now, cancellationToken);
            validator.Add("current_password", "当前密码不正确");
        }
        CheckPassword(validator, "new_password", newPassword);
        if (newPassword is { Length: > 0 } && newPassword == current)
        {
            validator.Add("new_password", "新密码不能与当前密码相同");
        }
        if (newPassword != repeat)
        {
            validator.Add("repeat_password", "两次输入的新密码不一致");
        }
        validator.ThrowIfInvalid();
        account.PasswordHash = Hasher.HashPassword(account, newPassword!);
        account.FailedSignIns = 0;
        Record(account.UserName, Changes.ChangePassword, "update", account, "password changed by its holder; other sessions ended");
        db.Sessions.RemoveRange(await db.Sessions
            .Where(s => s.Subject == account.UserName && s.Registration == Issuer.NodeIssuerSetup.NodeRegistration && s.Id != keepSession)
            .ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The operator changes an account's unit and roles; its sessions end, and its next sign-in's token carries them.</summary>
    public async Task ChangeRolesAsync(Guid id, string? unitId, IReadOnlyCollection<string>? roles, string? by = null, CancellationToken cancellationToken = default)
    {
        var account = await FindAsync(id, cancellationToken);
        var validator = new RequestValidator();
        var (unit, roleList) = ValidateRoles(validator, "", unitId, roles);
        validator.ThrowIfInvalid();
        var before = Describe(account);
        account.UnitId = unit;
        account.Roles = string.Join(',', roleList);
        var after = Describe(account);
        if (before != after)
        {
            Record(by, Changes.ChangeRoles, "update", account, before + " -> " + after);
            // The sessions carry the old unit and roles: the person signs in again and gets the new ones.
            await EndSessionsAsync(account, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Ends the account's console sessions in the same save as the change: within <see cref="Sessions.ConsoleSessions.CacheFor"/>
    /// every request and open page of theirs is refused, and no new API token is minted for them.
    /// </summary>
    private async Task EndSessionsAsync(ConsoleAccount account, CancellationToken cancellationToken) =>
        db.Sessions.RemoveRange(await db.Sessions
            .Where(s => s.Subject == account.UserName && s.Registration == Issuer.NodeIssuerSetup.NodeRegistration)
            .ToListAsync(cancellationToken));

    /// <summary>The latest account changes, newest first, for the operator's page (the auditor searches the whole trail).</summary>
    public Task<List<AuditEntry>> RecentChangesAsync(int count, CancellationToken cancellationToken = default) =>
        db.AuditEntries.AsNoTracking().Where(e => e.EntityType == AuditEntity)
            .OrderByDescending(e => e.Position).Take(count).ToListAsync(cancellationToken);

    /// <summary>One entry of the account's change, added to the same save (so it commits with the change).</summary>
    private void Record(string? by, string change, string operation, ConsoleAccount account, string detail) =>
        db.AuditEntries.Add(audit.NewEntry(AuditStore, string.IsNullOrEmpty(by) ? AuditEntry.SystemUser : by, Changes.ActionPrefix + change,
            operation, AuditEntity, account.Id.ToString(), $"user_name={account.UserName}; {detail}"));

    /// <summary>What rights an account holds: its unit and roles (names and ids only).</summary>
    private static string Describe(ConsoleAccount account) =>
        $"unit_id={account.UnitId?.ToString() ?? "-"}; roles={account.Roles}";

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
        var (unit, roles) = ValidateRoles(validator, prefix, input.UnitId, input.Roles);
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

    private static (Guid? Unit, List<string> Roles) ValidateRoles(RequestValidator validator, string prefix, string? unitId, IReadOnlyCollection<string>? requested)
    {
        Guid? unit = null;
        if (!string.IsNullOrWhiteSpace(unitId))
        {
            unit = validator.Id(prefix + "unit_id", unitId.Trim());
        }
        var roles = (requested ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().ToList();
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
        return (unit, roles);
    }

    private static void CheckPassword(RequestValidator validator, string field, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
        {
            validator.Add(field, $"密码至少 {MinPasswordLength} 个字符");
        }
        else if (password.Length > 128)
        {
            validator.Add(field, "密码最多 128 个字符");
        }
    }

    private static string Normalise(string? userName) => (userName ?? "").Trim().ToLowerInvariant();
}
