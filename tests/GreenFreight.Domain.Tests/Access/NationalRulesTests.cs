using System.Security.Cryptography;
using GreenFreight.Domain.Access;
using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Seed;
using NetTopologySuite.Geometries;

namespace GreenFreight.Domain.Tests.Access;

public sealed class NationalRulesTests
{
    static readonly GeometryFactory F = new(new PrecisionModel(), 4326);
    static readonly DateOnly Monday = new(2026, 11, 30);

    static AccessEngine With(params AccessRule[] rules)
    {
        for (var i = 0; i < rules.Length; i++) rules[i].Id = i + 1;
        return new AccessEngine([new AccessZone { Id = 1, Name = "中心区", Kind = AccessZoneKind.Restricted, Area = F.CreatePolygon([new(0, 0), new(1, 0), new(1, 1), new(0, 1), new(0, 0)]) }], rules, true);
    }

    static AccessRule Trucks(string windows) => new()
    {
        Name = "r", ZoneKinds = ZoneKinds.Areas, Classes = "MicroTruck,LightTruck", Energy = EnergyMatch.Any, Effect = RuleEffect.Forbid,
        Windows = windows, EffectiveFrom = new DateOnly(2020, 1, 1),
    };

    [Fact]
    public void Time_slices_leaving_delivery_trucks_less_than_six_hours_are_errors()
    {
        var f = NationalRules.Check(With(Trucks("06:00-23:00")), Monday);   // 7 h left
        Assert.DoesNotContain(f, x => x.Code == "sixhours");
        f = NationalRules.Check(With(Trucks("05:00-23:00")), Monday);       // exactly 6 h left
        Assert.DoesNotContain(f, x => x.Code == "sixhours");
        f = NationalRules.Check(With(Trucks("04:00-23:00")), Monday);       // 5 h left
        var e = Assert.Single(f, x => x.Code == "sixhours" && x.ProfileKey == "light");
        Assert.Equal(FindingSeverity.Error, e.Severity);
        Assert.Equal(5, e.Hours);
    }

    [Fact]
    public void A_whole_day_ban_of_a_whole_area_is_flagged()
    {
        var f = NationalRules.Check(With(Trucks("00:00-24:00")), Monday);
        Assert.Contains(f, x => x.Code == "allday" && x.ProfileKey == "light" && x.Severity == FindingSeverity.Error);
        // A weekend-only all-day ban is found on Saturday.
        var weekend = Trucks("00:00-24:00");
        weekend.Days = WeekDays.Sat | WeekDays.Sun;
        Assert.Equal(5, Assert.Single(NationalRules.Check(With(weekend), Monday), x => x.Code == "allday" && x.ProfileKey == "micro").Weekday);
    }

    [Fact]
    public void Nevs_with_fewer_hours_than_fuel_trucks_are_warned_of()
    {
        var nevOnly = Trucks("10:00-12:00");
        nevOnly.Energy = EnergyMatch.NewEnergy;
        var w = Assert.Single(NationalRules.Check(With(nevOnly), Monday), x => x.Code == "nev");
        Assert.Equal("light-nev", w.ProfileKey);
        Assert.Equal(FindingSeverity.Warning, w.Severity);
    }

    [Fact]
    public void The_zibo_template_keeps_delivery_trucks_their_hours_and_warns_of_the_medium_truck_ban()
    {
        var zones = AccessSeed.DemoZones();
        for (var i = 0; i < zones.Count; i++) zones[i].Id = i + 1;
        var rules = AccessSeed.Rules(null);
        for (var i = 0; i < rules.Count; i++) rules[i].Id = i + 1;
        var f = NationalRules.Check(new AccessEngine(zones, rules, true), Monday);
        Assert.DoesNotContain(f, x => x.Severity == FindingSeverity.Error);
        Assert.Contains(f, x => x.Code == "allday" && x.ProfileKey == "medium-vi" && x.ZoneId == 1);
        Assert.DoesNotContain(f, x => x.Code == "nev");
    }
}

public sealed class PassRulesTests
{
    static readonly TimeSpan China = TimeSpan.FromHours(8);
    static readonly AccessSettings Settings = new();

    static PassTokenPayload Payload(string from = "2026-12-05", string to = "2026-12-05") =>
        new(1, "k", "LZ-2026-000001", "鲁CD12345", "Temporary", from, to, "07:00-09:00", [1], "临淄大道", 1_700_000_000);

    [Fact]
    public void A_signed_token_verifies_and_a_tampered_one_fails()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = PassToken.Sign(Payload(), key);
        var ok = PassToken.Verify(token, key, new DateOnly(2026, 12, 5));
        Assert.Equal(PassTokenStatus.Valid, ok.Status);
        Assert.Equal("鲁CD12345", ok.Payload!.Plate);

