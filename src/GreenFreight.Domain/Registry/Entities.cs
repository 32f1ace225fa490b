using NetTopologySuite.Geometries;

namespace GreenFreight.Domain.Registry;

/// <summary>Marker for entities whose changes are recorded in the audit log.</summary>
public interface IAudited
{
    int Id { get; }
}

/// <summary>A record with a version number that each update increases, so that concurrent edits are detected.</summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>Records that belong to one enterprise; an enterprise user sees only its own.</summary>
public interface IEnterpriseOwned
{
    int? OwnerEnterpriseId { get; }
}

/// <summary>A unit of the campaign: the leading group office, a member unit, or a town/street.</summary>
public sealed class OrgUnit : IAudited, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    /// <summary>Stable short code, e.g. <c>JTYSJ</c> for 区交通运输局.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public UnitKind Kind { get; set; }
    /// <summary>Duties text from the seed's annex (成员单位职责).</summary>
    public string Duties { get; set; } = "";
    public int SortOrder { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
}

public sealed class Enterprise : IAudited, IEnterpriseOwned, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Unified social credit code (统一社会信用代码, GB 32100).</summary>
    public string Uscc { get; set; } = "";
    public EnterpriseKind Kind { get; set; }
    public ALevel Rating { get; set; }
    public DateOnly? RatingDate { get; set; }
    public PilotStatus PilotStatus { get; set; }
    public DateOnly? PilotAppliedOn { get; set; }
    public DateOnly? PilotSince { get; set; }
    public DateOnly? PilotRevokedOn { get; set; }
    public bool HasPlatform { get; set; }
    public string? PlatformUrl { get; set; }
    public DockingStatus DockingStatus { get; set; }
    public DateOnly? DockedSince { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? Address { get; set; }
    public bool IsDemo { get; set; }

    int? IEnterpriseOwned.OwnerEnterpriseId => Id;

    /// <summary>Rating in force on <paramref name="asOf"/> (a rating counts from its rating date).</summary>
    public ALevel RatingAsOf(DateOnly asOf) => RatingDate is { } d && d <= asOf ? Rating : ALevel.None;

    /// <summary>Whether the enterprise is a pilot enterprise (试点企业) on <paramref name="asOf"/>.</summary>
    public bool IsPilotOn(DateOnly asOf) =>
        PilotSince is { } since && since <= asOf && (PilotRevokedOn is not { } revoked || revoked > asOf);

    /// <summary>Whether its information platform is working and sharing data with the public platform on <paramref name="asOf"/>.</summary>
    public bool PlatformSharingOn(DateOnly asOf) =>
        HasPlatform && DockingStatus == DockingStatus.Connected && DockedSince is { } d && d <= asOf;
}

public sealed class Facility : IAudited, IEnterpriseOwned, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public FacilityKind Kind { get; set; }
    public FacilityStatus Status { get; set; }
    public DateOnly? PlannedOn { get; set; }
    public DateOnly? BuildingFrom { get; set; }
    public DateOnly? OperatingFrom { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? Address { get; set; }
    /// <summary>Point location (WGS-84). A facility has a point, a polygon, or both.</summary>
    public Point? Location { get; set; }
    /// <summary>Footprint polygon (WGS-84), e.g. a logistics park's site.</summary>
    public Polygon? Area { get; set; }
    public int? OperatorEnterpriseId { get; set; }
    public Enterprise? OperatorEnterprise { get; set; }

    // Charging stations
    public int? PileCount { get; set; }
    public decimal? PilePowerKw { get; set; }
    public bool? AvailableToLogisticsNev { get; set; }
    public bool? IsPublic { get; set; }

    // Loading/unloading bays and free-stay parking
    public BayPlacement? Placement { get; set; }
    public int? Spaces { get; set; }
    public int? MaxStayMinutes { get; set; }
    public TimeOnly? OpenFrom { get; set; }
    public TimeOnly? OpenTo { get; set; }

    public string? Notes { get; set; }
    public bool IsDemo { get; set; }

    int? IEnterpriseOwned.OwnerEnterpriseId => OperatorEnterpriseId;

    /// <summary>Whether the facility is in operation on <paramref name="asOf"/>, from its dates.</summary>
    public bool IsOperatingOn(DateOnly asOf) =>
        OperatingFrom is { } from && from <= asOf && (ClosedOn is not { } closed || closed > asOf);

    /// <summary>Status on <paramref name="asOf"/>, derived from the dates where they are known.</summary>
    public FacilityStatus StatusOn(DateOnly asOf)
    {
        if (ClosedOn is { } c && c <= asOf) return FacilityStatus.Closed;
        if (OperatingFrom is { } o && o <= asOf) return FacilityStatus.Operating;
        if (BuildingFrom is { } b && b <= asOf) return FacilityStatus.Building;
        return FacilityStatus.Planned;
    }
}

public sealed class Vehicle : IAudited, IEnterpriseOwned, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public string Plate { get; set; } = "";
    public string Vin { get; set; } = "";
    public VehicleClass Class { get; set; }
    public EnergyType Energy { get; set; }
    public int GrossWeightKg { get; set; }
    public int? LengthMm { get; set; }
    public EmissionStandard Emission { get; set; }
    public bool ColdChain { get; set; }
    /// <summary>Courier vehicles: unified number (六统一 统一编号).</summary>
    public string? CourierNumber { get; set; }
    public string? RfidTag { get; set; }
    public int? OwnerEnterpriseId { get; set; }
    public Enterprise? OwnerEnterprise { get; set; }
    public DateOnly InServiceFrom { get; set; }
    public DateOnly? InServiceTo { get; set; }
    /// <summary>JT/T 808 terminal phone number (SIM), digits only.</summary>
    public string? TerminalPhone { get; set; }
    public bool IsDemo { get; set; }

    public bool InServiceOn(DateOnly asOf) =>
        InServiceFrom <= asOf && (InServiceTo is not { } to || to > asOf);
}

/// <summary>A large supermarket or chain store in the central area (中心城区商贸流通企业门店).</summary>
public sealed class RetailOutlet : IAudited, IEnterpriseOwned, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public OutletType Type { get; set; }
    public int? OwnerEnterpriseId { get; set; }
    public Enterprise? OwnerEnterprise { get; set; }
    public string? Address { get; set; }
    public Point? Location { get; set; }
    public DateOnly? OpenedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public DateOnly? CommonDeliverySince { get; set; }
    public DateOnly? CentralisedDeliverySince { get; set; }
    public DateOnly? NightDeliverySince { get; set; }
    public bool IsDemo { get; set; }

    public bool OpenOn(DateOnly asOf) =>
        (OpenedOn is not { } o || o <= asOf) && (ClosedOn is not { } c || c > asOf);

    public bool UsesCommonOrCentralisedOn(DateOnly asOf) =>
        CommonDeliverySince is { } a && a <= asOf || CentralisedDeliverySince is { } b && b <= asOf;

    public bool UsesNightOn(DateOnly asOf) => NightDeliverySince is { } n && n <= asOf;

    public bool UsesAdvancedModeOn(DateOnly asOf) => UsesCommonOrCentralisedOn(asOf) || UsesNightOn(asOf);
}
