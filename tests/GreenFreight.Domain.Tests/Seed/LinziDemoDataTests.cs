using System.Collections;
using System.Globalization;
using System.Text;
using GreenFreight.Domain.Indicators;
using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Seed;
using NetTopologySuite.Geometries;

namespace GreenFreight.Domain.Tests.Seed;

public class LinziDemoDataTests
{
    static readonly DateOnly Today = new(2026, 11, 24);
    static readonly DateOnly MidYear2024 = new(2024, 6, 30);

    static readonly Lazy<DemoDataSet> Data = new(() => LinziDemoData.Generate(LinziOutline.Load()));

    static RegistrySnapshot Snapshot(DemoDataSet d) => new()
    {
        Enterprises = d.Enterprises, Facilities = d.Facilities, Vehicles = d.Vehicles, Outlets = d.Outlets,
    };

    static decimal? Eval(string calculator, DateOnly asOf) =>
        IndicatorCalculators.Evaluate(calculator, Snapshot(Data.Value), asOf).Value;

    // ------------------------------------------------------------------ outline

    [Fact]
    public void Outline_decodes_to_a_valid_polygon_around_Linzi()
    {
        var outline = LinziOutline.Load();
        Assert.True(outline.IsValid);
        Assert.Equal(4326, outline.SRID);
        var env = outline.EnvelopeInternal;
        Assert.InRange(env.MinX, 118.1, 118.3);
        Assert.InRange(env.MaxX, 118.5, 118.7);
        Assert.InRange(env.MinY, 36.7, 36.8);
        Assert.InRange(env.MaxY, 37.0, 37.2);
        Assert.True(outline.Contains(new Point(118.30, 36.82)), "Urban core of Linzi not inside the outline.");
        Assert.False(outline.Contains(new Point(118.05, 36.81)), "Zhangdian must not be inside Linzi's outline.");
    }

    // ------------------------------------------------------------------ determinism

    [Fact]
    public void Two_runs_are_identical()
    {
        var a = Dump(LinziDemoData.Generate(LinziOutline.Load()));
        var b = Dump(LinziDemoData.Generate(LinziOutline.Load()));
        Assert.True(a.Length > 100_000);
        Assert.Equal(a, b);
        Assert.NotEqual(a, Dump(LinziDemoData.Generate(LinziOutline.Load(), seed: 1)));
    }

