namespace GreenFreight.Domain.Tracking;

/// <summary>
/// The last the platform knows of a vehicle, shared by all app instances: each instance writes the vehicles it hears
/// from (terminal connections and API posts land on one instance each), every instance reads all of them.
/// </summary>
public sealed class VehicleLiveState
{
    public int VehicleId { get; set; }
    /// <summary>When the vehicle was last heard from (position, heartbeat, registration), Unix ms UTC.</summary>
    public long LastSeenMs { get; set; }
    /// <summary>The last accepted fix (null until there is one).</summary>
    public long? FixTimeMs { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public double? SpeedKmh { get; set; }
    public int? Direction { get; set; }
    /// <summary>The instance that heard it (machine name and process id).</summary>
    public string Instance { get; set; } = "";
}
