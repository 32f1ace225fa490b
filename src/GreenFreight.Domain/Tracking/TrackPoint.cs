namespace GreenFreight.Domain.Tracking;

public enum PositionSource : byte
{
    Jt808 = 1,
    Api = 2,
}

/// <summary>
/// One stored position of a vehicle. Times are Unix milliseconds (UTC) so that "this vehicle between these times" is
/// one index range on (VehicleId, TimeMs) on both SQLite and PostgreSQL.
/// </summary>
public sealed class TrackPoint
{
    public long Id { get; set; }
    public int VehicleId { get; set; }
    /// <summary>GNSS time of the fix, Unix ms UTC.</summary>
    public long TimeMs { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public float SpeedKmh { get; set; }
    public short Direction { get; set; }
    public short AltitudeM { get; set; }
    public long Alarm { get; set; }
    public long Status { get; set; }
    public double? MileageKm { get; set; }
    public PositionVerdict Verdict { get; set; }
    public PositionSource Source { get; set; }
    /// <summary>When the platform received it, Unix ms UTC.</summary>
    public long ReceivedMs { get; set; }

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(TimeMs);
}
