using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Tracking;
using NetTopologySuite.Geometries;

namespace GreenFreight.Domain.Seed;

/// <summary>
/// A demo restricted zone over Linzi's urban core with the windows of the Zibo central-city notice of 2023-07-25
/// (domain brief): light and micro combustion trucks and NEVs over 4.5 t banned 07:00–08:30 and 17:00–19:00; medium and
/// heavy trucks, tricycles and low-speed trucks banned all day; pickups and NEVs up to 4.5 t free. The geometry is a
/// demonstration, not the police's real zone.
/// </summary>
public static class ZoneSeed
{
    public static TrafficZone LinziDemoZone()
    {
        var f = new GeometryFactory(new PrecisionModel(), 4326);
        var ring = f.CreateLinearRing(
        [
            new Coordinate(118.285, 36.800), new Coordinate(118.325, 36.800), new Coordinate(118.325, 36.835),
            new Coordinate(118.285, 36.835), new Coordinate(118.285, 36.800),
        ]);
        var zone = new TrafficZone
        {
            Name = "临淄城区货车禁限行区（演示）",
            Kind = ZoneKind.Restricted,
            Area = f.CreatePolygon(ring),
            SpeedLimitKmh = 40,
            IsDemo = true,
            Source = "淄博市中心城区货车通行管理通告（2023-07-25）模板；区域为演示数据",
        };
        TimeOnly T(int h, int m = 0) => new(h, m);
        void Peak(VehicleClass? cls, bool? nev, int? minKg)
        {
            zone.Windows.Add(new ZoneWindow { Class = cls, NewEnergy = nev, MinGrossWeightKg = minKg, From = T(7), To = T(8, 30) });
            zone.Windows.Add(new ZoneWindow { Class = cls, NewEnergy = nev, MinGrossWeightKg = minKg, From = T(17), To = T(19) });
        }
        void AllDay(VehicleClass cls) => zone.Windows.Add(new ZoneWindow { Class = cls, From = T(0), To = T(0) });
        Peak(VehicleClass.LightTruck, false, null);
        Peak(VehicleClass.MicroTruck, false, null);
        Peak(VehicleClass.LightTruck, true, 4500);
        AllDay(VehicleClass.MediumTruck);
        AllDay(VehicleClass.HeavyTruck);
        AllDay(VehicleClass.Tricycle);
        AllDay(VehicleClass.LowSpeed);
        return zone;
    }
}
