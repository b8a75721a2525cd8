using System.Security.Claims;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Node;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Platform.WebConsole.Issuer;

/// <summary>
/// Makes the issuer's access tokens the node's ordinary tokens: minted by <see cref="TokenIssuer"/>
/// with the node's current key (its key id in the header), the node's issuer and audience, and the
/// sub/name/node/region/unit/role claims every API rule reads. Runs right after OpenIddict's own
/// JWT writer and replaces what it wrote; identity tokens and codes stay OpenIddict's.
/// </summary>
public sealed class NodeAccessTokens(TokenIssuer issuer, IOptions<NodeOptions> node) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<NodeAccessTokens>()
            .SetOrder(OpenIddictServerHandlers.Protection.GenerateIdentityModelToken.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType is not (OpenIddictConstants.TokenTypeIdentifiers.AccessToken or OpenIddictConstants.TokenTypeHints.AccessToken))
        {
            return ValueTask.CompletedTask;
        }
        var principal = context.Principal;
        var created = principal.GetCreationDate() ?? DateTimeOffset.UtcNow;
        var expires = principal.GetExpirationDate();
        var subject = principal.GetClaim(PlatformClaims.Subject)
            ?? throw new InvalidOperationException("An access token needs the account's subject.");
        context.Token = issuer.Issue(new TokenRequest(
            subject,
            principal.GetClaim(PlatformClaims.Name),
            node.Value.Id,
            node.Value.RegionCode,
            Guid.TryParse(principal.GetClaim(PlatformClaims.Unit), out var unit) ? unit : null,
            principal.GetClaims(PlatformClaims.Role),
            expires - created));
        return ValueTask.CompletedTask;
    }
}

/// <summary>The claims an account carries into its tokens, and where each may go.</summary>
public static class AccountClaims
{
    public static ClaimsIdentity Identity(Accounts.ConsoleAccount account, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, PlatformClaims.Name, PlatformClaims.Role);
        identity.SetClaim(PlatformClaims.Subject, account.UserName);
        identity.SetClaim(PlatformClaims.Name, account.DisplayName);
        if (account.UnitId is { } unit)
        {
            identity.SetClaim(PlatformClaims.Unit, unit.ToString());
        }
        identity.SetClaims(PlatformClaims.Role, [.. account.RoleList]);
        // Both tokens: the access token for the API, the identity token so the console knows who signed in.
        identity.SetDestinations(_ => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken]);
        return identity;
    }
}
