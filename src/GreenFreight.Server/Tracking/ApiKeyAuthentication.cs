using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenFreight.Server.Tracking;

/// <summary>
/// Authenticates an enterprise platform by its key in the <c>X-Api-Key</c> header: the principal is the enterprise
/// (role <c>enterprise</c>), so the same per-enterprise scoping as for its users applies.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.ToString() is not { Length: > 0 } key) return AuthenticateResult.NoResult();
        if (!ApiKeys.TryParse(key, out var id, out _)) return AuthenticateResult.Fail("Malformed API key.");
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var row = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, Context.RequestAborted);
        if (row is null || row.RevokedAt is not null || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(row.Hash), ApiKeys.Hash(key)))
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        var now = clock.GetUtcNow();
        if (row.LastUsedAt is not { } used || now - used > TimeSpan.FromMinutes(5))
        {
            row.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, $"apikey:{row.Id}:{row.Name}"),
            new Claim(ClaimTypes.Role, Roles.Enterprise),
            new Claim(ClaimNames.EnterpriseId, row.EnterpriseId.ToString(CultureInfo.InvariantCulture)),
        ], SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

public static class ApiKeys
{
    public static string NewKey(int id) => $"gfk_{id}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))}";

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool TryParse(string key, out int id, out string secret)
    {
        id = 0;
        secret = "";
        var parts = key.Split('_');
        if (parts.Length != 3 || parts[0] != "gfk" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out id) || parts[2].Length != 48) return false;
        secret = parts[2];
        return true;
    }
}
