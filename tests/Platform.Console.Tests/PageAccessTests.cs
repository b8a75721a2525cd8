using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Platform.BuildingBlocks.Auth;
using Platform.WebConsole;

namespace Platform.WebConsole.Tests;

/// <summary>
/// Every console page says which roles it is for, so a role that types a page's address whose actions the API would
/// refuse it gets 无权访问 (the router's NotAuthorized) instead of the page's controls.
/// </summary>
public sealed class PageAccessTests
{
    /// <summary>Pages every signed-in person uses: the home page (per role), 无权访问 itself, and one's own password.</summary>
    private static readonly string[] ForEveryone = ["/", "/forbidden", "/account/password"];

    private static readonly Dictionary<string, string?> RolesByRoute = typeof(ConsoleRoles).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(route => (route.Template, Type: t)))
        .ToDictionary(
            page => page.Template,
            page => page.Type.GetCustomAttribute<AllowAnonymousAttribute>() is not null
                ? "anonymous"
                : page.Type.GetCustomAttribute<AuthorizeAttribute>()?.Roles);

    [Fact]
    public void Every_page_but_the_shared_ones_names_its_roles()
    {
        var unrestricted = RolesByRoute.Where(p => p.Value is null).Select(p => p.Key).Order(StringComparer.Ordinal);
        Assert.Equal(ForEveryone.Order(StringComparer.Ordinal), unrestricted);
        Assert.Equal("anonymous", RolesByRoute["/signin"]);
    }

    [Theory]
    [InlineData("/plans/{PlanId}", PlatformRoles.UnitLiaison, false)]
    [InlineData("/plans/{PlanId}", PlatformRoles.Leader, false)]
    [InlineData("/plans/{PlanId}", PlatformRoles.Observer, true)]
    [InlineData("/plans/{PlanId}", PlatformRoles.OfficeStaff, true)]
    [InlineData("/bulletins", PlatformRoles.UnitLiaison, false)]
    [InlineData("/bulletins", PlatformRoles.Observer, false)]
    [InlineData("/bulletins", PlatformRoles.OfficeStaff, true)]
    [InlineData("/plans/import", PlatformRoles.UnitLiaison, false)]
    [InlineData("/received", PlatformRoles.UnitLiaison, false)]
    [InlineData("/tasks", PlatformRoles.UnitLiaison, true)]
    [InlineData("/tasks", PlatformRoles.NodeOperator, false)]
    [InlineData("/rectification", PlatformRoles.NodeOperator, false)]
    [InlineData("/rectification", PlatformRoles.Auditor, false)]
    [InlineData("/rectification", PlatformRoles.Inspector, true)]
    [InlineData("/inbox", PlatformRoles.NodeOperator, false)]
    [InlineData("/assessment/scores", PlatformRoles.Inspector, false)]
    [InlineData("/assessment/scores", PlatformRoles.UnitLiaison, true)]
    [InlineData("/accounts", PlatformRoles.OfficeStaff, false)]
    [InlineData("/accounts", PlatformRoles.NodeOperator, true)]
    [InlineData("/units", PlatformRoles.NodeOperator, true)]
    [InlineData("/units", PlatformRoles.UnitLiaison, false)]
    public void A_page_admits_only_the_roles_that_can_use_it(string route, string role, bool admitted) =>
        Assert.Equal(admitted, RolesByRoute[route]!.Split(',').Contains(role));
}
