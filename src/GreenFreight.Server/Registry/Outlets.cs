using GreenFreight.Domain.Registry;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Geo;
using GreenFreight.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace GreenFreight.Server.Registry;

public sealed class OutletDto : LocatedDto
{
    public string? Name { get; set; }
    public OutletType? Type { get; set; }
    public int? OwnerEnterpriseId { get; set; }
    /// <summary>Owner's name (read); on write, a name or USCC may be given instead of the id.</summary>
    public string? OwnerEnterpriseName { get; set; }
    public string? Address { get; set; }
    public DateOnly? OpenedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    /// <summary>共同配送 in use since.</summary>
    public DateOnly? CommonDeliverySince { get; set; }
    /// <summary>集中配送 in use since.</summary>
    public DateOnly? CentralisedDeliverySince { get; set; }
    /// <summary>夜间配送 in use since.</summary>
    public DateOnly? NightDeliverySince { get; set; }
}

public sealed class OutletRegistry(DistrictOutline district) : IRegistryDescriptor<RetailOutlet, OutletDto>
{
    public string Name => "outlets";

    public IQueryable<RetailOutlet> Query(AppDbContext db) => db.Outlets.Include(o => o.OwnerEnterprise);

    public IQueryable<RetailOutlet> Scope(IQueryable<RetailOutlet> query, UserContext user) =>
        user.IsEnterpriseOnly ? query.Where(o => o.OwnerEnterpriseId == user.EnterpriseId) : query;

    public IQueryable<RetailOutlet> Filter(IQueryable<RetailOutlet> q, RegistryFilter f)
    {
        if (!string.IsNullOrWhiteSpace(f.Q)) q = q.Where(o => o.Name.Contains(f.Q) || (o.Address != null && o.Address.Contains(f.Q)));
        if (f.TryEnum<OutletType>(f.Kind, out var type)) q = q.Where(o => o.Type == type);
        if (f.EnterpriseId is { } id) q = q.Where(o => o.OwnerEnterpriseId == id);
        return q;
    }

    public IQueryable<RetailOutlet> Order(IQueryable<RetailOutlet> q) => q.OrderBy(o => o.Name).ThenBy(o => o.Id);

    public OutletDto ToDto(RetailOutlet o) => new()
    {
        Id = o.Id, Name = o.Name, Type = o.Type, OwnerEnterpriseId = o.OwnerEnterpriseId, OwnerEnterpriseName = o.OwnerEnterprise?.Name,
        Address = o.Address, Location = o.Location, OpenedOn = o.OpenedOn, ClosedOn = o.ClosedOn,
        CommonDeliverySince = o.CommonDeliverySince, CentralisedDeliverySince = o.CentralisedDeliverySince, NightDeliverySince = o.NightDeliverySince,
        IsDemo = o.IsDemo,
    };

    public bool CanWrite(UserContext user, RetailOutlet? entity) => RegistryRules.OwnsOrOffice(user, entity);

    public async Task ValidateAsync(OutletDto d, RetailOutlet? existing, AppDbContext db, UserContext user, FieldErrors errors, CancellationToken ct)
    {
        RegistryRules.Required(errors, "name", d.Name);
        RegistryRules.MaxLength(errors, "name", d.Name, 200);
        RegistryRules.Required(errors, "type", d.Type);
        RegistryRules.Defined(errors, "type", d.Type);
        RegistryRules.MaxLength(errors, "address", d.Address, 300);
        errors.AddIf(d.Longitude is null != d.Latitude is null, d.Longitude is null ? "longitude" : "latitude", "field.required");
        LocatedDto.CheckLocation(d.Location, "location", district, errors);
        RegistryRules.DateOrder(errors, "closedOn", d.OpenedOn, d.ClosedOn);
        d.OwnerEnterpriseId = await RegistryRules.ResolveEnterpriseAsync(db, d.OwnerEnterpriseId, d.OwnerEnterpriseName, user, "ownerEnterpriseId", errors, ct);
    }

    public void Apply(OutletDto d, RetailOutlet o, UserContext user)
    {
        o.Name = d.Name!.Trim();
        o.Type = d.Type!.Value;
        o.OwnerEnterpriseId = d.OwnerEnterpriseId;
        o.Address = RegistryRules.Clean(d.Address);
        o.Location = d.Location is null ? null : new Point(d.Location.X, d.Location.Y) { SRID = 4326 };
        o.OpenedOn = d.OpenedOn;
        o.ClosedOn = d.ClosedOn;
        o.CommonDeliverySince = d.CommonDeliverySince;
        o.CentralisedDeliverySince = d.CentralisedDeliverySince;
        o.NightDeliverySince = d.NightDeliverySince;
        if (o.Id == 0) o.IsDemo = d.IsDemo && user.IsOffice; // demo marking is kept by edits and re-imports
    }

    public IEnumerable<(string Field, string Value)> UniqueKeys(OutletDto d) => [];

    public Task<string?> DeleteBlockerAsync(RetailOutlet o, AppDbContext db, CancellationToken ct) => Task.FromResult<string?>(null);

    public IReadOnlyList<ExcelColumn> Columns { get; } =
    [
        new(nameof(OutletDto.Id), "col.id"),
        new(nameof(OutletDto.Name), "col.outlet.name", true),
        new(nameof(OutletDto.Type), "col.outlet.type", true),
        new(nameof(OutletDto.OwnerEnterpriseName), "col.outlet.owner"),
        new(nameof(OutletDto.Address), "col.address"),
        new(nameof(OutletDto.Longitude), "col.longitude"),
        new(nameof(OutletDto.Latitude), "col.latitude"),
        new(nameof(OutletDto.OpenedOn), "col.outlet.openedOn"),
        new(nameof(OutletDto.ClosedOn), "col.outlet.closedOn"),
        new(nameof(OutletDto.CommonDeliverySince), "col.outlet.commonSince"),
        new(nameof(OutletDto.CentralisedDeliverySince), "col.outlet.centralisedSince"),
        new(nameof(OutletDto.NightDeliverySince), "col.outlet.nightSince"),
    ];
}
