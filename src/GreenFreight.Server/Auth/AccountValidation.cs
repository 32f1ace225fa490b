using System.Security.Claims;
using GreenFreight.Server.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GreenFreight.Server.Auth;

/// <summary>
/// Whether a signed-in principal still stands for a usable account: the account exists, is not locked, and its
/// security stamp (changed with its role, enterprise, lock or password) is the one the token or cookie was issued with.
/// </summary>
public static class AccountValidation
{
    public static async Task<bool> IsCurrentAsync(UserManager<AppUser> users, ClaimsPrincipal principal, string stampClaimType)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return false;
        var user = await users.FindByIdAsync(id);
        if (user is null || await users.IsLockedOutAsync(user)) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        return principal.FindFirstValue(stampClaimType) == await users.GetSecurityStampAsync(user);
    }
}

/// <summary>Re-checks the account of an open UI session every minute; a locked or changed account is signed out of the page.</summary>
public sealed class RevalidatingAuthStateProvider(ILoggerFactory logs, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await AccountValidation.IsCurrentAsync(users, state.User, identity.Value.ClaimsIdentity.SecurityStampClaimType);
    }
}
