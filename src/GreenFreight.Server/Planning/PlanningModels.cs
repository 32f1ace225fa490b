using GreenFreight.Domain.Registry;

namespace GreenFreight.Server.Planning;

/// <summary>Factors of the comparison (appsettings <c>Planning</c>); defaults and their sources in docs/planner.md.</summary>
public sealed class PlanningOptions
{
    public double SpeedKmh { get; set; } = 30;
    public double RoadFactor { get; set; } = 1.3;
    public int DefaultTimeLimitSeconds { get; set; } = 10;
    public int MaxTimeLimitSeconds { get; set; } = 300;
    public int MaxStops { get; set; } = 500;
    /// <summary>At most this many <c>vehicles[]</c> entries (each with its own <c>count</c>) and <c>fleetEnterpriseIds[]</c> entries in a request.</summary>
    public int MaxVehicleEntries { get; set; } = 200;
    public int MaxFleetEnterprises { get; set; } = 50;
    public double FixedCostPerVehicle { get; set; } = 150;
    public double DriverCostPerHour { get; set; } = 40;
    public double ReassignCost { get; set; } = 20;
    public int HeartbeatSeconds { get; set; } = 2;
    public int StaleAfterSeconds { get; set; } = 30;
    /// <summary>How many times a job is claimed before a job whose instance keeps stopping fails instead of being queued again.</summary>
    public int MaxAttempts { get; set; } = 3;
    public double PollSeconds { get; set; } = 1;
    /// <summary>Per energy type: consumption per km, its unit, CO2 kg and cost (yuan) per unit.</summary>
    public Dictionary<string, EnergyFactor> Energy { get; set; } = new()
    {
        ["Bev"] = new("kWh", 0.25, 0.5703, 1.0),
        ["Phev"] = new("kWh", 0.28, 0.5703, 1.0),
        ["Fcev"] = new("kg H2", 0.03, 0, 35),
        ["Diesel"] = new("L", 0.12, 2.63, 7.5),
        ["Gasoline"] = new("L", 0.11, 2.26, 7.8),
        ["Cng"] = new("m³", 0.13, 2.16, 4.5),
        ["Lng"] = new("kg", 0.10, 2.75, 6.0),
    };
    /// <summary>Payload by vehicle class when the registry has none (kg, m³).</summary>
    public Dictionary<string, ClassCapacity> Capacity { get; set; } = new()
    {
        ["Pickup"] = new(700, 2.5), ["MicroTruck"] = new(800, 4), ["LightTruck"] = new(1500, 10), ["MediumTruck"] = new(5000, 25),
        ["HeavyTruck"] = new(15000, 45), ["Special"] = new(1500, 10), ["Tricycle"] = new(300, 1.5), ["LowSpeed"] = new(1000, 5),
        ["DangerousGoods"] = new(5000, 20), ["Tractor"] = new(20000, 60),
    };

    public EnergyFactor FactorOf(EnergyType e) => Energy.TryGetValue(e.ToString(), out var f) ? f : new EnergyFactor("L", 0.12, 2.63, 7.5);
}

/// <summary>Consumption per km of one energy type, its unit, and CO2 (kg) and cost (yuan) per unit.</summary>
public sealed class EnergyFactor
{
    public EnergyFactor() { }
    public EnergyFactor(string unit, double perKm, double co2KgPerUnit, double costPerUnit) { Unit = unit; PerKm = perKm; Co2KgPerUnit = co2KgPerUnit; CostPerUnit = costPerUnit; }
    public string Unit { get; set; } = "L";
    public double PerKm { get; set; }
    public double Co2KgPerUnit { get; set; }
    public double CostPerUnit { get; set; }
}

/// <summary>Payload of a vehicle class (kg, m³).</summary>
public sealed class ClassCapacity
{
    public ClassCapacity() { }
    public ClassCapacity(double weightKg, double volumeM3) { WeightKg = weightKg; VolumeM3 = volumeM3; }
    public double WeightKg { get; set; }
    public double VolumeM3 { get; set; }
}

// ---------------------------------------------------------------- input

public sealed record StopIn(string? Id, int? OutletId, string? Name, string? Address, double? Lon, double? Lat, string? TimeWindow,
    double? WeightKg, double? VolumeM3, double? ServiceMinutes, string? Shipper);

public sealed record VehicleIn(string? Id, VehicleClass? Class, EnergyType? Energy, int? GrossWeightKg, EmissionStandard? Emission, bool? ColdChain,
    double? WeightCapacityKg, double? VolumeM3, int? Count, string? Shipper);

