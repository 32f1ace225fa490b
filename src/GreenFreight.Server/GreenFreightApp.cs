using System.Security.Claims;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Components;
using GreenFreight.Server.Data;
using GreenFreight.Server.Geo;
using GreenFreight.Server.Indicators;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using GreenFreight.Server.Users;
using GreenFreight.Domain.Registry;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using NetTopologySuite.IO.Converters;
using Scalar.AspNetCore;

namespace GreenFreight.Server;

/// <summary>Builds the platform's web host: services, pipeline, and database initialisation.</summary>
public static class GreenFreightApp
{
    public const string SmartScheme = "GreenFreight";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application is GreenFreight.Server whichever program hosts it (the server itself, the CLI, tests).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(GreenFreightApp).Assembly.GetName().Name });
        // Serve framework and library assets (blazor.web.js, wwwroot/lib) straight from the build output in every
        // environment, so `dotnet run` works without publishing; a published app has no runtime manifest and this is a no-op.
        builder.WebHost.UseStaticWebAssets();
        configure?.Invoke(builder);
        ThreadPoolSetup.Apply(builder.Configuration);
        ConfigureServices(builder);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        DatabaseSetup.AddDatabase(services);
        services.AddSingleton<SeedReport>();
        services.AddHostedService<DatabaseInitializer>();

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddSingleton<JwtKeyProvider>();
        services.AddSingleton<TokenService>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie (UI) or bearer token (API)", o =>
                o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Headers.ContainsKey(Tracking.ApiKeyAuthenticationHandler.Header) ? Tracking.ApiKeyAuthenticationHandler.SchemeName
                    : ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? JwtBearerDefaults.AuthenticationScheme
                        : IdentityConstants.ApplicationScheme)
            .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, _ => { })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, Tracking.ApiKeyAuthenticationHandler>(Tracking.ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<JwtKeyProvider>((o, keys) =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = JwtKeyProvider.Issuer,
                ValidAudience = JwtKeyProvider.Audience,
                IssuerSigningKeyResolver = (_, _, _, _) => [keys.Key],
                NameClaimType = ClaimTypes.Name,
                RoleClaimType = ClaimTypes.Role,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
            o.Events = new JwtBearerEvents
            {
                // A token stops working as soon as its account is locked, deleted, or changes role, enterprise or password.
                OnTokenValidated = async ctx =>
                {
                    var users = ctx.HttpContext.RequestServices.GetRequiredService<UserManager<AppUser>>();
                    if (!await AccountValidation.IsCurrentAsync(users, ctx.Principal!, ClaimNames.SecurityStamp))
                        ctx.Fail("The account was locked or changed after this token was issued.");
                },
            };
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/denied";
            o.Cookie.Name = "gf.auth";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization();
        // A changed role or a locked account reaches open sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddDataProtection().SetApplicationName("GreenFreight").PersistKeysToDbContext<AppDbContext>();

        var perMinute = config.GetValue("Auth:LoginRateLimitPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthApi.LoginRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (ctx, ct) =>
            {
                var l = ctx.HttpContext.RequestServices.GetRequiredService<Localizer>();
                ctx.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                await ctx.HttpContext.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = 429,
                    Title = l["auth.ratelimited"],
                }, options: null, contentType: "application/problem+json", cancellationToken: ct);
            };
        });

        // Behind a load balancer: trust X-Forwarded-For/-Proto only from the configured proxies (Network:KnownProxies,
        // comma-separated addresses), so that log-in rate limits apply per client, not per balancer.
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var p in (config["Network:KnownProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (System.Net.IPAddress.TryParse(p, out var ip)) o.KnownProxies.Add(ip);
        });

        services.AddLocalization();
        services.AddSingleton<Localizer>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            string[] cultures = ["zh-CN", "en"];
            o.SetDefaultCulture("zh-CN").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.FallBackToParentUICultures = true;
            o.FallBackToParentCultures = true;
        });

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new Geo.SafeGeoJsonConverterFactory());
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        // Unreadable requests throw, so BadRequestHandler can answer with the field at fault.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o => OpenApiSetup.Configure(o));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddHttpContextAccessor();

        services.AddSingleton(_ => DistrictOutline.LoadLinzi());
        services.AddSingleton<ExcelCodec>();
        AddRegistry<OrgUnit, UnitDto, UnitRegistry>(services);
        AddRegistry<Enterprise, EnterpriseDto, EnterpriseRegistry>(services);
        AddRegistry<Facility, FacilityDto, FacilityRegistry>(services);
        AddRegistry<Vehicle, VehicleDto, VehicleRegistry>(services);
        AddRegistry<RetailOutlet, OutletDto, OutletRegistry>(services);
        services.AddSingleton<IndicatorService>();
        services.AddScoped<UserService>();
        Access.AccessModule.AddAccess(services);
        Reporting.ReportingModule.AddReporting(services);
        Campaigns.CampaignModule.AddCampaign(services, config);
        Planning.PlanningApi.AddPlanning(services, config);
        services.AddSingleton<Tracking.TrackPartitions>();
        services.AddHostedService(sp => sp.GetRequiredService<Tracking.TrackPartitions>());
        services.AddSingleton<Tracking.PositionPipeline>();
        services.AddHostedService(sp => sp.GetRequiredService<Tracking.PositionPipeline>());
        services.AddSingleton<Tracking.VehicleDirectory>();
        services.Configure<Tracking.TrackingRuleOptions>(config.GetSection("Tracking"));
        services.AddSingleton<Tracking.TrackingRules>();
        services.AddSingleton<Tracking.IPositionObserver>(sp => sp.GetRequiredService<Tracking.TrackingRules>());
        services.AddHostedService(sp => sp.GetRequiredService<Tracking.TrackingRules>());
        services.AddSingleton<Tracking.PositionIngest>(sp =>
        {
            var ingest = ActivatorUtilities.CreateInstance<Tracking.PositionIngest>(sp);
            sp.GetRequiredService<Tracking.TrackingRules>().Attach(ingest);
            return ingest;
        });
        services.AddSingleton<Tracking.TerminalCommandService>();
        services.AddHostedService(sp => sp.GetRequiredService<Tracking.TerminalCommandService>());
        services.AddSingleton<Tracking.LiveStateSync>();
        services.AddHostedService(sp => sp.GetRequiredService<Tracking.LiveStateSync>());
        services.AddSingleton<Tracking.TrackingEventService>();
        services.AddSingleton<Tracking.SupervisionService>();
        services.AddSingleton<Tracking.TrackingReports>();
        services.Configure<Tracking.Jt808Options>(config.GetSection("Jt808"));
        services.AddSingleton<Tracking.Jt808Stats>();
        services.AddSingleton<Tracking.Jt808Gateway>();
        services.AddHostedService(sp => sp.GetRequiredService<Tracking.Jt808Gateway>());
        services.AddSingleton<MapLayerService>();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingAuthStateProvider>();
    }

    static void AddRegistry<TEntity, TDto, TDescriptor>(IServiceCollection services)
        where TEntity : class, IAudited, new()
        where TDto : RegistryDto, new()
        where TDescriptor : class, IRegistryDescriptor<TEntity, TDto>
    {
        services.AddSingleton<IRegistryDescriptor<TEntity, TDto>, TDescriptor>();
        services.AddSingleton<RegistryService<TEntity, TDto>>();
        services.AddSingleton<IRegistryFiles>(sp => sp.GetRequiredService<RegistryService<TEntity, TDto>>());
    }

    static Task ApiAware(HttpContext ctx, string redirectUri, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }

    public static void ConfigurePipeline(WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.MapStaticAssets();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("GreenFreight API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = DatabaseHealthCheck.WriteJson });

        app.MapAuthApi();
        app.MapRegistryApi();
        app.MapIndicatorsApi();
        app.MapUsersApi();
        Tracking.TrackingApi.MapTrackingApi(app);
        Tracking.SupervisionApi.MapSupervisionApi(app);
        Tracking.TerminalCommandsApi.MapTerminalCommandsApi(app);
        Tracking.TrackingReportsApi.MapTrackingReportsApi(app);
        app.MapGeoApi();
        Access.AccessModule.MapAccess(app);
        Reporting.ReportingModule.MapReporting(app);
        Campaigns.CampaignApi.MapCampaignApi(app);
        Planning.PlanningApi.MapPlanningApi(app);
        app.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext ctx) =>
        {
            var culture = name == "en" ? "en" : "zh-CN";
            ctx.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, IsEssential = true });
            return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
        }).ExcludeFromDescription();

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, app.Services.GetRequiredService<SeedReport>()));
    }

}
