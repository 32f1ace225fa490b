namespace GreenFreight.Jt808.Tests;

/// <summary>Phones, BCD times and GBK text.</summary>
public sealed class ValueTypeTests
{
    [Theory]
    [InlineData("13912345678", "013912345678", 6)]
    [InlineData("012345678901", "012345678901", 6)]
    [InlineData("1234567890123", "00000001234567890123", 10)]
    [InlineData("12345678901234567890", "12345678901234567890", 10)]
    public void Phone_parses_and_pads(string digits, string expected, int bytes)
    {
        var phone = Jt808Phone.Parse(digits);
        Assert.Equal(expected, phone.ToString());
        Assert.Equal(bytes, phone.ByteLength);
        Assert.True(phone.IsValidBcd);
        Span<byte> bcd = stackalloc byte[bytes];
        Assert.True(phone.TryWriteBcd(bcd));
        Assert.Equal(phone, Jt808Phone.FromBcd(bcd));
    }

    [Fact]
    public void Phone_changes_length_only_by_leading_zeros()
    {
        var phone = Jt808Phone.Parse("00000000013912345678");
        Assert.Equal("013912345678", phone.WithByteLength(6).ToString());
        Assert.Throws<ArgumentException>(() => Jt808Phone.Parse("12345678901234567890").WithByteLength(6));
        Assert.NotEqual(phone, phone.WithByteLength(6));
        Assert.False(Jt808Phone.TryParse("12a", out _));
        Assert.False(Jt808Phone.TryParse("123456789012345678901", out _));
        Assert.False(Jt808Phone.FromBcd([0x1A, 0x23]).IsValidBcd);
        Assert.Equal("1A23", Jt808Phone.FromBcd([0x1A, 0x23]).ToString());
    }

    [Fact]
    public void Bcd_time_converts_to_gmt8()
    {
        var t = Jt808BcdTime.FromBcd([0x24, 0x10, 0x01, 0x23, 0x59, 0x59]);
        Assert.True(t.IsValid);
        Assert.Equal(new DateTimeOffset(2024, 10, 1, 23, 59, 59, TimeSpan.FromHours(8)), t.ToDateTimeOffset());
        Assert.Equal("241001235959", t.ToString());
        var utc = new DateTimeOffset(2024, 10, 1, 15, 59, 59, TimeSpan.Zero);
        Assert.Equal(t, Jt808BcdTime.FromDateTimeOffset(utc));
        Span<byte> back = stackalloc byte[6];
        t.WriteTo(back);
        Assert.Equal(new byte[] { 0x24, 0x10, 0x01, 0x23, 0x59, 0x59 }, back.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x24, 0x02, 0x30, 0x00, 0x00, 0x00 })] // 30 February
    [InlineData(new byte[] { 0x23, 0x02, 0x29, 0x00, 0x00, 0x00 })] // 29 February 2023
    [InlineData(new byte[] { 0x24, 0x13, 0x01, 0x00, 0x00, 0x00 })] // month 13
    [InlineData(new byte[] { 0x24, 0x01, 0x01, 0x24, 0x00, 0x00 })] // hour 24
    [InlineData(new byte[] { 0x24, 0x01, 0x01, 0x00, 0x60, 0x00 })] // minute 60
    [InlineData(new byte[] { 0x24, 0x01, 0x0A, 0x00, 0x00, 0x00 })] // nibble A
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 })] // all zero
    public void Invalid_bcd_time_is_null_and_warned(byte[] bcd)
    {
        var t = Jt808BcdTime.FromBcd(bcd);
        Assert.False(t.IsValid);
        Assert.Null(t.ToDateTimeOffset());
        var body = new byte[28];
        bcd.CopyTo(body, 22);
        Assert.True(Jt808LocationReport.TryDecode(body, Jt808Version.V2013, out var report, out var w));
        Assert.Null(report.Time);
        Assert.Equal(Jt808Warnings.InvalidTime, w);
    }

    [Fact]
    public void Gbk_handles_every_province_abbreviation_and_plate_character()
    {
        const string characters = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼挂学警港澳";
        foreach (char c in characters)
        {
            var plate = c + "C12345";
            var bytes = Jt808Text.Gbk.GetBytes(plate);
            Assert.Equal(8, bytes.Length);
            Assert.True(bytes[0] >= 0x81);
            Assert.Equal(plate, Jt808Text.Decode(bytes));
        }
        Assert.Equal("鲁C", Jt808Text.Decode([0xC2, 0xB3, 0x43, 0x00, 0x00]));
        Assert.Equal([0xD4, 0xC1], Jt808Text.Gbk.GetBytes("粤"));
    }
}

/// <summary>Header decisions that are not in the captured frames.</summary>
public sealed class HeaderTests
{
    [Fact]
    public void Version_flag_with_a_length_that_fits_neither_layout_is_a_length_mismatch()
    {
        var frame = Jt808FrameReader.DecodeFrame(FramesTsv.Row(10).Wire.Where((_, i) => i != 30).ToArray(), new byte[2048]);
        Assert.Equal(Jt808FrameStatus.BodyLengthMismatch, frame.Status);
    }

    [Fact]
    public void Bad_check_code_is_accepted_only_when_asked()
    {
        var wire = FramesTsv.Row(1).Wire;
        wire[^2] ^= 0x01;
        Assert.Equal(Jt808FrameStatus.BadCheckCode, Jt808FrameReader.DecodeFrame(wire, new byte[2048]).Status);
        var lenient = Jt808FrameReader.DecodeFrame(wire, new byte[2048], new Jt808FrameReaderOptions { AcceptBadCheckCode = true });
        Assert.True(lenient.IsValid);
        Assert.Equal(Jt808Warnings.BadCheckCode, lenient.Warnings);
    }

    [Fact]
    public void Payload_api_parses_unescaped_bytes()
    {
        // go-jt808 Test_unescape: 7E0200401C…C17E un-escapes to this payload.
        var payload = Convert.FromHexString("0200401c01000000000172998417380000000004000000080007203b7e02633df7013800030063200707192359c1");
        var frame = Jt808FrameReader.DecodePayload(payload);
        Assert.True(frame.IsValid);
        Assert.Equal(Jt808Version.V2019, frame.Header.Version);
        Assert.Equal("00000000017299841738", frame.Header.Phone.ToString());
        Assert.Equal(28, frame.Body.Length);
    }
}
