using System.Net;
using Appliance.Service.Configuration;

namespace Appliance.Service.Web;

/// <summary>
/// The web server's settings: <c>Web:BindAddress</c> (default 0.0.0.0), <c>Web:HttpsPort</c>
/// (8443), <c>Web:HttpPort</c> (8080, redirects to HTTPS), 0 turning a listener off, and
/// <c>Web:Webhooks</c>, a comma-separated list of http(s) URLs that receive every call and
/// agent event.
/// </summary>
public sealed class WebSettings
{
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    public int HttpsPort { get; init; } = 8443;

    public int HttpPort { get; init; } = 8080;

    public IReadOnlyList<Uri> Webhooks { get; init; } = [];

    /// <exception cref="ConfigurationException">A value is invalid; the key is named.</exception>
    internal static WebSettings Load(ConfigurationReader read)
    {
        var https = read.Int("Web:HttpsPort", 8443, 0, 65535);
        var http = read.Int("Web:HttpPort", 8080, 0, 65535);
        if (http != 0 && http == https)
        {
            throw new ConfigurationException("Web:HttpPort", $"{http} is also Web:HttpsPort");
        }

        var hooks = new List<Uri>();
        var list = read.String("Web:Webhooks", " ").Trim();
        foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(item, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ConfigurationException("Web:Webhooks", $"'{item}' is not an http or https URL");
            }

            hooks.Add(uri);
        }

        return new WebSettings
        {
            BindAddress = read.Address("Web:BindAddress", "0.0.0.0")!,
            HttpsPort = https,
            HttpPort = http,
            Webhooks = hooks,
        };
    }
}
