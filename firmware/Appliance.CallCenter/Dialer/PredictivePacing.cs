namespace Appliance.CallCenter.Dialer;

/// <summary>
/// Predictive mode: dials ahead of free agents, as far as a model of the next few seconds says
/// the abandon rate stays under target.
/// <para>
/// <b>Estimates.</b> From the outcomes the controller observes, exponentially smoothed with
/// weight <see cref="PredictivePacingOptions.Smoothing"/>: the live-answer rate <i>p</i> (live
/// answers, connected or abandoned, per ended attempt; machines, busy, no answer and failures
/// count as not live), the answer delay <i>d</i> (dial to live answer), the talk time <i>T</i>
/// and the wrap-up time <i>W</i>.
/// </para>
/// <para>
/// <b>Agents free within the horizon.</b> The horizon is <i>d</i>: a call dialled now is
/// answered, if at all, about <i>d</i> from now. A ready agent is free for certain. An agent in
/// wrap-up is counted free when <i>W</i> minus its elapsed wrap-up is within <i>d</i>. A
/// talking agent is free with probability 1 − exp(−(<i>d</i> − <i>W</i>) / <i>T</i>) (talk is
/// taken as memoryless, so its elapsed time does not matter; 0 when <i>d</i> ≤ <i>W</i>).
/// The number of free agents <i>F</i> is therefore a Poisson-binomial variable, computed
/// exactly by convolution.
/// </para>
/// <para>
/// <b>Abandon model.</b> With <i>n</i> calls in progress, the live answers <i>A</i> are taken
/// as Binomial(<i>n</i>, <i>p</i>), independent of <i>F</i>. The calls answered beyond the free
/// agents are abandoned, so the predicted abandon rate is E[(<i>A</i> − <i>F</i>)⁺] / E[<i>A</i>].
/// It is computed in O(<i>n</i> + agents) from the running sum
/// E[(<i>a</i>+1 − <i>F</i>)⁺] = E[(<i>a</i> − <i>F</i>)⁺] + P(<i>F</i> ≤ <i>a</i>).
/// The decision is the largest number of new calls <i>k</i> for which the rate with
/// <i>n</i> = in progress + <i>k</i> stays at or under the threshold, and never more than
/// <see cref="PredictivePacingOptions.MaxCallsPerAgent"/> calls per logged-in agent in all.
/// With <i>n</i> no larger than the ready agents the rate is zero, so the pacing never dials
/// less than progressive would.
/// </para>
/// <para>
/// <b>Feedback.</b> The model leaves out timing (answers spread over the ring time, agents
/// that free just too late), so its error is corrected by the measured rate: the abandon rate
/// over the last <see cref="PredictivePacingOptions.FeedbackWindow"/> live answers steers a
/// scale on the threshold (threshold = target × scale). On each live answer the log of the
/// scale moves by gain × (aim − measured) / target, aim being
/// <see cref="PredictivePacingOptions.FeedbackAim"/> × target: above the aim the pacing backs
/// off, below it the pacing leans in. When the measured rate is over the target itself, the
/// model is not trusted to lean back in: the scale is capped at 1 until it is under again.
/// </para>
/// <para>Until <see cref="PredictivePacingOptions.WarmUpAttempts"/> attempts have ended it
/// paces progressively. Not thread safe: the controller calls it under its lock.</para>
/// </summary>
public sealed class PredictivePacing : IPacingStrategy
{
    private const double MinScale = 0.05;
    private const double MaxScale = 4.0;

    private readonly PredictivePacingOptions _options;
    private readonly bool[] _window;
    private double[] _freePmf = new double[1];
    private double[] _answerPmf = new double[64];
    private readonly OutcomeTimeHistogram _liveTimes;
    private readonly OutcomeTimeHistogram _otherTimes;
    private int _answerCount;
    private double _expectedAnswers;
    private int _windowCount;
    private int _windowNext;
    private int _windowAbandons;
    private int _attemptsEnded;
    private double _logScale;

