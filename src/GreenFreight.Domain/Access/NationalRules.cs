using GreenFreight.Domain.Registry;

namespace GreenFreight.Domain.Access;

/// <summary>A representative vehicle of the Zibo template's classes, for the matrix and the national-rule checks.</summary>
public sealed record AccessProfile(string Key, VehicleFacts Facts, bool IsDelivery, string? FuelPeer = null);

public static class AccessProfiles
{
    /// <summary>The rows of the week-by-hour matrix (resource text <c>access.profile.{Key}</c>).</summary>
    public static readonly IReadOnlyList<AccessProfile> Standard =
    [
        new("pickup", new(VehicleClass.Pickup, EnergyType.Gasoline, 3_000, EmissionStandard.ChinaVI), false),
        new("micro", new(VehicleClass.MicroTruck, EnergyType.Gasoline, 2_500, EmissionStandard.ChinaVI), true),
        new("light", new(VehicleClass.LightTruck, EnergyType.Diesel, 4_495, EmissionStandard.ChinaVI), true),
        new("light-nev", new(VehicleClass.LightTruck, EnergyType.Bev, 4_495, EmissionStandard.NotApplicable), true, "light"),
        new("nev-over-4.5t", new(VehicleClass.MediumTruck, EnergyType.Bev, 8_000, EmissionStandard.NotApplicable), true, "medium-vi"),
        new("medium-vi", new(VehicleClass.MediumTruck, EnergyType.Diesel, 12_000, EmissionStandard.ChinaVI), false),
        new("medium-iii", new(VehicleClass.MediumTruck, EnergyType.Diesel, 12_000, EmissionStandard.ChinaIII), false),
        new("heavy", new(VehicleClass.HeavyTruck, EnergyType.Diesel, 25_000, EmissionStandard.ChinaVI), false),
        new("tricycle", new(VehicleClass.Tricycle, EnergyType.Gasoline, 1_500, EmissionStandard.ChinaIV), false),
        new("lowspeed", new(VehicleClass.LowSpeed, EnergyType.Diesel, 3_000, EmissionStandard.ChinaIII), false),
        new("dangerous", new(VehicleClass.DangerousGoods, EnergyType.Diesel, 18_000, EmissionStandard.ChinaVI), false),
        new("tractor", new(VehicleClass.Tractor, EnergyType.Diesel, 40_000, EmissionStandard.ChinaVI), false),
    ];
}

public enum FindingSeverity
{
    /// <summary>Against the national rules: the rule set may not be saved so.</summary>
    Error,
    /// <summary>Allowed, but to be justified (e.g. a whole-day ban of a whole area).</summary>
    Warning,
}

/// <summary>A finding of the national-rule check: resource key <c>access.national.{Code}</c> with its arguments.</summary>
public sealed record NationalFinding(FindingSeverity Severity, string Code, int ZoneId, string ZoneName, string ProfileKey, int Weekday, double Hours);

/// <summary>
/// The national rules on delivery-truck access (公安部 2018, 2021) as checks over a rule set: where time slices apply
/// delivery trucks keep at least 6 hours a day; a whole-day ban of trucks from a whole area is warned of; NEVs get at
/// least the hours of the fuel vehicles they replace.
/// </summary>
public static class NationalRules
{
    public const int MinDeliveryMinutes = 6 * 60;

    /// <summary>Checks every area zone for every standard profile over the week starting on <paramref name="monday"/>.</summary>
    public static IReadOnlyList<NationalFinding> Check(AccessEngine engine, DateOnly monday)
    {
        var findings = new List<NationalFinding>();
        Span<bool> minutes = stackalloc bool[1440];
        for (var z = 0; z < engine.Zones.Count; z++)
        {
            var zone = engine.Zones[z];
            if (zone.Kind == AccessZoneKind.Expressway) continue;   // expressways are lines, not areas: bans there are the norm
            var allowed = new Dictionary<string, int[]>();
            foreach (var p in AccessProfiles.Standard)
            {
                var perDay = new int[7];
                for (var d = 0; d < 7; d++)
                {
                    engine.ForbiddenMinutes(z, p.Facts, monday.AddDays(d), minutes);
                    var n = 0;
                    foreach (var f in minutes) if (!f) n++;
                    perDay[d] = n;
                }
                allowed[p.Key] = perDay;
            }
            foreach (var p in AccessProfiles.Standard)
            {
                var perDay = allowed[p.Key];
                // One finding per profile and kind: the first weekday it occurs on.
                var sliced = Enumerable.Range(0, 7).FirstOrDefault(d => perDay[d] is > 0 and < MinDeliveryMinutes, -1);
                if (p.IsDelivery && sliced >= 0)
                    findings.Add(new(FindingSeverity.Error, "sixhours", zone.Id, zone.Name, p.Key, sliced, Math.Round(perDay[sliced] / 60.0, 1)));
                var banned = Enumerable.Range(0, 7).FirstOrDefault(d => perDay[d] == 0, -1);
                if (banned >= 0 && p.Facts.Class.IsTruck() && p.Facts.Class != VehicleClass.DangerousGoods)
                    findings.Add(new(p.IsDelivery ? FindingSeverity.Error : FindingSeverity.Warning, "allday", zone.Id, zone.Name, p.Key, banned, 0));
                if (p.FuelPeer is { } peer)
                {
                    var fewer = Enumerable.Range(0, 7).FirstOrDefault(d => perDay[d] < allowed[peer][d], -1);
                    if (fewer >= 0)
                        findings.Add(new(FindingSeverity.Warning, "nev", zone.Id, zone.Name, p.Key, fewer, Math.Round(perDay[fewer] / 60.0, 1)));
                }
            }
        }
        return findings;
    }

    /// <summary>The Monday of the week of <paramref name="date"/>.</summary>
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
