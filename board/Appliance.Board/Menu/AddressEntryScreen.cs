using System.Globalization;
using System.Net;
using Appliance.Board.Panel;

namespace Appliance.Board.Menu;

/// <summary>
/// An IPv4 address entered digit by digit as twelve zero-padded digits (192.168.001.010): Up and
/// Down change the digit under the caret, Enter moves right and past the last digit accepts, Back
/// moves left and from the first digit leaves without a change.
/// </summary>
internal sealed class AddressEntryScreen : IMenuScreen
{
    private const int Digits = 12;

    private readonly string _label;
    private readonly int[] _digits = new int[Digits];
    private readonly Func<IPAddress, string?> _check;
    private readonly Func<IPAddress, IMenuScreen?> _accept;
    private readonly Func<IMenuScreen?> _cancel;
    private int _position;
    private string _problem = string.Empty;

    /// <param name="label">What is entered, such as "Address".</param>
    /// <param name="initial">The value to start from.</param>
    /// <param name="check">Returns a short reason when the value cannot be used, else null.</param>
    /// <param name="accept">Called with the accepted value; returns the next screen.</param>
    /// <param name="cancel">Returns the screen Back leads to from the first digit.</param>
    public AddressEntryScreen(
        string label,
        IPAddress initial,
        Func<IPAddress, string?> check,
        Func<IPAddress, IMenuScreen?> accept,
        Func<IMenuScreen?> cancel)
    {
        _label = label;
        _check = check;
        _accept = accept;
        _cancel = cancel;
        var bytes = initial.GetAddressBytes();
        for (var octet = 0; octet < 4; octet++)
        {
            _digits[octet * 3] = bytes[octet] / 100;
            _digits[(octet * 3) + 1] = bytes[octet] / 10 % 10;
            _digits[(octet * 3) + 2] = bytes[octet] % 10;
        }
    }

    /// <summary>The digits as shown, such as "192.168.001.010".</summary>
    public string Text
    {
        get
        {
            var octets = new string[4];
            for (var octet = 0; octet < 4; octet++)
            {
                octets[octet] = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{_digits[octet * 3]}{_digits[(octet * 3) + 1]}{_digits[(octet * 3) + 2]}");
            }

            return string.Join('.', octets);
        }
    }

    public IReadOnlyList<string> Render()
    {
        // The caret sits under the digit: three digits and a dot per octet.
        var column = _position + (_position / 3);
        return [_label, Text, new string(' ', column) + "^", _problem];
    }

    public IMenuScreen? Handle(ButtonPress press)
    {
        _problem = string.Empty;
        switch (press.Button)
        {
            case PanelButton.Up:
                _digits[_position] = (_digits[_position] + 1) % 10;
                return this;
            case PanelButton.Down:
                _digits[_position] = (_digits[_position] + 9) % 10;
                return this;
            case PanelButton.Back when _position == 0:
                return _cancel();
            case PanelButton.Back:
                _position--;
                return this;
            case PanelButton.Enter when _position < Digits - 1:
                _position++;
                return this;
            default:
                return Finish();
        }
    }

    private IMenuScreen? Finish()
    {
        var bytes = new byte[4];
        for (var octet = 0; octet < 4; octet++)
        {
            var value = (_digits[octet * 3] * 100) + (_digits[(octet * 3) + 1] * 10) + _digits[(octet * 3) + 2];
            if (value > 255)
            {
                _position = octet * 3;
                _problem = "Each part 0-255";
                return this;
            }

            bytes[octet] = (byte)value;
        }

        var address = new IPAddress(bytes);
        if (_check(address) is { } problem)
        {
            _position = 0;
            _problem = problem;
            return this;
        }

        return _accept(address);
    }
}
