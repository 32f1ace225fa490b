using System.Text;

namespace GreenFreight.Jt808;

/// <summary>
/// Text fields of JT/T 808 are GBK (code page 936). The encoding comes from <see cref="CodePagesEncodingProvider"/>,
/// which is part of the .NET shared framework (no package needed); this class registers the provider once.
/// </summary>
public static class Jt808Text
{
    /// <summary>The GBK encoding (code page 936).</summary>
    public static Encoding Gbk { get; } = CreateGbk();

    private static Encoding CreateGbk()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(936);
    }

    /// <summary>Decodes a GBK string, dropping NUL padding at both ends.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        bytes = bytes.Trim((byte)0);
        if (bytes.IsEmpty) return string.Empty;
        return Gbk.GetString(bytes);
    }

    /// <summary>GBK byte count of <paramref name="value"/>.</summary>
    public static int GetByteCount(string value) => string.IsNullOrEmpty(value) ? 0 : Gbk.GetByteCount(value);

    /// <summary>Encodes <paramref name="value"/> as GBK into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Encode(string value, Span<byte> destination) => string.IsNullOrEmpty(value) ? 0 : Gbk.GetBytes(value, destination);

    /// <summary>
    /// Encodes <paramref name="value"/> into a fixed-length field, right-padded with 0x00.
    /// </summary>
    /// <exception cref="ArgumentException">the value is longer than the field.</exception>
    public static void EncodeFixed(string value, Span<byte> field, string fieldName)
    {
        int n = GetByteCount(value);
        if (n > field.Length) throw new ArgumentException($"{fieldName} '{value}' takes {n} bytes; the field has {field.Length}.", fieldName);
        Encode(value, field);
        field.Slice(n).Clear();
    }
}
