using System.Globalization;
using System.Text;
using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Infrastructure;

namespace GreenFreight.Server.Tracking.Pages;

/// <summary>The restricted/limited zones as a map layer for <c>gf.map.setLayers</c>, with a popup listing their windows.</summary>
public static class ZoneLayer
{
    public static object Build(IEnumerable<TrafficZone> zones, Localizer l) => new
    {
        key = "zones", title = l["sup.live.zones"], color = "#d9480f", icon = "", visible = true,
        features = zones.Select(z => (object)new { id = z.Id.ToString(CultureInfo.InvariantCulture), name = z.Name, polygon = GeoJson(z.Area), popupHtml = Popup(z, l) }).ToList(),
    };

    static object GeoJson(NetTopologySuite.Geometries.Polygon p) => new
    {
        type = "Polygon",
        coordinates = new[] { p.ExteriorRing }.Concat(p.InteriorRings).Select(r => r.Coordinates.Select(c => new[] { c.X, c.Y }).ToArray()).ToArray(),
    };

    static string Popup(TrafficZone z, Localizer l)
    {
        Func<string?, string?> enc = System.Net.WebUtility.HtmlEncode;
        var sb = new StringBuilder();
        sb.Append("<div class=\"gf-popup\"><h4>").Append(enc(z.Name)).Append("</h4>");
        if (z.IsDemo) sb.Append("<span class=\"gf-badge gf-badge-demo\">").Append(enc(l["sup.zone.demo"])).Append("</span> ");
        if (z.SpeedLimitKmh is { } s) sb.Append(enc(l["sup.zone.speed", s]));
        sb.Append("<table><tr><th colspan=\"2\">").Append(enc(l["sup.zone.windows"])).Append("</th></tr>");
        foreach (var w in z.Windows)
        {
            var who = w.Class is { } c ? l.Enum(c) : l["sup.zone.all"];
            if (w.NewEnergy is { } ne) who += " · " + (ne ? l["sup.zone.nev"] : l["sup.zone.fuel"]);
            if (w.MinGrossWeightKg is { } kg) who += " · " + l["sup.zone.over", kg];
            var when = w.From == w.To ? l["sup.zone.allday"] : $"{w.From:HH\\:mm}–{w.To:HH\\:mm}";
            sb.Append("<tr><td>").Append(enc(who)).Append("</td><td>").Append(enc(when)).Append("</td></tr>");
        }
        return sb.Append("</table>").Append(z.Source is { } src ? $"<div class=\"gf-small gf-muted\">{enc(src)}</div>" : "").Append("</div>").ToString();
    }
}
