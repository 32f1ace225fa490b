using GreenFreight.Domain.Access;
using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Seed;
using NetTopologySuite.Geometries;

namespace GreenFreight.Domain.Tests.Access;

/// <summary>The access engine on the Zibo 2023 template and on hand-made rules: midnight, weekdays, effective dates, exemptions.</summary>
public sealed class AccessEngineTests
{
    static readonly TimeSpan China = TimeSpan.FromHours(8);
    static readonly GeometryFactory F = new(new PrecisionModel(), 4326);

    static AccessEngine Template(bool coldChainAsNev = true)
    {
        var zones = AccessSeed.DemoZones();
        for (var i = 0; i < zones.Count; i++) zones[i].Id = i + 1;
        var rules = AccessSeed.Rules(1);
        for (var i = 0; i < rules.Count; i++) rules[i].Id = i + 1;
        return new AccessEngine(zones, rules, coldChainAsNev);
    }

    // Points: inner restricted zone, outer limited ring (outside the inner), the expressway, and outside every zone.
    const double InnerLon = 118.305, InnerLat = 36.815, OuterLon = 118.275, OuterLat = 36.815, ExpLon = 118.330, ExpLat = 36.866;

    static DateTimeOffset At(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, China);

    static readonly VehicleFacts LightDiesel = new(VehicleClass.LightTruck, EnergyType.Diesel, 4_495, EmissionStandard.ChinaVI);
    static readonly VehicleFacts LightBev = new(VehicleClass.LightTruck, EnergyType.Bev, 4_495, EmissionStandard.NotApplicable);
    static readonly VehicleFacts MediumBev = new(VehicleClass.MediumTruck, EnergyType.Bev, 8_000, EmissionStandard.NotApplicable);
    static readonly VehicleFacts MediumIv = new(VehicleClass.MediumTruck, EnergyType.Diesel, 12_000, EmissionStandard.ChinaIV);
    static readonly VehicleFacts MediumIii = new(VehicleClass.MediumTruck, EnergyType.Diesel, 12_000, EmissionStandard.ChinaIII);
    static readonly VehicleFacts Pickup = new(VehicleClass.Pickup, EnergyType.Gasoline, 3_000, EmissionStandard.ChinaV);

    [Theory]
    [InlineData(6, 59, true)]
    [InlineData(7, 0, false)]
    [InlineData(8, 29, false)]
    [InlineData(8, 30, true)]
    [InlineData(12, 0, true)]
    [InlineData(17, 0, false)]
    [InlineData(18, 59, false)]
    [InlineData(19, 0, true)]
    public void A_diesel_light_truck_is_kept_out_of_the_restricted_zone_at_the_peaks_only(int h, int m, bool allowed)
    {
        var d = Template().Check(LightDiesel, InnerLon, InnerLat, At(2026, 12, 2, h, m));
        Assert.Equal(allowed, d.Allowed);
        Assert.Equal(allowed ? AccessReason.NoRestriction : AccessReason.Forbidden, d.Reason);
        if (!allowed) Assert.Equal(h < 12 ? "07:00-08:30" : "17:00-19:00", d.Window.ToString());
    }

    [Fact]
    public void The_template_matches_the_notice_class_by_class()
    {
        var e = Template();
        var peak = At(2026, 12, 2, 7, 30);
        var noon = At(2026, 12, 2, 12, 0);
        // Pickups: never restricted, even on the expressway at the peak.
        Assert.Equal(AccessReason.AllowedByRule, e.Check(Pickup, ExpLon, ExpLat, peak).Reason);
        // NEV up to 4.5 t: free in the zones, banned on the expressway.
        Assert.True(e.Check(LightBev, InnerLon, InnerLat, peak).Allowed);
        Assert.False(e.Check(LightBev, ExpLon, ExpLat, noon).Allowed);
        // NEV over 4.5 t: peak bans like light trucks, not the medium trucks' all-day ban.
        Assert.False(e.Check(MediumBev, InnerLon, InnerLat, peak).Allowed);
        Assert.True(e.Check(MediumBev, InnerLon, InnerLat, noon).Allowed);
        // Medium diesel: banned all day from both zones; China IV may enter the outer zone 23:00–06:00 only.
        Assert.False(e.Check(MediumIv, InnerLon, InnerLat, At(2026, 12, 2, 23, 30)).Allowed);
        Assert.True(e.Check(MediumIv, OuterLon, OuterLat, At(2026, 12, 2, 23, 30)).Allowed);
        Assert.Equal(AccessReason.AllowedByRule, e.Check(MediumIv, OuterLon, OuterLat, At(2026, 12, 3, 5, 59)).Reason);
        Assert.False(e.Check(MediumIv, OuterLon, OuterLat, At(2026, 12, 3, 6, 0)).Allowed);
        Assert.False(e.Check(MediumIii, OuterLon, OuterLat, At(2026, 12, 2, 23, 30)).Allowed);
        // Tricycles, low-speed trucks, tractors and dangerous goods: all day, everywhere.
        foreach (var c in new[] { VehicleClass.Tricycle, VehicleClass.LowSpeed, VehicleClass.Tractor, VehicleClass.DangerousGoods })
            Assert.False(e.Check(new VehicleFacts(c, EnergyType.Diesel, 3_000, EmissionStandard.ChinaVI), OuterLon, OuterLat, noon).Allowed);
        // Outside every zone nothing applies.
        Assert.Equal(AccessReason.NoZone, e.Check(MediumIii, 118.40, 36.95, peak).Reason);
    }

