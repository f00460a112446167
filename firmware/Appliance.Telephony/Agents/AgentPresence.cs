using Appliance.CallCenter.Routing;
using Appliance.Sip.Registration;
using Serilog;

namespace Appliance.Telephony.Agents;

/// <summary>
/// Turns registrations into agent availability: an agent is available to the ACD while at
/// least one of its phones is registered.
/// </summary>
internal sealed class AgentPresence
{
    private readonly SipRegistrar _registrar;
    private readonly AutomaticCallDistributor _acd;
    private readonly ILogger _log;
    private readonly HashSet<string> _agents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _available = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public AgentPresence(SipRegistrar registrar, AutomaticCallDistributor acd, ILogger log)
    {
        _registrar = registrar;
        _acd = acd;
        _log = log;
    }

    public void Attach(IEnumerable<string> agentIds)
    {
        foreach (var id in agentIds)
        {
            _agents.Add(id);
        }

        _registrar.BindingAdded += binding => Update(binding.User);
        _registrar.BindingRemoved += binding => Update(binding.User);
    }

    /// <summary>True when <paramref name="user"/> is a configured agent.</summary>
    public bool IsAgent([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? user) =>
        user is not null && _agents.Contains(user);

    private void Update(string user)
    {
        if (!_agents.Contains(user))
        {
            return;
        }

        // The ACD is told under the lock so two registrations racing cannot reach it in the
        // wrong order; it raises its own events after its own lock, never back into us.
        var registered = _registrar.Lookup(user).Count > 0;
        lock (_lock)
        {
            var changed = registered ? _available.Add(user) : _available.Remove(user);
            if (!changed)
            {
                return;
            }

            if (registered)
            {
                _log.Information("Agent {Agent} is available: a phone registered", user);
                _acd.AgentAvailable(user);
            }
            else
            {
                _log.Information("Agent {Agent} is unavailable: no phone registered", user);
                _acd.AgentUnavailable(user);
            }
        }
    }
}