        // Change the plate inside the payload and keep the signature.
        var parts = token[PassToken.Prefix.Length..].Split('.');
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[0])));
        var forged = json.Replace("鲁CD12345", "鲁CD99999");
        var forgedToken = PassToken.Prefix + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(forged)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "." + parts[1];
        Assert.Equal(PassTokenStatus.BadSignature, PassToken.Verify(forgedToken, key, new DateOnly(2026, 12, 5)).Status);
        // One flipped character of the signature fails too.
        var sig = parts[1].ToCharArray();
        sig[10] = sig[10] == 'A' ? 'B' : 'A';
        Assert.Equal(PassTokenStatus.BadSignature, PassToken.Verify(PassToken.Prefix + parts[0] + "." + new string(sig), key, new DateOnly(2026, 12, 5)).Status);
        // Another key's public key does not verify it.
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(PassTokenStatus.BadSignature, PassToken.Verify(token, other, new DateOnly(2026, 12, 5)).Status);
        Assert.Equal(PassTokenStatus.Malformed, PassToken.Verify("hello", key, new DateOnly(2026, 12, 5)).Status);
        // Dates: expired after, not yet valid before.
        Assert.Equal(PassTokenStatus.Expired, PassToken.Verify(token, key, new DateOnly(2026, 12, 6)).Status);
        Assert.Equal(PassTokenStatus.NotYetValid, PassToken.Verify(token, key, new DateOnly(2026, 12, 4)).Status);
        // From a verify URL.
        Assert.Equal(token, PassToken.Extract($"http://x/pass/verify?t={Uri.EscapeDataString(token)}"));
    }

    static string Pad(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
    }

    [Fact]
    public void A_temporary_pass_is_one_day_applied_for_24_hours_ahead()
    {
        var now = new DateTimeOffset(2026, 12, 2, 10, 0, 0, China);
        Assert.Empty(PassRules.Check(PassKind.Temporary, new(2026, 12, 4), new(2026, 12, 4), "07:00-09:00", null, false, Settings, now));
        Assert.Contains(PassRules.Check(PassKind.Temporary, new(2026, 12, 3), new(2026, 12, 3), "07:00-09:00", null, false, Settings, now), p => p.Key == "pass.temporary.lead");
        Assert.Contains(PassRules.Check(PassKind.Temporary, new(2026, 12, 4), new(2026, 12, 5), "07:00-09:00", null, false, Settings, now), p => p.Key == "pass.temporary.oneday");
        Assert.Contains(PassRules.Check(PassKind.Temporary, new(2026, 12, 4), new(2026, 12, 4), "7-9", null, false, Settings, now), p => p.Field == "periods");
    }

    [Fact]
    public void Long_term_passes_are_quarterly_or_annual_and_annual_is_for_green_vehicles()
    {
        var now = new DateTimeOffset(2026, 12, 2, 10, 0, 0, China);
        Assert.Empty(PassRules.Check(PassKind.Quarterly, new(2027, 1, 1), new(2027, 3, 31), "00:00-24:00", null, false, Settings, now));
        Assert.Contains(PassRules.Check(PassKind.Quarterly, new(2027, 1, 1), new(2027, 4, 1), "00:00-24:00", null, false, Settings, now), p => p.Key == "pass.quarterly.length");
        Assert.Contains(PassRules.Check(PassKind.Annual, new(2027, 1, 1), new(2027, 12, 31), "00:00-24:00", null, false, Settings, now), p => p.Key == "pass.annual.green");
        Assert.Empty(PassRules.Check(PassKind.Annual, new(2027, 1, 1), new(2027, 12, 31), "00:00-24:00", null, true, Settings, now));
        Assert.True(PassRules.IsGreen(EnergyType.Diesel, coldChain: true, Settings));
        Assert.False(PassRules.IsGreen(EnergyType.Diesel, coldChain: true, new AccessSettings { ColdChainAsNewEnergy = false }));
    }

    [Fact]
    public void The_review_deadline_counts_working_days()
    {
        var friday = new DateTimeOffset(2026, 12, 4, 16, 0, 0, China);
        Assert.Equal(new DateTimeOffset(2026, 12, 9, 16, 0, 0, China), PassRules.ReviewDue(friday, 3));   // Mon, Tue, Wed
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 16, 0, 0, China), PassRules.ReviewDue(friday, 1));
    }
}

public sealed class AccessSeedTests
{
    [Fact]
    public void The_demo_zones_lie_inside_linzi_and_are_marked_as_demo()
    {
        var outline = GreenFreight.Domain.Tests.Seed.LinziOutline.Load().Buffer(0.01);
        foreach (var z in AccessSeed.DemoZones())
        {
            Assert.True(z.IsDemo);
            Assert.Contains("演示", z.Name);
            Assert.True(outline.Covers((NetTopologySuite.Geometries.Geometry?)z.Area ?? z.Line!), z.Name);
        }
        // Every rule names the notice it comes from and is in force from the notice's date.
        Assert.All(AccessSeed.Rules(7), r => { Assert.Equal(7, r.PolicyId); Assert.Equal(AccessSeed.NoticeDate, r.EffectiveFrom); Assert.NotEmpty(r.WindowList()); });
    }
}
