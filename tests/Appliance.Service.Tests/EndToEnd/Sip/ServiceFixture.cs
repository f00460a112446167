using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd.Sip;

/// <summary>
/// One running service shared by the tests of a class whose calls do not disturb each other
/// (each has its own Call-ID and sockets), so the suite pays the start-up once.
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    private ApplianceProcess? _service;

    public ApplianceProcess Service => _service ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _service = await ApplianceProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }
}
