using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Validation;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Registry;

public sealed class VehicleDto : RegistryDto
{
    /// <summary>Plate (号牌), e.g. 鲁C12345 or the 8-character new-energy 鲁CD12345 / 鲁C12345D.</summary>
    public string? Plate { get; set; }
    /// <summary>VIN, 17 characters with the ISO 3779 check digit at position 9.</summary>
    public string? Vin { get; set; }
    public VehicleClass? Class { get; set; }
    public EnergyType? Energy { get; set; }
    public int? GrossWeightKg { get; set; }
    public int? LengthMm { get; set; }
    public EmissionStandard Emission { get; set; }
    public bool ColdChain { get; set; }
    public string? CourierNumber { get; set; }
    public string? RfidTag { get; set; }
    public int? OwnerEnterpriseId { get; set; }
    /// <summary>Owner's name (read); on write, a name or USCC may be given instead of the id.</summary>
    public string? OwnerEnterpriseName { get; set; }
    public DateOnly? InServiceFrom { get; set; }
    public DateOnly? InServiceTo { get; set; }
    /// <summary>JT/T 808 terminal phone number (SIM), up to 20 digits.</summary>
    public string? TerminalPhone { get; set; }
}

public sealed class VehicleRegistry : IRegistryDescriptor<Vehicle, VehicleDto>
{
    public string Name => "vehicles";

    public IQueryable<Vehicle> Query(AppDbContext db) => db.Vehicles.Include(v => v.OwnerEnterprise);

    public IQueryable<Vehicle> Scope(IQueryable<Vehicle> query, UserContext user) =>
        user.IsEnterpriseOnly ? query.Where(v => v.OwnerEnterpriseId == user.EnterpriseId) : query;

