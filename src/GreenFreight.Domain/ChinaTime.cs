namespace GreenFreight.Domain;

/// <summary>
/// China Standard Time (UTC+8, no daylight saving): the one conversion of instants to Linzi's dates, used by the rules
/// (e.g. <see cref="Campaign.ReportingPeriods"/>) and by the server's <c>ChinaClock</c>.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The instant as seen in China.</summary>
    public static DateTimeOffset ToChina(DateTimeOffset at) => at.ToOffset(Offset);

    /// <summary>The date in China of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(ToChina(at).DateTime);
}