    [Fact]
    public void Emergency_vehicles_and_cold_chain_vehicles_get_their_treatment()
    {
        var peak = At(2026, 12, 2, 7, 30);
        Assert.Equal(AccessReason.ExemptEmergency, Template().Check(LightDiesel with { Emergency = true }, InnerLon, InnerLat, peak).Reason);
        // Cold-chain treated like NEVs (configurable): a diesel cold-chain light truck is free in the zone at the peak.
        Assert.True(Template(coldChainAsNev: true).Check(LightDiesel with { ColdChain = true }, InnerLon, InnerLat, peak).Allowed);
        Assert.False(Template(coldChainAsNev: false).Check(LightDiesel with { ColdChain = true }, InnerLon, InnerLat, peak).Allowed);
    }

    [Fact]
    public void A_valid_pass_exempts_only_in_its_zones_days_and_periods()
    {
        var e = Template();
        var inner = e.Zones.Single(z => z.Kind == AccessZoneKind.Restricted).Id;
        var day = new DateOnly(2026, 12, 2).DayNumber;
        PassGrant[] pass = [new(inner, day, day, TimeWindow.Of(7, 0, 9, 0), 42)];
        var d = e.Check(LightDiesel, InnerLon, InnerLat, At(2026, 12, 2, 7, 30), pass);
        Assert.Equal(AccessReason.ExemptPass, d.Reason);
        Assert.Equal(42, d.PassTag);
        Assert.False(e.Check(LightDiesel, InnerLon, InnerLat, At(2026, 12, 3, 7, 30), pass).Allowed);      // next day
        Assert.False(e.Check(LightDiesel, InnerLon, InnerLat, At(2026, 12, 2, 17, 30), pass).Allowed);     // outside its period
        PassGrant[] otherZone = [new(inner + 100, day, day, TimeWindow.AllDay, 1)];
        Assert.False(e.Check(LightDiesel, InnerLon, InnerLat, At(2026, 12, 2, 7, 30), otherZone).Allowed);
        PassGrant[] overnight = [new(0, day, day, TimeWindow.Of(22, 0, 6, 0), 7)];   // every zone, crossing midnight
        Assert.True(e.Check(MediumIii, InnerLon, InnerLat, At(2026, 12, 3, 5, 0), overnight).Allowed);
        Assert.False(e.Check(MediumIii, InnerLon, InnerLat, At(2026, 12, 4, 5, 0), overnight).Allowed);
    }

    static AccessEngine One(AccessRule rule) => new(
        [new AccessZone { Id = 1, Name = "Z", Kind = AccessZoneKind.Restricted, Area = F.CreatePolygon([new(0, 0), new(1, 0), new(1, 1), new(0, 1), new(0, 0)]) }],
        [rule], true);

    static AccessRule Night(WeekDays days) => new()
    {
        Id = 1, Name = "night", ZoneKinds = ZoneKinds.All, Effect = RuleEffect.Forbid, Windows = "22:00-06:00", Days = days,
        EffectiveFrom = new DateOnly(2026, 1, 1), EffectiveTo = new DateOnly(2026, 12, 31),
    };

    [Fact]
    public void A_window_crossing_midnight_belongs_to_the_day_it_starts()
    {
        // Friday nights only: Fri 22:00 – Sat 06:00. 2026-12-04 is a Friday.
        var e = One(Night(WeekDays.Fri));
        Assert.False(e.Check(LightDiesel, 0.5, 0.5, At(2026, 12, 4, 23, 0)).Allowed);
        Assert.False(e.Check(LightDiesel, 0.5, 0.5, At(2026, 12, 5, 5, 59)).Allowed);   // Saturday morning, still Friday's window
        Assert.True(e.Check(LightDiesel, 0.5, 0.5, At(2026, 12, 5, 6, 0)).Allowed);
        Assert.True(e.Check(LightDiesel, 0.5, 0.5, At(2026, 12, 5, 23, 0)).Allowed);    // Saturday night: not a Friday
        Assert.True(e.Check(LightDiesel, 0.5, 0.5, At(2026, 12, 4, 5, 0)).Allowed);     // Friday morning belongs to Thursday
    }

