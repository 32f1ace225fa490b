using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using System.Text.Json;

namespace GreenFreight.Server.Geo;

/// <summary>
/// The Linzi District outline (临淄区, 370305) from the project's data files (converted from the Ministry of Civil
/// Affairs outlines; see Data/Geo/README.md): <c>linzi-370305.geojson</c>, position-corrected, drawn on the map, and
/// <c>linzi-370305-source.geojson</c>, the outline as published. "Inside the district" accepts either (with a
/// tolerance, the outline being coarse); demo data is placed inside both.
/// </summary>
public sealed class DistrictOutline
{
    /// <summary>About 1 km at Linzi's latitude: the outline is coarse, and sites on the boundary roads must pass.</summary>
    public const double ToleranceDegrees = 0.01;

    public const string LinziFile = "linzi-370305.geojson";
    public const string ZiboFile = "zibo-370300.geojson";

    public const string LinziSourceFile = "linzi-370305-source.geojson";

    readonly Geometry _tolerant;

    public DistrictOutline(Geometry outline, Geometry? sourceOutline = null)
    {
        Outline = outline;
        SourceOutline = sourceOutline ?? outline;
        _tolerant = outline.Union(SourceOutline).Buffer(ToleranceDegrees);
        Core = outline.Intersection(SourceOutline);
    }

    /// <summary>The corrected outline (map backdrop).</summary>
    public Geometry Outline { get; }

    /// <summary>The outline as published in the source data.</summary>
    public Geometry SourceOutline { get; }

    /// <summary>Inside both outlines: where generated demo locations go.</summary>
    public Geometry Core { get; }

    public bool Covers(Geometry g) => _tolerant.Covers(g);

    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "Data", "Geo");

    public static DistrictOutline LoadLinzi() =>
        new(ReadFirstGeometry(Path.Combine(DataDirectory, LinziFile)), ReadFirstGeometry(Path.Combine(DataDirectory, LinziSourceFile)));

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
