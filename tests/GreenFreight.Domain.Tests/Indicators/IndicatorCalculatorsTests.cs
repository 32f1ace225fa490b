using GreenFreight.Domain.Indicators;
using GreenFreight.Domain.Registry;

namespace GreenFreight.Domain.Tests.Indicators;

/// <summary>
/// Every calculator on a small hand-made registry whose values are known by construction, evaluated on two dates:
/// 2023-06-30 (a past quarter) and 2026-06-30.
/// </summary>
public sealed class IndicatorCalculatorsTests
{
    static readonly DateOnly Past = new(2023, 6, 30);
    static readonly DateOnly Now = new(2026, 6, 30);

    static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    static readonly RegistrySnapshot Snapshot = Build();

    static RegistrySnapshot Build()
    {
        var id = 0;
        Facility F(FacilityKind kind, string? from, string? closed = null, Action<Facility>? more = null)
        {
            var f = new Facility { Id = ++id, Name = $"{kind}-{id}", Kind = kind, OperatingFrom = from is null ? null : D(from), ClosedOn = closed is null ? null : D(closed) };
            more?.Invoke(f);
            return f;
        }
        Vehicle V(EnergyType e, VehicleClass c, string from, string? to = null, bool cold = false) =>
            new() { Id = ++id, Plate = $"鲁C{id:D5}", Energy = e, Class = c, InServiceFrom = D(from), InServiceTo = to is null ? null : D(to), ColdChain = cold };

        var facilities = new List<Facility>
        {
            F(FacilityKind.FreightHub, "2020-01-01"),
            F(FacilityKind.FreightHub, "2024-05-01"),
            F(FacilityKind.DistributionCenter, "2023-01-01"),
            F(FacilityKind.DistributionCenter, null),                         // planned: never counted
            F(FacilityKind.TerminalStation, "2023-03-01"),
            F(FacilityKind.TerminalStation, "2023-03-01", closed: "2025-01-01"),
            F(FacilityKind.TerminalStation, "2025-07-01"),
            F(FacilityKind.TerminalStation, "2026-06-30"),                    // opens on the as-of day: counted
            F(FacilityKind.ChargingStation, "2022-01-01", more: f => { f.PileCount = 10; f.AvailableToLogisticsNev = true; }),
            F(FacilityKind.ChargingStation, "2024-01-01", more: f => { f.PileCount = 6; f.AvailableToLogisticsNev = true; }),
            F(FacilityKind.ChargingStation, "2022-01-01", more: f => { f.PileCount = 40; f.AvailableToLogisticsNev = false; }),
            F(FacilityKind.LoadingBay, "2023-01-01", more: f => { f.Placement = BayPlacement.OnRoad; f.Spaces = 4; }),
            F(FacilityKind.LoadingBay, "2024-01-01", more: f => { f.Placement = BayPlacement.OnRoad; f.Spaces = 2; }),
            F(FacilityKind.LoadingBay, "2023-01-01", more: f => { f.Placement = BayPlacement.OffRoad; f.Spaces = 5; }),
        };
        var vehicles = new List<Vehicle>
        {
            V(EnergyType.Bev, VehicleClass.LightTruck, "2021-05-01"),                       // in service at period start
            V(EnergyType.Phev, VehicleClass.LightTruck, "2022-06-01", to: "2024-01-01"),    // at start, retired later
            V(EnergyType.Bev, VehicleClass.MicroTruck, "2023-01-15"),
            V(EnergyType.Bev, VehicleClass.Tricycle, "2023-02-01"),                         // NEV, new, but not a truck
            V(EnergyType.Fcev, VehicleClass.MediumTruck, "2024-03-01"),                     // NEV, not BEV/PHEV
            V(EnergyType.Diesel, VehicleClass.LightTruck, "2022-09-30", cold: true),        // day before the period
            V(EnergyType.Diesel, VehicleClass.HeavyTruck, "2022-10-01", cold: true),        // first day of the period
            V(EnergyType.Phev, VehicleClass.Pickup, "2025-10-10"),
        };
        Enterprise E(EnterpriseKind k, ALevel r, string? rated, string? pilot = null, string? revoked = null, string? docked = null) => new()
        {
            Id = ++id, Name = $"E{id}", Kind = k, Rating = r, RatingDate = rated is null ? null : D(rated),
            PilotStatus = pilot is null ? PilotStatus.None : revoked is null ? PilotStatus.Pilot : PilotStatus.Revoked,
            PilotSince = pilot is null ? null : D(pilot), PilotRevokedOn = revoked is null ? null : D(revoked),
            HasPlatform = docked is not null, DockingStatus = docked is null ? DockingStatus.NotDocked : DockingStatus.Connected, DockedSince = docked is null ? null : D(docked),
        };
        var enterprises = new List<Enterprise>
        {
            E(EnterpriseKind.Logistics, ALevel.AAAA, "2024-04-16", pilot: "2023-05-01", docked: "2023-06-01"),
            E(EnterpriseKind.Courier, ALevel.AAA, "2022-12-01", pilot: "2024-01-01"),
            E(EnterpriseKind.Logistics, ALevel.AA, "2021-01-01", pilot: "2023-01-01", revoked: "2025-01-01"),
            E(EnterpriseKind.Supermarket, ALevel.AAAAA, "2020-01-01"),                       // rated, but not a delivery firm
        };
        RetailOutlet O(string? opened, string? closed = null, string? common = null, string? central = null, string? night = null) => new()
        {
            Id = ++id, Name = $"O{id}", OpenedOn = opened is null ? null : D(opened), ClosedOn = closed is null ? null : D(closed),
            CommonDeliverySince = common is null ? null : D(common), CentralisedDeliverySince = central is null ? null : D(central), NightDeliverySince = night is null ? null : D(night),
        };
        var outlets = new List<RetailOutlet>
        {
            O("2019-01-01", common: "2023-01-01"),
            O("2019-01-01", central: "2024-01-01", night: "2024-01-01"),
            O("2019-01-01", night: "2023-05-01"),
            O("2019-01-01"),
            O("2019-01-01", closed: "2024-01-01", common: "2022-01-01"),
            O("2025-01-01", common: "2025-01-01"),
        };
        return new RegistrySnapshot { Facilities = facilities, Vehicles = vehicles, Enterprises = enterprises, Outlets = outlets };
    }

