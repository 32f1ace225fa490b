using System.Text.Json.Serialization;
using GreenFreight.Domain.Registry;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Geo;
using GreenFreight.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GreenFreight.Server.Registry;

public sealed class FacilityDto : LocatedDto
{
    public string? Name { get; set; }
    public FacilityKind? Kind { get; set; }
    public FacilityStatus? Status { get; set; }
    public DateOnly? PlannedOn { get; set; }
    public DateOnly? BuildingFrom { get; set; }
    public DateOnly? OperatingFrom { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? Address { get; set; }
    /// <summary>Site polygon, GeoJSON (WGS-84).</summary>
    public Polygon? Area { get; set; }
    public int? OperatorEnterpriseId { get; set; }
    /// <summary>Operator's name (read); on write, a name or USCC may be given instead of the id.</summary>
    public string? OperatorEnterpriseName { get; set; }
    public int? PileCount { get; set; }
    public decimal? PilePowerKw { get; set; }
    public bool? AvailableToLogisticsNev { get; set; }
    public bool? IsPublic { get; set; }
    public BayPlacement? Placement { get; set; }
    public int? Spaces { get; set; }
    public int? MaxStayMinutes { get; set; }
    public TimeOnly? OpenFrom { get; set; }
    public TimeOnly? OpenTo { get; set; }
    public string? Notes { get; set; }

    /// <summary>The polygon as WKT, for Excel.</summary>
    [JsonIgnore]
    public string? AreaWkt
    {
        get => Area is null ? null : Data.Configurations.GeometryConverters.ToWkt(Area);
        set
        {
            AreaParseFailed = false;
            if (string.IsNullOrWhiteSpace(value)) { Area = null; return; }
            try { Area = new WKTReader().Read(value) as Polygon; AreaParseFailed = Area is null; }
            catch (Exception ex) when (ex is ParseException or ArgumentException or InvalidCastException) { Area = null; AreaParseFailed = true; }
        }
    }

    [JsonIgnore]
    internal bool AreaParseFailed { get; private set; }
}

public sealed class FacilityRegistry(DistrictOutline district, TimeProvider clock) : IRegistryDescriptor<Facility, FacilityDto>
{
    DateOnly today() => clock.Today();

    public string Name => "facilities";

    public IQueryable<Facility> Query(AppDbContext db) => db.Facilities.Include(f => f.OperatorEnterprise);

    public IQueryable<Facility> Scope(IQueryable<Facility> query, UserContext user) =>
        user.IsEnterpriseOnly ? query.Where(f => f.OperatorEnterpriseId == user.EnterpriseId) : query;

    public IQueryable<Facility> Filter(IQueryable<Facility> q, RegistryFilter f)
    {
        if (!string.IsNullOrWhiteSpace(f.Q)) q = q.Where(x => x.Name.Contains(f.Q) || (x.Address != null && x.Address.Contains(f.Q)));
        if (f.TryEnum<FacilityKind>(f.Kind, out var kind)) q = q.Where(x => x.Kind == kind);
        if (f.TryEnum<FacilityStatus>(f.Status, out var status)) q = q.Where(x => x.Status == status);
        if (f.EnterpriseId is { } id) q = q.Where(x => x.OperatorEnterpriseId == id);
        return q;
    }

    public IQueryable<Facility> Order(IQueryable<Facility> q) => q.OrderBy(x => x.Kind).ThenBy(x => x.Name).ThenBy(x => x.Id);

    public FacilityDto ToDto(Facility f) => new()
    {
        Id = f.Id, Name = f.Name, Kind = f.Kind, Status = f.Status, PlannedOn = f.PlannedOn, BuildingFrom = f.BuildingFrom,
        OperatingFrom = f.OperatingFrom, ClosedOn = f.ClosedOn, Address = f.Address, Location = f.Location, Area = f.Area,
        OperatorEnterpriseId = f.OperatorEnterpriseId, OperatorEnterpriseName = f.OperatorEnterprise?.Name,
        PileCount = f.PileCount, PilePowerKw = f.PilePowerKw, AvailableToLogisticsNev = f.AvailableToLogisticsNev, IsPublic = f.IsPublic,
        Placement = f.Placement, Spaces = f.Spaces, MaxStayMinutes = f.MaxStayMinutes, OpenFrom = f.OpenFrom, OpenTo = f.OpenTo,
        Notes = f.Notes, IsDemo = f.IsDemo,
    };

