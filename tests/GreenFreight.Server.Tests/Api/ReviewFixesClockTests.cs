using GreenFreight.Domain.Campaign;
using GreenFreight.Server.Infrastructure;

namespace GreenFreight.Server.Tests.Api;

/// <summary>One China date conversion: the server's ChinaClock and the reporting rules agree at the day boundary (16:00 UTC).</summary>
public sealed class ReviewFixesClockTests
{
    sealed class At(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    [InlineData("2025-04-07T15:59:59Z", false)]   // 23:59:59 on the due day in China
    [InlineData("2025-04-07T16:00:00Z", true)]    // 00:00 the next day in China
    public void ChinaClock_and_the_reporting_rules_see_the_same_day(string utc, bool overdue)
    {
        var now = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
        var due = new DateOnly(2025, 4, 7);
        Assert.Equal(overdue, new At(now).Today() > due);
        Assert.Equal(overdue, ReportingPeriods.IsOverdue(ReportStatus.Draft, due, now));
        Assert.Equal(!overdue, ReportingPeriods.WasOnTime(now, due));
        Assert.Equal(TimeSpan.FromHours(8), new At(now).Now().Offset);
    }
}
