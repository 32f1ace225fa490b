namespace GreenFreight.Domain.Tracking;

// Zones and access rules live in GreenFreight.Domain.Access (AccessZone, AccessRule, AccessEngine).

public enum TrackingEventKind
{
    /// <summary>Entered a restricted zone in a forbidden window.</summary>
    ZoneViolation,
    /// <summary>Stayed at a loading bay beyond its maximum stay.</summary>
    BayOverstay,
    /// <summary>Faster than the zone's speed limit.</summary>
    Overspeed,
    /// <summary>The terminal stopped reporting.</summary>
    Offline,
}

/// <summary>An event the rules raised on the position stream, shown live and acknowledged by a supervisor.</summary>
public sealed class TrackingEvent
{
    public long Id { get; set; }
    public int VehicleId { get; set; }
    public TrackingEventKind Kind { get; set; }
    public long StartMs { get; set; }
    public long? EndMs { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public int? ZoneId { get; set; }
    public int? FacilityId { get; set; }
    public double? Value { get; set; }
    public string Detail { get; set; } = "";
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
}
