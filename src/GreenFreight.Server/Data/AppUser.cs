using Microsoft.AspNetCore.Identity;

namespace GreenFreight.Server.Data;

/// <summary>A person who logs in. Roles: office, unit, police, enterprise (see <see cref="Auth.Roles"/>).</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>The member unit a <c>unit</c> (or <c>police</c>) user belongs to.</summary>
    public int? UnitId { get; set; }
    /// <summary>The enterprise an <c>enterprise</c> user acts for; it sees only this enterprise's records.</summary>
    public int? EnterpriseId { get; set; }
}

/// <summary>A platform-wide secret generated at first start and shared by all app instances (e.g. the JWT signing key).</summary>
public sealed class PlatformSecret
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