    static decimal? Value(string calc, DateOnly asOf) => IndicatorCalculators.Evaluate(calc, Snapshot, asOf).Value;

    [Theory]
    [InlineData("facilities.hubs", 1, 2)]
    [InlineData("facilities.distribution-centers", 1, 1)]
    [InlineData("facilities.terminal-stations", 2, 3)]
    [InlineData("vehicles.new-bev", 2, 2)]
    [InlineData("vehicles.new-nev", 2, 4)]
    [InlineData("vehicles.new-all", 3, 5)]
    [InlineData("vehicles.bev-phev-trucks-at-start", 2, 2)]
    [InlineData("vehicles.bev-phev-trucks", 3, 3)]
    [InlineData("chargers.logistics-piles", 10, 16)]
    [InlineData("vehicles.cold-chain", 2, 2)]
    [InlineData("vehicles.all", 6, 7)]
    [InlineData("bays.all-spaces", 9, 11)]
    [InlineData("bays.on-road-spaces", 4, 6)]
    [InlineData("enterprises.aaa-delivery", 1, 2)]
    [InlineData("enterprises.aaa-logistics", 0, 1)]
    public void Counts_as_of_a_past_quarter_and_now(string calc, int past, int now)
    {
        Assert.Equal(past, Value(calc, Past));
        Assert.Equal(now, Value(calc, Now));
    }

    [Fact]
    public void Counted_values_list_exactly_the_records_behind_them()
    {
        var r = IndicatorCalculators.Evaluate("facilities.terminal-stations", Snapshot, Now);
        Assert.Equal(r.Value, r.Evidence.Count);
        Assert.All(r.Evidence, e => Assert.Equal("Facility", e.EntityType));
        var piles = IndicatorCalculators.Evaluate("chargers.logistics-piles", Snapshot, Now);
        Assert.Equal(2, piles.Evidence.Count);
    }

