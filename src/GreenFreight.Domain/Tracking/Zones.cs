using GreenFreight.Domain.Registry;
using NetTopologySuite.Geometries;

namespace GreenFreight.Domain.Tracking;

public enum ZoneKind
{
    /// <summary>禁行区: vehicle classes may enter only outside their forbidden windows.</summary>
    Restricted,
    /// <summary>限行区 / speed-limited area.</summary>
    Limited,
}

/// <summary>
/// A traffic zone with its time windows per vehicle class, as data. (The Access capability will own zones and rules
/// later; tracking reads them from here.)
/// </summary>
public sealed class TrafficZone : IAudited
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public ZoneKind Kind { get; set; }
    public Polygon Area { get; set; } = null!;
    /// <summary>Speed limit inside the zone, km/h; null for none.</summary>
    public int? SpeedLimitKmh { get; set; }
    public bool IsDemo { get; set; }
    public string? Source { get; set; }
    public List<ZoneWindow> Windows { get; set; } = [];
}

/// <summary>
/// A forbidden window: vehicles of <see cref="Class"/> (all when null), optionally only of one energy kind
/// (<see cref="NewEnergy"/>: true = NEVs only, false = combustion only), may not be in the zone from
/// <see cref="From"/> to <see cref="To"/> (local time; To &lt; From crosses midnight; From == To is all day).
/// </summary>
public sealed class ZoneWindow
{
    public int Id { get; set; }
    public int ZoneId { get; set; }
    public VehicleClass? Class { get; set; }
    public bool? NewEnergy { get; set; }
    /// <summary>Applies only to vehicles heavier than this (kg), e.g. the 4.5 t NEV threshold.</summary>
    public int? MinGrossWeightKg { get; set; }
    public TimeOnly From { get; set; }
    public TimeOnly To { get; set; }

    public bool AppliesTo(VehicleClass cls, EnergyType energy, int grossWeightKg) =>
        (Class is null || Class == cls)
        && (NewEnergy is null || NewEnergy == energy.IsNewEnergy())
        && (MinGrossWeightKg is null || grossWeightKg > MinGrossWeightKg);

    public bool Covers(TimeOnly t) =>
        From == To || (From < To ? t >= From && t < To : t >= From || t < To);
}

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
