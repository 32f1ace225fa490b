using GreenFreight.Planning.Evaluation;
using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Tests;

/// <summary>Hand-made routes on a line (depot at x = 0, speed 1) checked by the exact evaluator.</summary>
public class FeasibilityTests
{
    static Client C(string id, double x, double w = 1, double s = 0, params TimeWindow[] tw) => new() { Id = id, X = x, Weight = w, ServiceTime = s, TimeWindows = tw };
    static readonly Depot D = new() { Id = "D", X = 0, OpenTime = 0, CloseTime = 1000 };

    static RouteStats Eval(ProblemData p, int type, params int[] clients) => new RouteEvaluator(p).Evaluate(type, clients);

    [Fact]
    public void Capacity_weight_and_volume()
    {
        var p = Make.Build([D], [C("a", 10, w: 6), C("b", 20, w: 5)], [new VehicleType { WeightCapacity = 10, VolumeCapacity = 1 }]);
        var st = Eval(p, 0, 1, 2);
        Assert.Equal(1, st.ExcessWeight);
        Assert.False(st.Feasible);
        Assert.Equal(40, st.Distance);
        Assert.True(Eval(p, 0, 1).Feasible);
        var pv = Make.Build([D], [new Client { Id = "a", X = 5, Volume = 2 }], [new VehicleType { VolumeCapacity = 1.5 }]);
        Assert.Equal(0.5, Eval(pv, 0, 1).ExcessVolume, 9);
    }

    [Fact]
    public void Time_windows_wait_and_lateness()
    {
        var p = Make.Build([D], [C("a", 10, s: 5, tw: new TimeWindow(30, 40)), C("b", 20, s: 0, tw: new TimeWindow(0, 44))], [new VehicleType()]);
        var st = Eval(p, 0, 1, 2); // leave at 20, serve a 30–35, reach b at 45 > 44
        Assert.Equal(1, st.TimeWarp, 9);
        Assert.False(st.Feasible);
        var ok = Eval(p, 0, 2, 1); // b at 20, a at 30 (no waiting after the late start)
        Assert.True(ok.Feasible);
        Assert.Equal(45, ok.Duration, 9); // leaves at 0, b at 20, a at 30, back at 45
    }

    [Fact]
    public void Several_windows_wait_for_the_next_one()
    {
        var p = Make.Build([D], [C("a", 10, tw: [new TimeWindow(0, 5), new TimeWindow(100, 120)])], [new VehicleType()]);
        var schedule = new List<Visit>();
        var st = new RouteEvaluator(p).Evaluate(0, [1], schedule);
        Assert.True(st.Feasible);
        Assert.Equal(100, schedule[1].ServiceStart);
        Assert.True(p.NeedsExact);
    }

    [Fact]
    public void Maximum_duration_shift_end_and_depot_hours()
    {
        var p = Make.Build([D], [C("a", 50)], [new VehicleType { MaxDuration = 90 }, new VehicleType { ShiftEnd = 80 }]);
        Assert.Equal(10, Eval(p, 0, 1).ExcessDuration, 9);
        Assert.Equal(20, Eval(p, 1, 1).TimeWarp, 9);
        var closed = Make.Build([new Depot { Id = "D", CloseTime = 60 }], [C("a", 50)], [new VehicleType()]);
        Assert.False(Eval(closed, 0, 1).Feasible);
    }

    [Fact]
    public void Required_features_and_access_rules_decide_who_may_serve()
    {
        var clients = new[] { new Client { Id = "cold", X = 5, RequiredFeatures = ["cold-chain"] }, new Client { Id = "centre", X = 8, Zone = "old-town", ServiceTime = 10 } };
        var types = new[] { new VehicleType { Id = "van", VehicleClass = "medium" }, new VehicleType { Id = "reefer", Features = ["cold-chain"], VehicleClass = "light" } };
        var rules = new[] { new AccessRule { VehicleClass = "medium", Zone = "old-town", Windows = [new TimeWindow(0, 15)] }, new AccessRule { VehicleClass = "light", Zone = "old-town", Windows = [] } };
        var p = Make.Build([D], clients, types, rules: rules);
        Assert.False(p.CanServe[0 * p.Dim + 1]);
        Assert.True(p.CanServe[1 * p.Dim + 1]);
        Assert.True(p.CanServe[0 * p.Dim + 2]);
        Assert.False(p.CanServe[1 * p.Dim + 2]); // light class may not enter the old town at all
        Assert.Equal(new TimeWindow(0, 5), p.Windows[0][2].Single()); // service of 10 must end by 15
        Assert.Equal(1, Eval(p, 0, 1).NotServable);
        // The van reaches the centre at 8 > 5: late for its access window.
        Assert.Equal(3, Eval(p, 0, 2).TimeWarp, 9);
    }

