using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests.Production;

/// <summary>
/// Which tokens a node accepts: pinned algorithms, a bounded lifetime, rotated keys, an authority's JWKS. A test that needs
/// a setting of its own starts its node; the others call the shared Production node (a read only).
/// </summary>
[Collection(ProductionNodeCollection.Name)]
public sealed class TokenPolicyTests(ProductionNodeFactory production)
{
    [Fact]
    public void A_node_whose_signing_key_file_is_missing_refuses_to_start_and_names_the_setting()
    {
        var missing = Path.Combine(Path.GetTempPath(), "platform-missing-" + Guid.NewGuid().ToString("N"), "token-signing.key");
        using var node = new ConfiguredNodeFactory("Production", new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = "",
            ["Auth:SigningKeyFile"] = missing,
            ["Auth:CreateKeyFileIfMissing"] = "false",
        });
        var error = Assert.ThrowsAny<OptionsValidationException>(() => node.Server);
        Assert.Contains("Auth:SigningKeyFile", error.Message);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void A_key_file_too_short_refuses_start_too()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "short");
        try
        {
            using var node = new ConfiguredNodeFactory("Production", new Dictionary<string, string?>
            {
                ["Auth:SigningKey"] = "",
                ["Auth:SigningKeyFile"] = file,
            });
            var error = Assert.ThrowsAny<OptionsValidationException>(() => node.Server);
            Assert.Contains("fewer than 32 characters", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Tokens_living_longer_than_the_maximum_are_rejected()
    {
        using var node = new ConfiguredNodeFactory("Production", new Dictionary<string, string?> { ["Auth:MaxTokenLifetime"] = "02:00:00" });
        var longLived = new AuthOptions
        {
            Issuer = node.Auth.Issuer, Audience = node.Auth.Audience, SigningKey = node.Auth.SigningKey, MaxTokenLifetime = TimeSpan.FromDays(30),
        };
        var issuer = new TokenIssuer(Options.Create(longLived), TimeProvider.System);
        string Token(TimeSpan lifetime) => issuer.Issue(new TokenRequest("clerk", "clerk", EmbeddedNodeFactory.NodeId, "320600", null, [PlatformRoles.OfficeStaff], lifetime));

        Assert.Equal(StatusCode.OK, await CallAsync(node, Token(TimeSpan.FromHours(1))));
        Assert.Equal(StatusCode.OK, await CallAsync(node, Token(TimeSpan.FromHours(2))));
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(node, Token(TimeSpan.FromDays(30))));
    }

    [Fact]
    public async Task Only_the_pinned_algorithms_are_accepted()
    {
        var node = production;
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(node.Auth.SigningKey!));
        Assert.Equal(StatusCode.OK, await CallAsync(node, Sign(node.Auth, new SigningCredentials(key, SecurityAlgorithms.HmacSha256))));
        // The same key, another HMAC: correctly signed, but not what the node signs with.
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(node, Sign(node.Auth, new SigningCredentials(key, SecurityAlgorithms.HmacSha512))));
    }

    [Fact]
    public async Task The_node_signs_with_the_current_key_and_accepts_previous_keys_until_they_are_retired()
    {
        var old = TestTokens.NewOptions();
        var retired = TestTokens.NewOptions();
        using var node = new ConfiguredNodeFactory("Development", new Dictionary<string, string?>
        {
            ["Auth:SigningKeyId"] = "2026-11",
            ["Auth:PreviousSigningKeys:0:Id"] = "2026-05",
            ["Auth:PreviousSigningKeys:0:Key"] = old.SigningKey,
            ["Auth:PreviousSigningKeys:0:RetireAt"] = DateTimeOffset.UtcNow.AddDays(30).ToString("O"),
            ["Auth:PreviousSigningKeys:1:Key"] = retired.SigningKey,
            ["Auth:PreviousSigningKeys:1:RetireAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"),
        });
        old.Issuer = retired.Issuer = node.Auth.Issuer;
        // The previous key's tokens name it by the id the node knows it under (an unknown kid is refused).
        old.SigningKeyId = "2026-05";

        // New tokens name the current key.
        var minted = node.Services.GetRequiredService<TokenIssuer>().Issue(
            new TokenRequest("clerk", null, EmbeddedNodeFactory.NodeId, "320600", null, [PlatformRoles.OfficeStaff]));
        Assert.Equal("2026-11", new JsonWebToken(minted).Kid);
        Assert.Equal(StatusCode.OK, await CallAsync(node, minted));

        var signedWithOld = new TestTokens(old, EmbeddedNodeFactory.NodeId).OfficeStaff();
        Assert.Equal(StatusCode.OK, await CallAsync(node, signedWithOld));

        var signedWithRetired = new TestTokens(retired, EmbeddedNodeFactory.NodeId).OfficeStaff();
        Assert.Equal(SigningKeyRing.DeriveKeyId(retired.SigningKey!), new JsonWebToken(signedWithRetired).Kid);
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(node, signedWithRetired));
    }

    [Fact]
    public async Task Tokens_of_an_authority_are_checked_against_the_keys_its_metadata_publishes()
    {
        using var published = RSA.Create(2048);
        using var unknown = RSA.Create(2048);
        var publishedKey = new RsaSecurityKey(published) { KeyId = "idp-2026" };
        var idp = new StubIdentityProvider("https://idp.example.test", JsonWebKeyConverter.ConvertFromRSASecurityKey(
            new RsaSecurityKey(published.ExportParameters(false)) { KeyId = "idp-2026" }));
        using var node = new ConfiguredNodeFactory(
            "Production",
            new Dictionary<string, string?> { ["Auth:Authority"] = idp.Authority },
            services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt => jwt.BackchannelHttpHandler = idp));

        Assert.Equal(StatusCode.OK, await CallAsync(node, Sign(node.Auth, new SigningCredentials(publishedKey, SecurityAlgorithms.RsaSha256))));
        Assert.True(idp.JwksFetched);
        var other = new RsaSecurityKey(unknown) { KeyId = "idp-2026" };
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(node, Sign(node.Auth, new SigningCredentials(other, SecurityAlgorithms.RsaSha256))));
        // The node's own HMAC key still works beside the authority.
        Assert.Equal(StatusCode.OK, await CallAsync(node, node.Tokens.OfficeStaff()));
    }

    [Fact]
    public async Task A_token_issued_in_the_future_is_refused()
    {
        var node = production;
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(node.Auth.SigningKey!)) { KeyId = SigningKeyRing.DeriveKeyId(node.Auth.SigningKey!) };
        var credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        var now = DateTime.UtcNow;
        Assert.Equal(StatusCode.OK, await CallAsync(node, Sign(node.Auth, credentials, issuedAt: now.AddSeconds(10), notBefore: null, expires: now.AddSeconds(70))));
        // iat 20 h ahead, a 60 s lifetime, no nbf: would be accepted for 20 h.
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(node, Sign(node.Auth, credentials, issuedAt: now.AddHours(20), notBefore: null, expires: now.AddHours(20).AddSeconds(60))));
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(node, Sign(node.Auth, credentials, issuedAt: now, notBefore: now.AddHours(20), expires: now.AddHours(20).AddSeconds(60))));
    }

    [Fact]
    public async Task A_token_naming_a_key_id_the_node_does_not_know_is_refused()
    {
        var node = production;
        var bytes = Encoding.UTF8.GetBytes(node.Auth.SigningKey!);
        var known = new SymmetricSecurityKey(bytes) { KeyId = SigningKeyRing.DeriveKeyId(node.Auth.SigningKey!) };
        Assert.Equal(StatusCode.OK, await CallAsync(node, Sign(node.Auth, new SigningCredentials(known, SecurityAlgorithms.HmacSha256))));
        var unknown = new SymmetricSecurityKey(bytes) { KeyId = "not-a-key-of-this-node" };
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(node, Sign(node.Auth, new SigningCredentials(unknown, SecurityAlgorithms.HmacSha256))));
    }

    private static string Sign(AuthOptions auth, SigningCredentials credentials, DateTime issuedAt, DateTime? notBefore, DateTime expires) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity([new Claim(PlatformClaims.Subject, "clerk"), new Claim(PlatformClaims.Role, PlatformRoles.OfficeStaff)]),
            NotBefore = notBefore,
            IssuedAt = issuedAt,
            Expires = expires,
            SigningCredentials = credentials,
        });

    private static string Sign(AuthOptions auth, SigningCredentials credentials)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity([new Claim(PlatformClaims.Subject, "clerk"), new Claim(PlatformClaims.Role, PlatformRoles.OfficeStaff)]),
            NotBefore = now,
            IssuedAt = now,
            Expires = now.AddHours(1),
            SigningCredentials = credentials,
        });
    }

    private static async Task<StatusCode> CallAsync(EmbeddedNodeFactory node, string token)
    {
        var planning = new PlanningService.PlanningServiceClient(node.CreateGrpcChannel());
        try
        {
            await planning.ListUnitsAsync(new ListUnitsRequest(), SliceScenario.Bearer(token));
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    /// <summary>Answers the OpenID metadata and JWKS requests of the bearer handler, as an identity provider would.</summary>
    private sealed class StubIdentityProvider(string authority, JsonWebKey key) : HttpMessageHandler
    {
        public string Authority { get; } = authority;

        public bool JwksFetched { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            string body;
            if (path.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal))
            {
                body = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["issuer"] = TestTokens.Issuer,
                    ["jwks_uri"] = Authority + "/jwks",
                });
            }
            else if (path == "/jwks")
            {
                JwksFetched = true;
                body = JsonSerializer.Serialize(new
                {
                    keys = new[] { new { kty = key.Kty, kid = key.Kid, use = "sig", alg = "RS256", n = key.N, e = key.E } },
                });
            }
            else
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
            }
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(body, new MediaTypeHeaderValue("application/json")),
            });
        }
    }
}