    /// <exception cref="ArgumentOutOfRangeException">A rate is outside (0, 1), or a count or
    /// time is not positive.</exception>
    public PredictivePacing(PredictivePacingOptions? options = null)
    {
        _options = options ?? new PredictivePacingOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.TargetAbandonRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(_options.TargetAbandonRate, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.Smoothing);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.Smoothing, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.InitialAnswerRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.FeedbackWindow);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxCallsPerAgent, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.InitialScale);
        _window = new bool[_options.FeedbackWindow];
        _logScale = Math.Log(Math.Clamp(_options.InitialScale, MinScale, MaxScale));
        _liveTimes = new OutcomeTimeHistogram(_options.Smoothing);
        _otherTimes = new OutcomeTimeHistogram(_options.Smoothing);
        AnswerRate = _options.InitialAnswerRate;
        AnswerDelaySeconds = _options.InitialAnswerDelay.TotalSeconds;
        TalkSeconds = _options.InitialTalkTime.TotalSeconds;
        WrapUpSeconds = _options.InitialWrapUpTime.TotalSeconds;
    }

    public DialingMode Mode => DialingMode.Predictive;

    public double TargetAbandonRate => _options.TargetAbandonRate;

    /// <summary>Smoothed live answers per ended attempt.</summary>
    public double AnswerRate { get; private set; }

    /// <summary>Smoothed seconds from dial to live answer: the model's horizon.</summary>
    public double AnswerDelaySeconds { get; private set; }

    public double TalkSeconds { get; private set; }

    public double WrapUpSeconds { get; private set; }

    /// <summary>Abandons per live answer over the feedback window (0 before any answer).</summary>
    public double MeasuredAbandonRate => _windowCount == 0 ? 0 : (double)_windowAbandons / _windowCount;

    /// <summary>The threshold the model is held to now: target × the feedback's scale.</summary>
    public double Threshold => _options.TargetAbandonRate * Math.Exp(_logScale);

    public PacingDecision Decide(in PacingSnapshot snapshot)
    {
        var progressive = snapshot.AgentsReady - snapshot.CallsInProgress;
        if (_attemptsEnded < _options.WarmUpAttempts)
        {
            return PacingDecision.Dial(progressive);
        }

        var agents = snapshot.AgentsReady + snapshot.BusyAgents.Count;
        var room = (int)(_options.MaxCallsPerAgent * agents) - snapshot.CallsInProgress;
        FillFreeAgents(snapshot);
        StartAnswers(snapshot);
        var calls = Math.Clamp(progressive, 0, Math.Max(room, 0));
        for (var i = 0; i < calls; i++)
        {
            AddAnswer(AnswerRate);
        }

        var threshold = Threshold;
        while (calls < room)
        {
            AddAnswer(AnswerRate);
            if (RateOfAnswers() > threshold)
            {
                break;
            }

            calls++;
        }

        return PacingDecision.Dial(calls);
    }

    public void Observe(in PacingObservation observation)
    {
        var seconds = observation.Duration.TotalSeconds;
        var alpha = _options.Smoothing;
        switch (observation.Kind)
        {
            case PacingObservationKind.AttemptEnded:
                var live = observation.Result is CallResult.Connected or CallResult.Abandoned;
                _attemptsEnded++;
                AnswerRate += alpha * ((live ? 1.0 : 0.0) - AnswerRate);
                (live ? _liveTimes : _otherTimes).Add(observation.Duration);
                if (live)
                {
                    AnswerDelaySeconds += alpha * (seconds - AnswerDelaySeconds);
                    RecordLiveAnswer(observation.Result == CallResult.Abandoned);
                }

                break;
            case PacingObservationKind.TalkEnded:
                TalkSeconds += alpha * (seconds - TalkSeconds);
                break;
            case PacingObservationKind.WrapUpEnded:
                WrapUpSeconds += alpha * (seconds - WrapUpSeconds);
                break;
        }
    }

    /// <summary>
    /// The chance that a call in progress for <paramref name="elapsed"/> still ends with a live
    /// answer: p·S_live(e) / (p·S_live(e) + (1 − p)·S_other(e)).
    /// </summary>
    public double LiveAnswerChance(TimeSpan elapsed)
    {
        var live = AnswerRate * _liveTimes.Survival(elapsed);
        var other = (1 - AnswerRate) * _otherTimes.Survival(elapsed);
        return live + other <= 0 ? 0 : live / (live + other);
    }

    /// <summary>
    /// The model's abandon rate if <paramref name="newCalls"/> were dialled on top of the calls
    /// of <paramref name="snapshot"/>. Exposed for tests; <see cref="Decide"/> uses the same steps.
    /// </summary>
    internal double PredictAbandonRate(in PacingSnapshot snapshot, int newCalls)
    {
        FillFreeAgents(snapshot);
        StartAnswers(snapshot);
        for (var i = 0; i < newCalls; i++)
        {
            AddAnswer(AnswerRate);
        }

        return RateOfAnswers();
    }

    // The answers A are Poisson-binomial: one Bernoulli per call, with its own chance.
    private void StartAnswers(in PacingSnapshot snapshot)
    {
        _answerCount = 0;
        _expectedAnswers = 0;
        EnsureAnswerRoom(snapshot.CallsInProgress + 1);
        _answerPmf[0] = 1;
        foreach (var elapsed in snapshot.CallsRinging)
        {
            AddAnswer(LiveAnswerChance(elapsed));
        }
    }

    private void AddAnswer(double chance)
    {
        EnsureAnswerRoom(_answerCount + 2);
        _answerCount++;
        _answerPmf[_answerCount] = 0;
        for (var a = _answerCount; a > 0; a--)
        {
            _answerPmf[a] = _answerPmf[a] * (1 - chance) + _answerPmf[a - 1] * chance;
        }

        _answerPmf[0] *= 1 - chance;
        _expectedAnswers += chance;
    }

    // E[(A − F)+] / E[A], with g(a) = E[(a − F)+] grown one answer at a time:
    // g(a + 1) = g(a) + P(F ≤ a).
    private double RateOfAnswers()
    {
        if (_expectedAnswers <= 0)
        {
            return 0;
        }

        double expectedAbandons = 0, g = 0, freeCdf = 0;
        for (var a = 0; a <= _answerCount; a++)
        {
            expectedAbandons += _answerPmf[a] * g;
            freeCdf += a < _freePmf.Length ? _freePmf[a] : 0;
            g += freeCdf;
        }

        return expectedAbandons / _expectedAnswers;
    }

    private void EnsureAnswerRoom(int size)
    {
        if (_answerPmf.Length < size)
        {
            Array.Resize(ref _answerPmf, Math.Max(size, _answerPmf.Length * 2));
        }
    }

    private void FillFreeAgents(in PacingSnapshot snapshot)
    {
        var busy = snapshot.BusyAgents;
        var ready = snapshot.AgentsReady;
        if (_freePmf.Length < ready + busy.Count + 1)
        {
            _freePmf = new double[ready + busy.Count + 1];
        }

        Array.Clear(_freePmf);
        _freePmf[ready] = 1.0;
        var horizon = AnswerDelaySeconds;
        var top = ready;
        foreach (var agent in busy)
        {
            var q = agent.Phase switch
            {
                AgentPhase.WrappingUp => WrapUpSeconds - agent.Elapsed.TotalSeconds <= horizon ? 1.0 : 0.0,
                AgentPhase.Talking when horizon > WrapUpSeconds
                    => 1 - Math.Exp(-(horizon - WrapUpSeconds) / Math.Max(TalkSeconds, 1)),
                _ => 0.0,
            };
            if (q <= 0)
            {
                continue;
            }

            // Convolution with one Bernoulli(q), from the top down so it works in place.
            top++;
            for (var f = top; f > ready; f--)
            {
                _freePmf[f] = _freePmf[f] * (1 - q) + _freePmf[f - 1] * q;
            }

            _freePmf[ready] *= 1 - q;
        }
    }

    private void RecordLiveAnswer(bool abandoned)
    {
        if (_windowCount == _window.Length)
        {
            _windowAbandons -= _window[_windowNext] ? 1 : 0;
        }
        else
        {
            _windowCount++;
        }

        _window[_windowNext] = abandoned;
        _windowAbandons += abandoned ? 1 : 0;
        _windowNext = (_windowNext + 1) % _window.Length;

        var target = _options.TargetAbandonRate;
        var measured = MeasuredAbandonRate;
        _logScale += _options.FeedbackGain * (_options.FeedbackAim * target - measured) / target;
        var ceiling = measured > target ? 0.0 : Math.Log(MaxScale);
        _logScale = Math.Clamp(_logScale, Math.Log(MinScale), ceiling);
    }
}
