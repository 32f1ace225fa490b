using System.Numerics;

namespace GreenFreight.Cli.Simulation;

/// <summary>
/// A lock-free latency histogram in microseconds with log-linear buckets (128 per power of two: under 1 % error),
/// recorded from many threads. Intervals are differences of <see cref="Snapshot"/>s.
/// </summary>
public sealed class LatencyHistogram
{
    const int SubBits = 7, Sub = 1 << SubBits;
    const int Buckets = (64 - SubBits + 1) * Sub;

    readonly long[] _counts = new long[Buckets];
    long _max;

    static int IndexOf(long micros)
    {
        if (micros < Sub) return (int)Math.Max(0, micros);
        var msb = 63 - BitOperations.LeadingZeroCount((ulong)micros);
        var shift = msb - SubBits;
        return (shift + 1) * Sub + (int)((micros >> shift) - Sub);
    }

    /// <summary>The middle of a bucket, in microseconds.</summary>
    static long ValueOf(int index)
    {
        if (index < Sub) return index;
        var shift = index / Sub - 1;
        var mantissa = (long)(index % Sub + Sub);
        return (mantissa << shift) + ((1L << shift) >> 1);
    }

    public void Record(long micros)
    {
        Interlocked.Increment(ref _counts[IndexOf(micros)]);
        var max = Volatile.Read(ref _max);
        while (micros > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, micros, max);
            if (seen == max) break;
            max = seen;
        }
    }

    public Snapshot Take()
    {
        var copy = new long[Buckets];
        for (var i = 0; i < Buckets; i++) copy[i] = Volatile.Read(ref _counts[i]);
        return new Snapshot(copy, Volatile.Read(ref _max));
    }

    /// <summary>Counts at one moment; <c>later - earlier</c> is the interval between them.</summary>
    public sealed class Snapshot(long[] counts, long max)
    {
        readonly long[] _counts = counts;

        public static readonly Snapshot Empty = new(new long[Buckets], 0);

        public long Count { get; } = counts.Sum();

        /// <summary>The exact maximum for a whole run; for an interval, the top of its highest bucket.</summary>
        public long MaxMicros { get; } = max;

        public static Snapshot operator -(Snapshot later, Snapshot earlier)
        {
            var d = new long[Buckets];
            var top = -1;
            for (var i = 0; i < Buckets; i++)
                if ((d[i] = later._counts[i] - earlier._counts[i]) > 0) top = i;
            return new Snapshot(d, top < 0 ? 0 : Math.Min(later.MaxMicros, ValueOf(top)));
        }

        /// <summary>The latency under which <paramref name="percent"/> % of the samples fall (0 when empty).</summary>
        public long Percentile(double percent)
        {
            if (Count == 0) return 0;
            var rank = (long)Math.Ceiling(Count * percent / 100.0);
            rank = Math.Clamp(rank, 1, Count);
            long seen = 0;
            for (var i = 0; i < Buckets; i++)
            {
                seen += _counts[i];
                if (seen >= rank) return Math.Min(ValueOf(i), MaxMicros);
            }
            return MaxMicros;
        }

        public double MeanMicros
        {
            get
            {
                if (Count == 0) return 0;
                double sum = 0;
                for (var i = 0; i < Buckets; i++) sum += (double)_counts[i] * ValueOf(i);
                return sum / Count;
            }
        }
    }
}
