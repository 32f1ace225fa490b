namespace GreenFreight.Server.Infrastructure;

/// <summary>Dates as seen in Linzi (China Standard Time, UTC+8), whatever the server's own time zone.</summary>
public static class ChinaClock
{
    static readonly TimeZoneInfo Zone = Find();

    static TimeZoneInfo Find()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time"); }
    }

    public static DateTimeOffset Now(this TimeProvider clock) => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone);

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.Now().DateTime);
}
