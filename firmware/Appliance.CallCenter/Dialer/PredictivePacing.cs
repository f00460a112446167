namespace Appliance.CallCenter.Dialer;

/// <summary>
/// Predictive mode: dials ahead of free agents, as far as a model of the next few seconds says
/// the abandon rate stays under target.
/// <para>
/// <b>Estimates.</b> From the outcomes the controller observes, exponentially smoothed with
/// weight <see cref="PredictivePacingOptions.Smoothing"/>: the live-answer rate <i>p</i> (live
/// answers, connected or abandoned, per ended attempt; machines, busy, no answer and failures
/// count as not live), the answer delay <i>d</i> (dial to live answer), the talk time <i>T</i>
/// and the wrap-up time <i>W</i> (plain means over the first outcomes), and forgetting
/// histograms (<see cref="PredictivePacingOptions.HistogramSmoothing"/>) of ring time to a live
/// answer or to any other result, of talk time and of wrap-up time.
/// </para>
/// <para>
/// <b>Forecast.</b> An <see cref="AbandonForecast"/> plays out the next
/// <see cref="PredictivePacingOptions.ForecastHorizon"/> in
/// <see cref="PredictivePacingOptions.ForecastScenarios"/> scenarios. In each, every busy agent
/// becomes free at a time drawn from the measured talk and wrap-up histograms conditioned on
/// the time already spent (an agent 8 s into a 10 s wrap-up is nearly free; a talking agent
/// needs its talk to end and then a whole wrap-up), and every call in progress is answered live
/// at a time drawn from the ring-time histogram of live answers, conditioned on how long it has
/// rung, or not at all. Answers in time order take the agents free by then; the rest are
/// abandoned.
/// </para>
/// <para>
/// <b>Decision.</b> For one more call, the forecast gives its expected extra abandons (the
/// marginal): its chance, in each scenario, of a live answer early enough to find every agent
/// taken or to take the agent a later answer needed. The pacing dials while the marginal per
/// live answer the call brings stays at or under the threshold, never more than
/// <see cref="PredictivePacingOptions.MaxCallsPerAgent"/> calls per logged-in agent in all.
/// Calls up to the ready agents are always placed, so the pacing never dials less than
/// progressive would. The marginals of the calls placed are summed in
/// <see cref="ForecastAbandons"/>, to be checked against the abandons measured.
/// </para>
/// <para>
/// <b>Feedback.</b> The marginal call costs more than the average one, so a threshold of the
/// target itself holds the average under it; the measured rate finds how far over the target
/// the marginal may go: the abandon rate
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
    private const double MaxScale = 20.0;

    private readonly PredictivePacingOptions _options;
    private readonly bool[] _window;
    private readonly AbandonForecast _forecast;
    private readonly double[] _cdf;
    private readonly double[] _wrapCdf;
    private readonly double[] _newCallCdf;
    private readonly OutcomeTimeHistogram _liveTimes;
    private readonly OutcomeTimeHistogram _otherTimes;
    private readonly OutcomeTimeHistogram _talkTimes;
    private readonly OutcomeTimeHistogram _wrapTimes;
    private int _windowCount;
    private int _windowNext;
    private int _windowAbandons;
    private int _attemptsEnded;
    private int _liveEnded;
    private int _talksEnded;
    private int _wrapsEnded;
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
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.ForecastScenarios);
        var horizon = _options.ForecastHorizon + _options.AbandonHold;
        var seconds = Math.Max(1, (int)Math.Ceiling(horizon.TotalSeconds));
        _forecast = new AbandonForecast(_options.ForecastScenarios, seconds, _options.AbandonHold);
        _cdf = new double[seconds];
        _wrapCdf = new double[seconds];
        _newCallCdf = new double[seconds];
        _logScale = Math.Log(Math.Clamp(_options.InitialScale, MinScale, MaxScale));
        _liveTimes = new OutcomeTimeHistogram(_options.HistogramSmoothing);
        _otherTimes = new OutcomeTimeHistogram(_options.HistogramSmoothing);
        _talkTimes = new OutcomeTimeHistogram(_options.HistogramSmoothing, TimeSpan.FromSeconds(2), 900);
        _wrapTimes = new OutcomeTimeHistogram(_options.HistogramSmoothing, TimeSpan.FromSeconds(1), 301);
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

    /// <summary>
    /// The abandons the forecast expected of the calls pacing placed, summed over every
    /// decision: each decision adds the expected abandons with its calls less those without
    /// them. With a right forecast it tracks the abandons measured.
    /// </summary>
    public double ForecastAbandons { get; private set; }

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
        StartForecast(snapshot);
        var calls = Math.Clamp(progressive, 0, Math.Max(room, 0));
        for (var i = 0; i < calls; i++)
        {
            ForecastAbandons += _forecast.MarginalAbandons(_newCallCdf, out _);
            AddNewCall();
        }

        // Dial while one more call adds fewer expected abandons, per live answer it brings, than
        // the threshold: the marginal call is the one the abandon budget is spent on.
        var threshold = Threshold;
        while (calls < room)
        {
            var marginal = _forecast.MarginalAbandons(_newCallCdf, out _);
            if (marginal > threshold * AnswerRate)
            {
                break;
            }

            ForecastAbandons += marginal;
            AddNewCall();
            calls++;
        }

        return PacingDecision.Dial(calls);
    }

    public void Observe(in PacingObservation observation)
    {
        var seconds = observation.Duration.TotalSeconds;
        var smoothing = _options.Smoothing;
        switch (observation.Kind)
        {
            case PacingObservationKind.AttemptEnded:
                var live = observation.Result is CallResult.Connected or CallResult.Abandoned;
                _attemptsEnded++;
                AnswerRate += Weight(smoothing, _attemptsEnded) * ((live ? 1.0 : 0.0) - AnswerRate);
                (live ? _liveTimes : _otherTimes).Add(observation.Duration);
                if (live)
                {
                    _liveEnded++;
                    AnswerDelaySeconds += Weight(smoothing, _liveEnded) * (seconds - AnswerDelaySeconds);
                    RecordLiveAnswer(observation.Result == CallResult.Abandoned);
                }

                break;
            case PacingObservationKind.TalkEnded:
                _talksEnded++;
                TalkSeconds += Weight(smoothing, _talksEnded) * (seconds - TalkSeconds);
                _talkTimes.Add(observation.Duration);
                break;
            case PacingObservationKind.WrapUpEnded:
                _wrapsEnded++;
                WrapUpSeconds += Weight(smoothing, _wrapsEnded) * (seconds - WrapUpSeconds);
                _wrapTimes.Add(observation.Duration);
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
    /// The forecast's abandons per expected live answer if <paramref name="newCalls"/> were
    /// dialled on top of the calls of <paramref name="snapshot"/>. Exposed for tests;
    /// <see cref="Decide"/> uses the same steps.
    /// </summary>
    internal double PredictAbandonRate(in PacingSnapshot snapshot, int newCalls)
    {
        StartForecast(snapshot);
        for (var i = 0; i < newCalls; i++)
        {
            AddNewCall();
        }

        var answers = _forecast.ExpectedAnswers;
        return answers <= 0 ? 0 : _forecast.ExpectedAbandons() / answers;
    }

    /// <summary>
    /// The forecast's extra abandons per live answer of one more call dialled on top of
    /// <paramref name="newCalls"/> new calls and the calls of <paramref name="snapshot"/>.
    /// </summary>
    internal double PredictMarginalAbandonRate(in PacingSnapshot snapshot, int newCalls)
    {
        StartForecast(snapshot);
        for (var i = 0; i < newCalls; i++)
        {
            AddNewCall();
        }

        return _forecast.MarginalAbandons(_newCallCdf, out _) / Math.Max(AnswerRate, 1e-6);
    }

    // Every busy agent's time to free and every ringing call's time to a live answer, as
    // per-second cdfs over the horizon, go into the forecast's scenarios.
    private void StartForecast(in PacingSnapshot snapshot)
    {
        var seconds = _forecast.Seconds;
        _forecast.Start(snapshot.AgentsReady);
        FillWrapUpCdf(_wrapCdf, 0);
        foreach (var agent in snapshot.BusyAgents)
        {
            var elapsed = agent.Elapsed.TotalSeconds;
            switch (agent.Phase)
            {
                case AgentPhase.WrappingUp:
                    FillWrapUpCdf(_cdf, elapsed);
                    _forecast.AddAgent(_cdf, []);
                    break;
                case AgentPhase.Talking:
                    for (var s = 0; s < seconds; s++)
                    {
                        _cdf[s] = _talkTimes.IsEmpty
                            ? 1 - Math.Exp(-(s + 1) / Math.Max(TalkSeconds, 1))
                            : _talkTimes.EndsWithin(elapsed, s + 1, TalkSeconds);
                    }

                    _forecast.AddAgent(_cdf, _wrapCdf);
                    break;
            }
        }

        foreach (var elapsed in snapshot.CallsRinging)
        {
            FillAnswerCdf(_cdf, elapsed.TotalSeconds, LiveAnswerChance(elapsed));
            _forecast.AddCall(_cdf);
        }

        // A held call is an answer now, waiting for the next agent free.
        Array.Fill(_cdf, 1.0);
        for (var i = 0; i < snapshot.CallsHeld; i++)
        {
            _forecast.AddCall(_cdf);
        }

        FillAnswerCdf(_newCallCdf, 0, AnswerRate);
    }

    private void AddNewCall() => _forecast.AddCall(_newCallCdf);

    // A call rung for e seconds is answered live by e + t with chance
    // c·(S_live(e) − S_live(e + t)) / S_live(e), c being its chance of a live answer at all.
    private void FillAnswerCdf(double[] cdf, double elapsed, double chance)
    {
        var liveNow = _liveTimes.Survival(elapsed);
        for (var s = 0; s < cdf.Length; s++)
        {
            cdf[s] = liveNow <= 0
                ? 0
                : chance * Math.Clamp((liveNow - _liveTimes.Survival(elapsed + s + 1)) / liveNow, 0, 1);
        }
    }

    // Before any measurement the wrap-up is taken as fixed at its initial estimate.
    private void FillWrapUpCdf(double[] cdf, double elapsed)
    {
        for (var s = 0; s < cdf.Length; s++)
        {
            cdf[s] = _wrapTimes.IsEmpty
                ? (WrapUpSeconds - elapsed <= s + 1 ? 1.0 : 0.0)
                : _wrapTimes.EndsWithin(elapsed, s + 1, WrapUpSeconds);
        }
    }

    // The plain mean of the first outcomes, then the exponential forgetting: a small smoothing
    // weight would otherwise hold the initial guesses for hundreds of calls.
    internal static double Weight(double smoothing, int count) => Math.Max(smoothing, 1.0 / count);

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
