using System.Globalization;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// Demo agents as SIPp peers: a phone (a SIPp UAS scenario on its own SIP and media ports) and its
/// registration (a second SIPp that REGISTERs the extension with digest auth, Contact = the phone).
/// The demo seed's extensions are 1001-1005 with password sparkle-&lt;extension&gt;.
/// </summary>
public sealed class AgentPhones
{
    private readonly SippRunner _sipp;
    private readonly ApplianceProcess _service;

    public AgentPhones(SippRunner sipp, ApplianceProcess service)
    {
        _sipp = sipp;
        _service = service;
    }

    /// <summary>
    /// Starts the phone of <paramref name="extension"/> with <paramref name="scenario"/> for one call,
    /// with any further <paramref name="phoneArguments"/> (e.g. -set talk 3000), and registers it.
    /// </summary>
    /// <exception cref="Xunit.Sdk.XunitException">The registration did not end in 200.</exception>
    public async Task<AgentPhone> StartAsync(
        string extension,
        string scenario,
        TimeSpan timeout,
        params string[] phoneArguments)
    {
        var sipPort = FreePorts.Sip();
        var mediaPort = FreePorts.Media();
        var media = mediaPort.ToString(CultureInfo.InvariantCulture);
        var phone = _sipp.Start(scenario, sipPort, timeout, ["-m", "1", "-mp", media, .. phoneArguments]);

        var register = await _sipp.Start(
            "agent-register.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(10),
            _service.SipTarget,
            "-s", extension,
            "-au", extension,
            "-ap", $"sparkle-{extension}",
            "-key", "contact_port", sipPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        Assert.True(register.ExitCode == 0, $"Registering {extension} failed.\n{register.Describe()}");

        return new AgentPhone(extension, phone, sipPort, mediaPort);
    }
}
