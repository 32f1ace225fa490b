using System.Text;

namespace GreenFreight.Domain.Validation;

/// <summary>Shared input clean-up for the code validators.</summary>
internal static class InputText
{
    /// <summary>
    /// Trims (including the ideographic space U+3000), maps full-width ASCII (U+FF01–U+FF5E, typed with
    /// Chinese input methods) to ASCII and upper-cases ASCII letters. Other characters are kept as they are,
    /// so that an invalid character is still reported as such.
    /// </summary>
    /// <param name="remove">Characters to drop anywhere in the value (after the full-width mapping).</param>
    public static string Normalize(string value, Func<char, bool>? remove = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.AsSpan().Trim();
        var sb = new StringBuilder(trimmed.Length);
        foreach (var raw in trimmed)
        {
            var c = raw;
            if (c >= '\uFF01' && c <= '\uFF5E')
                c = (char)(c - 0xFEE0);
            if (remove is not null && remove(c))
                continue;
            if (c >= 'a' && c <= 'z')
                c = (char)(c - ('a' - 'A'));
            sb.Append(c);
        }
        return sb.ToString();
    }
}
