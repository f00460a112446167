namespace Appliance.CallCenter.Ivr;

/// <summary>
/// The state machine of one call in one IVR menu. Pure: it holds no timers and plays nothing;
/// each input returns the <see cref="IvrAction"/> the call must carry out, and the call reports
/// back when prompts end, digits arrive or its digit timer fires.
/// </summary>
/// <remarks>
/// The menu is offered with its prompts; a digit is accepted while they play (barge-in) or
/// during the digit timeout after them. A valid digit routes to its queue. An invalid digit or
/// a timeout plays the invalid prompt (when the menu has one) and offers the menu again, at most
/// <see cref="IvrMenuDefinition.MaxRepeats"/> times; the next failure routes to the default
/// queue with a null choice. Not thread safe: it belongs to the call that owns it, which feeds
/// it one input at a time.
/// </remarks>
public sealed class IvrSession
{
    private readonly IvrMenuDefinition _menu;
    private readonly IReadOnlyList<string> _repeatPrompts;
    private SessionState _state = SessionState.NotStarted;

    /// <exception cref="ArgumentException">The menu has no default queue, a negative repeat
    /// count or a digit timeout that is not positive.</exception>
    public IvrSession(IvrMenuDefinition menu)
    {
        ArgumentNullException.ThrowIfNull(menu);
        if (string.IsNullOrEmpty(menu.DefaultQueue))
        {
            throw new ArgumentException($"IVR menu '{menu.Name}' has no default queue.", nameof(menu));
        }

        if (menu.MaxRepeats < 0 || menu.DigitTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"IVR menu '{menu.Name}' has {menu.MaxRepeats} repeats and digit timeout "
                + $"{menu.DigitTimeout}; repeats must not be negative and the timeout must be positive.",
                nameof(menu));
        }

        _menu = menu;
        _repeatPrompts = menu.InvalidPrompt is null ? menu.Prompts : [menu.InvalidPrompt, .. menu.Prompts];
    }

    public IvrMenuDefinition Menu => _menu;

    /// <summary>How many times the menu has been offered again after an invalid digit or a timeout.</summary>
    public int Repeats { get; private set; }

    /// <summary>True once a <see cref="RouteToQueue"/> has been returned; later inputs do nothing.</summary>
    public bool IsRouted => _state == SessionState.Routed;

    /// <summary>Offers the menu for the first time.</summary>
    /// <exception cref="InvalidOperationException">The session was already started.</exception>
    public IvrAction Start()
    {
        if (_state != SessionState.NotStarted)
        {
            throw new InvalidOperationException(
                $"The IVR session in menu '{_menu.Name}' was already started.");
        }

        _state = SessionState.Prompting;
        return new PlayPrompts(_menu.Greeting is null ? _menu.Prompts : [_menu.Greeting, .. _menu.Prompts]);
    }

    /// <summary>The prompts of the last <see cref="PlayPrompts"/> have finished playing.</summary>
    public IvrAction PromptsFinished()
    {
        if (_state != SessionState.Prompting)
        {
            return NoAction.Instance;
        }

        _state = SessionState.WaitingForDigit;
        return new WaitForDigit(_menu.DigitTimeout);
    }

    /// <summary>
    /// The caller pressed a DTMF digit, during the prompts or after them. Ignored before
    /// <see cref="Start"/> and after the call was routed.
    /// </summary>
    public IvrAction Digit(char digit)
    {
        if (_state is not (SessionState.Prompting or SessionState.WaitingForDigit))
        {
            return NoAction.Instance;
        }

        if (_menu.Options.TryGetValue(digit, out var queue))
        {
            _state = SessionState.Routed;
            return new RouteToQueue(queue, digit.ToString());
        }

        return OfferAgainOrDefault();
    }

    /// <summary>
    /// The digit timer of the last <see cref="WaitForDigit"/> fired. Ignored in any other
    /// state, so a timer that fires just after a digit does no harm.
    /// </summary>
    public IvrAction DigitTimedOut()
        => _state == SessionState.WaitingForDigit ? OfferAgainOrDefault() : NoAction.Instance;

    private IvrAction OfferAgainOrDefault()
    {
        if (Repeats >= _menu.MaxRepeats)
        {
            _state = SessionState.Routed;
            return new RouteToQueue(_menu.DefaultQueue, null);
        }

        Repeats++;
        _state = SessionState.Prompting;
        return new PlayPrompts(_repeatPrompts);
    }

    private enum SessionState
    {
        NotStarted,
        Prompting,
        WaitingForDigit,
        Routed,
    }
}