    [Fact]
    public void Weekday_windows_leave_the_weekend_free()
    {
        var rule = Night(WeekDays.Workdays);
        rule.Windows = "07:00-09:00";
        var e = One(rule);
        Assert.False(e.Check(LightDiesel, 0.5, 0.5, At(2026, 12, 7, 8, 0)).Allowed);    // Monday
        Assert.True(e.Check(LightDiesel, 0.5, 0.5, At(2026, 12, 6, 8, 0)).Allowed);     // Sunday
    }

    [Fact]
    public void Rules_apply_only_within_their_effective_dates()
    {
        var e = One(Night(WeekDays.All));
        Assert.False(e.Check(LightDiesel, 0.5, 0.5, At(2026, 12, 31, 23, 0)).Allowed);
        Assert.True(e.Check(LightDiesel, 0.5, 0.5, At(2027, 1, 1, 23, 0)).Allowed);     // after EffectiveTo
        Assert.True(e.Check(LightDiesel, 0.5, 0.5, At(2025, 12, 31, 23, 0)).Allowed);   // before EffectiveFrom
    }

    [Fact]
    public void Polygons_with_holes_and_expressway_widths_are_respected()
    {
        var shell = F.CreateLinearRing([new(0, 0), new(1, 0), new(1, 1), new(0, 1), new(0, 0)]);
        var hole = F.CreateLinearRing([new(0.4, 0.4), new(0.6, 0.4), new(0.6, 0.6), new(0.4, 0.6), new(0.4, 0.4)]);
        var e = new AccessEngine(
        [
            new AccessZone { Id = 1, Name = "ring", Kind = AccessZoneKind.Restricted, Area = F.CreatePolygon(shell, [hole]) },
            new AccessZone { Id = 2, Name = "road", Kind = AccessZoneKind.Expressway, Line = F.CreateLineString([new(118.0, 36.8), new(118.1, 36.8)]), WidthMetres = 50 },
        ], [], true);
        Span<int> found = stackalloc int[4];
        Assert.Equal(1, e.ZonesAt(0.2, 0.2, found));
        Assert.Equal(0, e.ZonesAt(0.5, 0.5, found));
        Assert.Equal(1, e.ZonesAt(118.05, 36.8 + 20 / 111_320.0, found));   // 20 m off the centre line of a 50 m road
        Assert.Equal(0, e.ZonesAt(118.05, 36.8 + 30 / 111_320.0, found));   // 30 m off
    }

    [Fact]
    public void The_planner_gets_forbidden_windows_per_zone_for_a_vehicle_and_date()
    {
        var windows = Template().ForbiddenWindows(LightDiesel, new DateOnly(2026, 12, 2));
        var inner = Assert.Single(windows, w => w.Kind == AccessZoneKind.Restricted);
        Assert.Equal(["07:00-08:30", "17:00-19:00"], inner.Forbidden.Select(w => w.ToString()));
        Assert.Equal(TimeWindow.AllDay, Assert.Single(Assert.Single(windows, w => w.Kind == AccessZoneKind.Expressway).Forbidden));
        Assert.DoesNotContain(windows, w => w.Kind == AccessZoneKind.Limited);
        var medium = Template().ForbiddenWindows(MediumIv, new DateOnly(2026, 12, 2));
        Assert.Equal(["06:00-23:00"], medium.Single(w => w.Kind == AccessZoneKind.Limited).Forbidden.Select(w => w.ToString()));
    }

    [Fact]
    public void A_straight_trip_reports_the_forbidden_zones_it_crosses()
    {
        var e = Template();
        var crossed = e.ForbiddenAlong(LightDiesel, 118.270, 36.815, 118.340, 36.815, At(2026, 12, 2, 7, 30).ToUnixTimeMilliseconds());
        Assert.Equal(AccessZoneKind.Restricted, e.Zones[Assert.Single(crossed)].Kind);
        Assert.Empty(e.ForbiddenAlong(LightDiesel, 118.270, 36.815, 118.340, 36.815, At(2026, 12, 2, 12, 0).ToUnixTimeMilliseconds()));
    }

    [Fact]
    public void The_week_matrix_marks_whole_and_partial_hours()
    {
        var e = Template();
        var inner = e.IndexOf(e.Zones.Single(z => z.Kind == AccessZoneKind.Restricted).Id);
        var m = e.WeekMatrix(inner, LightDiesel, new DateOnly(2026, 11, 30));
        Assert.Equal(2, m[7]);    // Monday 07–08 forbidden all hour
        Assert.Equal(1, m[8]);    // 08–09 half
        Assert.Equal(0, m[12]);
        Assert.Equal(2, m[6 * 24 + 17]);   // Sunday too
    }

    [Fact]
    public void Local_time_is_china_time_whatever_the_offset_given()
    {
        var t = LocalTime.Of(new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero));   // 07:30 on 2 December in China
        Assert.Equal(new DateOnly(2026, 12, 2), t.Date);
        Assert.Equal(7 * 60 + 30, t.Minute);
        Assert.Equal(2, t.Weekday);   // Wednesday
    }
}
