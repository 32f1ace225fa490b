using System.Text.Json.Serialization;
using GreenFreight.Domain.Registry;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Geo;
using GreenFreight.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace GreenFreight.Server.Registry;

/// <summary>A DTO with a point location: GeoJSON <c>location</c> at the API, longitude/latitude in forms and Excel.</summary>
public abstract class LocatedDto : RegistryDto
{
    double? _lon, _lat;

    /// <summary>Point location, GeoJSON (WGS-84 longitude, latitude).</summary>
    public Point? Location { get; set; }

    [JsonIgnore]
    public double? Longitude
    {
        get => Location?.X ?? _lon;
        set { _lat ??= Location?.Y; _lon = value; Sync(); }
    }

    [JsonIgnore]
    public double? Latitude
    {
        get => Location?.Y ?? _lat;
        set { _lon ??= Location?.X; _lat = value; Sync(); }
    }

    void Sync() => Location = _lon is { } x && _lat is { } y ? new Point(x, y) { SRID = 4326 } : null;

    internal static void CheckLocation(Geometry? g, string field, DistrictOutline district, FieldErrors errors)
    {
        if (g is null) return;
        if (!g.IsValid) errors.Add(field, "geo.invalid");
        else if (g.Coordinates.Any(c => c.X is < -180 or > 180 || c.Y is < -90 or > 90)) errors.Add(field, "geo.range");
        else if (!district.Covers(g)) errors.Add(field, "geo.outside");
    }
}

/// <summary>Shared checks and lookups of the registries.</summary>
public static class RegistryRules
{
    /// <summary>
    /// Resolves the enterprise a record belongs to: an enterprise user always writes its own; others give an id, or
    /// a name or USCC (as in Excel imports). Returns the id, or null when none is given.
    /// </summary>
    public static async Task<int?> ResolveEnterpriseAsync(AppDbContext db, int? id, string? nameOrUscc, UserContext user,
        string field, FieldErrors errors, CancellationToken ct)
    {
        if (user.IsEnterpriseOnly) return user.EnterpriseId;
        if (id is { } given)
        {
            if (!await db.Enterprises.AnyAsync(e => e.Id == given, ct)) errors.Add(field, "enterprise.unknown", given);
            return given;
        }
        if (string.IsNullOrWhiteSpace(nameOrUscc)) return null;
        var key = nameOrUscc.Trim();
        var upper = key.ToUpperInvariant();
        var byCode = await db.Enterprises.Where(e => e.Uscc == upper).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
        if (byCode is not null) return byCode;
        var byName = await db.Enterprises.Where(e => e.Name == key).Select(e => e.Id).Take(2).ToListAsync(ct);
        if (byName.Count == 1) return byName[0];
        errors.Add(field, byName.Count == 0 ? "enterprise.unknown" : "enterprise.ambiguous", key);
        return null;
    }

    public static void Required(FieldErrors errors, string field, object? value)
    {
        if (value is null || value is string s && string.IsNullOrWhiteSpace(s)) errors.Add(field, "field.required");
    }

    public static void MaxLength(FieldErrors errors, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max) errors.Add(field, "field.maxlength", max);
    }

    /// <summary>An enum value sent as a number that is not one of the enum's values.</summary>
    public static void Defined<T>(FieldErrors errors, string field, T? value) where T : struct, Enum
    {
        if (value is { } v && !Enum.IsDefined(v)) errors.Add(field, "field.enum");
    }

    public static void Defined<T>(FieldErrors errors, string field, T value) where T : struct, Enum
    {
        if (!Enum.IsDefined(value)) errors.Add(field, "field.enum");
    }

    public static void Range(FieldErrors errors, string field, decimal? value, decimal min, decimal max)
    {
        if (value is { } v && (v < min || v > max)) errors.Add(field, "field.range", min, max);
    }

    public static void DateOrder(FieldErrors errors, string field, DateOnly? earlier, DateOnly? later)
    {
        if (earlier is { } a && later is { } b && b < a) errors.Add(field, "date.order", a.ToString("yyyy-MM-dd"));
    }

    static readonly System.Text.RegularExpressions.Regex PhoneRx = new(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$");

    public static void Phone(FieldErrors errors, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !PhoneRx.IsMatch(value.Trim())) errors.Add(field, "phone.format");
    }

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Government users may write everything the office may; an enterprise only its own records.</summary>
    public static bool OwnsOrOffice(UserContext user, IEnterpriseOwned? entity) =>
        user.IsOffice || user.IsEnterpriseOnly && user.EnterpriseId is { } mine && (entity is null || entity.OwnerEnterpriseId == mine);
}
