namespace Appliance.Service.Tests.Support;

/// <summary>
/// The end-to-end tests run one after another: each starts a service, SIPp peers and a loopback
/// capture, and on a two-core machine parallel calls would blur each other's timing and captures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "Service end to end";
}
