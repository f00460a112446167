using System.Net;

namespace Appliance.Web.Hosting;

/// <summary>Where and how the web pages and the CTI API are served.</summary>
public sealed class WebServerOptions
{
    /// <summary>The address both listeners bind; 0.0.0.0 for every IPv4 interface.</summary>
    public required IPAddress BindAddress { get; init; }

    /// <summary>The HTTPS port; 0 turns HTTPS off.</summary>
    public required int HttpsPort { get; init; }

    /// <summary>The plain HTTP port, which only redirects to HTTPS while HTTPS is on; 0 turns it off.</summary>
    public required int HttpPort { get; init; }

    /// <summary>The data folder: the certificate lives in <c>web/</c> below it, recordings in
    /// <c>recordings/</c>.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The folder the IVR plays prompts from (<c>name.wav</c>); null on a box without one,
    /// where the prompts page lists nothing and refuses uploads.</summary>
    public string? PromptDirectory { get; init; }

    /// <summary>
    /// For the demo profile: agent ids that get a demo web login (name = extension, password
    /// <c>demo</c>, from loopback only), with <c>admin</c> and <c>supervisor</c>. Null in
    /// production, where nothing works until the setup wizard has set the admin password.
    /// </summary>
    public IReadOnlyList<string>? DemoAgents { get; init; }

    /// <summary>Outgoing webhook URLs that receive every floor event as JSON.</summary>
    public IReadOnlyList<Uri> Webhooks { get; init; } = [];
}
