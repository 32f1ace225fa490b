using GreenFreight.Server.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GreenFreight.Server;

/// <summary>Prints where the platform listens and how to log in, once the server has started.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app, SeedReport report)
    {
        var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var w = Console.Out;
        w.WriteLine();
        w.WriteLine("==============================================================");
        w.WriteLine(" GreenFreight 临淄区城市绿色货运配送公共信息服务平台");
        w.WriteLine("==============================================================");
        foreach (var u in urls) w.WriteLine($" URL:       {u}/   (API docs: {u}/api/docs)");
        var gateway = app.Services.GetRequiredService<Tracking.Jt808Gateway>().BoundEndPoint;
        if (gateway.IsCompletedSuccessfully) w.WriteLine($" JT/T 808:  tcp port {gateway.Result.Port}");
        w.WriteLine($" Database:  {report.Provider} {report.Database}");
        if (report.DemoDataCreated) w.WriteLine(" Demo data: Linzi demo data generated (marked 演示数据)");
        w.WriteLine(" Log-ins:");
        foreach (var l in report.Logins)
        {
            var pw = l.UserName == DatabaseSetup.AdminUser ? report.GeneratedAdminPassword : report.GeneratedDemoPassword;
            var pwText = pw is not null ? $"password {pw}"
                : l.UserName == DatabaseSetup.AdminUser ? "password: Seed__AdminPassword or as printed at first start"
                : "password: Seed__DemoPassword or as printed at first start";
            w.WriteLine($"   {l.UserName,-8} {l.Role,-10} {pwText}   ({l.Description})");
        }
        if (report.PasswordFile is not null) w.WriteLine($" Generated passwords saved to {report.PasswordFile}");
        w.WriteLine("==============================================================");
        w.Flush();
    }
}
