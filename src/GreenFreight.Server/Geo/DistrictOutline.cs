using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using System.Text.Json;

namespace GreenFreight.Server.Geo;

/// <summary>
/// The Linzi District outline (临淄区, 370305) from the project's data file <c>Data/Geo/linzi-370305.geojson</c>
/// (converted from the Ministry of Civil Affairs outlines; see Data/Geo/README.md). Used as the map backdrop and for
/// "inside the district" checks, with a tolerance because the outline is coarse.
/// </summary>
public sealed class DistrictOutline
{
    /// <summary>About 1 km at Linzi's latitude: the outline is coarse, and sites on the boundary roads must pass.</summary>
    public const double ToleranceDegrees = 0.01;

    public const string LinziFile = "linzi-370305.geojson";
    public const string ZiboFile = "zibo-370300.geojson";

    readonly Geometry _tolerant;

    public DistrictOutline(Geometry outline)
    {
        Outline = outline;
        _tolerant = outline.Buffer(ToleranceDegrees);
    }

    public Geometry Outline { get; }

    public bool Covers(Geometry g) => _tolerant.Covers(g);

    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "Data", "Geo");

    public static DistrictOutline LoadLinzi() => new(ReadFirstGeometry(Path.Combine(DataDirectory, LinziFile)));

    public static Geometry ReadFirstGeometry(string path)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        using var stream = File.OpenRead(path);
        var fc = JsonSerializer.Deserialize<FeatureCollection>(stream, options)
                 ?? throw new InvalidDataException($"{path}: not a GeoJSON FeatureCollection");
        var g = fc[0].Geometry;
        g.SRID = 4326;
        return g;
    }
}
