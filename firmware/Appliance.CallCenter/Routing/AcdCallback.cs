namespace Appliance.CallCenter.Routing;

/// <summary>
/// A callback whose turn has come: it reached the head of its queue, so an agent will be free
/// soon. Telephony dials <paramref name="Number"/> and reports back with
/// <see cref="AutomaticCallDistributor.CallbackAnswered"/> once the caller confirmed, or with
/// <see cref="AutomaticCallDistributor.CallbackFailed"/> or
/// <see cref="AutomaticCallDistributor.CancelCallback"/>.
/// </summary>
/// <param name="CallbackId">The id of the call that left for a callback; it keeps that call's place.</param>
/// <param name="Queue">The queue it waits in.</param>
/// <param name="Number">The number to dial, as the caller confirmed it.</param>
public sealed record AcdCallback(string CallbackId, string Queue, string Number);
