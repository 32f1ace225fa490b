namespace GreenFreight.Domain.Seed;

/// <summary>
/// The demo data generator's code helpers: the GB 11714 organisation-code check and the VIN model-year code. The
/// USCC and VIN check characters come from the validators (<see cref="Validation.Uscc"/>, <see cref="Validation.Vin"/>).
/// </summary>
internal static class DemoCodes
{
    /// <summary>GB 32100 code alphabet (no I, O, S, V, Z).</summary>
    internal const string UsccAlphabet = Validation.Uscc.Alphabet;

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

    /// <summary>ISO 3779 model-year code (position 10) for 2010–2030.</summary>
    internal static char VinYear(int year) =>
        year is >= 2010 and <= 2030 ? "ABCDEFGHJKLMNPRSTVWXY"[year - 2010] : throw new ArgumentOutOfRangeException(nameof(year));
}
