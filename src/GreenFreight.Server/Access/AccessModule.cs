namespace GreenFreight.Server.Access;

/// <summary>The Access capability's services and endpoints (one call each from GreenFreightApp).</summary>
public static class AccessModule
{
    public static void AddAccess(IServiceCollection services)
    {
        services.AddSingleton<AccessRuntime>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessRuntime>());
        services.AddSingleton<AccessService>();
    }

    public static void MapAccess(WebApplication app)
    {
        app.MapAccessApi();
    }
}
