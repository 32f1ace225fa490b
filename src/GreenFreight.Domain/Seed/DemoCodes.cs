namespace GreenFreight.Domain.Seed;

/// <summary>
/// The demo data generator's own check-character helpers (GB 32100 USCC, GB 11714 organisation code, ISO 3779 VIN).
/// Minimal on purpose: they compute check characters for codes the generator builds itself; they are not validators.
/// </summary>
internal static class DemoCodes
{
    /// <summary>GB 32100 code alphabet (no I, O, S, V, Z).</summary>
    internal const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    static readonly int[] UsccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>GB 32100 check character of the first 17 characters of a unified social credit code.</summary>
    internal static char UsccCheck(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("17 characters expected.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = UsccAlphabet.IndexOf(first17[i]);
            if (v < 0) throw new ArgumentException($"'{first17[i]}' is not a GB 32100 character.", nameof(first17));
            sum += v * UsccWeights[i];
        }
        var c = 31 - sum % 31;
        return UsccAlphabet[c == 31 ? 0 : c];
    }

    static readonly int[] OrgCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>GB 11714 check character of the 8-character body of an organisation code (positions 9–17 of a USCC).</summary>
    internal static char OrgCodeCheck(ReadOnlySpan<char> body8)
    {
        if (body8.Length != 8) throw new ArgumentException("8 characters expected.", nameof(body8));
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var ch = body8[i];
            var v = ch is >= '0' and <= '9' ? ch - '0' : ch is >= 'A' and <= 'Z' ? ch - 'A' + 10
                : throw new ArgumentException($"'{ch}' is not an organisation code character.", nameof(body8));
            sum += v * OrgCodeWeights[i];
        }
        var c = 11 - sum % 11;
        return c switch { 10 => 'X', 11 => '0', _ => (char)('0' + c) };
    }

    /// <summary>Characters allowed in a VIN (ISO 3779: no I, O, Q).</summary>
    internal const string VinAlphabet = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

    static readonly int[] VinWeights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    static int VinValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        'A' or 'J' => 1,
        'B' or 'K' or 'S' => 2,
        'C' or 'L' or 'T' => 3,
        'D' or 'M' or 'U' => 4,
        'E' or 'N' or 'V' => 5,
        'F' or 'W' => 6,
        'G' or 'P' or 'X' => 7,
        'H' or 'Y' => 8,
        'R' or 'Z' => 9,
        _ => throw new ArgumentException($"'{c}' is not a VIN character."),
    };

    /// <summary>ISO 3779 check digit (position 9) of a 17-character VIN; position 9 itself is ignored.</summary>
    internal static char VinCheck(ReadOnlySpan<char> vin)
    {
        if (vin.Length != 17) throw new ArgumentException("17 characters expected.", nameof(vin));
        var sum = 0;
        for (var i = 0; i < 17; i++)
            if (i != 8) sum += VinValue(vin[i]) * VinWeights[i];
        var r = sum % 11;
        return r == 10 ? 'X' : (char)('0' + r);
    }

    /// <summary>ISO 3779 model-year code (position 10) for 2010–2030.</summary>
    internal static char VinYear(int year) =>
        year is >= 2010 and <= 2030 ? "ABCDEFGHJKLMNPRSTVWXY"[year - 2010] : throw new ArgumentOutOfRangeException(nameof(year));
}
