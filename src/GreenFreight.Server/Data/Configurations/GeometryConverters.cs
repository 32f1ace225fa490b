using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GreenFreight.Server.Data.Configurations;

/// <summary>
/// Geometry is stored as WGS-84 WKT text on both providers: the served EF Core packages have no SpatiaLite support,
/// and the same schema on SQLite and PostgreSQL keeps the two providers' behaviour identical. Spatial work is done
/// in process with NetTopologySuite.
/// </summary>
public static class GeometryConverters
{
    static readonly WKTWriter Writer = new() { OutputOrdinates = Ordinates.XY };

    public static string ToWkt(Geometry g) => Writer.Write(g);

    public static T FromWkt<T>(string wkt) where T : Geometry
    {
        var g = new WKTReader().Read(wkt);
        g.SRID = 4326;
        return (T)g;
    }
}

public sealed class PointToWkt() : ValueConverter<Point, string>(p => GeometryConverters.ToWkt(p), s => GeometryConverters.FromWkt<Point>(s));

public sealed class PolygonToWkt() : ValueConverter<Polygon, string>(p => GeometryConverters.ToWkt(p), s => GeometryConverters.FromWkt<Polygon>(s));
