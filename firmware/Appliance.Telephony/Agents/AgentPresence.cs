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

    /// <summary>True when <paramref name="user"/> is an agent with a phone registered from
    /// <paramref name="address"/>.</summary>
    public bool IsRegisteredFrom(string? user, System.Net.IPAddress address)
    {
        if (user is null || !_agents.Contains(user))
        {
            return false;
        }

        foreach (var binding in _registrar.Lookup(user))
        {
            if (binding.Source.Address.Equals(address))
            {
                return true;
            }
        }

        return false;
    }

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