    [Fact]
    public void Vehicles_per_pile_is_the_rounded_quotient()
    {
        Assert.Equal(Math.Round(3m / 10m, 2), Value("ratio.bev-phev-per-pile", Past));
        Assert.Equal(Math.Round(3m / 16m, 2, MidpointRounding.AwayFromZero), Value("ratio.bev-phev-per-pile", Now));
        var none = IndicatorCalculators.Evaluate("ratio.bev-phev-per-pile", Snapshot, new DateOnly(2021, 1, 1));
        Assert.Null(none.Value);
        Assert.NotNull(none.Note);
    }

    [Fact]
    public void Outlet_shares_count_open_outlets_and_modes_in_use_on_the_day()
    {
        // 2023-06-30: five open; common/centralised: #1 (and #5 since 2022) = 2/5; night: #3 = 1/5; any: 3/5.
        Assert.Equal(40.00m, Value("outlets.common-share", Past));
        Assert.Equal(20.00m, Value("outlets.night-share", Past));
        Assert.Equal(60.00m, Value("outlets.advanced-share", Past));
        // 2026-06-30: #5 closed, #6 opened: five open; common/centralised #1 #2 #6 = 3/5; night #2 #3 = 2/5; any 4/5.
        Assert.Equal(60.00m, Value("outlets.common-share", Now));
        Assert.Equal(40.00m, Value("outlets.night-share", Now));
        Assert.Equal(80.00m, Value("outlets.advanced-share", Now));
    }

    [Fact]
    public void Pilot_platform_share_counts_pilots_in_force_with_a_connected_platform()
    {
        // 2023-06-30: pilots #1 (docked 2023-06-01) and #3 (no platform) → 50 %. 2026-06-30: #3 revoked; #1 yes, #2 no → 50 %.
        Assert.Equal(50.00m, Value("enterprises.pilot-platform-share", Past));
        Assert.Equal(50.00m, Value("enterprises.pilot-platform-share", Now));
        Assert.Null(Value("enterprises.pilot-platform-share", new DateOnly(2022, 1, 1)));
    }

    [Fact]
    public void Every_calculator_key_is_evaluated_here()
    {
        var tested = new HashSet<string>
        {
            "facilities.hubs", "facilities.distribution-centers", "facilities.terminal-stations", "vehicles.new-bev", "vehicles.new-nev",
            "vehicles.new-all", "vehicles.bev-phev-trucks-at-start", "vehicles.bev-phev-trucks", "chargers.logistics-piles", "vehicles.cold-chain",
            "vehicles.all", "bays.all-spaces", "bays.on-road-spaces", "outlets.common-share", "outlets.night-share", "outlets.advanced-share",
            "enterprises.aaa-delivery", "enterprises.aaa-logistics", "enterprises.pilot-platform-share", "ratio.bev-phev-per-pile",
        };
        Assert.Equal(tested.Order(), IndicatorCalculators.All.Keys.Order());
        Assert.Throws<ArgumentException>(() => IndicatorCalculators.Evaluate("no.such", Snapshot, Now));
    }

    [Theory]
    [InlineData(TargetComparison.GreaterOrEqual, 10, 10, true)]
    [InlineData(TargetComparison.GreaterOrEqual, 10, 9, false)]
    [InlineData(TargetComparison.Less, 3, 2.99, true)]
    [InlineData(TargetComparison.Less, 3, 3, false)]
    public void Target_comparison(TargetComparison cmp, double target, double value, bool met)
    {
        var d = new IndicatorDefinition { TargetComparison = cmp, TargetValue = (decimal)target };
        Assert.Equal(met, d.Meets((decimal)value));
        Assert.Null(d.Meets(null));
        Assert.Null(new IndicatorDefinition().Meets(5));
    }
}
