using GreenFreight.Domain.Tracking;

namespace GreenFreight.Domain.Tests.Tracking;

public sealed class PositionRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));

    static PositionReport At(double lat, double lon, DateTimeOffset t, double speed = 30, bool fix = true) => new(t, lat, lon, speed, 90, 50, fix);

    [Fact]
    public void A_plausible_fix_in_linzi_is_valid()
    {
        Assert.Equal(PositionVerdict.Valid, PositionRules.Check(At(36.82, 118.30, Now.AddSeconds(-10)), Now, null));
    }

    [Theory]
    [InlineData(116.307629, 39.984094)]   // swapped latitude and longitude (a real generator bug in the JT/T 808 vectors)
    [InlineData(0, 0)]
    [InlineData(91, 118)]
    [InlineData(36.8, 181)]
    public void Coordinates_outside_china_are_out_of_range(double lat, double lon)
    {
        Assert.Equal(PositionVerdict.OutOfRange, PositionRules.Check(At(lat, lon, Now), Now, null));
    }

    [Fact]
    public void Time_must_be_neither_in_the_future_nor_older_than_the_backfill_window()
    {
        Assert.Equal(PositionVerdict.BadTime, PositionRules.Check(At(36.82, 118.30, Now.AddMinutes(6)), Now, null));
        Assert.Equal(PositionVerdict.Valid, PositionRules.Check(At(36.82, 118.30, Now.AddMinutes(4)), Now, null));
        Assert.Equal(PositionVerdict.Valid, PositionRules.Check(At(36.82, 118.30, Now.AddDays(-6)), Now, null));
        Assert.Equal(PositionVerdict.BadTime, PositionRules.Check(At(36.82, 118.30, Now.AddDays(-8)), Now, null));
    }

    [Fact]
    public void No_fix_and_impossible_speed_are_flagged()
    {
        Assert.Equal(PositionVerdict.NoFix, PositionRules.Check(At(36.82, 118.30, Now, fix: false), Now, null));
        Assert.Equal(PositionVerdict.BadSpeed, PositionRules.Check(At(36.82, 118.30, Now, speed: 250), Now, null));
    }

    [Fact]
    public void A_jump_faster_than_200_kmh_from_the_previous_fix_is_drift()
    {
        var prev = At(36.82, 118.30, Now.AddSeconds(-60));
        // 1 km in 60 s = 60 km/h: fine. 5 km in 60 s = 300 km/h: drift.
        Assert.Equal(PositionVerdict.Valid, PositionRules.Check(At(36.829, 118.30, Now), Now, prev));
        Assert.Equal(PositionVerdict.Drift, PositionRules.Check(At(36.865, 118.30, Now), Now, prev));
        // Same second: only GNSS noise (≤ 50 m) is accepted.
        Assert.Equal(PositionVerdict.Drift, PositionRules.Check(At(36.8210, 118.30, prev.Time), Now, prev));
    }

    [Fact]
    public void Haversine_distance_matches_a_known_value()
    {
        // One degree of latitude is about 111.2 km.
        Assert.Equal(111.19, PositionRules.DistanceKm(36, 118, 37, 118), 1);
    }
}
