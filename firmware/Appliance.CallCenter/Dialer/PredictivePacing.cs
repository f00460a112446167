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
/// <b>Forecast.</b> The model follows the next <see cref="PredictivePacingOptions.ForecastHorizon"/>
/// in 2-second steps. At each step <i>t</i>, <i>F</i>(<i>t</i>) is the number of agents free by
/// <i>t</i>: the ready ones, plus one Bernoulli per busy agent whose chance comes from the
/// measured talk and wrap-up histograms conditioned on the time already spent (an agent 8 s into
/// a 10 s wrap-up is nearly free; a talking agent needs its talk to end and then a wrap-up).
/// <i>A</i>(<i>t</i>) is the number of live answers by <i>t</i>: one Bernoulli per call, from
/// the measured ring-time histogram of live answers, conditioned for calls already ringing on
/// how long they have rung. Both are Poisson-binomial, computed exactly by convolution.
/// </para>
/// <para>
/// <b>Abandon model.</b> An answer finding no free agent is abandoned, so the abandons of the
/// horizon are sup over <i>t</i> of (<i>A</i>(<i>t</i>) − <i>F</i>(<i>t</i>))⁺; the model takes
/// the largest E[(<i>A</i>(<i>t</i>) − <i>F</i>(<i>t</i>))⁺], a lower bound, per expected live
/// answer as the predicted abandon rate. The decision is the largest number of new calls for
/// which that rate stays at or under the threshold, never more than
/// <see cref="PredictivePacingOptions.MaxCallsPerAgent"/> calls per logged-in agent in all.
/// Calls up to the ready agents are always placed, so the pacing never dials less than
/// progressive would.
/// </para>
/// <para>
/// <b>Feedback.</b> The bound under-counts (answers bunch, agents free just too late), so its
/// error is corrected by the measured rate: the abandon rate
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
    private static readonly TimeSpan s_forecastStep = TimeSpan.FromSeconds(2);

    private readonly PredictivePacingOptions _options;
    private readonly bool[] _window;
    private readonly double[] _points;
    private double[] _freePmf = new double[1];
    private double[] _answerPmf = new double[64];
    private int _freeSize;
    private int _answerStride = 2;
    private readonly OutcomeTimeHistogram _liveTimes;
    private readonly OutcomeTimeHistogram _otherTimes;
    private readonly OutcomeTimeHistogram _talkTimes;
    private readonly OutcomeTimeHistogram _wrapTimes;
    private int _answerCount;
    private double _expectedAnswers;
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
        var step = s_forecastStep.TotalSeconds;
        _points = new double[Math.Max(1, (int)Math.Ceiling(_options.ForecastHorizon.TotalSeconds / step))];
        for (var j = 0; j < _points.Length; j++)
        {
            _points[j] = (j + 1) * step;
        }
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
            AddNewCall();
        }

        var threshold = Threshold;
        while (calls < room)
        {
            AddNewCall();
            if (ForecastRate() > threshold)
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
    /// The model's abandon rate if <paramref name="newCalls"/> were dialled on top of the calls
    /// of <paramref name="snapshot"/>. Exposed for tests; <see cref="Decide"/> uses the same steps.
    /// </summary>
    internal double PredictAbandonRate(in PacingSnapshot snapshot, int newCalls)
    {
        StartForecast(snapshot);
        for (var i = 0; i < newCalls; i++)
        {
            AddNewCall();
        }

        return ForecastRate();
    }

    // At every point t of the forecast: F(t), the agents free by t, from the ready ones and one
    // Bernoulli per busy agent; A(t), the live answers by t, one Bernoulli per ringing call.
    private void StartForecast(in PacingSnapshot snapshot)
    {
        var points = _points.Length;
        var ready = snapshot.AgentsReady;
        var busy = snapshot.BusyAgents;
        _answerCount = 0;
        _expectedAnswers = 0;
        _freeSize = ready + busy.Count + 1;
        EnsureRoom(ref _freePmf, points * _freeSize);
        EnsureRoom(ref _answerPmf, points * (snapshot.CallsInProgress + 2));
        _answerStride = Math.Max(_answerStride, snapshot.CallsInProgress + 2);
        EnsureRoom(ref _answerPmf, points * _answerStride);
        Array.Clear(_freePmf, 0, points * _freeSize);
        for (var j = 0; j < points; j++)
        {
            var free = _freePmf.AsSpan(j * _freeSize, _freeSize);
            free[ready] = 1.0;
            var top = ready;
            foreach (var agent in busy)
            {
                var q = FreeChance(agent, _points[j]);
                if (q <= 0)
                {
                    continue;
                }

                // Convolution with one Bernoulli(q), from the top down so it works in place.
                top++;
                for (var f = top; f > ready; f--)
                {
                    free[f] = free[f] * (1 - q) + free[f - 1] * q;
                }

                free[ready] *= 1 - q;
            }

            _answerPmf[j * _answerStride] = 1;
        }

        foreach (var elapsed in snapshot.CallsRinging)
        {
            AddCall(elapsed.TotalSeconds, LiveAnswerChance(elapsed));
        }
    }

    private void AddNewCall() => AddCall(-1, AnswerRate);

    // A call rung for `elapsed` seconds (−1: not dialled yet) is answered live by t with chance
    // p·(S_live(e) − S_live(e + t)) / (p·S_live(e) + (1 − p)·S_other(e)).
    private void AddCall(double elapsed, double eventualChance)
    {
        if (_answerCount + 2 > _answerStride)
        {
            GrowAnswerStride(Math.Max(_answerCount + 2, _answerStride * 2));
        }

        var e = Math.Max(elapsed, 0);
        var liveNow = _liveTimes.Survival(e);
        _answerCount++;
        for (var j = 0; j < _points.Length; j++)
        {
            var chance = liveNow <= 0
                ? 0
                : eventualChance * Math.Clamp((liveNow - _liveTimes.Survival(e + _points[j])) / liveNow, 0, 1);
            var answers = _answerPmf.AsSpan(j * _answerStride, _answerStride);
            answers[_answerCount] = 0;
            for (var a = _answerCount; a > 0; a--)
            {
                answers[a] = answers[a] * (1 - chance) + answers[a - 1] * chance;
            }

            answers[0] *= 1 - chance;
        }

        _expectedAnswers += eventualChance;
    }

    // Answers beyond the free agents are abandoned; the abandons by the end are
    // sup over t of (A(t) − F(t))+, whose expectation is at least the largest E[(A(t) − F(t))+].
    // Each is computed with g(a) = E[(a − F)+] grown one answer at a time: g(a + 1) = g(a) + P(F ≤ a).
    private double ForecastRate()
    {
        if (_expectedAnswers <= 0)
        {
            return 0;
        }

        double worst = 0;
        for (var j = 0; j < _points.Length; j++)
        {
            var answers = _answerPmf.AsSpan(j * _answerStride, _answerStride);
            var free = _freePmf.AsSpan(j * _freeSize, _freeSize);
            double expectedAbandons = 0, g = 0, freeCdf = 0;
            for (var a = 0; a <= _answerCount; a++)
            {
                expectedAbandons += answers[a] * g;
                freeCdf += a < free.Length ? free[a] : 0;
                g += freeCdf;
            }

            worst = Math.Max(worst, expectedAbandons);
        }

        return worst / _expectedAnswers;
    }

    private void GrowAnswerStride(int stride)
    {
        var grown = new double[_points.Length * stride];
        for (var j = 0; j < _points.Length; j++)
        {
            Array.Copy(_answerPmf, j * _answerStride, grown, j * stride, _answerCount + 1);
        }

        _answerPmf = grown;
        _answerStride = stride;
    }

    // The plain mean of the first outcomes, then the exponential forgetting: a small smoothing
    // weight would otherwise hold the initial guesses for hundreds of calls.
    internal static double Weight(double smoothing, int count) => Math.Max(smoothing, 1.0 / count);

    private static void EnsureRoom(ref double[] array, int size)
    {
        if (array.Length < size)
        {
            Array.Resize(ref array, Math.Max(size, array.Length * 2));
        }
    }

    /// <summary>
    /// The chance that a busy agent is free within <paramref name="horizon"/> seconds, from the
    /// measured distributions of talk and wrap-up conditioned on the time already spent (a call
    /// that has lasted long has less left of a long-tailed distribution than a fresh one).
    /// Before any measurement: wrap-up is taken as fixed and talk as memoryless.
    /// </summary>
    private double FreeChance(AgentActivity agent, double horizon)
    {
        var elapsed = agent.Elapsed.TotalSeconds;
        switch (agent.Phase)
        {
            case AgentPhase.WrappingUp:
                return _wrapTimes.IsEmpty
                    ? (WrapUpSeconds - elapsed <= horizon ? 1.0 : 0.0)
                    : _wrapTimes.EndsWithin(elapsed, horizon, WrapUpSeconds);
            case AgentPhase.Talking when horizon > WrapUpSeconds:
                return _talkTimes.IsEmpty
                    ? 1 - Math.Exp(-(horizon - WrapUpSeconds) / Math.Max(TalkSeconds, 1))
                    : _talkTimes.EndsWithin(elapsed, horizon - WrapUpSeconds, TalkSeconds);
            default:
                return 0.0;
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
