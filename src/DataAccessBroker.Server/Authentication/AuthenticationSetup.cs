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
    /// </summary>
    public static void AddBrokerAuthentication(this WebApplicationBuilder builder)
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
                authentication.AddJwtBearer(jwt =>
                {
                    jwt.Authority = issuerOptions.Url;
                    jwt.Audience = options.Audience;
                    jwt.RequireHttpsMetadata = false;
                });
                break;
            case BrokerAuthenticationOptions.EntraIdMode:
                authentication.AddMicrosoftIdentityWebApi(builder.Configuration.GetSection("AzureAd"));
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
                if (context.Principal?.FindFirst("roles") is null) context.Fail("the token carries no roles");
            };
        });

        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(
            new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddSingleton<CallerFactory>();
    }
}
