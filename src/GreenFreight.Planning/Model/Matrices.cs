namespace GreenFreight.Planning.Model;

/// <summary>Builds distance and duration matrices from coordinates.</summary>
public static class Matrices
{
    /// <summary>Unrounded Euclidean distances (Solomon / Gehring–Homberger convention).</summary>
    public static double[] Euclidean(double[] x, double[] y)
    {
        var n = x.Length;
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var dx = x[i] - x[j];
                var dy = y[i] - y[j];
                m[i * n + j] = Math.Sqrt(dx * dx + dy * dy);
            }
        return m;
    }

    /// <summary>Euclidean distances rounded to the nearest integer (TSPLIB EUC_2D nint, CVRPLIB X convention).</summary>
    public static double[] EuclideanNint(double[] x, double[] y)
    {
        var m = Euclidean(x, y);
        for (var i = 0; i < m.Length; i++) m[i] = Math.Floor(m[i] + 0.5);
        return m;
    }

    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Great-circle distance in km between (lon, lat) points in degrees.</summary>
    public static double HaversineKm(double lon1, double lat1, double lon2, double lat2)
    {
        const double rad = Math.PI / 180;
        var dLat = (lat2 - lat1) * rad;
        var dLon = (lon2 - lon1) * rad;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1 * rad) * Math.Cos(lat2 * rad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>Road distances (km) as haversine × <paramref name="roadFactor"/> from lon (x) / lat (y) in degrees.</summary>
    public static double[] Haversine(double[] lon, double[] lat, double roadFactor)
    {
        if (!(roadFactor >= 1)) throw new ArgumentException("road factor must be ≥ 1", nameof(roadFactor));
        var n = lon.Length;
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                m[i * n + j] = m[j * n + i] = HaversineKm(lon[i], lat[i], lon[j], lat[j]) * roadFactor;
        return m;
    }

    /// <summary>Durations from distances at a constant speed: distance / speed × <paramref name="timeUnitsPerHour"/>.</summary>
    public static double[] DurationsFromDistances(double[] distanceKm, double speedKmh, double timeUnitsPerHour = 60)
    {
        if (!(speedKmh > 0)) throw new ArgumentException("speed must be > 0", nameof(speedKmh));
        var m = new double[distanceKm.Length];
        for (var i = 0; i < m.Length; i++) m[i] = distanceKm[i] / speedKmh * timeUnitsPerHour;
        return m;
    }
}
