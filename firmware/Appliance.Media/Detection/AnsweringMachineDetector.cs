namespace Appliance.Media.Detection;

/// <summary>
/// Tells a person from an answering machine by the first seconds of audio after the answer,
/// from speech and silence durations alone: a person says a short "hello?" and waits; a machine
/// plays a greeting of several seconds with only short pauses. Frames are 20 ms of 8 kHz linear
/// PCM; a frame is speech when its level is over <see cref="AnsweringMachineOptions.SpeechLevelDb"/>.
/// Once decided the result stays. Not thread safe: one detector per call, fed by its media thread.
/// </summary>
public sealed class AnsweringMachineDetector
{
    private const int FrameMs = 20;

    private readonly AnsweringMachineOptions _options;
    private readonly short[] _pending = new short[FrameAnalysis.FrameSamples];
    private int _pendingCount;
    private int _frames;
    private int _greetingStart = -1;
    private int _lastSpeech = -1;
    private int _speechRun;

    public AnsweringMachineDetector(AnsweringMachineOptions? options = null)
        => _options = options ?? new AnsweringMachineOptions();

    public AnsweringMachineResult Result { get; private set; } = AnsweringMachineResult.Pending;

    /// <summary>How much audio was analysed until the result (or so far).</summary>
    public TimeSpan Analysed => TimeSpan.FromMilliseconds(_frames * FrameMs);

    /// <summary>Feeds audio of any length; returns the result so far.</summary>
    public AnsweringMachineResult Feed(ReadOnlySpan<short> samples)
    {
        while (!samples.IsEmpty && Result == AnsweringMachineResult.Pending)
        {
            var take = Math.Min(samples.Length, _pending.Length - _pendingCount);
            samples[..take].CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += take;
            samples = samples[take..];
            if (_pendingCount == _pending.Length)
            {
                _pendingCount = 0;
                Frame(FrameAnalysis.LevelDb(_pending) >= _options.SpeechLevelDb);
            }
        }

        return Result;
    }

    private void Frame(bool speech)
    {
        var now = _frames++;
        _speechRun = speech ? _speechRun + 1 : 0;
        var minWord = Frames(_options.MinWord);

        // A word counts once it lasted MinWord, from its first frame; the greeting runs from the
        // first word to the last speech, pauses shorter than AfterGreetingSilence included.
        if (_speechRun >= minWord)
        {
            if (_greetingStart < 0)
            {
                _greetingStart = now - _speechRun + 1;
            }

            _lastSpeech = now;
        }

        if (_greetingStart < 0)
        {
            if (_frames >= Frames(_options.MaxInitialSilence))
            {
                Result = AnsweringMachineResult.NotSure;
            }
        }
        else if (_lastSpeech - _greetingStart + 1 > Frames(_options.MaxHumanGreeting))
        {
            Result = AnsweringMachineResult.Machine;
        }
        else if (now - _lastSpeech >= Frames(_options.AfterGreetingSilence))
        {
            Result = AnsweringMachineResult.Human;
        }

        if (Result == AnsweringMachineResult.Pending && _frames >= Frames(_options.MaxAnalysis))
        {
            Result = AnsweringMachineResult.NotSure;
        }
    }

    private static int Frames(TimeSpan time) => Math.Max(1, (int)Math.Round(time.TotalMilliseconds / FrameMs));
}
