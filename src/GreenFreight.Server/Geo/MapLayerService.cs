using System.Net;
using System.Text.Json;
using GreenFreight.Domain.Registry;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.IO.Converters;

namespace GreenFreight.Server.Geo;

public sealed record MapFeature(int Id, string Name, double? Lon, double? Lat, JsonElement? Polygon, string PopupHtml);

public sealed record MapLayer(string Key, string Title, string Color, string Icon, bool Visible, IReadOnlyList<MapFeature> Features);

/// <summary>Facility layers for the cockpit map, one per facility kind, with popups made on the server (HTML-encoded).</summary>
public sealed class MapLayerService(IDbContextFactory<AppDbContext> dbFactory, Localizer l)
{
    static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    public static readonly IReadOnlyDictionary<FacilityKind, (string Color, string Icon)> Style = new Dictionary<FacilityKind, (string, string)>
    {
        [FacilityKind.FreightHub] = ("#7b3fa0", "枢"),
        [FacilityKind.DistributionCenter] = ("#1f6fb2", "配"),
        [FacilityKind.TerminalStation] = ("#0b7a53", "站"),
        [FacilityKind.ChargingStation] = ("#e08a00", "充"),
        [FacilityKind.LoadingBay] = ("#c0392b", "泊"),
        [FacilityKind.FreeParking] = ("#5d6d7e", "停"),
    };

    public async Task<IReadOnlyList<MapLayer>> FacilityLayersAsync(UserContext user, DateOnly today, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Facilities.AsNoTracking().Include(f => f.OperatorEnterprise).AsQueryable();
        if (user.IsEnterpriseOnly) q = q.Where(f => f.OperatorEnterpriseId == user.EnterpriseId);
        var all = await q.ToListAsync(ct);
        return Enum.GetValues<FacilityKind>().Select(kind =>
        {
            var (color, icon) = Style[kind];
            var features = all.Where(f => f.Kind == kind).OrderBy(f => f.Name).Select(f => new MapFeature(
                f.Id, f.Name,
                f.Location?.X ?? f.Area?.Centroid.X, f.Location?.Y ?? f.Area?.Centroid.Y,
                f.Area is null ? null : JsonSerializer.SerializeToElement<NetTopologySuite.Geometries.Geometry>(f.Area, GeoJson),
                Popup(f, today))).ToList();
            return new MapLayer(kind.ToString(), l.Enum(kind), color, icon, true, features);
        }).ToList();
    }

    string Popup(Facility f, DateOnly today)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var rows = new List<(string, string)>
        {
            (l["col.facility.kind"], l.Enum(f.Kind)),
            (l["col.facility.status"], l.Enum(f.StatusOn(today))),
        };
        if (f.Address is not null) rows.Add((l["col.address"], f.Address));
        if (f.OperatorEnterprise is not null) rows.Add((l["col.facility.operator"], f.OperatorEnterprise.Name));
        if (f.Kind == FacilityKind.ChargingStation)
            rows.Add((l["col.facility.pileCount"], $"{f.PileCount} × {f.PilePowerKw:0.#} kW，{(f.AvailableToLogisticsNev == true ? l["map.logistics.yes"] : l["map.logistics.no"])}"));
        if (f.Spaces is { } s) rows.Add((l["col.facility.spaces"], $"{s}{(f.MaxStayMinutes is { } m ? $"，{l["col.facility.maxStayMinutes"]} {m}" : "")}"));
        if (f.OpenFrom is { } a && f.OpenTo is { } b) rows.Add((l["map.hours"], $"{a:HH\\:mm}–{b:HH\\:mm}"));
        var body = string.Concat(rows.Select(r => $"<tr><th>{E(r.Item1)}</th><td>{E(r.Item2)}</td></tr>"));
        var demo = f.IsDemo ? $" <span class=\"gf-badge gf-badge-demo\">{E(l["demo.badge"])}</span>" : "";
        return $"<div class=\"gf-popup\"><strong>{E(f.Name)}</strong>{demo}<table>{body}</table><a href=\"/registry/facilities/{f.Id}\">{E(l["map.details"])}</a></div>";
    }
}
