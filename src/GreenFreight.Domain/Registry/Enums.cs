namespace GreenFreight.Domain.Registry;

/// <summary>Kind of organisational unit in the campaign (seed annex: 组织机构).</summary>
public enum UnitKind
{
    /// <summary>领导小组办公室</summary>
    LeadingGroupOffice,
    /// <summary>成员单位</summary>
    MemberUnit,
    /// <summary>镇、街道</summary>
    TownOrStreet,
}

public enum EnterpriseKind
{
    Logistics,
    Courier,
    RetailChain,
    Supermarket,
    WholesaleMarket,
    Other,
}

/// <summary>China Federation of Logistics and Purchasing (中国物流与采购联合会) A-level rating.</summary>
public enum ALevel
{
    None = 0,
    A = 1,
    AA = 2,
    AAA = 3,
    AAAA = 4,
    AAAAA = 5,
}

public enum PilotStatus
{
    None,
    Applied,
    Pilot,
    Revoked,
}

/// <summary>Docking status of an enterprise's information platform with the public platform.</summary>
public enum DockingStatus
{
    NotDocked,
    Testing,
    Connected,
    Suspended,
}

public enum FacilityKind
{
    /// <summary>干支衔接型货运枢纽（物流园区）</summary>
    FreightHub,
    /// <summary>公共配送中心</summary>
    DistributionCenter,
    /// <summary>末端共同配送站</summary>
    TerminalStation,
    /// <summary>充电站</summary>
    ChargingStation,
    /// <summary>装卸泊位</summary>
    LoadingBay,
    /// <summary>免费限时停车区</summary>
    FreeParking,
}

public enum FacilityStatus
{
    Planned,
    Building,
    Operating,
    Closed,
}

public enum BayPlacement
{
    OnRoad,
    OffRoad,
}

public enum VehicleClass
{
    Pickup,
    MicroTruck,
    LightTruck,
    MediumTruck,
    HeavyTruck,
    Tricycle,
    LowSpeed,
    Special,
    /// <summary>危险货物运输车辆</summary>
    DangerousGoods,
    /// <summary>牵引车</summary>
    Tractor,
}

public enum EnergyType
{
    Bev,
    Phev,
    Fcev,
    Diesel,
    Gasoline,
    Cng,
    Lng,
}

public enum EmissionStandard
{
    /// <summary>Not applicable (battery-electric).</summary>
    NotApplicable = 0,
    ChinaIII = 3,
    ChinaIV = 4,
    ChinaV = 5,
    ChinaVI = 6,
}

public enum OutletType
{
    /// <summary>大型超市（卖场）</summary>
    LargeSupermarket,
    /// <summary>连锁店</summary>
    ChainStore,
}

public static class EnumFacts
{
    public static bool IsNewEnergy(this EnergyType e) => e is EnergyType.Bev or EnergyType.Phev or EnergyType.Fcev;

    /// <summary>Trucks in the sense of indicators #15/#16 (货车): excludes tricycles and low-speed vehicles.</summary>
    public static bool IsTruck(this VehicleClass c) => c is not (VehicleClass.Tricycle or VehicleClass.LowSpeed);
}
