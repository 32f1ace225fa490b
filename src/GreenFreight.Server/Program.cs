using GreenFreight.Server;

var app = GreenFreightApp.Build(args);
var report = await GreenFreightApp.InitializeAsync(app);
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, report));
await app.RunAsync();

/// <summary>Entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
