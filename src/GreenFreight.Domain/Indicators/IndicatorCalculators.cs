using GreenFreight.Domain.Registry;

namespace GreenFreight.Domain.Indicators;

/// <summary>One record behind an indicator's value.</summary>
public sealed record EvidenceRecord(string EntityType, int Id, string Label, string Detail);

/// <summary>A computed value with the records behind it.</summary>
public sealed record ComputedValue(decimal? Value, IReadOnlyList<EvidenceRecord> Evidence, string? Note = null);

/// <summary>The registry records an evaluation reads. Loaded once per evaluation; calculators never do I/O.</summary>
public sealed class RegistrySnapshot
{
    public required IReadOnlyList<Enterprise> Enterprises { get; init; }
    public required IReadOnlyList<Facility> Facilities { get; init; }
    public required IReadOnlyList<Vehicle> Vehicles { get; init; }
    public required IReadOnlyList<RetailOutlet> Outlets { get; init; }
}

/// <summary>
/// Calculators of the indicators the platform computes from its records. Each is evaluated as of a date, so a
/// past quarter can be recomputed, and returns the records behind the number.
/// </summary>
public static class IndicatorCalculators
{
    /// <summary>Start of the creation period (创建期 2022-10 to 2025-09): the baseline date of #12–#15.</summary>
    public static readonly DateOnly PeriodStart = new(2022, 10, 1);

    public delegate ComputedValue Calculator(RegistrySnapshot s, DateOnly asOf);

    public static readonly IReadOnlyDictionary<string, Calculator> All = new Dictionary<string, Calculator>
    {
        ["facilities.hubs"] = (s, d) => CountFacilities(s, d, FacilityKind.FreightHub),
        ["facilities.distribution-centers"] = (s, d) => CountFacilities(s, d, FacilityKind.DistributionCenter),
        ["facilities.terminal-stations"] = (s, d) => CountFacilities(s, d, FacilityKind.TerminalStation),
        ["vehicles.new-bev"] = (s, d) => NewVehicles(s, d, v => v.Energy == EnergyType.Bev),
        ["vehicles.new-nev"] = (s, d) => NewVehicles(s, d, v => v.Energy.IsNewEnergy()),
        ["vehicles.new-all"] = (s, d) => NewVehicles(s, d, _ => true),
        ["vehicles.bev-phev-trucks-at-start"] = (s, _) => BevPhevTrucks(s, PeriodStart),
        ["vehicles.bev-phev-trucks"] = BevPhevTrucks,
        ["chargers.logistics-piles"] = LogisticsPiles,
        ["vehicles.cold-chain"] = (s, d) => VehiclesInService(s, d, v => v.ColdChain),
        ["vehicles.all"] = (s, d) => VehiclesInService(s, d, _ => true),
        ["bays.all-spaces"] = (s, d) => BaySpaces(s, d, onRoadOnly: false),
        ["bays.on-road-spaces"] = (s, d) => BaySpaces(s, d, onRoadOnly: true),
        ["outlets.common-share"] = (s, d) => OutletShare(s, d, o => o.UsesCommonOrCentralisedOn(d), "共同/集中配送"),
        ["outlets.night-share"] = (s, d) => OutletShare(s, d, o => o.UsesNightOn(d), "夜间配送"),
        ["outlets.advanced-share"] = (s, d) => OutletShare(s, d, o => o.UsesAdvancedModeOn(d), "共同/集中/夜间配送"),
        ["enterprises.aaa-delivery"] = (s, d) => RatedEnterprises(s, d, e => e.Kind is EnterpriseKind.Logistics or EnterpriseKind.Courier),
        ["enterprises.aaa-logistics"] = (s, d) => RatedEnterprises(s, d, e => e.Kind == EnterpriseKind.Logistics),
        ["enterprises.pilot-platform-share"] = PilotPlatformShare,
        ["ratio.bev-phev-per-pile"] = VehiclesPerPile,
    };

    public static ComputedValue Evaluate(string calculator, RegistrySnapshot snapshot, DateOnly asOf) =>
        All.TryGetValue(calculator, out var calc)
            ? calc(snapshot, asOf)
            : throw new ArgumentException($"Unknown indicator calculator '{calculator}'.", nameof(calculator));

    static ComputedValue CountFacilities(RegistrySnapshot s, DateOnly asOf, FacilityKind kind)
    {
        var list = s.Facilities.Where(f => f.Kind == kind && f.IsOperatingOn(asOf)).OrderBy(f => f.Name).ToList();
        return new(list.Count, list.Select(f => Facility(f, $"运营自 {f.OperatingFrom:yyyy-MM-dd}")).ToList());
    }

    static ComputedValue NewVehicles(RegistrySnapshot s, DateOnly asOf, Func<Vehicle, bool> filter)
    {
        var list = s.Vehicles
            .Where(v => filter(v) && v.InServiceFrom >= PeriodStart && v.InServiceFrom <= asOf)
            .OrderBy(v => v.InServiceFrom).ThenBy(v => v.Plate).ToList();
        return new(list.Count, list.Select(v => Vehicle(v, $"投入运营 {v.InServiceFrom:yyyy-MM-dd}")).ToList());
    }

