using System.Device.Gpio;

namespace Appliance.Board.Virtual;

/// <summary>
/// GPIO pins in memory: outputs keep what was written (the LEDs), inputs read what a test or the
/// web panel sets (the buttons), and edges raise the callbacks a real driver would.
/// </summary>
/// <remarks>
/// Inputs opened with a pull-up read high until <see cref="SetInput"/> pulls them low, like a
/// button to ground. Callbacks run on the caller's thread, outside the lock.
/// </remarks>
public sealed class VirtualGpioDriver : GpioDriver
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, PinMode> _modes = [];
    private readonly Dictionary<int, PinValue> _values = [];
    private readonly Dictionary<int, List<(PinEventTypes Types, PinChangeEventHandler Handler)>> _callbacks = [];

    /// <param name="pinCount">How many pins the chip has, numbered from 0.</param>
    public VirtualGpioDriver(int pinCount = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pinCount, 1);
        PinCount = pinCount;
    }

    protected override int PinCount { get; }

    /// <summary>The level of a pin, as last written or set.</summary>
    public PinValue Level(int pinNumber)
    {
        lock (_lock)
        {
            return _values.GetValueOrDefault(pinNumber, PinValue.Low);
        }
    }

    /// <summary>Drives an input pin from outside, raising edge callbacks when it changes.</summary>
    public void SetInput(int pinNumber, PinValue value)
    {
        List<(PinEventTypes Types, PinChangeEventHandler Handler)> handlers;
        lock (_lock)
        {
            var old = _values.GetValueOrDefault(pinNumber, PinValue.Low);
            _values[pinNumber] = value;
            if (old == value || !_callbacks.TryGetValue(pinNumber, out var list))
            {
                return;
            }

            handlers = [.. list];
        }

        var edge = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        foreach (var (types, handler) in handlers)
        {
            if ((types & edge) != 0)
            {
                handler(this, new PinValueChangedEventArgs(edge, pinNumber));
            }
        }
    }

    protected override void OpenPin(int pinNumber)
    {
        CheckPin(pinNumber);
        lock (_lock)
        {
            _modes.TryAdd(pinNumber, PinMode.Input);
            _values.TryAdd(pinNumber, PinValue.Low);
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_lock)
        {
            _modes.Remove(pinNumber);
            _callbacks.Remove(pinNumber);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        CheckPin(pinNumber);
        lock (_lock)
        {
            _modes[pinNumber] = mode;
            if (mode == PinMode.InputPullUp)
            {
                _values[pinNumber] = PinValue.High;
            }
            else if (mode == PinMode.InputPullDown)
            {
                _values[pinNumber] = PinValue.Low;
            }
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_lock)
        {
            return _modes.GetValueOrDefault(pinNumber, PinMode.Input);
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) => Level(pinNumber);

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_lock)
        {
            _values[pinNumber] = value;
        }
    }

    protected override WaitForEventResult WaitForEvent(
        int pinNumber,
        PinEventTypes eventTypes,
        CancellationToken cancellationToken) =>
        throw new NotSupportedException("The virtual GPIO driver raises callbacks; it does not block.");

    protected override void AddCallbackForPinValueChangedEvent(
        int pinNumber,
        PinEventTypes eventTypes,
        PinChangeEventHandler callback)
    {
        lock (_lock)
        {
            if (!_callbacks.TryGetValue(pinNumber, out var list))
            {
                list = [];
                _callbacks[pinNumber] = list;
            }

            list.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_lock)
        {
            if (_callbacks.TryGetValue(pinNumber, out var list))
            {
                list.RemoveAll(c => c.Handler == callback);
            }
        }
    }

    private void CheckPin(int pinNumber)
    {
        if (pinNumber < 0 || pinNumber >= PinCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(pinNumber),
                pinNumber,
                $"the virtual chip has pins 0-{PinCount - 1}");
        }
    }
}
