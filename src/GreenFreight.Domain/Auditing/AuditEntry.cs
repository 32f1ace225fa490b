namespace GreenFreight.Domain.Auditing;

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>One write to an audited record: who, when, and the values before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string UserName { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public AuditAction Action { get; set; }
    /// <summary>JSON object: property → { "old": …, "new": … } for the properties that changed.</summary>
    public string Changes { get; set; } = "{}";
}
