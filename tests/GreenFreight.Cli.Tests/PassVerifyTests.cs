using System.Security.Cryptography;
using GreenFreight.Cli;
using GreenFreight.Domain.Access;

namespace GreenFreight.Cli.Tests;

public sealed class PassVerifyTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "gf-cli-pass", Guid.NewGuid().ToString("N"));

    public PassVerifyTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = await CliApp.RunAsync(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Verify_offline_with_a_public_key_file_accepts_a_good_token_and_refuses_a_tampered_one()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = Path.Combine(_dir, "key.pem");
        await File.WriteAllTextAsync(pem, key.ExportSubjectPublicKeyInfoPem());
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var token = PassToken.Sign(new PassTokenPayload(1, PassToken.KeyId(key), "LZ-2026-000042", "鲁CD12345", "Temporary",
            today.ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd"), "07:00-09:00", [1], "临淄大道", 0), key);

        var ok = await Run("pass", "verify", $"http://example/pass/verify?t={Uri.EscapeDataString(token)}", "--public-key", pem);
        Assert.Equal(0, ok.Code);
        Assert.Contains("LZ-2026-000042", ok.Out);
        Assert.Contains("鲁CD12345", ok.Out);

        var tampered = token.Replace(token[PassToken.Prefix.Length + 5], token[PassToken.Prefix.Length + 5] == 'A' ? 'B' : 'A');
        var bad = await Run("pass", "verify", tampered, "--public-key", pem);
        Assert.Equal(CliApp.Failed, bad.Code);
        Assert.Contains("INVALID", bad.Out);

        Assert.Equal(CliApp.Usage, (await Run("pass", "verify")).Code);
        Assert.Equal(CliApp.Usage, (await Run("pass", "verify", token, "--public-key", Path.Combine(_dir, "missing.pem"))).Code);
    }

    [Fact]
    public async Task The_databases_public_key_can_be_written_and_used()
    {
        var db = $"--ConnectionStrings:Main=Data Source={Path.Combine(_dir, "gf.db")}";
        var file = Path.Combine(_dir, "pub.pem");
        var r = await Run("pass", "public-key", "--out", file, db, "--Seed:DemoData=false", "--Seed:AdminPassword=Admin#Cli2026");
        Assert.Equal(0, r.Code);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", await File.ReadAllTextAsync(file));
        Assert.DoesNotContain("PRIVATE", await File.ReadAllTextAsync(file));
        // Another key's token does not verify against it.
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = PassToken.Sign(new PassTokenPayload(1, "x", "LZ-1", "鲁C1", "Temporary", "2026-01-01", "2030-01-01", "00:00-24:00", [], null, 0), other);
        Assert.Equal(CliApp.Failed, (await Run("pass", "verify", token, "--public-key", file)).Code);
    }
}
