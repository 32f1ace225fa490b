using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GreenFreight.Server.Auth;

public static class AuthApi
{
    public const string LoginRateLimit = "login";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");
        api.MapPost("/token", IssueToken)
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimit)
            .WithSummary("Issue an API access token")
            .WithDescription("Exchanges a user name and password for a JWT bearer token (valid 8 hours). Log-in attempts are rate-limited per client address; repeated failures lock the account for 5 minutes.");
        api.MapGet("/me", (HttpContext ctx) => TypedResults.Ok(UserContext.From(ctx.User)))
            .RequireAuthorization()
            .WithSummary("The calling user: name, roles, enterprise and unit");

        // Cookie log-in for the web UI (a plain form post from the static log-in page).
        app.MapPost("/account/login", CookieLogin).AllowAnonymous().RequireRateLimiting(LoginRateLimit).ExcludeFromDescription();
        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/login");
        }).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(
        TokenRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn, TokenService tokens, Localizer l)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
            return Problems.Validation(l, ("userName", "auth.credentials.required"));
        var user = await users.FindByNameAsync(request.UserName.Trim());
        if (user is null)
            return Problems.Status(l, StatusCodes.Status401Unauthorized, "auth.credentials.invalid");
        var check = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (check.IsLockedOut)
            return Problems.Status(l, StatusCodes.Status423Locked, "auth.locked");
        if (!check.Succeeded)
            return Problems.Status(l, StatusCodes.Status401Unauthorized, "auth.credentials.invalid");
        return TypedResults.Ok(tokens.Issue(user, await users.GetRolesAsync(user)));
    }

    static async Task<IResult> CookieLogin([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
        SignInManager<AppUser> signIn)
    {
        var back = LocalUrl.OrHome(returnUrl);
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            return TypedResults.LocalRedirect($"/login?error=required&returnUrl={Uri.EscapeDataString(back)}");
        var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return TypedResults.LocalRedirect(back);
        var error = result.IsLockedOut ? "locked" : "invalid";
        return TypedResults.LocalRedirect($"/login?error={error}&returnUrl={Uri.EscapeDataString(back)}");
    }
}
