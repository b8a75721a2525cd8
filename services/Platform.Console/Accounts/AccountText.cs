using System.Globalization;
using Platform.WebConsole.Api;
using System.Text.RegularExpressions;
using Platform.BuildingBlocks.Auth;

namespace Platform.WebConsole.Accounts;

/// <summary>Account roles and audit entries as the console shows them: in Chinese, times in China time.</summary>
public static partial class AccountText
{
    public static string RoleName(string role) => role switch
    {
        PlatformRoles.OfficeStaff => "办公室工作人员",
        PlatformRoles.Inspector => "督察专员",
        PlatformRoles.UnitLiaison => "联络员",
        PlatformRoles.Leader => "单位负责人",
        PlatformRoles.Observer => "观察员",
        PlatformRoles.NodeOperator => "节点管理员",
        PlatformRoles.Auditor => "审计员",
        _ => role,
    };

    /// <summary>"office_staff,observer" → "办公室工作人员、观察员".</summary>
    public static string RoleNames(IEnumerable<string> roles) => string.Join("、", roles.Select(RoleName));

    /// <summary>
    /// An account change's audit detail (AccountService writes it in English, for the trail) as a sentence in Chinese:
    /// "user_name=li; unit_id=-; roles=unit_liaison" → "账号 li；单位 无；角色 联络员"; a unit by its name when
    /// <paramref name="unitNames"/> knows it, else by its id.
    /// </summary>
    public static string Detail(string detail, IReadOnlyDictionary<string, string>? unitNames = null)
    {
        // The account's name comes first and is shown as written (a name may contain any of the words below).
        var split = detail.IndexOf("; ", StringComparison.Ordinal);
        var name = split < 0 ? detail : detail[..split];
        var rest = split < 0 ? "" : detail[(split + 2)..];
        return (name.StartsWith("user_name=", StringComparison.Ordinal) ? "账号 " + name["user_name=".Length..] : name)
            + (rest.Length == 0 ? "" : "；" + Change(rest, unitNames));
    }

    private static string Change(string change, IReadOnlyDictionary<string, string>? unitNames)
    {
        var text = Known.Aggregate(change, (current, pair) => current.Replace(pair.English, pair.Chinese, StringComparison.Ordinal));
        text = LockedUntil().Replace(text, m =>
            $"连续 {m.Groups["count"].Value} 次密码或验证码错误，锁定至 "
            + (DateTimeOffset.TryParse(m.Groups["until"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
                ? ChinaTime.DateTime(until)
                : m.Groups["until"].Value));
        text = Roles().Replace(text, m => "角色 " + RoleNames(m.Groups["roles"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries)));
        text = Unit().Replace(text, m => "单位 " + (m.Groups["unit"].Value is var unit && unit == "-" ? "无" : unitNames?.Name(unit) ?? unit));
        return text.Replace("; ", "；", StringComparison.Ordinal);
    }

    private static readonly (string English, string Chinese)[] Known =
    [
        (" -> ", " 改为 "),
        ("password reset, lockout lifted; sessions ended", "重置密码，解除锁定，结束其登录"),
        ("password reset, lockout lifted", "重置密码，解除锁定"),
        ("password changed by its holder; other sessions ended", "本人修改密码，结束其他登录"),
        ("totp enrolled", "绑定两步验证"),
        ("totp removed", "解除两步验证"),
        ("disabled", "停用"),
        ("enabled", "启用"),
    ];

    [GeneratedRegex(@"(?<count>\d+) wrong passwords or codes in a row; locked until (?<until>\S+)")]
    private static partial Regex LockedUntil();

    [GeneratedRegex(@"roles=(?<roles>[a-z_,]*)")]
    private static partial Regex Roles();

    [GeneratedRegex(@"unit_id=(?<unit>[-0-9a-fA-F]+)")]
    private static partial Regex Unit();
}