public sealed record DepotIn(int? FacilityId, string? Name, double? Lon, double? Lat, string? Open, string? Close);

public sealed record PlanningRequest(string? Name, DateOnly? Date, int? TimeLimitSeconds, DepotIn? Depot, IReadOnlyList<StopIn>? Stops,
    IReadOnlyList<VehicleIn>? Vehicles, IReadOnlyList<int>? FleetEnterpriseIds, int? MaxVehiclesPerType);

public sealed record ReplanRequest(IReadOnlyList<StopIn>? NewStops, IReadOnlyList<string>? FrozenStopIds, int? TimeLimitSeconds);

// ---------------------------------------------------------------- resolved problem (stored)

public sealed record SpecDepot(string Name, double Lon, double Lat, int Open, int Close);

public sealed record SpecStop(string Id, string Name, string? Address, double Lon, double Lat, int? From, int? To, double WeightKg, double VolumeM3,
    double ServiceMinutes, string Shipper, string? Zone, IReadOnlyList<string> ZoneNames, string? ShipperName = null);

public sealed record SpecVehicle(string Id, string Label, VehicleClass Class, EnergyType Energy, int GrossWeightKg, EmissionStandard Emission, bool ColdChain,
    double WeightCapacityKg, double VolumeM3, int Count, string Shipper, IReadOnlyList<string> Plates);

/// <summary>Allowed windows (minutes of the day) of vehicle <c>VehicleId</c> in zone key <c>Zone</c>; none = never.</summary>
public sealed record SpecAccess(string VehicleId, string Zone, IReadOnlyList<int[]> Allowed);

public sealed record SpecReplan(int ParentJobId, IReadOnlyList<SpecRoute> PreviousRoutes, IReadOnlyList<string> FrozenStopIds);

public sealed record SpecRoute(string RouteId, string VehicleId, IReadOnlyList<string> StopIds);

public sealed record PlanningSpec(string Name, DateOnly Date, int TimeLimitSeconds, SpecDepot Depot, IReadOnlyList<SpecStop> Stops,
    IReadOnlyList<SpecVehicle> Vehicles, IReadOnlyList<SpecAccess> Access, SpecReplan? Replan);

// ---------------------------------------------------------------- output

public sealed record ProgressDto(string Phase, double ElapsedSeconds, long Iterations, int Vehicles, double DistanceKm, double Cost, bool Feasible, double Fraction);

public sealed record StopVisitDto(string Id, string Name, string? Address, double Lon, double Lat, string Arrival, string ServiceStart, string Departure,
    double WeightKg, double VolumeM3, string Shipper, string? TimeWindow, bool Frozen, string? ShipperName = null);

public sealed record RouteDto(string RouteId, string VehicleId, string Vehicle, string Class, string Energy, string Shipper, double DistanceKm, double Hours,
    string Start, string End, double LoadKg, IReadOnlyList<StopVisitDto> Stops, bool Changed);

public sealed record EnergyRowDto(string Energy, string Unit, int Vehicles, double DistanceKm, double Amount, double Co2Kg, double Cost);

public sealed record PlanSummaryDto(int Vehicles, double DistanceKm, double Hours, double Co2Kg, double EnergyCost, double Cost, bool Feasible, IReadOnlyList<EnergyRowDto> ByEnergy);

public sealed record ShipperBaselineDto(string Shipper, int Stops, int Vehicles, double DistanceKm, double Hours, bool Feasible, bool OwnFleet, string? ShipperName = null);

public sealed record FactorDto(string Energy, string Unit, double PerKm, double Co2KgPerUnit, double CostPerUnit);

public sealed record PlanResultDto(PlanSummaryDto Plan, IReadOnlyList<RouteDto> Routes, IReadOnlyList<string> Unassigned, PlanSummaryDto? Baseline,
    IReadOnlyList<ShipperBaselineDto> BaselineByShipper, IReadOnlyList<FactorDto> Factors, double FixedCostPerVehicle, double DriverCostPerHour,
    bool Cancelled, long Iterations, double ElapsedSeconds, IReadOnlyList<string> ChangedRoutes, string? BaselineUnavailable = null);

public sealed record JobDto(int Id, string Name, string Status, int? EnterpriseId, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, int? ParentJobId, int Stops, int TimeLimitSeconds, ProgressDto? Progress, PlanResultDto? Result, string? Error, bool CancelRequested);

public sealed record JobListItemDto(int Id, string Name, string Status, int? EnterpriseId, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt,
    int? ParentJobId, double? DistanceKm, int? Vehicles, double? BaselineKm);

public sealed record JobCreatedDto(int Id);