    /// <summary>Office: all; police: bays and free-stay parking (parking management); an enterprise: the facilities it operates.</summary>
    public bool CanWrite(UserContext user, Facility? entity) =>
        RegistryRules.OwnsOrOffice(user, entity)
        || user.IsPolice && (entity is null || entity.Kind is FacilityKind.LoadingBay or FacilityKind.FreeParking);

    public async Task ValidateAsync(FacilityDto d, Facility? existing, AppDbContext db, UserContext user, FieldErrors errors, CancellationToken ct)
    {
        RegistryRules.Required(errors, "name", d.Name);
        RegistryRules.MaxLength(errors, "name", d.Name, 200);
        RegistryRules.Required(errors, "kind", d.Kind);
        RegistryRules.Required(errors, "status", d.Status);
        RegistryRules.Defined(errors, "kind", d.Kind);
        RegistryRules.Defined(errors, "status", d.Status);
        RegistryRules.Defined(errors, "placement", d.Placement);
        RegistryRules.MaxLength(errors, "address", d.Address, 300);
        RegistryRules.MaxLength(errors, "notes", d.Notes, 2000);
        errors.AddIf(user.IsPolice && !user.IsOffice && d.Kind is not (FacilityKind.LoadingBay or FacilityKind.FreeParking or null), "kind", "facility.police.kinds");
        if (d.AreaParseFailed) errors.Add("area", "geo.wkt");
        errors.AddIf(d.Location is null && d.Area is null && !d.AreaParseFailed, "location", "facility.location.required");
        errors.AddIf(d.Longitude is null != d.Latitude is null, d.Longitude is null ? "longitude" : "latitude", "field.required");
        LocatedDto.CheckLocation(d.Location, "location", district, errors);
        LocatedDto.CheckLocation(d.Area, "area", district, errors);

        // Status must agree with the dates (the indicators are evaluated from the dates).
        switch (d.Status)
        {
            case FacilityStatus.Building: errors.AddIf(d.BuildingFrom is null, "buildingFrom", "facility.date.for.status"); break;
            case FacilityStatus.Operating: errors.AddIf(d.OperatingFrom is null, "operatingFrom", "facility.date.for.status"); break;
            case FacilityStatus.Closed: errors.AddIf(d.ClosedOn is null, "closedOn", "facility.date.for.status"); break;
        }
        // The indicators read the dates, the registry shows the status: they must tell the same story today.
        if (d.Status is { } status && errors.Ok)
        {
            var derived = new Facility { BuildingFrom = d.BuildingFrom, OperatingFrom = d.OperatingFrom, ClosedOn = d.ClosedOn }.StatusOn(today());
            if (derived != status) errors.Add("status", "facility.status.dates", derived);
        }
        RegistryRules.DateOrder(errors, "buildingFrom", d.PlannedOn, d.BuildingFrom);
        RegistryRules.DateOrder(errors, "operatingFrom", d.BuildingFrom, d.OperatingFrom);
        RegistryRules.DateOrder(errors, "closedOn", d.OperatingFrom ?? d.BuildingFrom, d.ClosedOn);

        if (d.Kind == FacilityKind.ChargingStation)
        {
            RegistryRules.Required(errors, "pileCount", d.PileCount);
            RegistryRules.Range(errors, "pileCount", d.PileCount, 1, 10_000);
            RegistryRules.Required(errors, "pilePowerKw", d.PilePowerKw);
            RegistryRules.Range(errors, "pilePowerKw", d.PilePowerKw, 1, 1_000);
            RegistryRules.Required(errors, "availableToLogisticsNev", d.AvailableToLogisticsNev);
        }
        if (d.Kind is FacilityKind.LoadingBay or FacilityKind.FreeParking)
        {
            RegistryRules.Required(errors, "spaces", d.Spaces);
            RegistryRules.Range(errors, "spaces", d.Spaces, 1, 10_000);
            RegistryRules.Required(errors, "maxStayMinutes", d.MaxStayMinutes);
            RegistryRules.Range(errors, "maxStayMinutes", d.MaxStayMinutes, 1, 24 * 60);
        }
        if (d.Kind == FacilityKind.LoadingBay) RegistryRules.Required(errors, "placement", d.Placement);
        errors.AddIf(d.OpenFrom is null != d.OpenTo is null, d.OpenFrom is null ? "openFrom" : "openTo", "field.required");

        d.OperatorEnterpriseId = await RegistryRules.ResolveEnterpriseAsync(db, d.OperatorEnterpriseId, d.OperatorEnterpriseName, user, "operatorEnterpriseId", errors, ct);
    }