    static ComputedValue VehiclesInService(RegistrySnapshot s, DateOnly asOf, Func<Vehicle, bool> filter)
    {
        var list = s.Vehicles.Where(v => filter(v) && v.InServiceOn(asOf)).OrderBy(v => v.Plate).ToList();
        return new(list.Count, list.Select(v => Vehicle(v, $"在用，投入运营 {v.InServiceFrom:yyyy-MM-dd}")).ToList());
    }

    static IEnumerable<Vehicle> BevPhevTrucksOn(RegistrySnapshot s, DateOnly asOf) =>
        s.Vehicles.Where(v => v.Energy is EnergyType.Bev or EnergyType.Phev && v.Class.IsTruck() && v.InServiceOn(asOf));

    static ComputedValue BevPhevTrucks(RegistrySnapshot s, DateOnly asOf)
    {
        var list = BevPhevTrucksOn(s, asOf).OrderBy(v => v.Plate).ToList();
        return new(list.Count, list.Select(v => Vehicle(v, v.Energy == EnergyType.Bev ? "纯电动" : "插电式混合动力")).ToList());
    }

    static IEnumerable<Facility> LogisticsChargersOn(RegistrySnapshot s, DateOnly asOf) =>
        s.Facilities.Where(f => f.Kind == FacilityKind.ChargingStation && f.AvailableToLogisticsNev == true && f.IsOperatingOn(asOf));

    static ComputedValue LogisticsPiles(RegistrySnapshot s, DateOnly asOf)
    {
        var list = LogisticsChargersOn(s, asOf).OrderBy(f => f.Name).ToList();
        return new(list.Sum(f => f.PileCount ?? 0),
            list.Select(f => Facility(f, $"充电桩 {f.PileCount ?? 0} 个，{f.PilePowerKw:0.#} kW，{(f.IsPublic == true ? "公用" : "专用")}")).ToList());
    }

    static ComputedValue VehiclesPerPile(RegistrySnapshot s, DateOnly asOf)
    {
        var trucks = BevPhevTrucks(s, asOf);
        var piles = LogisticsPiles(s, asOf);
        var evidence = trucks.Evidence.Concat(piles.Evidence).ToList();
        if (piles.Value is not > 0)
            return new(null, evidence, "无可用充电桩，比值无法计算");
        var ratio = Math.Round(trucks.Value!.Value / piles.Value.Value, 2, MidpointRounding.AwayFromZero);
        return new(ratio, evidence, $"{trucks.Value} 辆 ÷ {piles.Value} 个充电桩");
    }

    static ComputedValue BaySpaces(RegistrySnapshot s, DateOnly asOf, bool onRoadOnly)
    {
        var list = s.Facilities
            .Where(f => f.Kind == FacilityKind.LoadingBay && f.IsOperatingOn(asOf) && (!onRoadOnly || f.Placement == BayPlacement.OnRoad))
            .OrderBy(f => f.Name).ToList();
        return new(list.Sum(f => f.Spaces ?? 0),
            list.Select(f => Facility(f, $"{(f.Placement == BayPlacement.OffRoad ? "路外" : "道路范围内")}，泊位 {f.Spaces ?? 0} 个")).ToList());
    }

    static ComputedValue OutletShare(RegistrySnapshot s, DateOnly asOf, Func<RetailOutlet, bool> uses, string mode)
    {
        var open = s.Outlets.Where(o => o.OpenOn(asOf)).OrderBy(o => o.Name).ToList();
        if (open.Count == 0) return new(null, [], "无在营门店");
        var using_ = open.Where(uses).ToList();
        var pct = Math.Round(100m * using_.Count / open.Count, 2, MidpointRounding.AwayFromZero);
        return new(pct,
            open.Select(o => new EvidenceRecord("RetailOutlet", o.Id, o.Name, uses(o) ? $"采用{mode}" : $"未采用{mode}")).ToList(),
            $"{using_.Count} / {open.Count} 家门店");
    }

    static ComputedValue RatedEnterprises(RegistrySnapshot s, DateOnly asOf, Func<Enterprise, bool> kind)
    {
        var list = s.Enterprises.Where(e => kind(e) && e.RatingAsOf(asOf) >= ALevel.AAA).OrderBy(e => e.Name).ToList();
        return new(list.Count, list.Select(e => new EvidenceRecord("Enterprise", e.Id, e.Name, $"{e.Rating} 级，评定于 {e.RatingDate:yyyy-MM-dd}")).ToList());
    }

    static ComputedValue PilotPlatformShare(RegistrySnapshot s, DateOnly asOf)
    {
        var pilots = s.Enterprises.Where(e => e.IsPilotOn(asOf)).OrderBy(e => e.Name).ToList();
        if (pilots.Count == 0) return new(null, [], "无试点企业");
        var sharing = pilots.Count(e => e.PlatformSharingOn(asOf));
        var pct = Math.Round(100m * sharing / pilots.Count, 2, MidpointRounding.AwayFromZero);
        return new(pct,
            pilots.Select(e => new EvidenceRecord("Enterprise", e.Id, e.Name,
                e.PlatformSharingOn(asOf) ? "信息平台已对接、数据互通" : e.HasPlatform ? "信息平台未完成对接" : "无信息平台")).ToList(),
            $"{sharing} / {pilots.Count} 家试点企业");
    }

    static EvidenceRecord Facility(Facility f, string detail) => new("Facility", f.Id, f.Name, detail);

    static EvidenceRecord Vehicle(Vehicle v, string detail) => new("Vehicle", v.Id, v.Plate, detail);
}
