namespace GreenFreight.Planning;

/// <summary>xoshiro256** seeded with splitmix64: the only source of randomness in the engine (deterministic per seed).</summary>
public sealed class Rng
{
    ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        _s0 = SplitMix(ref seed); _s1 = SplitMix(ref seed); _s2 = SplitMix(ref seed); _s3 = SplitMix(ref seed);
    }

    static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong Next()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t; _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform integer in [0, n).</summary>
    public int Int(int n) => n <= 1 ? 0 : (int)((Next() >> 33) % (ulong)n);

    /// <summary>Uniform double in [0, 1).</summary>
    public double Double() => (Next() >> 11) * (1.0 / (1UL << 53));

    public void Shuffle<T>(T[] a) => Shuffle(a.AsSpan());

    public void Shuffle<T>(Span<T> a)
    {
        for (var i = a.Length - 1; i > 0; i--)
        {
            var j = Int(i + 1);
            (a[i], a[j]) = (a[j], a[i]);
        }
    }
}