    public IQueryable<Vehicle> Filter(IQueryable<Vehicle> q, RegistryFilter f)
    {
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var upper = Plate.Normalize(f.Q);
            q = q.Where(v => v.Plate.Contains(upper) || v.Vin.Contains(upper) || (v.CourierNumber != null && v.CourierNumber.Contains(upper))
                             || (v.TerminalPhone != null && v.TerminalPhone.Contains(f.Q.Trim())));
        }
        if (f.TryEnum<VehicleClass>(f.Kind, out var cls)) q = q.Where(v => v.Class == cls);
        if (f.TryEnum<EnergyType>(f.Energy, out var energy)) q = q.Where(v => v.Energy == energy);
        if (f.EnterpriseId is { } id) q = q.Where(v => v.OwnerEnterpriseId == id);
        return q;
    }

    public IQueryable<Vehicle> Order(IQueryable<Vehicle> q) => q.OrderBy(v => v.Plate).ThenBy(v => v.Id);

    public VehicleDto ToDto(Vehicle v) => new()
    {
        Id = v.Id, Plate = v.Plate, Vin = v.Vin, Class = v.Class, Energy = v.Energy, GrossWeightKg = v.GrossWeightKg, LengthMm = v.LengthMm,
        Emission = v.Emission, ColdChain = v.ColdChain, CourierNumber = v.CourierNumber, RfidTag = v.RfidTag,
        OwnerEnterpriseId = v.OwnerEnterpriseId, OwnerEnterpriseName = v.OwnerEnterprise?.Name,
        InServiceFrom = v.InServiceFrom, InServiceTo = v.InServiceTo, TerminalPhone = v.TerminalPhone, IsDemo = v.IsDemo,
    };

    public bool CanWrite(UserContext user, Vehicle? entity) => RegistryRules.OwnsOrOffice(user, entity);

    static readonly System.Text.RegularExpressions.Regex Digits = new(@"^\d{11,20}$");

    public async Task ValidateAsync(VehicleDto d, Vehicle? existing, AppDbContext db, UserContext user, FieldErrors errors, CancellationToken ct)
    {
        errors.AddDomain("plate", Plate.Validate(d.Plate));
        errors.AddDomain("vin", Vin.Validate(d.Vin));
        RegistryRules.Required(errors, "class", d.Class);
        RegistryRules.Required(errors, "energy", d.Energy);
        RegistryRules.Defined(errors, "class", d.Class);
        RegistryRules.Defined(errors, "energy", d.Energy);
        RegistryRules.Defined(errors, "emission", d.Emission);
        RegistryRules.Required(errors, "grossWeightKg", d.GrossWeightKg);
        RegistryRules.Range(errors, "grossWeightKg", d.GrossWeightKg, 100, 100_000);
        RegistryRules.Range(errors, "lengthMm", d.LengthMm, 1_000, 25_000);
        RegistryRules.Required(errors, "inServiceFrom", d.InServiceFrom);
        RegistryRules.DateOrder(errors, "inServiceTo", d.InServiceFrom, d.InServiceTo);
        RegistryRules.MaxLength(errors, "courierNumber", d.CourierNumber, 40);
        RegistryRules.MaxLength(errors, "rfidTag", d.RfidTag, 64);
        if (!string.IsNullOrWhiteSpace(d.TerminalPhone) && !Digits.IsMatch(d.TerminalPhone.Trim())) errors.Add("terminalPhone", "vehicle.terminal.format");
        // Battery-electric and fuel-cell vehicles have no emission standard; combustion engines must state one.
        if (d.Energy is EnergyType.Bev or EnergyType.Fcev) errors.AddIf(d.Emission != EmissionStandard.NotApplicable, "emission", "vehicle.emission.na");
        else if (d.Energy is not null) errors.AddIf(d.Emission == EmissionStandard.NotApplicable, "emission", "vehicle.emission.required");
        if (d.Plate is not null && Plate.Classify(Plate.Normalize(d.Plate)) is PlateKind.NewEnergySmall or PlateKind.NewEnergyLarge)
            errors.AddIf(d.Energy is { } en && !en.IsNewEnergy(), "energy", "vehicle.plate.nev");

        d.OwnerEnterpriseId = await RegistryRules.ResolveEnterpriseAsync(db, d.OwnerEnterpriseId, d.OwnerEnterpriseName, user, "ownerEnterpriseId", errors, ct);

        var id = existing?.Id ?? 0;
        if (!errors.Any(e => e.Field == "plate"))
        {
            var plate = Plate.Normalize(d.Plate!);
            if (await db.Vehicles.AnyAsync(v => v.Plate == plate && v.Id != id, ct)) errors.Add("plate", "unique.taken", plate);
        }
        if (!errors.Any(e => e.Field == "vin"))
        {
            var vin = Vin.Normalize(d.Vin!);
            if (await db.Vehicles.AnyAsync(v => v.Vin == vin && v.Id != id, ct)) errors.Add("vin", "unique.taken", vin);
        }
        if (!string.IsNullOrWhiteSpace(d.TerminalPhone) && !errors.Any(e => e.Field == "terminalPhone"))
        {
            var phone = d.TerminalPhone.Trim();
            if (await db.Vehicles.AnyAsync(v => v.TerminalPhone == phone && v.Id != id, ct)) errors.Add("terminalPhone", "unique.taken", phone);
        }
    }

    public void Apply(VehicleDto d, Vehicle v, UserContext user)
    {
        v.Plate = Plate.Normalize(d.Plate!);
        v.Vin = Vin.Normalize(d.Vin!);
        v.Class = d.Class!.Value;
        v.Energy = d.Energy!.Value;
        v.GrossWeightKg = d.GrossWeightKg!.Value;
        v.LengthMm = d.LengthMm;
        v.Emission = d.Emission;
        v.ColdChain = d.ColdChain;
        v.CourierNumber = RegistryRules.Clean(d.CourierNumber);
        v.RfidTag = RegistryRules.Clean(d.RfidTag);
        v.OwnerEnterpriseId = d.OwnerEnterpriseId;
        v.InServiceFrom = d.InServiceFrom!.Value;
        v.InServiceTo = d.InServiceTo;
        v.TerminalPhone = RegistryRules.Clean(d.TerminalPhone);
        if (v.Id == 0) v.IsDemo = d.IsDemo && user.IsOffice; // demo marking is kept by edits and re-imports
    }

    public IEnumerable<(string Field, string Value)> UniqueKeys(VehicleDto d)
    {
        if (!string.IsNullOrWhiteSpace(d.Plate)) yield return ("plate", Plate.Normalize(d.Plate));
        if (!string.IsNullOrWhiteSpace(d.Vin)) yield return ("vin", Vin.Normalize(d.Vin));
        if (!string.IsNullOrWhiteSpace(d.TerminalPhone)) yield return ("terminalPhone", d.TerminalPhone.Trim());
    }

    public Task<string?> DeleteBlockerAsync(Vehicle v, AppDbContext db, CancellationToken ct) => Task.FromResult<string?>(null);

    public IReadOnlyList<ExcelColumn> Columns { get; } =
    [
        new(nameof(VehicleDto.Id), "col.id"),
        new(nameof(VehicleDto.Plate), "col.vehicle.plate", true),
        new(nameof(VehicleDto.Vin), "col.vehicle.vin", true),
        new(nameof(VehicleDto.Class), "col.vehicle.class", true),
        new(nameof(VehicleDto.Energy), "col.vehicle.energy", true),
        new(nameof(VehicleDto.GrossWeightKg), "col.vehicle.grossWeightKg", true),
        new(nameof(VehicleDto.LengthMm), "col.vehicle.lengthMm"),
        new(nameof(VehicleDto.Emission), "col.vehicle.emission"),
        new(nameof(VehicleDto.ColdChain), "col.vehicle.coldChain"),
        new(nameof(VehicleDto.CourierNumber), "col.vehicle.courierNumber"),
        new(nameof(VehicleDto.RfidTag), "col.vehicle.rfidTag"),
        new(nameof(VehicleDto.OwnerEnterpriseName), "col.vehicle.owner"),
        new(nameof(VehicleDto.InServiceFrom), "col.vehicle.inServiceFrom", true),
        new(nameof(VehicleDto.InServiceTo), "col.vehicle.inServiceTo"),
        new(nameof(VehicleDto.TerminalPhone), "col.vehicle.terminalPhone"),
    ];
}
