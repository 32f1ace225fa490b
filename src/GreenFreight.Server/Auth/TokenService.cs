using System.Security.Claims;
using System.Security.Cryptography;
using GreenFreight.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GreenFreight.Server.Auth;

/// <summary>
/// Holds the JWT signing key. Taken from configuration <c>Auth:JwtSigningKey</c> when set; otherwise generated once and
/// kept in the database, so that several stateless app instances behind a load balancer share it.
/// </summary>
public sealed class JwtKeyProvider(IConfiguration config)
{
    public const string Issuer = "greenfreight";
    public const string Audience = "greenfreight-api";
    const string SecretName = "jwt-signing-key";

    SymmetricSecurityKey? _key;

    public SymmetricSecurityKey Key => _key ?? throw new InvalidOperationException("JWT key not loaded: the database was not initialised.");

    public async Task LoadAsync(AppDbContext db, CancellationToken ct = default)
    {
        var configured = config["Auth:JwtSigningKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(configured);
            if (bytes.Length < 32)
                throw new InvalidOperationException("Auth:JwtSigningKey must be at least 32 bytes (e.g. 64 random characters); leave it unset to have one generated and kept in the database.");
            _key = new SymmetricSecurityKey(bytes);
            return;
        }
        var secret = await db.Secrets.FirstOrDefaultAsync(s => s.Name == SecretName, ct);
        if (secret is null)
        {
            secret = new PlatformSecret { Name = SecretName, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), CreatedAt = DateTimeOffset.UtcNow };
            db.Secrets.Add(secret);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                // Another instance created it first: use theirs.
                db.ChangeTracker.Clear();
                secret = await db.Secrets.FirstAsync(s => s.Name == SecretName, ct);
            }
        }
        _key = new SymmetricSecurityKey(Convert.FromBase64String(secret.Value));
    }
}

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string TokenType = "Bearer");

public sealed class TokenService(JwtKeyProvider keys, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public TokenResponse Issue(AppUser user, IEnumerable<string> roles)
    {
        var now = clock.GetUtcNow();
        var expires = now + Lifetime;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.UserName ?? ""),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.Add(new Claim(ClaimNames.SecurityStamp, user.SecurityStamp ?? ""));
        claims.AddRange(AppClaimsFactory.ExtraClaims(user));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = JwtKeyProvider.Issuer,
            Audience = JwtKeyProvider.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, expires);
    }
}
