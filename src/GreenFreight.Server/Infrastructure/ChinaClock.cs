using GreenFreight.Domain;

namespace GreenFreight.Server.Infrastructure;

/// <summary>Dates as seen in Linzi (China Standard Time, UTC+8), whatever the server's own time zone; the conversion is <see cref="ChinaTime"/>.</summary>
public static class ChinaClock
{
    public static DateTimeOffset Now(this TimeProvider clock) => ChinaTime.ToChina(clock.GetUtcNow());

    public static DateOnly Today(this TimeProvider clock) => ChinaTime.DateOf(clock.GetUtcNow());
}
