using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.WebConsole.Accounts;

namespace Platform.WebConsole.Tests;

/// <summary>The account store on SQLite with its real migrations.</summary>
public sealed class AccountServiceTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
    private readonly SqliteAccountsDbContext _db;
    private readonly AccountService _accounts;
    private readonly MemoryCache _unknownNames = new(new MemoryCacheOptions());

    public AccountServiceTests()
    {
        _connection.Open();
        _db = new SqliteAccountsDbContext(new DbContextOptionsBuilder<SqliteAccountsDbContext>().UseSqlite(_connection).Options);
        _db.Database.Migrate();
        _accounts = new AccountService(_db, Options.Create(new ConsoleOptions { MaxFailedSignIns = 3, LockoutDuration = TimeSpan.FromMinutes(15) }), _clock, TestAudit.Recorder(_clock), _unknownNames);
    }

    public void Dispose()
    {
        _db.Dispose();
        _connection.Dispose();
        _unknownNames.Dispose();
    }

    [Fact]
    public async Task The_password_is_stored_as_a_hash_and_checked_case_insensitively_by_name()
    {
        await _accounts.CreateAsync(new NewAccount("Clerk1", "王科员", null, [PlatformRoles.OfficeStaff], "correct-horse-9"));

        var stored = await _db.Accounts.SingleAsync();
        Assert.Equal("clerk1", stored.UserName);
        Assert.DoesNotContain("correct-horse-9", stored.PasswordHash, StringComparison.Ordinal);
        Assert.IsType<SignInResult.Success>(await _accounts.CheckPasswordAsync("CLERK1", "correct-horse-9"));
        Assert.IsType<SignInResult.WrongCredentials>(await _accounts.CheckPasswordAsync("clerk1", "Correct-horse-9"));
        Assert.IsType<SignInResult.WrongCredentials>(await _accounts.CheckPasswordAsync("nobody", "correct-horse-9"));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_until_the_lockout_ends_and_a_reset_lifts_it()
    {
        var account = await _accounts.CreateAsync(new NewAccount("clerk1", "王科员", null, [PlatformRoles.OfficeStaff], "correct-horse-9"));
        Assert.IsType<SignInResult.WrongCredentials>(await _accounts.CheckPasswordAsync("clerk1", "wrong-1"));
        Assert.IsType<SignInResult.WrongCredentials>(await _accounts.CheckPasswordAsync("clerk1", "wrong-2"));
        var locked = Assert.IsType<SignInResult.LockedOut>(await _accounts.CheckPasswordAsync("clerk1", "wrong-3"));
        Assert.Equal(_clock.GetUtcNow().AddMinutes(15), locked.Until);
        Assert.IsType<SignInResult.LockedOut>(await _accounts.CheckPasswordAsync("clerk1", "correct-horse-9"));

        _clock.Advance(TimeSpan.FromMinutes(16));
        Assert.IsType<SignInResult.Success>(await _accounts.CheckPasswordAsync("clerk1", "correct-horse-9"));

        for (var i = 0; i < 3; i++)
        {
            await _accounts.CheckPasswordAsync("clerk1", "wrong");
        }
        await _accounts.ResetPasswordAsync(account.Id, "another-horse-7");
        Assert.IsType<SignInResult.Success>(await _accounts.CheckPasswordAsync("clerk1", "another-horse-7"));
    }

    [Fact]
    public async Task A_hash_made_with_fewer_iterations_than_configured_verifies_and_is_redone_at_the_configured_count()
    {
        var few = new AccountService(_db, Options.Create(new ConsoleOptions { PasswordHashIterations = 1_000 }), _clock, TestAudit.Recorder(_clock));
        await few.CreateAsync(new NewAccount("clerk1", "王科员", null, [PlatformRoles.OfficeStaff], "correct-horse-9"));
        Assert.Equal(1_000, Iterations((await _db.Accounts.AsNoTracking().SingleAsync()).PasswordHash));

        // _accounts runs at the default count.
        Assert.IsType<SignInResult.WrongCredentials>(await _accounts.CheckPasswordAsync("clerk1", "wrong-horse-9"));
        Assert.IsType<SignInResult.Success>(await _accounts.CheckPasswordAsync("clerk1", "correct-horse-9"));
        Assert.Equal(ConsoleOptions.DefaultPasswordHashIterations, Iterations((await _db.Accounts.AsNoTracking().SingleAsync()).PasswordHash));
        Assert.IsType<SignInResult.Success>(await _accounts.CheckPasswordAsync("clerk1", "correct-horse-9"));
    }

    /// <summary>The iteration count inside an ASP.NET Core Identity version 3 hash (format marker, PRF, then the count, big-endian).</summary>
    private static int Iterations(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(5, 4));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_says_so_only_to_whoever_gives_its_right_password()
    {
        var account = await _accounts.CreateAsync(new NewAccount("liaison1", "李联络员", Guid.NewGuid().ToString(), [PlatformRoles.UnitLiaison], "correct-horse-9"));
        await _accounts.SetDisabledAsync(account.Id, true);
        Assert.IsType<SignInResult.WrongCredentials>(await _accounts.CheckPasswordAsync("liaison1", "wrong-horse-9"));
        Assert.IsType<SignInResult.Disabled>(await _accounts.CheckPasswordAsync("liaison1", "correct-horse-9"));
    }

    [Fact]
    public async Task An_unknown_name_is_answered_as_an_account_is_including_the_lockout()
    {
        await _accounts.CreateAsync(new NewAccount("clerk1", "王科员", null, [PlatformRoles.OfficeStaff], "correct-horse-9"));
        foreach (var name in new[] { "clerk1", "nobody" })
        {
            Assert.IsType<SignInResult.WrongCredentials>(await _accounts.CheckPasswordAsync(name, "wrong-1"));
            Assert.IsType<SignInResult.WrongCredentials>(await _accounts.CheckPasswordAsync(name, "wrong-2"));
            var locked = Assert.IsType<SignInResult.LockedOut>(await _accounts.CheckPasswordAsync(name, "wrong-3"));
            Assert.Equal(_clock.GetUtcNow().AddMinutes(15), locked.Until);
            Assert.IsType<SignInResult.LockedOut>(await _accounts.CheckPasswordAsync(name, "correct-horse-9"));
        }
    }

    [Fact]
    public async Task Disabling_resetting_the_password_or_changing_the_roles_ends_the_accounts_sessions_only()
    {
        var clerk = await _accounts.CreateAsync(new NewAccount("clerk1", "王科员", null, [PlatformRoles.OfficeStaff], "correct-horse-9"));
        await _accounts.CreateAsync(new NewAccount("clerk2", "赵科员", null, [PlatformRoles.OfficeStaff], "correct-horse-9"));
        async Task<int> Sessions(string subject) => await _db.Sessions.CountAsync(s => s.Subject == subject);
        async Task OpenAsync(string subject)
        {
            var now = _clock.GetUtcNow();
            _db.Sessions.Add(new Sessions.ConsoleSessionRecord
            {
                Id = Guid.NewGuid(), Subject = subject, Registration = Issuer.NodeIssuerSetup.NodeRegistration,
                StartedAt = now, ExpiresAt = now.AddHours(8), LastActiveAt = now,
            });
            await _db.SaveChangesAsync();
        }

        await OpenAsync("clerk1");
        await OpenAsync("clerk1");
        await OpenAsync("clerk2");
        await _accounts.SetDisabledAsync(clerk.Id, true);
        Assert.Equal(0, await Sessions("clerk1"));
        Assert.Equal(1, await Sessions("clerk2"));

        await _accounts.SetDisabledAsync(clerk.Id, false);
        await OpenAsync("clerk1");
        await _accounts.ResetPasswordAsync(clerk.Id, "another-horse-7");
        Assert.Equal(0, await Sessions("clerk1"));

        await OpenAsync("clerk1");
        // The same unit and roles again is no change, and ends nothing.
        await _accounts.ChangeRolesAsync(clerk.Id, null, [PlatformRoles.OfficeStaff]);
        Assert.Equal(1, await Sessions("clerk1"));
        await _accounts.ChangeRolesAsync(clerk.Id, null, [PlatformRoles.OfficeStaff, PlatformRoles.Observer]);
        Assert.Equal(0, await Sessions("clerk1"));
        Assert.Equal(1, await Sessions("clerk2"));
    }

    [Fact]
    public async Task A_person_changes_their_own_password_with_the_current_one_and_the_new_one_twice_and_their_other_sessions_end()
    {
        await _accounts.CreateAsync(new NewAccount("clerk1", "王科员", null, [PlatformRoles.OfficeStaff], "correct-horse-9"));
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            _accounts.ChangeOwnPasswordAsync("clerk1", "wrong-horse-9", "short", "other", keepSession: null));
        Assert.Equal(["current_password", "new_password", "repeat_password"], error.Violations.Select(v => v.Field).Order(StringComparer.Ordinal));
        Assert.Contains(error.Violations, v => v.Field == "new_password" && v.Description.Contains("至少 10 个字符", StringComparison.Ordinal));

        var now = _clock.GetUtcNow();
        var current = new Sessions.ConsoleSessionRecord { Id = Guid.NewGuid(), Subject = "clerk1", Registration = "node", StartedAt = now, ExpiresAt = now.AddHours(8), LastActiveAt = now };
        var elsewhere = new Sessions.ConsoleSessionRecord { Id = Guid.NewGuid(), Subject = "clerk1", Registration = "node", StartedAt = now, ExpiresAt = now.AddHours(8), LastActiveAt = now };
        _db.Sessions.AddRange(current, elsewhere);
        await _db.SaveChangesAsync();
        await _accounts.ChangeOwnPasswordAsync("clerk1", "correct-horse-9", "another-horse-7", "another-horse-7", current.Id);

        Assert.Equal([current.Id], await _db.Sessions.Select(s => s.Id).ToListAsync());
        Assert.IsType<SignInResult.WrongCredentials>(await _accounts.CheckPasswordAsync("clerk1", "correct-horse-9"));
        Assert.IsType<SignInResult.Success>(await _accounts.CheckPasswordAsync("clerk1", "another-horse-7"));
        Assert.Contains(await _accounts.RecentChangesAsync(10), e => e.Action == "console/accounts/change_password" && e.UserId == "clerk1");
    }

    [Fact]
    public void Roles_and_account_changes_read_in_chinese_with_china_time()
    {
        Assert.Equal("办公室工作人员、观察员", AccountText.RoleNames(["office_staff", "observer"]));
        Assert.Equal("账号 li；单位 无；角色 联络员 改为 单位 0199a0c4-0000-7000-8000-000000000001；角色 联络员、单位负责人",
            AccountText.Detail("user_name=li; unit_id=-; roles=unit_liaison -> unit_id=0199a0c4-0000-7000-8000-000000000001; roles=unit_liaison,leader"));
        Assert.Equal("账号 li；连续 5 次密码或验证码错误，锁定至 2026年12月1日 10:15",
            AccountText.Detail("user_name=li; 5 wrong passwords or codes in a row; locked until 2026-12-01T02:15:00Z"));
        // The name is shown as written, even when it is one of the words the change is told in.
        Assert.Equal("账号 disabled；停用", AccountText.Detail("user_name=disabled; disabled"));
    }

    [Fact]
    public void An_account_change_names_a_known_unit_by_its_name_and_an_unknown_one_by_its_id()
    {
        var names = new Dictionary<string, string> { ["0199a0c4-0000-7000-8000-000000000001"] = "崇川区司法局" };
        Assert.Equal("账号 li；单位 无；角色 联络员 改为 单位 崇川区司法局；角色 联络员",
            AccountText.Detail("user_name=li; unit_id=-; roles=unit_liaison -> unit_id=0199a0c4-0000-7000-8000-000000000001; roles=unit_liaison", names));
        Assert.Equal("账号 li；单位 0199a0c4-0000-7000-8000-000000000002；角色 联络员",
            AccountText.Detail("user_name=li; unit_id=0199a0c4-0000-7000-8000-000000000002; roles=unit_liaison", names));
    }

    [Fact]
    public async Task A_bad_account_names_each_field()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            _accounts.CreateAsync(new NewAccount("bad name!", "", null, ["unit_liaison", "boss"], "short")));
        Assert.Equal(["user_name", "display_name", "roles", "unit_id", "password"], error.Violations.Select(v => v.Field).Distinct());
    }

    [Fact]
    public async Task A_csv_import_is_all_or_nothing_and_names_the_row_and_column_of_each_problem()
    {
        await _accounts.CreateAsync(new NewAccount("clerk1", "王科员", null, [PlatformRoles.OfficeStaff], "correct-horse-9"));
        var unit = Guid.NewGuid();
        var bad = "\uFEFFuser_name,display_name,unit_id,roles,password\n" +
                  $"liaison1,李联络员,{unit},unit_liaison,correct-horse-9\n" +
                  "clerk1,重名,,office_staff,correct-horse-9\n" +
                  "leader1,赵主任,not-a-unit,leader,correct-horse-9\n";
        var error = await Assert.ThrowsAsync<ValidationException>(() => _accounts.ImportCsvAsync(bad));
        Assert.Contains(error.Violations, v => v.Field == "rows[2].user_name");
        Assert.Contains(error.Violations, v => v.Field == "rows[3].unit_id");
        Assert.Equal(1, await _db.Accounts.CountAsync());

        var good = "user_name,display_name,unit_id,roles,password\r\n" +
                   $"liaison1,李联络员,{unit},unit_liaison,correct-horse-9\r\n" +
                   $"leader1,赵主任,{unit},leader;observer,correct-horse-9\r\n";
        Assert.Equal(2, await _accounts.ImportCsvAsync(good));
        var leader = await _db.Accounts.SingleAsync(a => a.UserName == "leader1");
        Assert.Equal(["leader", "observer"], leader.RoleList);
        Assert.Equal(unit, leader.UnitId);
    }

    [Fact]
    public async Task Every_change_of_an_account_is_in_the_audit_trail_with_who_and_what_and_never_the_password()
    {
        var unit = Guid.NewGuid();
        var account = await _accounts.CreateAsync(new NewAccount("liaison1", "李联络员", unit.ToString(), [PlatformRoles.UnitLiaison], "correct-horse-9"), "admin");
        await _accounts.ImportCsvAsync("user_name,display_name,unit_id,roles,password\nclerk9,钱科员,,office_staff,imported-horse-9\n", "admin");
        await _accounts.SetDisabledAsync(account.Id, true, "admin");
        await _accounts.SetDisabledAsync(account.Id, false, "admin");
        await _accounts.ResetPasswordAsync(account.Id, "another-horse-7", "admin");
        await _accounts.ChangeRolesAsync(account.Id, unit.ToString(), [PlatformRoles.UnitLiaison, PlatformRoles.Leader], "admin");
        var error = await Assert.ThrowsAsync<ValidationException>(() => _accounts.ChangeRolesAsync(account.Id, null, [PlatformRoles.Leader], "admin"));
        Assert.Equal("unit_id", Assert.Single(error.Violations).Field);
        for (var i = 0; i < 3; i++)
        {
            await _accounts.CheckPasswordAsync("liaison1", "wrong-password");
        }
        await _accounts.ResetPasswordAsync(account.Id, "third-horse-77", "admin");
        var secret = Totp.NewSecret();
        Assert.IsType<SignInResult.Success>(await _accounts.CheckTotpAsync("liaison1", Totp.Code(secret, _clock.GetUtcNow()), secret));
        await _accounts.ResetTotpAsync(account.Id, "admin");

        var changes = await _accounts.RecentChangesAsync(50);
        Assert.Equal(
            ["create", "import", "disable", "enable", "reset_password", "change_roles", "lockout", "reset_password", "enrol_totp", "reset_totp"],
            changes.AsEnumerable().Reverse().Select(c => c.Action.Replace(AccountService.Changes.ActionPrefix, "", StringComparison.Ordinal)));
        Assert.All(changes, c =>
        {
            Assert.Equal(AccountService.AuditStore, c.Service);
            Assert.Equal(AccountService.AuditEntity, c.EntityType);
            Assert.Equal("test-node", c.NodeId);
            Assert.Null(c.Sequence);
        });
        Assert.Equal(["admin", "admin", "admin", "admin", "admin", "admin", "system", "admin", "liaison1", "admin"],
            changes.AsEnumerable().Reverse().Select(c => c.UserId));
        var roles = Assert.Single(changes, c => c.Action.EndsWith("change_roles", StringComparison.Ordinal));
        Assert.Equal(account.Id.ToString(), roles.EntityId);
        Assert.Equal($"user_name=liaison1; unit_id={unit}; roles=unit_liaison -> unit_id={unit}; roles=unit_liaison,leader", roles.Detail);
        Assert.Equal("update", roles.Operation);
        Assert.Equal("create", changes.Single(c => c.Action.EndsWith("/import", StringComparison.Ordinal)).Operation);
        // Names and ids, never a password, its hash or a second factor's secret.
        var all = string.Join("\n", changes.Select(c => c.Detail));
        foreach (var secretText in new[] { "correct-horse-9", "imported-horse-9", "another-horse-7", "third-horse-77", secret })
        {
            Assert.DoesNotContain(secretText, all, StringComparison.Ordinal);
        }
        Assert.DoesNotContain((await _db.Accounts.SingleAsync(a => a.Id == account.Id)).PasswordHash, all, StringComparison.Ordinal);
    }
}
