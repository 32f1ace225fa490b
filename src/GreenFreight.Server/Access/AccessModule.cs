namespace GreenFreight.Server.Access;

/// <summary>The Access capability's services and endpoints (one call each from GreenFreightApp).</summary>
public static class AccessModule
{
    public static void AddAccess(IServiceCollection services)
    {
        services.AddSingleton<AccessRuntime>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessRuntime>());
        services.AddSingleton<AccessService>();
        services.AddSingleton<PassKeys>();
        services.AddSingleton<PassService>();
        services.AddSingleton<BayService>();
        services.AddSingleton<PolicyService>();
        services.AddSingleton<Public.PublicService>();
    }

    public static void MapAccess(WebApplication app)
    {
        app.MapAccessApi();
        app.MapPassApi();
        app.MapBayApi();
        PolicyService.MapPolicyApi(app);
        Public.PublicService.MapPublicApi(app);
    }
}