    /// <summary>All public scalar properties of every record, navigation properties by name, geometries as WKT.</summary>
    static string Dump(DemoDataSet d)
    {
        var sb = new StringBuilder();
        foreach (IEnumerable list in new IEnumerable[] { d.Enterprises, d.Facilities, d.Vehicles, d.Outlets })
        foreach (var item in list)
        {
            sb.Append(item.GetType().Name);
            foreach (var p in item.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0).OrderBy(p => p.Name))
            {
                var v = p.GetValue(item);
                sb.Append('|').Append(p.Name).Append('=').Append(v switch
                {
                    null => "∅",
                    Geometry g => g.AsText(),
                    Enterprise e => "E:" + e.Name,
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => v.ToString(),
                });
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    // ------------------------------------------------------------------ counts and consistency

    [Fact]
    public void Counts_are_in_the_stated_ranges()
    {
        var d = Data.Value;
        Assert.InRange(d.Enterprises.Count, 35, 45);
        Assert.InRange(d.Vehicles.Count, 750, 850);
        Assert.InRange(d.Outlets.Count, 55, 65);
        int Count(FacilityKind k) => d.Facilities.Count(f => f.Kind == k);
        Assert.Equal(2, Count(FacilityKind.FreightHub));
        Assert.InRange(Count(FacilityKind.DistributionCenter), 3, 4);
        Assert.Equal(12, Count(FacilityKind.TerminalStation));
        Assert.InRange(Count(FacilityKind.LoadingBay), 30, 40);
        Assert.InRange(Count(FacilityKind.FreeParking), 3, 5);
        Assert.Contains(d.Facilities, f => f.Name == "齐鲁正本物流园" && f.Kind == FacilityKind.FreightHub && f.Area is not null);
        Assert.Contains(d.Facilities, f => f.Name == "鲁中现代综合物流产业集聚园" && f.Kind == FacilityKind.FreightHub && f.Area is not null);

        var retired = d.Vehicles.Count(v => v.InServiceTo is not null);
        Assert.InRange(retired, d.Vehicles.Count * 3 / 100, d.Vehicles.Count * 8 / 100);
        Assert.InRange(d.Vehicles.Count(v => v.ColdChain), d.Vehicles.Count * 3 / 100, d.Vehicles.Count * 8 / 100);
        Assert.InRange(d.Vehicles.Count(v => v.TerminalPhone is not null), d.Vehicles.Count * 60 / 100, d.Vehicles.Count * 80 / 100);
        Assert.All(d.Vehicles, v => Assert.InRange(v.InServiceFrom.Year, 2021, 2026));

        var piles = d.Facilities.Where(f => f.Kind == FacilityKind.ChargingStation && f.AvailableToLogisticsNev == true && f.IsOperatingOn(Today)).Sum(f => f.PileCount);
        Assert.InRange(piles ?? 0, 55, 65);
        Assert.True(d.Facilities.Count(f => f.Kind == FacilityKind.ChargingStation && f.AvailableToLogisticsNev == false) >= 2);
        Assert.All(d.Facilities.Where(f => f.Kind == FacilityKind.ChargingStation), f => Assert.Contains(f.PilePowerKw!.Value, new[] { 7m, 30m, 60m, 120m }));

        Assert.Equal(11, d.Facilities.Count(f => f.Kind == FacilityKind.TerminalStation && f.IsOperatingOn(Today)));
        Assert.True(d.Facilities.Count(f => f.Kind == FacilityKind.TerminalStation && f.IsOperatingOn(new DateOnly(2023, 12, 31))) < 10);
    }

    [Fact]
    public void Records_are_demo_with_id_zero_and_consistent_dates()
    {
        var d = Data.Value;
        var enterprises = d.Enterprises.ToHashSet();
        Assert.All(d.Enterprises, e => { Assert.True(e.IsDemo); Assert.Equal(0, e.Id); });
        Assert.All(d.Facilities, f =>
        {
            Assert.True(f.IsDemo);
            Assert.Equal(0, f.Id);
            Assert.Equal(f.StatusOn(Today), f.Status);
            Assert.True(f.Location is not null || f.Area is not null);
            if (f.OperatorEnterprise is { } op) Assert.Contains(op, enterprises);
            DateOnly?[] chain = [f.PlannedOn, f.BuildingFrom, f.OperatingFrom, f.ClosedOn];
            var known = chain.Where(x => x is not null).Select(x => x!.Value).ToList();
            Assert.Equal(known.Order(), known);
            Assert.All(known, x => Assert.True(x <= Today));
        });
        Assert.Equal(d.Facilities.Count, d.Facilities.Select(f => f.Name).Distinct().Count());
        Assert.All(d.Vehicles, v =>
        {
            Assert.True(v.IsDemo);
            Assert.Equal(0, v.Id);
            if (v.OwnerEnterprise is { } o) Assert.Contains(o, enterprises);
            Assert.True(v.InServiceFrom <= Today);
            if (v.InServiceTo is { } to) Assert.True(to > v.InServiceFrom && to <= Today);
        });
        Assert.All(d.Outlets, o =>
        {
            Assert.True(o.IsDemo);
            Assert.Equal(0, o.Id);
            if (o.OwnerEnterprise is { } e) Assert.Contains(e.Kind, new[] { EnterpriseKind.RetailChain, EnterpriseKind.Supermarket });
            DateOnly?[] modes = [o.CommonDeliverySince, o.CentralisedDeliverySince, o.NightDeliverySince];
            Assert.All(modes.Where(m => m is not null), m => Assert.True(m >= o.OpenedOn && m <= Today));
        });
        Assert.Equal(d.Outlets.Count, d.Outlets.Select(o => o.Name).Distinct().Count());
    }

    [Fact]
    public void Operators_and_owners_have_fitting_kinds()
    {
        var d = Data.Value;
        Assert.All(d.Facilities.Where(f => f.Kind is FacilityKind.FreightHub), f => Assert.Equal(EnterpriseKind.Logistics, f.OperatorEnterprise!.Kind));
        Assert.All(d.Vehicles.Where(v => v.Class == VehicleClass.Tricycle), v => Assert.NotEqual(EnterpriseKind.Logistics, v.OwnerEnterprise?.Kind));
        Assert.All(d.Vehicles.Where(v => v.OwnerEnterprise is not null), v =>
            Assert.Contains(v.OwnerEnterprise!.Kind, new[] { EnterpriseKind.Logistics, EnterpriseKind.Courier, EnterpriseKind.RetailChain, EnterpriseKind.Supermarket, EnterpriseKind.WholesaleMarket }));
        var courier = d.Vehicles.Where(v => v.OwnerEnterprise?.Kind == EnterpriseKind.Courier).ToList();
        Assert.NotEmpty(courier);
        Assert.All(courier, v =>
        {
            Assert.Matches(CodeRules.CourierNumber(), v.CourierNumber!);
            Assert.False(string.IsNullOrEmpty(v.RfidTag));
        });
        Assert.All(d.Vehicles.Where(v => v.OwnerEnterprise?.Kind != EnterpriseKind.Courier), v => Assert.Null(v.CourierNumber));
        Assert.Equal(courier.Count, courier.Select(v => v.CourierNumber).Distinct().Count());
        Assert.Equal(courier.Count, courier.Select(v => v.RfidTag).Distinct().Count());
    }

    [Fact]
    public void Enterprises_have_ratings_pilots_and_contacts_as_described()
    {
        var d = Data.Value;
        Assert.All(d.Enterprises, e =>
        {
            Assert.True(CodeRules.IsValidUscc(e.Uscc), e.Uscc);
            Assert.StartsWith("91370305", e.Uscc);
            Assert.Matches(CodeRules.Mobile(), e.ContactPhone!);
            Assert.False(string.IsNullOrWhiteSpace(e.ContactName));
            Assert.StartsWith("淄博市临淄区", e.Address);
        });
        Assert.Equal(d.Enterprises.Count, d.Enterprises.Select(e => e.Uscc).Distinct().Count());
        Assert.Equal(d.Enterprises.Count, d.Enterprises.Select(e => e.Name).Distinct().Count());

        var aaa = d.Enterprises.Where(e => e.Rating >= ALevel.AAA).ToList();
        Assert.Equal(2, aaa.Count);
        Assert.All(aaa, e => Assert.Equal(EnterpriseKind.Logistics, e.Kind));
        Assert.Contains(aaa, e => e.Rating == ALevel.AAAA && e.RatingDate!.Value.Year == 2024);
        Assert.Contains(aaa, e => e.Rating == ALevel.AAA && e.RatingDate is { Year: 2025, Month: 6 });
        Assert.True(d.Enterprises.Count(e => e.Rating is ALevel.A or ALevel.AA) >= 3);

        var pilots = d.Enterprises.Where(e => e.IsPilotOn(Today)).ToList();
        Assert.Equal(8, pilots.Count);
        Assert.All(pilots, e => Assert.InRange(e.PilotSince!.Value.Year, 2023, 2025));
        Assert.Equal(6, pilots.Count(e => e.PlatformSharingOn(Today)));
        Assert.Equal(2, d.Enterprises.Count(e => e.PilotStatus == PilotStatus.Applied));
        Assert.Equal(1, d.Enterprises.Count(e => e.PilotStatus == PilotStatus.Revoked));
    }

    // ------------------------------------------------------------------ locations

    [Fact]
    public void Every_point_and_polygon_vertex_is_inside_Linzi()
    {
        var outline = LinziOutline.Load();
        var d = Data.Value;
        var points = d.Facilities.Select(f => f.Location).Concat(d.Outlets.Select(o => o.Location)).Where(p => p is not null).ToList();
        Assert.True(points.Count > 100);
        Assert.All(points, p =>
        {
            Assert.Equal(4326, p!.SRID);
            Assert.True(outline.Contains(p), $"{p} is not inside Linzi.");
        });
        var areas = d.Facilities.Where(f => f.Area is not null).Select(f => f.Area!).ToList();
        Assert.Equal(2, areas.Count);
        Assert.All(areas, a =>
        {
            Assert.True(a.IsValid);
            Assert.True(outline.Contains(a));
            Assert.All(a.Coordinates, c => Assert.True(outline.Contains(new Point(c)), $"Vertex {c} is not inside Linzi."));
        });
    }

    [Fact]
    public void Urban_outlets_cluster_around_the_core()
    {
        var d = Data.Value;
        Assert.All(d.Outlets, o =>
        {
            Assert.InRange(o.Location!.X, 118.24, 118.37);
            Assert.InRange(o.Location.Y, 36.77, 36.88);
        });
    }

    // ------------------------------------------------------------------ vehicle codes

    [Fact]
    public void Plates_are_unique_and_well_formed()
    {
        var vehicles = Data.Value.Vehicles;
        Assert.Equal(vehicles.Count, vehicles.Select(v => v.Plate).Distinct().Count());
        foreach (var v in vehicles)
        {
            if (v.Energy.IsNewEnergy())
            {
                var small = CodeRules.SmallNevPlate().IsMatch(v.Plate);
                var large = CodeRules.LargeNevPlate().IsMatch(v.Plate);
                Assert.True(small || large, $"{v.Plate} is not a new-energy plate.");
                var letter = small ? v.Plate[2] : v.Plate[^1];
                Assert.Equal(v.Energy == EnergyType.Bev ? 'D' : 'F', letter);
                if (v.Class is VehicleClass.MediumTruck or VehicleClass.HeavyTruck) Assert.True(large, v.Plate);
            }
            else
            {
                Assert.Matches(CodeRules.OrdinaryPlate(), v.Plate);
            }
        }
        Assert.Contains(vehicles, v => CodeRules.LargeNevPlate().IsMatch(v.Plate));
        Assert.Contains(vehicles, v => CodeRules.SmallNevPlate().IsMatch(v.Plate) && v.Plate[2] == 'F');
    }

    [Fact]
    public void Vins_are_unique_with_valid_check_digits()
    {
        var vehicles = Data.Value.Vehicles;
        Assert.Equal(vehicles.Count, vehicles.Select(v => v.Vin).Distinct().Count());
        Assert.All(vehicles, v =>
        {
            Assert.True(CodeRules.IsValidVin(v.Vin), v.Vin);
            Assert.DoesNotMatch("[IOQ]", v.Vin);
            Assert.StartsWith("L", v.Vin);
        });
    }

    [Fact]
    public void Terminal_phones_are_unique_12_digits()
    {
        var phones = Data.Value.Vehicles.Where(v => v.TerminalPhone is not null).Select(v => v.TerminalPhone!).ToList();
        Assert.All(phones, p => Assert.Matches(CodeRules.TerminalPhone(), p));
        Assert.Equal(phones.Count, phones.Distinct().Count());
    }

    [Fact]
    public void Vehicle_attributes_fit_their_class_and_energy()
    {
        var vehicles = Data.Value.Vehicles;
        Assert.All(vehicles, v =>
        {
            switch (v.Class)
            {
                case VehicleClass.MicroTruck: Assert.InRange(v.GrossWeightKg, 1, 1800); break;
                case VehicleClass.LightTruck: Assert.InRange(v.GrossWeightKg, 1800, 4495); break;
                case VehicleClass.MediumTruck: Assert.InRange(v.GrossWeightKg, 4500, 12000); break;
                case VehicleClass.HeavyTruck: Assert.True(v.GrossWeightKg > 12000); break;
            }
            Assert.True(v.LengthMm > 0);
            if (v.Energy is EnergyType.Bev or EnergyType.Fcev) Assert.Equal(EmissionStandard.NotApplicable, v.Emission);
            else Assert.NotEqual(EmissionStandard.NotApplicable, v.Emission);
        });
        var fuelSince2022 = vehicles.Where(v => !v.Energy.IsNewEnergy() && v.Class.IsTruck() && v.InServiceFrom.Year >= 2022).ToList();
        Assert.True(fuelSince2022.Count(v => v.Emission is EmissionStandard.ChinaV or EmissionStandard.ChinaVI) > fuelSince2022.Count * 0.9);
        // Mostly micro and light trucks; energy mostly BEV and diesel; more NEVs in later years.
        Assert.True(vehicles.Count(v => v.Class is VehicleClass.MicroTruck or VehicleClass.LightTruck) > vehicles.Count / 2);
        Assert.True(vehicles.Count(v => v.Energy is EnergyType.Bev or EnergyType.Diesel) > vehicles.Count / 2);
        foreach (var e in new[] { EnergyType.Phev, EnergyType.Fcev, EnergyType.Gasoline, EnergyType.Cng, EnergyType.Lng })
            Assert.Contains(vehicles, v => v.Energy == e);
        // Every class of a city delivery fleet (dangerous-goods vehicles and tractor units exist for the access rules only).
        foreach (var c in Enum.GetValues<VehicleClass>().Where(c => c is not (VehicleClass.DangerousGoods or VehicleClass.Tractor)))
            Assert.Contains(vehicles, v => v.Class == c);
        double NevShare(int year) { var y = vehicles.Where(v => v.InServiceFrom.Year == year).ToList(); return (double)y.Count(v => v.Energy.IsNewEnergy()) / y.Count; }
        Assert.True(NevShare(2025) > NevShare(2021));
    }

    // ------------------------------------------------------------------ targets

    [Fact]
    public void Three_of_Linzis_six_targets_are_met_today()
    {
        var snapshot = Snapshot(Data.Value);
        var targets = IndicatorSeed.All().Select(r => r.Definition).Where(d => d.SetCode == "LINZI").ToList();
        var met = targets.Where(d => d.Meets(IndicatorCalculators.Evaluate(d.Calculator!, snapshot, Today).Value) == true).Select(d => d.Code).Order().ToList();
        var notMet = targets.Where(d => d.Meets(IndicatorCalculators.Evaluate(d.Calculator!, snapshot, Today).Value) == false).Select(d => d.Code).Order().ToList();
        Assert.Equal(["LZ-AAA", "LZ-BAYS", "LZ-STATIONS"], met);
        Assert.Equal(["LZ-COMMON-DELIVERY", "LZ-NEV-CHARGER-RATIO", "LZ-PILOT-PLATFORMS"], notMet);
    }

    [Fact]
    public void Target_values_today_are_in_the_tuned_ranges()
    {
        Assert.Equal(11m, Eval("facilities.terminal-stations", Today));
        Assert.InRange(Eval("ratio.bev-phev-per-pile", Today)!.Value, 3.3m, 3.8m);
        Assert.InRange(Eval("bays.on-road-spaces", Today)!.Value, 32m, 40m);
        Assert.InRange(Eval("outlets.advanced-share", Today)!.Value, 42m, 48m);
        Assert.Equal(2m, Eval("enterprises.aaa-logistics", Today));
        Assert.Equal(75m, Eval("enterprises.pilot-platform-share", Today));
    }

    [Fact]
    public void Earlier_dates_show_less_progress()
    {
        var bays = Eval("bays.on-road-spaces", MidYear2024)!.Value;
        Assert.True(bays < 30, $"On-road bay spaces on 2024-06-30: {bays}");
        var bayTarget = IndicatorSeed.All().Single(r => r.Definition.Code == "LZ-BAYS").Definition;
        Assert.False(bayTarget.Meets(bays));
        Assert.True(Eval("outlets.advanced-share", new DateOnly(2023, 12, 31)) < Eval("outlets.advanced-share", Today));
        Assert.True(Eval("facilities.terminal-stations", new DateOnly(2023, 12, 31)) < 10);
        Assert.True(Eval("chargers.logistics-piles", MidYear2024) < Eval("chargers.logistics-piles", Today));
    }

    [Fact]
    public void Every_computed_ministry_indicator_has_a_value_today()
    {
        var snapshot = Snapshot(Data.Value);
        var computed = IndicatorSeed.All().Select(r => r.Definition).Where(d => d.Source == IndicatorSource.Computed).ToList();
        Assert.Equal(15 + 6, computed.Count);
        Assert.All(computed, d =>
        {
            var v = IndicatorCalculators.Evaluate(d.Calculator!, snapshot, Today);
            Assert.NotNull(v.Value);
            Assert.NotEmpty(v.Evidence);
        });
    }
}
