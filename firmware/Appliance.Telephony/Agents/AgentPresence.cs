using System.Collections.Frozen;
using Appliance.CallCenter.Routing;
using Appliance.Sip.Registration;
using Appliance.Telephony.Events;
using Serilog;

namespace Appliance.Telephony.Agents;

/// <summary>
/// Turns registrations and readiness into agent availability: an agent is available to the
/// ACD while at least one of its phones is registered and it has not said "not ready".
/// </summary>
internal sealed class AgentPresence
{
    private readonly SipRegistrar _registrar;
    private readonly AutomaticCallDistributor _acd;
    private readonly ILogger _log;
    // Replaced whole when agents are added, so readers on other threads need no lock.
    private volatile FrozenSet<string> _agents = FrozenSet<string>.Empty;
    private readonly HashSet<string> _available = new(StringComparer.Ordinal);
    private readonly HashSet<string> _registered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _notReady = new(StringComparer.Ordinal);
    private readonly TelephonyEventBus? _events;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();

    public AgentPresence(
        SipRegistrar registrar,
        AutomaticCallDistributor acd,
        ILogger log,
        TelephonyEventBus? events = null,
        TimeProvider? time = null)
    {
        _registrar = registrar;
        _acd = acd;
        _log = log;
        _events = events;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Marks the agent ready (calls may be offered once a phone is registered) or not ready with
    /// a reason (no new call is offered; a call in progress goes on).
    /// </summary>
    /// <returns>False when <paramref name="agentId"/> is not a configured agent.</returns>
    public bool SetReady(string agentId, bool ready, string? reason)
    {
        if (!_agents.Contains(agentId))
        {
            return false;
        }

        lock (_lock)
        {
            if (ready)
            {
                _notReady.Remove(agentId);
            }
            else
            {
                _notReady[agentId] = reason;
            }
        }

        _log.Information(
            "Agent {Agent} is {Readiness} {Reason}",
            agentId,
            ready ? "ready" : "not ready",
            reason ?? string.Empty);
        Update(agentId, force: true);
        return true;
    }

    /// <summary>Whether the agent is ready, and the reason it gave when not.</summary>
    public (bool Ready, string? Reason) Readiness(string agentId)
    {
        lock (_lock)
        {
            return _notReady.TryGetValue(agentId, out var reason) ? (false, reason) : (true, null);
        }
    }

    /// <summary>
    /// A remote agent's external number, or null: an agent with one counts as registered (it can
    /// be rung through the trunk) whether or not a phone of its extension is.
    /// </summary>
    public Func<string, string?> RemoteNumber { get; init; } = _ => null;

    public void Attach(IEnumerable<string> agentIds)
    {
        _agents = agentIds.ToFrozenSet(StringComparer.Ordinal);
        _registrar.BindingAdded += binding => Update(binding.User);
        _registrar.BindingRemoved += binding => Update(binding.User);
        foreach (var agentId in _agents)
        {
            if (RemoteNumber(agentId) is not null)
            {
                Update(agentId);
            }
        }
    }

    /// <summary>
    /// Takes agents configured since start (an admin's change); an agent whose phone is already
    /// registered becomes available at once.
    /// </summary>
    public void Add(IEnumerable<string> agentIds)
    {
        var added = agentIds.Where(id => !_agents.Contains(id)).ToList();
        if (added.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            _agents = _agents.Union(added).ToFrozenSet(StringComparer.Ordinal);
        }

        foreach (var id in added)
        {
            Update(id);
        }
    }

    /// <summary>True when <paramref name="user"/> is a configured agent.</summary>
    public bool IsAgent([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? user) =>
        user is not null && _agents.Contains(user);

    private void Update(string user) => Update(user, force: false);

    private void Update(string user, bool force)
    {
        if (!_agents.Contains(user))
        {
            return;
        }

        // The ACD is told under the lock so two registrations racing cannot reach it in the
        // wrong order; it raises its own events after its own lock, never back into us.
        var registered = _registrar.Lookup(user).Count > 0 || RemoteNumber(user) is not null;
        AgentEvent change;
        lock (_lock)
        {
            var ready = !_notReady.TryGetValue(user, out var reason);
            var available = registered && ready;
            var changed = available ? _available.Add(user) : _available.Remove(user);
            var registrationChanged = registered ? _registered.Add(user) : _registered.Remove(user);
            change = new AgentEvent(user, registered, ready, reason, _time.GetUtcNow());
            if (!changed)
            {
                if (force || registrationChanged)
                {
                    _events?.Publish(change);
                }

                return;
            }

            if (available)
            {
                _log.Information("Agent {Agent} is available: a phone registered", user);
                _acd.AgentAvailable(user);
            }
            else
            {
                _log.Information("Agent {Agent} is unavailable: no phone registered or not ready", user);
                _acd.AgentUnavailable(user);
            }

            // Published under the lock too, so subscribers see the changes in the ACD's order.
            _events?.Publish(change);
        }
    }
}
