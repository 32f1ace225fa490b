using System.Globalization;
using System.Security.Claims;
using GreenFreight.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GreenFreight.Server.Auth;

/// <summary>Adds the enterprise, unit and display-name claims to the cookie principal (the JWT carries the same).</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        foreach (var c in ExtraClaims(user)) id.AddClaim(c);
        return id;
    }

    public static IEnumerable<Claim> ExtraClaims(AppUser user)
    {
        yield return new Claim(ClaimNames.DisplayName, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName);
        if (user.EnterpriseId is { } e) yield return new Claim(ClaimNames.EnterpriseId, e.ToString(CultureInfo.InvariantCulture));
        if (user.UnitId is { } u) yield return new Claim(ClaimNames.UnitId, u.ToString(CultureInfo.InvariantCulture));
    }
}
