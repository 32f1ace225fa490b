namespace GreenFreight.Server.Infrastructure;

public static class LocalUrl
{
    /// <summary>
    /// Whether <paramref name="url"/> is a path on this site ("/x"), not another host ("//host", "/\\host") — the same
    /// rule as ASP.NET Core's IsLocalUrl, so LocalRedirect never throws on it.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || url[1] != '/' && url[1] != '\\')
        || !string.IsNullOrEmpty(url) && url.Length > 1 && url[0] == '~' && url[1] == '/' && (url.Length == 2 || url[2] != '/' && url[2] != '\\');

    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
