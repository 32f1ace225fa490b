using System.Security.Claims;

namespace GreenFreight.Server.Auth;

public static class Roles
{
    /// <summary>The leading group office (领导小组办公室): everything.</summary>
    public const string Office = "office";
    /// <summary>A member unit (成员单位): its own tasks and reports; reads registries.</summary>
    public const string Unit = "unit";
    /// <summary>Traffic police (交警): access rules, passes, bays.</summary>
    public const string Police = "police";
    /// <summary>An enterprise (企业): only its own enterprise's records.</summary>
    public const string Enterprise = "enterprise";

    public static readonly string[] All = [Office, Unit, Police, Enterprise];

    /// <summary>Government roles that may read every registry record.</summary>
    public const string Government = Office + "," + Unit + "," + Police;
}

public static class ClaimNames
{
    public const string EnterpriseId = "gf:enterprise";
    public const string UnitId = "gf:unit";
    public const string DisplayName = "gf:display";
    /// <summary>The account's security stamp when the token was issued: a changed role, lock or password revokes the token.</summary>
    public const string SecurityStamp = "gf:stamp";
}

/// <summary>Who is acting: derived from the claims of a cookie (UI) or bearer token (API) principal.</summary>
public sealed record UserContext(string UserName, string DisplayName, IReadOnlySet<string> RoleSet, int? EnterpriseId, int? UnitId)
{
    public bool IsOffice => RoleSet.Contains(Roles.Office);
    public bool IsPolice => RoleSet.Contains(Roles.Police);
    public bool IsUnit => RoleSet.Contains(Roles.Unit);
    /// <summary>An enterprise user who is not also a government user: scoped to its own records.</summary>
    public bool IsEnterpriseOnly => RoleSet.Contains(Roles.Enterprise) && !IsOffice && !IsPolice && !IsUnit;
    public bool IsGovernment => IsOffice || IsPolice || IsUnit;

    public static UserContext From(ClaimsPrincipal p)
    {
        var name = p.Identity?.Name ?? "";
        return new UserContext(
            name,
            p.FindFirst(ClaimNames.DisplayName)?.Value ?? name,
            p.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(),
            int.TryParse(p.FindFirst(ClaimNames.EnterpriseId)?.Value, out var e) ? e : null,
            int.TryParse(p.FindFirst(ClaimNames.UnitId)?.Value, out var u) ? u : null);
    }

    public static readonly UserContext System = new("system", "system", new HashSet<string> { Roles.Office }, null, null);
}
