using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Node;

namespace Platform.BuildingBlocks.Tests;

/// <summary>The external issuer's settings (checked at start, naming the setting) and its claim mapping (ADR 0025).</summary>
public sealed class ExternalIssuerTests
{
    private static readonly Guid Finance = Guid.Parse("6d3c1f9e-2f1a-4c55-9a51-0c4b2a7e5a11");

    private static AuthOptions Configured() => new()
    {
        SigningKey = new string('k', 40),
        ExternalIssuer = new ExternalIssuerOptions
        {
            Authority = "https://idp.province.example/",
            Audience = "fzdc-node",
            Roles = [new() { Name = "单位联络员", Role = PlatformRoles.UnitLiaison }, new() { Name = "督察办科员", Role = PlatformRoles.OfficeStaff },
                new() { Name = "督察办科员", Role = PlatformRoles.Inspector }],
            Units = [new() { Code = "ORG-FIN", Unit = Finance.ToString() }],
        },
    };

    private static List<string> Errors(AuthOptions options) =>
        options.Validate(new ValidationContext(options)).Select(e => e.ErrorMessage!).ToList();

    [Fact]
    public void Sound_settings_pass_and_each_wrong_one_is_named()
    {
        Assert.Empty(Errors(Configured()));

        var options = Configured();
        options.ExternalIssuer.Audience = null;
        options.ExternalIssuer.Authority = "http://idp.province.example/";
        options.ExternalIssuer.Algorithms = ["HS256"];
        options.ExternalIssuer.Roles.Add(new() { Name = "管理员", Role = "admin" });
        options.ExternalIssuer.Units.Add(new() { Code = "ORG-FIN", Unit = Guid.NewGuid().ToString() });
        options.ExternalIssuer.Units.Add(new() { Code = "ORG-X", Unit = "not-a-guid" });
        var errors = Errors(options);
        Assert.Contains(errors, e => e.StartsWith("Auth:ExternalIssuer:Audience must be set", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Auth:ExternalIssuer:Authority 'http://idp.province.example/' must use https", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Auth:ExternalIssuer:Algorithms names HS256", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Auth:ExternalIssuer:Roles:3:Role 'admin' is not a role of the node", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Auth:ExternalIssuer:Units:1:Code 'ORG-FIN' is mapped to two different units", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Auth:ExternalIssuer:Units:2:Unit 'not-a-guid' is not a unit id", StringComparison.Ordinal));

        var noRoles = Configured();
        noRoles.ExternalIssuer.Roles.Clear();
        Assert.Contains(Errors(noRoles), e => e.StartsWith("Auth:ExternalIssuer:Roles is empty", StringComparison.Ordinal));

        var orphan = new AuthOptions { SigningKey = new string('k', 40), ExternalIssuer = new() { Audience = "fzdc-node" } };
        Assert.Contains(Errors(orphan), e => e.StartsWith("Auth:ExternalIssuer:Authority must be set", StringComparison.Ordinal));
    }

    [Fact]
    public void Claims_are_mapped_onto_the_nodes_and_an_unmapped_person_is_refused_with_the_reason()
    {
        using var tokens = new ExternalIssuerTokens(Options.Create(Configured()), Options.Create(new NodeOptions { Id = "chengdu", RegionCode = "510100" }), TimeProvider.System);

        var clerk = tokens.Map(Identity(("sub", "p-1"), ("name", "王科员"), ("roles", "督察办科员"), ("org_code", "ORG-OFFICE")));
        var principal = Assert.IsType<ClaimsPrincipal>(clerk.Principal);
        var user = PlatformUser.FromPrincipal(principal);
        Assert.Equal(("p-1", "王科员", "chengdu", "510100", (Guid?)null), (user.Id, user.Name, user.NodeId, user.RegionCode, user.UnitId));
        // One platform role may grant several node roles.
        Assert.Equal([PlatformRoles.Inspector, PlatformRoles.OfficeStaff], user.Roles.Order());

        var liaison = PlatformUser.FromPrincipal(tokens.Map(Identity(("sub", "p-2"), ("roles", "单位联络员"), ("roles", "其他"), ("org_code", "org-fin"))).Principal!);
        Assert.Equal(Finance, liaison.UnitId);
        Assert.Equal([PlatformRoles.UnitLiaison], liaison.Roles);
        Assert.Equal("p-2", liaison.Name);

        var noRole = tokens.Map(Identity(("sub", "p-3"), ("roles", "普通用户")));
        Assert.Null(noRole.Principal);
        Assert.True(noRole.Unmapped);
        Assert.Contains("(普通用户) map to no role of this node (Auth:ExternalIssuer:Roles)", noRole.Refusal);

        var noUnit = tokens.Map(Identity(("sub", "p-4"), ("roles", "单位联络员"), ("org_code", "ORG-ELSEWHERE")));
        Assert.Null(noUnit.Principal);
        Assert.Contains("(ORG-ELSEWHERE) maps to no unit of this node (Auth:ExternalIssuer:Units), which the role(s) unit_liaison need", noUnit.Refusal);

        Assert.Contains("names no subject", tokens.Map(Identity(("roles", "督察办科员"))).Refusal);
    }

    private static ClaimsIdentity Identity(params (string Type, string Value)[] claims) =>
        new(claims.Select(c => new Claim(c.Type, c.Value)), "test");
}
