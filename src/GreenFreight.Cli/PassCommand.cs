using System.Security.Cryptography;
using GreenFreight.Domain.Access;
using GreenFreight.Server;
using GreenFreight.Server.Access;
using GreenFreight.Server.Data;
using Microsoft.Extensions.DependencyInjection;

namespace GreenFreight.Cli;

/// <summary>
/// <c>greenfreight pass verify &lt;token|url&gt; [--public-key key.pem]</c>: checks a pass token's signature offline with
/// the platform's public key (a PEM file, e.g. saved from <c>/api/passes/public-key</c>), or with the key of the
/// configured database when no file is given. <c>greenfreight pass public-key [--out key.pem]</c> writes that key.
/// </summary>
public static class PassCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0) return Usage(error);
        var rest = args[1..];
        string? Option(string name)
        {
            var i = Array.IndexOf(rest, name);
            return i >= 0 && i + 1 < rest.Length ? rest[i + 1] : null;
        }
        var dbOptions = rest.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray();
        switch (args[0])
        {
            case "verify":
            {
                var token = rest.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != Option("--public-key"));
                if (string.IsNullOrWhiteSpace(token)) return Usage(error);
                using var key = ECDsa.Create();
                if (Option("--public-key") is { } file)
                {
                    if (!File.Exists(file)) { error.WriteLine($"文件不存在 file not found: {file}"); return CliApp.Usage; }
                    try { key.ImportFromPem(await File.ReadAllTextAsync(file)); }
                    catch (ArgumentException) { error.WriteLine($"不是 PEM 公钥 not a PEM public key: {file}"); return CliApp.Usage; }
                }
                else
                {
                    var pem = await PublicKeyFromDatabaseAsync(dbOptions);
                    key.ImportFromPem(pem);
                }
                var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
                var check = PassToken.Verify(PassToken.Extract(token), key, today);
                output.WriteLine($"签名 signature: {(check.SignatureValid ? "有效 valid" : "无效 INVALID")} ({check.Status})");
                if (check.Payload is { } p && check.SignatureValid)
                {
                    output.WriteLine($"通行证 pass:    {p.Number}");
                    output.WriteLine($"车牌 plate:     {p.Plate}");
                    output.WriteLine($"类型 kind:      {p.Kind}");
                    output.WriteLine($"有效期 valid:   {p.From} – {p.To}");
                    output.WriteLine($"时段 periods:   {p.Periods}");
                    output.WriteLine($"区域 zones:     {(p.Zones.Length == 0 ? "all" : string.Join(",", p.Zones))}");
                    if (p.Roads is { } roads) output.WriteLine($"道路 roads:     {roads}");
                    output.WriteLine($"签名密钥 key:   {p.KeyId}");
                    output.WriteLine("（离线核验不能得知撤销；在线核验：/pass/verify）(offline checks cannot see revocations; online: /pass/verify)");
                }
                return check.Status == PassTokenStatus.Valid ? CliApp.Ok : CliApp.Failed;
            }
            case "public-key":
            {
                var pem = await PublicKeyFromDatabaseAsync(dbOptions);
                if (Option("--out") is { } outFile)
                {
                    await File.WriteAllTextAsync(outFile, pem);
                    output.WriteLine($"已写出公钥 public key → {Path.GetFullPath(outFile)}");
                }
                else output.Write(pem);
                return CliApp.Ok;
            }
            default:
                return Usage(error);
        }
    }

    static async Task<string> PublicKeyFromDatabaseAsync(string[] options)
    {
        string[] quiet = ["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning"];
        await using var app = GreenFreightApp.Build([.. quiet, .. options]);
        await DatabaseSetup.InitializeAsync(app.Services);
        var keys = app.Services.GetRequiredService<PassKeys>();
        await keys.KeyAsync();
        return keys.PublicKeyPem;
    }

    static int Usage(TextWriter error)
    {
        error.WriteLine("用法 usage: greenfreight pass verify <token|verify-url> [--public-key key.pem] | greenfreight pass public-key [--out key.pem]");
        return CliApp.Usage;
    }
}
