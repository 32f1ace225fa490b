using System.Text.Json;
using NetTopologySuite.Geometries;

namespace GreenFreight.Domain.Tests.Seed;

/// <summary>
/// Linzi's district outline decoded from the real Zibo TopoJSON (<c>shared/geo/370300.json</c>, QUHUADAIMA 370305).
/// Minimal TopoJSON decoder: quantised, delta-encoded arcs with transform scale/translate; ~i means arc i reversed.
/// </summary>
public static class LinziOutline
{
    public const string DivisionCode = "370305";

    static readonly Lazy<Geometry> Cached = new(() => Decode(SharedData.PathOf("geo", "370300.json"), DivisionCode));

    /// <summary>The outline (Polygon or MultiPolygon, SRID 4326). Treat as read-only.</summary>
    public static Geometry Load() => Cached.Value;

    public static Geometry Decode(string path, string code)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var scale = root.GetProperty("transform").GetProperty("scale");
        var translate = root.GetProperty("transform").GetProperty("translate");
        var (sx, sy) = (scale[0].GetDouble(), scale[1].GetDouble());
        var (tx, ty) = (translate[0].GetDouble(), translate[1].GetDouble());

        var arcs = root.GetProperty("arcs").EnumerateArray().Select(arc =>
        {
            long x = 0, y = 0;
            var pts = new List<Coordinate>();
            foreach (var p in arc.EnumerateArray())
            {
                x += p[0].GetInt64();
                y += p[1].GetInt64();
                pts.Add(new Coordinate(x * sx + tx, y * sy + ty));
            }
            return pts;
        }).ToList();

        var factory = new GeometryFactory(new PrecisionModel(), 4326);

        LinearRing Ring(JsonElement arcIndexes)
        {
            var coords = new List<Coordinate>();
            foreach (var a in arcIndexes.EnumerateArray())
            {
                var i = a.GetInt32();
                IEnumerable<Coordinate> pts = i >= 0 ? arcs[i] : Enumerable.Reverse(arcs[~i]);
                // Each arc starts where the previous one ended: drop the duplicated first point.
                coords.AddRange(coords.Count == 0 ? pts : pts.Skip(1));
            }
            if (!coords[0].Equals2D(coords[^1])) coords.Add(coords[0].Copy());
            return factory.CreateLinearRing(coords.Select(c => c.Copy()).ToArray());
        }

        Polygon Poly(JsonElement rings)
        {
            var list = rings.EnumerateArray().Select(Ring).ToList();
            return factory.CreatePolygon(list[0], list.Skip(1).ToArray());
        }

        foreach (var obj in root.GetProperty("objects").EnumerateObject())
        {
            foreach (var g in obj.Value.GetProperty("geometries").EnumerateArray())
            {
                if (!g.TryGetProperty("properties", out var props) || !props.TryGetProperty("QUHUADAIMA", out var c) || c.GetString() != code)
                    continue;
                return g.GetProperty("type").GetString() switch
                {
                    "Polygon" => Poly(g.GetProperty("arcs")),
                    "MultiPolygon" => factory.CreateMultiPolygon(g.GetProperty("arcs").EnumerateArray().Select(Poly).ToArray()),
                    var t => throw new InvalidDataException($"Unsupported geometry type {t} for {code}."),
                };
            }
        }
        throw new InvalidDataException($"No geometry with QUHUADAIMA {code} in {path}.");
    }
}
