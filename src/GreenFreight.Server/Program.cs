using GreenFreight.Server;

// Start-up applies migrations and seeds (DatabaseInitializer) before the server listens, then prints the URL and log-ins.
var app = GreenFreightApp.Build(args);
await app.RunAsync();

/// <summary>Entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
