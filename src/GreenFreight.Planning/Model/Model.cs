namespace GreenFreight.Planning.Model;

/// <summary>A time interval [Early, Late] in the problem's time unit (minutes from midnight in the JSON format).</summary>
public readonly record struct TimeWindow(double Early, double Late)
{
    public static readonly TimeWindow Always = new(0, double.PositiveInfinity);
    public bool Contains(double t) => t >= Early && t <= Late;
}

/// <summary>A depot: where vehicles start, end and reload. Vehicles leave and return within its opening hours.</summary>
public sealed class Depot
{
    public string Id { get; init; } = "";
    public double X { get; init; }
    public double Y { get; init; }
    public double OpenTime { get; init; }
    public double CloseTime { get; init; } = double.PositiveInfinity;
}

public enum EnergyType { Diesel, Gasoline, Electric, Hybrid, Hydrogen, Gas }

/// <summary>A kind of vehicle; <see cref="Count"/> vehicles of it are available.</summary>
public sealed class VehicleType
{
    public string Id { get; init; } = "";
    public int Count { get; init; } = 1;
    public double WeightCapacity { get; init; } = double.PositiveInfinity;
    public double VolumeCapacity { get; init; } = double.PositiveInfinity;
    /// <summary>Cost of using one vehicle (once per non-empty route).</summary>
    public double FixedCost { get; init; }
    public double CostPerDistance { get; init; } = 1;
    /// <summary>Cost per time unit of route duration (from leaving the depot to coming back, waiting included).</summary>
    public double CostPerDuration { get; init; }
    public EnergyType Energy { get; init; } = EnergyType.Diesel;
    /// <summary>Range on a full battery, in distance units (km). Infinite for non-EVs.</summary>
    public double Range { get; init; } = double.PositiveInfinity;
    /// <summary>Battery capacity in kWh (for charge times). 0 with a finite range means "charging not possible".</summary>
    public double BatteryKwh { get; init; }
    /// <summary>State of charge on leaving the depot, 0..1.</summary>
    public double InitialCharge { get; init; } = 1;
    public double MaxDuration { get; init; } = double.PositiveInfinity;
    public double ShiftStart { get; init; }
    public double ShiftEnd { get; init; } = double.PositiveInfinity;
    public int StartDepot { get; init; }
    public int EndDepot { get; init; }
    /// <summary>Trips per shift: more than 1 lets the vehicle go back to its start depot to reload (multi-trip).</summary>
    public int MaxTrips { get; init; } = 1;
    /// <summary>Time spent at the depot for each reload.</summary>
    public double ReloadTime { get; init; }
    /// <summary>Features the vehicle has (e.g. "cold-chain"); a client needing a feature can only be served by a vehicle with it.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];
    /// <summary>Vehicle class used by access rules (e.g. "light-ev", "medium-diesel").</summary>
    public string? VehicleClass { get; init; }
    /// <summary>Maximum driving time in the shift (travel only).</summary>
    public double MaxDrivingTime { get; init; } = double.PositiveInfinity;
    /// <summary>A break of <see cref="BreakDuration"/> is due after this much continuous driving.</summary>
    public double BreakAfterDriving { get; init; } = double.PositiveInfinity;
    public double BreakDuration { get; init; }
    /// <summary>Vehicles whose stops are fixed (re-planning) are their own type with Count 1.</summary>
    public string? VehicleId { get; init; }
}

/// <summary>A delivery stop.</summary>
public sealed class Client
{
    public string Id { get; init; } = "";
    public double X { get; init; }
    public double Y { get; init; }
    public double Weight { get; init; }
    public double Volume { get; init; }
    public double ServiceTime { get; init; }
    /// <summary>Service must start inside one of these (sorted, disjoint). Empty means any time.</summary>
    public IReadOnlyList<TimeWindow> TimeWindows { get; init; } = [];
    public IReadOnlyList<string> RequiredFeatures { get; init; } = [];
    /// <summary>False: the client may be left out, losing <see cref="Prize"/>.</summary>
    public bool Required { get; init; } = true;
    public double Prize { get; init; }
    /// <summary>Access zone the client lies in (for access rules), or null.</summary>
    public string? Zone { get; init; }
}

/// <summary>A public charger vehicles may detour to.</summary>
public sealed class Charger
{
    public string Id { get; init; } = "";
    public double X { get; init; }
    public double Y { get; init; }
    public double PowerKw { get; init; } = 60;
}

/// <summary>Vehicles of class <see cref="VehicleClass"/> may serve clients in <see cref="Zone"/> only during <see cref="Windows"/>
/// (service start and end inside one window). No windows: the class may not serve the zone at all.</summary>
public sealed class AccessRule
{
    public string VehicleClass { get; init; } = "";
    public string Zone { get; init; } = "";
    public IReadOnlyList<TimeWindow> Windows { get; init; } = [];
}

/// <summary>Time-of-day dependent travel: during [Start, End) travel takes <see cref="Factor"/> times as long
/// (rush hours > 1). Travel is integrated over the slots (a vehicle that leaves later never arrives earlier).</summary>
public readonly record struct TravelSlot(double Start, double End, double Factor);

public enum Objective
{
    /// <summary>Literature (SINTEF) objective: fewest vehicles first, then total distance.</summary>
    Hierarchical,
    /// <summary>Real use: fixed cost per vehicle + cost per distance + cost per duration − prizes of optional clients served.</summary>
    Cost,
}
