namespace GreenFreight.Domain.Tracking;

/// <summary>A position as reported by a terminal or an enterprise platform (WGS-84).</summary>
public readonly record struct PositionReport(
    DateTimeOffset Time,
    double Latitude,
    double Longitude,
    double SpeedKmh,
    int Direction,
    int AltitudeM,
    bool FixValid,
    uint Alarm = 0,
    uint Status = 0,
    double? MileageKm = null);

/// <summary>Why a position was not accepted (or accepted with a flag).</summary>
public enum PositionVerdict
{
    Valid,
    /// <summary>Latitude/longitude outside the world or outside mainland China's extent (swapped or garbage coordinates).</summary>
    OutOfRange,
    /// <summary>The terminal says it has no GNSS fix.</summary>
    NoFix,
    /// <summary>Time in the future (beyond the tolerance) or older than the accepted back-fill window.</summary>
    BadTime,
    /// <summary>Implausible jump from the vehicle's previous position (implied speed too high): GNSS drift.</summary>
    Drift,
    /// <summary>Speed beyond what a delivery vehicle can do.</summary>
    BadSpeed,
}

/// <summary>
/// The checks every position passes before it is stored, the same for JT/T 808 terminals and for enterprise platforms
/// posting JSON: ranges, fix flag, time sanity, and a drift filter against the vehicle's previous accepted position.
/// Invalid positions are still stored with their verdict (the data-quality figures count them), but only valid ones
/// move the vehicle, count mileage and trigger rules.
/// </summary>
public static class PositionRules
{
    /// <summary>Mainland China's extent, generously: coordinates outside are rejected as garbage or swapped.</summary>
    public const double MinLon = 73.0, MaxLon = 135.5, MinLat = 3.5, MaxLat = 54.0;

    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Blind-area re-uploads (0x0704 type 1) may be days old; older than this is refused.</summary>
    public static readonly TimeSpan BackfillWindow = TimeSpan.FromDays(7);

    public const double MaxSpeedKmh = 180;

    /// <summary>An implied speed between two fixes above this is drift (delivery vehicles in a district).</summary>
    public const double DriftSpeedKmh = 200;

    public static PositionVerdict Check(in PositionReport p, DateTimeOffset now, PositionReport? previous)
    {
        if (double.IsNaN(p.Latitude) || double.IsNaN(p.Longitude)
            || p.Latitude is < MinLat or > MaxLat || p.Longitude is < MinLon or > MaxLon)
            return PositionVerdict.OutOfRange;
        if (p.Time > now + FutureTolerance || p.Time < now - BackfillWindow) return PositionVerdict.BadTime;
        if (!p.FixValid) return PositionVerdict.NoFix;
        if (p.SpeedKmh is < 0 or > MaxSpeedKmh) return PositionVerdict.BadSpeed;
        if (previous is { } prev)
        {
            var km = DistanceKm(prev.Latitude, prev.Longitude, p.Latitude, p.Longitude);
            var hours = Math.Abs((p.Time - prev.Time).TotalHours);
            // Two fixes at the same second may differ by GNSS noise; beyond 50 m that is drift.
            if (hours < 1.0 / 3600 ? km > 0.05 : km / hours > DriftSpeedKmh) return PositionVerdict.Drift;
        }
        return PositionVerdict.Valid;
    }

    /// <summary>Great-circle distance in km (haversine, mean Earth radius).</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0088;
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
                + Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
