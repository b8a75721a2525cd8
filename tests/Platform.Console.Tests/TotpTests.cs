using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Auth;
using Platform.WebConsole.Accounts;

namespace Platform.WebConsole.Tests;

/// <summary>The TOTP second factor: RFC 6238's test vectors, and its place in the account store.</summary>
public sealed class TotpTests : IDisposable
{
    // RFC 6238 appendix B: the SHA-1 key "12345678901234567890"; the last six of the eight digits listed there.
    private static readonly string RfcSecret = Totp.Base32Encode(Encoding.ASCII.GetBytes("12345678901234567890"));

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
    private readonly SqliteAccountsDbContext _db;

    public TotpTests()
    {
        _connection.Open();
        _db = new SqliteAccountsDbContext(new DbContextOptionsBuilder<SqliteAccountsDbContext>().UseSqlite(_connection).Options);
        _db.Database.Migrate();
    }

    public void Dispose()
    {
        _db.Dispose();
        _connection.Dispose();
    }

    private AccountService Accounts(bool requireForOperators = false) =>
        new(_db, Options.Create(new ConsoleOptions { MaxFailedSignIns = 3, RequireTotpForOperators = requireForOperators }), _clock, TestAudit.Recorder(_clock));

    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1111111111, "050471")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void Codes_match_the_rfc_6238_test_vectors(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code(RfcSecret, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void Base32_round_trips_and_the_uri_is_what_authenticator_apps_read()
    {
        var secret = Totp.NewSecret();
        Assert.Equal(32, secret.Length);
        Assert.Equal(secret, Totp.Base32Encode(Totp.Base32Decode(secret)));
        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", RfcSecret);
        Assert.Equal("otpauth://totp/%E5%B9%B3%E5%8F%B0:admin?secret=ABC&issuer=%E5%B9%B3%E5%8F%B0&algorithm=SHA1&digits=6&period=30",
            Totp.OtpAuthUri("平台", "admin", "ABC"));
    }

    [Fact]
    public void A_code_counts_one_step_either_side_of_now_and_only_once()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.StepAt(now);
        Assert.Equal(step, Totp.Match(RfcSecret, Totp.Code(RfcSecret, now), now, null));
        Assert.Equal(step - 1, Totp.Match(RfcSecret, Totp.Code(RfcSecret, now.AddSeconds(-30)), now, null));
        Assert.Null(Totp.Match(RfcSecret, Totp.Code(RfcSecret, now.AddSeconds(-90)), now, null));
        // Used once, the same code (or an older one) is refused.
        Assert.Null(Totp.Match(RfcSecret, Totp.Code(RfcSecret, now), now, step));
        Assert.Null(Totp.Match(RfcSecret, "12345", now, null));
        Assert.Null(Totp.Match(RfcSecret, "abcdef", now, null));
    }

    [Fact]
    public async Task Operators_must_enrol_when_configured_and_an_enrolled_account_needs_its_code_after_the_password()
    {
        var accounts = Accounts(requireForOperators: true);
        var admin = await accounts.CreateAsync(new NewAccount("admin", "管理员", null, [PlatformRoles.NodeOperator], "operator-pass-1"));
        var clerk = await accounts.CreateAsync(new NewAccount("clerk", "科员", null, [PlatformRoles.OfficeStaff], "clerk-pass-01"));
        Assert.True(accounts.RequiresSecondFactor(admin));
        Assert.False(accounts.RequiresSecondFactor(clerk));
        Assert.False(Accounts(requireForOperators: false).RequiresSecondFactor(admin));

        // Enrolment: the secret is kept only once a code proves the app has it.
        var secret = Totp.NewSecret();
        Assert.IsType<SignInResult.WrongCredentials>(await accounts.CheckTotpAsync("admin", "000000", secret));
        Assert.Null((await accounts.FindByNameAsync("admin"))!.TotpSecret);
        Assert.IsType<SignInResult.Success>(await accounts.CheckTotpAsync("admin", Totp.Code(secret, _clock.GetUtcNow()), secret));
        Assert.Equal(secret, (await accounts.FindByNameAsync("admin"))!.TotpSecret);

        // Enrolled: another secret offered later is ignored, the code is good once, and wrong codes lock like wrong passwords.
        Assert.IsType<SignInResult.WrongCredentials>(await accounts.CheckTotpAsync("admin", Totp.Code(secret, _clock.GetUtcNow()), Totp.NewSecret()));
        Assert.IsType<SignInResult.WrongCredentials>(await accounts.CheckTotpAsync("admin", "111111", null));
        Assert.IsType<SignInResult.LockedOut>(await accounts.CheckTotpAsync("admin", "222222", null));
        _clock.Advance(TimeSpan.FromMinutes(16));
        Assert.IsType<SignInResult.Success>(await accounts.CheckTotpAsync("admin", Totp.Code(secret, _clock.GetUtcNow()), null));

        // A lost phone: the operator resets the second factor, and the next sign-in enrols again.
        await accounts.ResetTotpAsync(admin.Id);
        Assert.Null((await accounts.FindByNameAsync("admin"))!.TotpSecret);
        Assert.True(accounts.RequiresSecondFactor((await accounts.FindByNameAsync("admin"))!));
    }
}
