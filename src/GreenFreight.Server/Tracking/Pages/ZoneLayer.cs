using System.Globalization;
using System.Text;
using GreenFreight.Domain.Access;
using GreenFreight.Server.Access;
using GreenFreight.Server.Infrastructure;

namespace GreenFreight.Server.Tracking.Pages;

/// <summary>The access zones as a map layer for <c>gf.map.setLayers</c> (polygons, expressway lines), with a popup listing their rules.</summary>
public static class ZoneLayer
{
    public static object Build(AccessSnapshot s, Localizer l) => new
    {
        key = "zones", title = l["sup.live.zones"], color = "#d9480f", icon = "", visible = true,
        features = s.Zones.Values.OrderBy(z => z.Id).Select(z => (object)new { id = z.Id.ToString(CultureInfo.InvariantCulture), name = z.Name, polygon = GeoJson(z), popupHtml = Popup(z, s, l) }).ToList(),
    };

    public static object GeoJson(AccessZone z) => z.Area is { } p
        ? new { type = "Polygon", coordinates = (object)new[] { p.ExteriorRing }.Concat(p.InteriorRings).Select(r => r.Coordinates.Select(c => new[] { c.X, c.Y }).ToArray()).ToArray() }
        : new { type = "LineString", coordinates = (object)z.Line!.Coordinates.Select(c => new[] { c.X, c.Y }).ToArray() };

    static string Popup(AccessZone z, AccessSnapshot s, Localizer l)
    {
        Func<string?, string?> enc = System.Net.WebUtility.HtmlEncode;
        var sb = new StringBuilder();
        sb.Append("<div class=\"gf-popup\"><h4>").Append(enc(z.Name)).Append("</h4>");
        if (z.IsDemo) sb.Append("<span class=\"gf-badge gf-badge-demo\">").Append(enc(l["sup.zone.demo"])).Append("</span> ");
        sb.Append(enc(l.Enum(z.Kind))).Append(' ');
        if (z.SpeedLimitKmh is { } sp) sb.Append(enc(l["sup.zone.speed", sp]));
        sb.Append("<table><tr><th colspan=\"2\">").Append(enc(l["sup.zone.windows"])).Append("</th></tr>");
        var flag = AccessZone.Flag(z.Kind);
        foreach (var r in s.Rules.Values.Where(r => r.ZoneId == z.Id || r.ZoneId is null && (r.ZoneKinds & flag) != 0).OrderBy(r => r.Id))
        {
            var when = r.Windows == "00:00-24:00" ? l["sup.zone.allday"] : r.Windows.Replace('-', '–');
            sb.Append("<tr><td>").Append(enc(r.Name)).Append("</td><td>").Append(enc(when)).Append("</td></tr>");
        }
        return sb.Append("</table>").Append(z.Source is { } src ? $"<div class=\"gf-small gf-muted\">{enc(src)}</div>" : "").Append("</div>").ToString();
    }
}