    [Fact]
    public void Rush_hours_stretch_travel_time_without_overtaking()
    {
        var p = Make.Build([D], [C("a", 60)], [new VehicleType()], slots: [new TravelSlot(30, 90, 2)]);
        Assert.Equal(60, p.TravelTime(0, 1, 100), 9);
        Assert.Equal(90, p.TravelTime(0, 1, 30), 9);       // 60 min of rush cover 30 of free flow, then 30 more
        Assert.Equal(30 + 60, p.TravelTime(0, 1, 0), 9);     // 30 free, then 30 of free flow in 60 min of rush
        Assert.Equal(85, p.TravelTime(0, 1, 40), 9);      // 50 min of rush cover 25, then 35 free
        for (var t = 0.0; t < 150; t += 7) Assert.True(t + p.TravelTime(0, 1, t) <= t + 1 + p.TravelTime(0, 1, t + 1) + 1e-9);
    }

    [Fact]
    public void Breaks_after_continuous_driving_and_maximum_driving_time()
    {
        var p = Make.Build([D], [C("a", 100), C("b", 200)], [new VehicleType { BreakAfterDriving = 150, BreakDuration = 30 }, new VehicleType { MaxDrivingTime = 300 }]);
        var st = Eval(p, 0, 1, 2);
        Assert.Equal(2, st.Breaks); // before the 2nd leg (100 + 100 > 150) and before the 200 back
        Assert.Equal(400 + 60, st.Duration, 9);
        Assert.Equal(100, Eval(p, 1, 1, 2).ExcessDriving, 9);
    }

    [Fact]
    public void Electric_range_detours_to_a_charger_and_charges_from_power_and_state_of_charge()
    {
        var ev = new VehicleType { Energy = EnergyType.Electric, Range = 120, BatteryKwh = 60, InitialCharge = 1 };
        var chargers = new[] { new Charger { Id = "H", X = 60, PowerKw = 60 } };
        var p = Make.Build([D], [C("far", 100)], [ev], chargers: chargers);
        var schedule = new List<Visit>();
        var st = new RouteEvaluator(p).Evaluate(0, [1], schedule);
        Assert.True(st.Feasible, "charging makes 200 km possible with 120 km of range");
        Assert.Equal(2, st.Charges); // 200 km with 120 km of range: charge on the way out and on the way back
        var charge = schedule.First(v => v.Kind == VisitKind.Charge);
        // Arrives with 60 km left of 120: half of 60 kWh at 60 kW = 30 minutes.
        Assert.Equal(30, charge.Departure - charge.Arrival, 9);
        var none = Make.Build([D], [C("far", 100)], [ev]);
        Assert.True(Eval(none, 0, 1).RangeShortfall > 0);
    }

    [Fact]
    public void Reloads_split_a_route_into_trips()
    {
        var p = Make.Build([D], [C("a", 10, w: 6), C("b", 20, w: 6), C("c", 30, w: 6)], [new VehicleType { WeightCapacity = 10, MaxTrips = 3, ReloadTime = 5 }, new VehicleType { WeightCapacity = 10, MaxTrips = 2 }]);
        var st = Eval(p, 0, 1, 2, 3);
        Assert.True(st.Feasible);
        Assert.Equal(3, st.Trips);
        Assert.Equal(20 + 40 + 60, st.Distance, 9);
        Assert.False(Eval(p, 1, 1, 2, 3).Feasible); // third trip not allowed: the last two share one
    }

    [Fact]
    public void Invalid_problems_name_the_field()
    {
        var ex = Assert.Throws<ArgumentException>(() => Make.Build([D], [C("a", 1, tw: new TimeWindow(5, 1))], [new VehicleType()]));
        Assert.Contains("clients[0].timeWindows[0]", ex.ParamName);
        Assert.Throws<ArgumentException>(() => Make.Build([D], [C("a", 1), C("a", 2)], [new VehicleType()]));
        Assert.Throws<ArgumentException>(() => Make.Build([D], [C("a", 1)], [new VehicleType { StartDepot = 3 }]));
    }
}
