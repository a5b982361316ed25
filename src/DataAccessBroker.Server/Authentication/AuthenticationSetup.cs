using DataAccessBroker.Domain.Access;
using DataAccessBroker.Infrastructure.Federation;
using DataAccessBroker.Server.Authentication.DevelopmentSignIn;
using DataAccessBroker.Server.Federation;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;

namespace DataAccessBroker.Server.Authentication;

public static class AuthenticationSetup
{
    /// <summary>
    /// Entra ID through Microsoft.Identity.Web in production; the offline development issuer otherwise. Either way
    /// tokens are RS256 JWTs checked for issuer, audience, lifetime and signature, and must carry at least one role.
    /// Users' tokens open the user services only; other nodes' tokens, one scheme per configured peer, open the node
    /// service only (<see cref="NodeAuthentication"/>).
    /// </summary>
    public static void AddBrokerAuthentication(this WebApplicationBuilder builder, FederationOptions federation)
    {
        var section = builder.Configuration.GetSection("Authentication");
        var options = section.Get<BrokerAuthenticationOptions>() ?? new BrokerAuthenticationOptions();
        builder.Services.Configure<BrokerAuthenticationOptions>(section);
        var authentication = builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme);

        switch (options.Mode)
        {
            case BrokerAuthenticationOptions.DevelopmentMode:
                if (builder.Environment.IsProduction())
                {
                    throw new InvalidOperationException(
                        "The development token issuer is refused in Production. Set Authentication:Mode to EntraId " +
                        "and configure the AzureAd section.");
                }

                var issuerOptions = section.GetSection("DevelopmentIssuer").Get<DevelopmentIssuerOptions>()
                    ?? new DevelopmentIssuerOptions();
                builder.Services.AddSingleton(sp =>
                    new DevelopmentIssuer(issuerOptions, options.Audience, sp.GetRequiredService<TimeProvider>()));
                builder.Services.AddDevelopmentSignIn(issuerOptions);
                builder.Services.AddSingleton<INodeCredentials, DevelopmentNodeCredentials>();
                authentication.AddJwtBearer(jwt =>
                {
                    jwt.Authority = issuerOptions.Url;
                    jwt.Audience = options.Audience;
                    jwt.RequireHttpsMetadata = false;
                });
                break;
            case BrokerAuthenticationOptions.EntraIdMode:
                var entra = authentication.AddMicrosoftIdentityWebApi(builder.Configuration.GetSection("AzureAd"));
                // Calling peers takes client credentials (AzureAd:ClientSecret or ClientCertificates).
                if (federation.Peers.Count > 0) entra.EnableTokenAcquisitionToCallDownstreamApi().AddInMemoryTokenCaches();
                builder.Services.AddSingleton<INodeCredentials, EntraNodeCredentials>();
                break;
            default:
                throw new InvalidOperationException(
                    $"Authentication:Mode '{options.Mode}' is unknown; use EntraId or Development.");
        }

        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.RoleClaimType = "roles";
            jwt.TokenValidationParameters.NameClaimType = "name";
            jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
            jwt.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
            var validated = jwt.Events.OnTokenValidated;
            jwt.Events.OnTokenValidated = async context =>
            {
                await validated(context);
                if (context.Principal?.FindFirst("roles") is null)
                {
                    context.Fail(new TokenRefusedException("TOKEN_WITHOUT_ROLES", "the token carries no roles"));
                }
                // Node credentials open no user RPC, and no user token may pose as a node.
                else if (context.Principal.IsInRole(Roles.Node) || context.Principal.HasClaim(c => c.Type == NodeAuthentication.NodeClaim))
                {
                    context.Fail(new TokenRefusedException("NODE_CREDENTIALS", "node credentials open the node service only"));
                }
            };
        });

        authentication.AddNodeSchemes(builder.Services, federation, options.Audience,
            requireHttps: options.Mode != BrokerAuthenticationOptions.DevelopmentMode);
        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(
            new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddSingleton<CallerFactory>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GrpcRefusals>();
    }
}
