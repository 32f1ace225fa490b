using System.Text.RegularExpressions;

namespace GreenFreight.Domain.Tests.Seed;

/// <summary>Independent implementations of the code rules, used to check the generator's output.</summary>
public static partial class CodeRules
{
    const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static readonly int[] UsccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>GB 32100: 18 characters of the code alphabet, the last one the check character.</summary>
    public static bool IsValidUscc(string code)
    {
        if (code.Length != 18 || code.Any(c => !UsccAlphabet.Contains(c))) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += UsccAlphabet.IndexOf(code[i]) * UsccWeights[i];
        var check = (31 - sum % 31) % 31;
        return code[17] == UsccAlphabet[check];
    }

    static readonly int[] VinWeights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    static readonly Dictionary<char, int> VinLetters = new()
    {
        ['A'] = 1, ['B'] = 2, ['C'] = 3, ['D'] = 4, ['E'] = 5, ['F'] = 6, ['G'] = 7, ['H'] = 8,
        ['J'] = 1, ['K'] = 2, ['L'] = 3, ['M'] = 4, ['N'] = 5, ['P'] = 7, ['R'] = 9,
        ['S'] = 2, ['T'] = 3, ['U'] = 4, ['V'] = 5, ['W'] = 6, ['X'] = 7, ['Y'] = 8, ['Z'] = 9,
    };

    /// <summary>ISO 3779 VIN with the North-American / Chinese (GB 16735) check digit at position 9.</summary>
    public static bool IsValidVin(string vin)
    {
        if (vin.Length != 17) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var c = vin[i];
            int v;
            if (char.IsAsciiDigit(c)) v = c - '0';
            else if (!VinLetters.TryGetValue(c, out v)) return false;
            sum += v * VinWeights[i];
        }
        var r = sum % 11;
        return vin[8] == (r == 10 ? 'X' : (char)('0' + r));
    }

    [GeneratedRegex("^鲁C[A-HJ-NP-Z0-9]{5}$")]
    public static partial Regex OrdinaryPlate();

    /// <summary>Small new-energy plate: D (BEV) or F (PHEV/FCEV), a letter or digit, 4 digits.</summary>
    [GeneratedRegex("^鲁C[DF][A-HJ-NP-Z0-9][0-9]{4}$")]
    public static partial Regex SmallNevPlate();

    /// <summary>Large new-energy plate: 5 digits then D or F.</summary>
    [GeneratedRegex("^鲁C[0-9]{5}[DF]$")]
    public static partial Regex LargeNevPlate();

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    public static partial Regex Mobile();

    [GeneratedRegex("^[0-9]{12}$")]
    public static partial Regex TerminalPhone();

    [GeneratedRegex("^LZKD-20[0-9]{2}-[0-9]{4}$")]
    public static partial Regex CourierNumber();
}