    public void Apply(FacilityDto d, Facility f, UserContext user)
    {
        f.Name = d.Name!.Trim();
        f.Kind = d.Kind!.Value;
        f.Status = d.Status!.Value;
        f.PlannedOn = d.PlannedOn;
        f.BuildingFrom = d.BuildingFrom;
        f.OperatingFrom = d.OperatingFrom;
        f.ClosedOn = d.ClosedOn;
        f.Address = RegistryRules.Clean(d.Address);
        f.Location = d.Location is null ? null : new Point(d.Location.X, d.Location.Y) { SRID = 4326 };
        f.Area = d.Area is null ? null : (Polygon)d.Area.Copy();
        if (f.Area is not null) f.Area.SRID = 4326;
        f.OperatorEnterpriseId = d.OperatorEnterpriseId;
        var charging = f.Kind == FacilityKind.ChargingStation;
        f.PileCount = charging ? d.PileCount : null;
        f.PilePowerKw = charging ? d.PilePowerKw : null;
        f.AvailableToLogisticsNev = charging ? d.AvailableToLogisticsNev : null;
        f.IsPublic = charging ? d.IsPublic ?? false : null;
        var parking = f.Kind is FacilityKind.LoadingBay or FacilityKind.FreeParking;
        f.Placement = f.Kind == FacilityKind.LoadingBay ? d.Placement : null;
        f.Spaces = parking ? d.Spaces : null;
        f.MaxStayMinutes = parking ? d.MaxStayMinutes : null;
        f.OpenFrom = d.OpenFrom;
        f.OpenTo = d.OpenTo;
        f.Notes = RegistryRules.Clean(d.Notes);
        if (f.Id == 0) f.IsDemo = d.IsDemo && user.IsOffice; // demo marking is kept by edits and re-imports
    }

    public IEnumerable<(string Field, string Value)> UniqueKeys(FacilityDto d) => [];

    public Task<string?> DeleteBlockerAsync(Facility f, AppDbContext db, CancellationToken ct) => Task.FromResult<string?>(null);

    public IReadOnlyList<ExcelColumn> Columns { get; } =
    [
        new(nameof(FacilityDto.Id), "col.id"),
        new(nameof(FacilityDto.Name), "col.facility.name", true),
        new(nameof(FacilityDto.Kind), "col.facility.kind", true),
        new(nameof(FacilityDto.Status), "col.facility.status", true),
        new(nameof(FacilityDto.PlannedOn), "col.facility.plannedOn"),
        new(nameof(FacilityDto.BuildingFrom), "col.facility.buildingFrom"),
        new(nameof(FacilityDto.OperatingFrom), "col.facility.operatingFrom"),
        new(nameof(FacilityDto.ClosedOn), "col.facility.closedOn"),
        new(nameof(FacilityDto.Address), "col.address"),
        new(nameof(FacilityDto.Longitude), "col.longitude"),
        new(nameof(FacilityDto.Latitude), "col.latitude"),
        new(nameof(FacilityDto.AreaWkt), "col.facility.areaWkt"),
        new(nameof(FacilityDto.OperatorEnterpriseName), "col.facility.operator"),
        new(nameof(FacilityDto.PileCount), "col.facility.pileCount"),
        new(nameof(FacilityDto.PilePowerKw), "col.facility.pilePowerKw"),
        new(nameof(FacilityDto.AvailableToLogisticsNev), "col.facility.availableToLogisticsNev"),
        new(nameof(FacilityDto.IsPublic), "col.facility.isPublic"),
        new(nameof(FacilityDto.Placement), "col.facility.placement"),
        new(nameof(FacilityDto.Spaces), "col.facility.spaces"),
        new(nameof(FacilityDto.MaxStayMinutes), "col.facility.maxStayMinutes"),
        new(nameof(FacilityDto.OpenFrom), "col.facility.openFrom"),
        new(nameof(FacilityDto.OpenTo), "col.facility.openTo"),
        new(nameof(FacilityDto.Notes), "col.notes"),
    ];
}
