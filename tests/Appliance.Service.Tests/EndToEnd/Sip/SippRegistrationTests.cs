using System.Globalization;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd.Sip;

/// <summary>SIPp phones registering with the running service, with the exact answers each gets.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SippRegistrationTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    private ApplianceProcess Service => fixture.Service;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task WrongPasswordGets401TwiceAndTheRightOneThenRegisters()
    {
        var sipp = new SippRunner(Service.Root);
        var contactPort = FreePorts.Sip().ToString(CultureInfo.InvariantCulture);

        var wrong = await Register(sipp, "agent-register-rejected.xml", "not-the-password", contactPort).WaitAsync();
        var right = await Register(sipp, "agent-register.xml", "sparkle-1003", contactPort).WaitAsync();

        Assert.True(wrong.ExitCode == 0, wrong.Describe());
        Assert.Equal([401, 401], wrong.StatusCodesOncePerRequest);
        Assert.True(right.ExitCode == 0, right.Describe());
        Assert.Equal([401, 200], right.StatusCodesOncePerRequest);
        var ok = right.Received[^1];
        Assert.Contains($":{contactPort}", SippResult.Header(ok, "Contact"), StringComparison.Ordinal);
    }

    private SippPeer Register(SippRunner sipp, string scenario, string password, string contactPort) =>
        sipp.Start(
            scenario,
            FreePorts.Sip(),
            s_timeout,
            Service.SipTarget,
            "-s", "1003",
            "-au", "1003",
            "-ap", password,
            "-key", "contact_port", contactPort,
            "-m", "1");
}
