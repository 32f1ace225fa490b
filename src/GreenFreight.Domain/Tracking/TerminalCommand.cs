using GreenFreight.Domain.Registry;

namespace GreenFreight.Domain.Tracking;

public enum TerminalCommandKind
{
    /// <summary>0x8604: set a polygon area (a zone) on the terminal, area ID = zone ID.</summary>
    SetZone = 1,
    /// <summary>0x8605: delete polygon areas from the terminal (all of them when no zone is named).</summary>
    DeleteZones = 2,
}

public enum TerminalCommandStatus
{
    /// <summary>Waiting for the vehicle's terminal to be connected.</summary>
    Pending = 0,
    /// <summary>Written to the terminal's connection; waiting for its 0x0001 reply.</summary>
    Sent = 1,
    /// <summary>The terminal replied success.</summary>
    Acknowledged = 2,
    /// <summary>The terminal replied failure, message error or unsupported.</summary>
    Failed = 3,
    /// <summary>Not delivered or not answered in time.</summary>
    Expired = 4,
}

/// <summary>
/// A command for a vehicle's JT/T 808 terminal, queued in the database so that whichever app instance holds the
/// terminal's connection sends it, and its reply is recorded.
/// </summary>
public sealed class TerminalCommand : IAudited
{
    public int Id { get; set; }
    public int VehicleId { get; set; }
    public TerminalCommandKind Kind { get; set; }
    /// <summary>The zone set or deleted (null: delete all polygon areas).</summary>
    public int? ZoneId { get; set; }
    public string Description { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Unix ms UTC after which an undelivered or unanswered command expires (a number, so both databases compare it).</summary>
    public long ExpiresAtMs { get; set; }
    public TerminalCommandStatus Status { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Serial number of the platform message, which the terminal's reply names.</summary>
    public int? Serial { get; set; }
    public string? Instance { get; set; }
    public DateTimeOffset? RepliedAt { get; set; }
    /// <summary>The terminal's result code (0 success, 1 failure, 2 message error, 3 unsupported).</summary>
    public int? Result { get; set; }
}
