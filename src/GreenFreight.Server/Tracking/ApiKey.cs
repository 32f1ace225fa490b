namespace GreenFreight.Server.Tracking;

/// <summary>
/// A key an enterprise platform uses to post data (positions) without a user log-in. Only a SHA-256 hash is kept; the
/// key itself is shown once when created. Format: <c>gfk_{id}_{secret}</c>.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
