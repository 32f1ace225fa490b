using System.Runtime.CompilerServices;

namespace GreenFreight.Planning.Evaluation;

/// <summary>
/// Concatenable duration summary of a visit sequence (Vidal et al. 2013): minimal duration, minimal time warp, and the
/// interval [TwEarly, TwLate] of start times reaching both. Concatenation is O(1).
/// </summary>
public readonly struct DurationSegment
{
    public readonly double Duration, TimeWarp, TwEarly, TwLate;

    public DurationSegment(double duration, double timeWarp, double twEarly, double twLate)
    {
        Duration = duration; TimeWarp = timeWarp; TwEarly = twEarly; TwLate = twLate;
    }

    /// <summary>One visit: service time and the window for the start of service.</summary>
    public static DurationSegment Visit(double service, double early, double late) => new(service, 0, early, late);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DurationSegment Merge(in DurationSegment a, in DurationSegment b, double edge)
    {
        var delta = a.Duration - a.TimeWarp + edge;
        var deltaWait = Math.Max(b.TwEarly - delta - a.TwLate, 0);
        var deltaTw = Math.Max(a.TwEarly + delta - b.TwLate, 0);
        return new DurationSegment(
            a.Duration + b.Duration + edge + deltaWait,
            a.TimeWarp + b.TimeWarp + deltaTw,
            Math.Max(b.TwEarly - delta, a.TwEarly) - deltaWait,
            Math.Min(b.TwLate - delta, a.TwLate) + deltaTw);
    }

    /// <summary>Time warp including going over a maximum duration.</summary>
    public double TotalTimeWarp(double maxDuration) => TimeWarp + Math.Max(Duration - maxDuration, 0);
}
