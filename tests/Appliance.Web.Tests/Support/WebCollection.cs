namespace Appliance.Web.Tests.Support;

/// <summary>The browser tests run one at a time: each starts the service and Chromium, which on a
/// two-core machine is load enough.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WebCollection
{
    public const string Name = "Web end to end";
}
