using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.WebConsole.Api;

namespace Platform.WebConsole.Tests;

/// <summary>The node's API for a component under test, registered as the console registers it.</summary>
internal static class TestNodeApi
{
    /// <summary>
    /// <see cref="NodeApi"/> for <paramref name="person"/> towards <paramref name="address"/> (by default a port where no
    /// node listens), with the session services that mint the API tokens (ADR 0021).
    /// </summary>
    public static void AddNodeApi(this IServiceCollection services, AuthenticationStateProvider person, string address = "http://127.0.0.1:9")
    {
        services.AddSingleton(person);
        services.AddSingleton(new ApiChannel(address));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddSingleton<Sessions.ConsoleSessions>();
        services.AddSingleton<Sessions.SessionTokens>();
        services.AddSingleton(new Platform.BuildingBlocks.Auth.TokenIssuer(
            Microsoft.Extensions.Options.Options.Create(new Platform.BuildingBlocks.Auth.AuthOptions()), TimeProvider.System));
        services.AddScoped<NodeApi>();
    }
}

/// <summary>No one signed in: the API is called without a token.</summary>
internal sealed class NobodySignedIn : AuthenticationStateProvider
{
    public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
        Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));
}
