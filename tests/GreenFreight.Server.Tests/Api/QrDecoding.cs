using System.Text.RegularExpressions;
using ZXing;
using ZXing.Common;

namespace GreenFreight.Server.Tests.Api;

/// <summary>Reads a pass QR code back as a scanner would: the SVG's modules drawn as a bitmap, decoded by ZXing.</summary>
public static partial class QrDecoding
{
    [GeneratedRegex(@"M(\d+) (\d+)h1v1h-1z")]
    private static partial Regex Module();

    [GeneratedRegex(@"viewBox=""0 0 (\d+) \1""")]
    private static partial Regex Size();

    public static string Decode(string svg)
    {
        var n = int.Parse(Size().Match(svg).Groups[1].Value);
        const int scale = 4;
        var w = n * scale;
        var pixels = Enumerable.Repeat((byte)255, w * w).ToArray();
        foreach (Match m in Module().Matches(svg))
        {
            int x = int.Parse(m.Groups[1].Value), y = int.Parse(m.Groups[2].Value);
            for (var dy = 0; dy < scale; dy++)
                for (var dx = 0; dx < scale; dx++) pixels[(y * scale + dy) * w + x * scale + dx] = 0;
        }
        var source = new RGBLuminanceSource(pixels, w, w, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new ZXing.QrCode.QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
            new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = false, [DecodeHintType.TRY_HARDER] = true });
        return result?.Text ?? throw new InvalidOperationException("QR code not readable");
    }

    /// <summary>The token in the decoded verify URL.</summary>
    public static string DecodeSvgToken(string svg) => GreenFreight.Domain.Access.PassToken.Extract(Decode(svg));
}
