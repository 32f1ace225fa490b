using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Validation;
using GreenFreight.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Cli;

/// <summary>
/// <c>greenfreight seed-fleet --vehicles N</c>: adds N demo delivery vehicles with JT/T 808 terminals to the registry,
/// for load tests of the gateway (which accepts only terminals whose phone is registered on a vehicle). Valid 鲁C plates
/// (ordinary and new-energy formats), valid VINs, unique terminal phones, marked as demo data; one transaction.
/// </summary>
public static class DemoFleet
{
    const string VinAlphabet = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
    const string PlateLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    const string VinLetters = "ABCDEFGHJKLMNPRSTUVWXYZ";
    static readonly string[] Wmis = ["LZW", "LS4", "LGX", "LJ1", "LVB", "LGG", "LFW"];
    /// <summary>Terminal phones of the fleet: 0177 and eight digits, counted up past any that are taken.</summary>
    const string PhonePrefix = "0177";

    public sealed record Result(int Added, int VehiclesWithTerminal, string FirstPhone, string LastPhone);

    public static async Task<Result> AddAsync(IDbContextFactory<AppDbContext> factory, int count, int seed, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 1_000_000);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditUser = "cli:seed-fleet";
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var plates = (await db.Vehicles.Select(v => v.Plate).ToListAsync(ct)).ToHashSet();
        var vins = (await db.Vehicles.Select(v => v.Vin).ToListAsync(ct)).ToHashSet();
        var phones = (await db.Vehicles.Where(v => v.TerminalPhone != null).Select(v => v.TerminalPhone!).ToListAsync(ct))
            .Select(p => p.TrimStart('0')).ToHashSet();
        var owners = await db.Enterprises.Where(e => e.Kind == EnterpriseKind.Logistics || e.Kind == EnterpriseKind.Courier || e.Kind == EnterpriseKind.RetailChain)
            .Select(e => e.Id).ToListAsync(ct);

        var rng = new Random(seed);
        var today = DateOnly.FromDateTime(DateTime.Today);
        var nextPhone = 0L;
        var list = new List<Vehicle>(count);
        for (var i = 0; i < count; i++)
        {
            var energy = rng.NextDouble() switch { < 0.55 => EnergyType.Bev, < 0.65 => EnergyType.Phev, < 0.9 => EnergyType.Diesel, _ => EnergyType.Gasoline };
            var cls = rng.NextDouble() < 0.6 ? VehicleClass.MicroTruck : VehicleClass.LightTruck;
            var gross = cls == VehicleClass.MicroTruck ? 1450 + rng.Next(71) * 5 : 2490 + rng.Next(401) * 5;
            var from = today.AddDays(-rng.Next(30, 1500));
            string phone;
            do phone = PhonePrefix + (nextPhone++).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            while (!phones.Add(phone.TrimStart('0')));
            list.Add(new Vehicle
            {
                Plate = Unique(plates, () => MakePlate(rng, energy, gross)),
                Vin = Unique(vins, () => MakeVin(rng, energy, from.Year)),
                Class = cls,
                Energy = energy,
                GrossWeightKg = gross,
                LengthMm = cls == VehicleClass.MicroTruck ? 3800 + rng.Next(211) * 5 : 4860 + rng.Next(227) * 5,
                Emission = energy switch { EnergyType.Bev => EmissionStandard.NotApplicable, _ => EmissionStandard.ChinaVI },
                OwnerEnterpriseId = owners.Count > 0 && rng.NextDouble() < 0.9 ? owners[rng.Next(owners.Count)] : null,
                InServiceFrom = from,
                TerminalPhone = phone,
                IsDemo = true,
            });
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Vehicles.AddRange(list);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var withTerminal = await db.Vehicles.CountAsync(v => v.TerminalPhone != null, ct);
        return new Result(list.Count, withTerminal, list[0].TerminalPhone!, list[^1].TerminalPhone!);
    }

    static string Unique(HashSet<string> used, Func<string> make)
    {
        while (true)
        {
            var value = make();
            if (used.Add(value)) return value;
        }
    }

    /// <summary>鲁C plates: new-energy vehicles get the 8-character formats (small: D/F first; 4.5 t and over: D/F last).</summary>
    internal static string MakePlate(Random rng, EnergyType energy, int grossKg)
    {
        string Digits(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => (char)('0' + rng.Next(10))));
        if (energy.IsNewEnergy())
        {
            var letter = energy == EnergyType.Bev ? 'D' : 'F';
            return grossKg >= 4500
                ? "鲁C" + Digits(5) + letter
                : "鲁C" + letter + (rng.Next(2) == 0 ? PlateLetters[rng.Next(PlateLetters.Length)] : (char)('0' + rng.Next(10))) + Digits(4);
        }
        Span<char> s = stackalloc char[5];
        for (var i = 0; i < 5; i++) s[i] = (char)('0' + rng.Next(10));
        var letters = rng.Next(3);
        for (var k = 0; k < letters; k++) s[rng.Next(5)] = PlateLetters[rng.Next(PlateLetters.Length)];
        return "鲁C" + new string(s);
    }

    internal static string MakeVin(Random rng, EnergyType energy, int year)
    {
        Span<char> vin = stackalloc char[17];
        Wmis[rng.Next(Wmis.Length)].CopyTo(vin);
        vin[3] = VinLetters[rng.Next(VinLetters.Length)];
        vin[4] = energy.IsNewEnergy() ? 'E' : VinLetters[rng.Next(VinLetters.Length)];
        for (var i = 5; i < 8; i++) vin[i] = VinAlphabet[rng.Next(VinAlphabet.Length)];
        vin[9] = "ABCDEFGHJKLMNPRSTVWXY"[Math.Clamp(year, 2010, 2030) - 2010];
        vin[10] = VinAlphabet[rng.Next(VinAlphabet.Length)];
        for (var i = 11; i < 17; i++) vin[i] = (char)('0' + rng.Next(10));
        vin[8] = '0';
        vin[8] = Vin.ComputeCheckDigit(vin);
        return new string(vin);
    }
}
